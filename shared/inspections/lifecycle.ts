/**
 * The inspection's life as pure functions: each takes the inspection as read, who acts and what they said, and
 * returns the inspection to save (or throws a DomainError). The store saves it only if nobody changed it meanwhile.
 */
import type { Principal } from '../auth/principal.ts';
import type { CreateInspectionInput, RecordResultsInput, ReviewRectificationInput, SubmitRectificationInput } from '../api/schemas.ts';
import { DomainError } from '../domain-error.ts';
import { isAssignedInspector, isInspectedCompany, requireAccess, supervisesInspection } from './access.ts';
import type { Entity, EvidenceObject, Inspection, InspectionStatus, Inspector, Rectification } from './model.ts';

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function requireStatus(inspection: Inspection, allowed: InspectionStatus[], action: string): void {
  if (!allowed.includes(inspection.status)) {
    throw new DomainError('conflict', 'wrong_status', `Cannot ${action} while the inspection is "${inspection.status}".`, {
      status: inspection.status,
      allowed,
    });
  }
}

/** Builds a new inspection; every assigned inspector must exist, be active and belong to one of its departments. */
export function planInspection(args: {
  id: string;
  input: CreateInspectionInput;
  entity: Entity | undefined;
  inspectors: Inspector[];
  principal: Principal;
  now: string;
}): Inspection {
  const { id, input, entity, inspectors, principal, now } = args;
  requireAccess(
    supervisesInspection(input, principal),
    `A supervisor of ${principal.department ?? 'this'} department can only plan inspections that include that department.`,
  );
  if (!entity) throw new DomainError('invalid', 'unknown_entity', `No entity with id "${input.entityId}"; register it first with PUT /entities/{id}.`);
  const byId = new Map(inspectors.map((i) => [i.id, i]));
  const problems = input.inspectorIds.flatMap((inspectorId) => {
    const inspector = byId.get(inspectorId);
    if (!inspector) return [{ inspectorId, reason: 'no such inspector; register with PUT /inspectors/{id}' }];
    if (!inspector.active) return [{ inspectorId, reason: 'inspector is not active' }];
    if (!input.departments.includes(inspector.department))
      return [{ inspectorId, reason: `inspector belongs to "${inspector.department}", which is not among the inspection's departments` }];
    return [];
  });
  if (problems.length > 0) throw new DomainError('invalid', 'inspectors_rejected', 'Some assigned inspectors cannot take this inspection.', problems);
  return {
    id,
    entityId: entity.id,
    entityName: entity.name,
    departments: input.departments,
    items: input.items,
    window: input.window,
    inspectors: input.inspectorIds.map((inspectorId) => {
      const { name, department, certificateNo } = byId.get(inspectorId)!;
      return { id: inspectorId, name, department, certificateNo };
    }),
    contact: input.contact,
    status: 'scheduled',
    createdBy: principal.subject,
    createdAt: now,
    updatedAt: now,
    version: 1,
    rectifications: [],
  };
}

/** The company confirms the inspectors are on site: that is the check-in. Confirming twice changes nothing. */
export function checkIn(inspection: Inspection, principal: Principal, now: string): Inspection {
  requireAccess(isInspectedCompany(inspection, principal), 'Only the inspected company confirms the visit.');
  if (inspection.checkedIn) return inspection;
  requireStatus(inspection, ['scheduled'], 'confirm the visit');
  return { ...inspection, status: 'on-site', checkedIn: { by: principal.subject, at: now }, updatedAt: now };
}

/** An assigned inspector records the outcome once; sending the same result again is a harmless retry. */
export function recordResults(inspection: Inspection, principal: Principal, input: RecordResultsInput, now: string, evidence: EvidenceObject[] = []): Inspection {
  requireAccess(isAssignedInspector(inspection, principal), 'Only an inspector assigned to this inspection records its results.');
  const { outcome, findings } = input;
  if (inspection.result) {
    const same = sameJson({ outcome: inspection.result.outcome, findings: inspection.result.findings }, { outcome, findings });
    if (same) return inspection;
    throw new DomainError('conflict', 'results_recorded', 'Results were already recorded for this inspection and cannot be replaced.');
  }
  requireStatus(inspection, ['scheduled', 'on-site'], 'record results');
  return {
    ...inspection,
    status: outcome === 'compliant' ? 'closed' : 'rectifying',
    result: { outcome, findings, ...(evidence.length ? { evidence } : {}), recordedBy: principal.inspectorId!, recordedAt: now },
    updatedAt: now,
  };
}

/**
 * The company submits what it fixed. Only one submission waits for review at a time; re-sending the same
 * submission (a retry) returns the one already waiting.
 */
export function submitRectification(
  inspection: Inspection,
  principal: Principal,
  input: SubmitRectificationInput,
  submission: { id: string; evidenceKey: (index: number, name: string) => string },
  now: string,
): { inspection: Inspection; rectification: Rectification } {
  requireAccess(isInspectedCompany(inspection, principal), 'Only the inspected company submits rectification.');
  const waiting = inspection.rectifications.find((r) => r.status === 'submitted');
  if (waiting && waiting.note === input.note && sameJson(waiting.evidence.map(({ key: _key, ...file }) => file), input.files)) {
    return { inspection, rectification: waiting };
  }
  requireStatus(inspection, ['rectifying'], 'submit rectification');
  const rectification: Rectification = {
    id: submission.id,
    note: input.note,
    evidence: input.files.map((file, index) => ({ ...file, key: submission.evidenceKey(index, file.name) })),
    submittedBy: principal.subject,
    submittedAt: now,
    status: 'submitted',
  };
  return {
    inspection: { ...inspection, status: 'under-review', rectifications: [...inspection.rectifications, rectification], updatedAt: now },
    rectification,
  };
}

/** An assigned inspector accepts (the inspection closes) or rejects (the company rectifies again). */
export function reviewRectification(
  inspection: Inspection,
  principal: Principal,
  submissionId: string,
  input: ReviewRectificationInput,
  now: string,
): Inspection {
  requireAccess(isAssignedInspector(inspection, principal), 'Only an inspector assigned to this inspection reviews rectification.');
  const target = inspection.rectifications.find((r) => r.id === submissionId);
  if (!target) throw new DomainError('not-found', 'not_found', `No rectification "${submissionId}" on this inspection.`);
  if (target.status !== 'submitted') {
    if (target.status === input.decision && target.review?.comment === input.comment) return inspection;
    throw new DomainError('conflict', 'already_reviewed', `This rectification was already ${target.status}.`);
  }
  const review = { by: principal.inspectorId!, at: now, ...(input.comment ? { comment: input.comment } : {}) };
  return {
    ...inspection,
    status: input.decision === 'accepted' ? 'closed' : 'rectifying',
    rectifications: inspection.rectifications.map((r) => (r.id === submissionId ? { ...r, status: input.decision, review } : r)),
    updatedAt: now,
  };
}

/** Whether two date windows share a day. */
export const windowsOverlap = (a: { start: string; end: string }, b: { start: string; end: string }) => a.start <= b.end && b.start <= a.end;

/** A visit that another department's plan or draw may still join: not started, and in an overlapping window. */
export const joinableVisit = (candidates: Inspection[], window: { start: string; end: string }) =>
  candidates.find((i) => i.status === 'scheduled' && windowsOverlap(i.window, window));

/**
 * Joins another department's visit to this one ("inspect once, cover all"): one inspection and one code, the
 * union of departments and check items, the newcomers' inspectors added. Joining twice changes nothing.
 */
export function joinVisit(
  inspection: Inspection,
  addition: Pick<Inspection, 'departments' | 'items' | 'inspectors'> & { drawId?: string },
  now: string,
): Inspection {
  if (addition.drawId && inspection.drawIds?.includes(addition.drawId)) return inspection;
  const union = (a: string[], b: string[]) => [...a, ...b.filter((x) => !a.includes(x))];
  const inspectors = [...inspection.inspectors, ...addition.inspectors.filter((a) => !inspection.inspectors.some((i) => i.id === a.id))];
  const joined = {
    ...inspection,
    departments: union(inspection.departments, addition.departments),
    items: union(inspection.items, addition.items),
    inspectors,
    ...(addition.drawId ? { drawIds: [...(inspection.drawIds ?? []), addition.drawId] } : {}),
  };
  const unchanged = joined.departments.length === inspection.departments.length && joined.items.length === inspection.items.length && inspectors.length === inspection.inspectors.length && !addition.drawId;
  return unchanged ? inspection : { ...joined, updatedAt: now };
}
