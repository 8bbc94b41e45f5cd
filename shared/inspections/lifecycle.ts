/**
 * The inspection's life as pure functions: each takes the inspection as read, who acts and what they said, and
 * returns the inspection to save (or throws a DomainError). The store saves it only if nobody changed it meanwhile.
 */
import type { Principal } from '../auth/principal.ts';
import type { CodeStatus } from '../codes/code.ts';
import { limits, type CreateInspectionInput, type RecordResultsInput, type ReviewRectificationInput, type SubmitRectificationInput } from '../api/schemas.ts';
import { DomainError } from '../domain-error.ts';
import { ineligibilityWords, standingOf, type Ineligibility } from '../draws/eligibility.ts';
import { isAssignedInspector, isInspectedCompany, requireAccess, supervisesWholeVisit } from './access.ts';
import type { Entity, EvidenceObject, Inspection, InspectionPart, InspectionResult, InspectionStatus, Inspector, Justification, Rectification } from './model.ts';

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function requireStatus(inspection: Inspection, allowed: InspectionStatus[], action: string): void {
  if (!allowed.includes(inspection.status)) {
    throw new DomainError('conflict', 'wrong_status', `Cannot ${action} while the inspection is "${inspection.status}".`, {
      status: inspection.status,
      allowed,
    });
  }
}

/** An assigned inspector a plan may not have, with why (the eligibility rule's codes, or unknown / inactive). */
export interface RejectedInspector {
  inspectorId: string;
  name?: string;
  reasons: Array<Ineligibility | 'unknown' | 'inactive'>;
  /** The reasons in English. */
  reason: string;
}

/**
 * Builds a new inspection; every assigned inspector must exist, be active and pass the eligibility rule
 * (shared/draws/eligibility.ts) as `reasonsOf` judges them. Department, qualification and recusal refuse them for
 * every supervisor, city-wide ones included; the justifiable reasons only with the plan's written justification,
 * which the inspection keeps. Each department named gets its own part, so the supervisor must act for every one of
 * them; departments plan a joint visit by each planning their own part, which joins the visit already planned.
 */
export function planInspection(args: {
  id: string;
  input: CreateInspectionInput;
  entity: Entity | undefined;
  inspectors: Inspector[];
  reasonsOf: (inspector: Inspector) => Ineligibility[];
  principal: Principal;
  now: string;
}): Inspection {
  const { id, input, entity, inspectors, reasonsOf, principal, now } = args;
  requireAccess(
    supervisesWholeVisit(input, principal),
    `A supervisor of ${principal.department ?? 'this'} department plans only that department's part; each other department plans its own, and the plans join into one visit.`,
  );
  if (!entity) throw new DomainError('invalid', 'unknown_entity', `No entity with id "${input.entityId}"; register it first with PUT /entities/{id}.`);
  const byId = new Map(inspectors.map((i) => [i.id, i]));
  const problems: RejectedInspector[] = [];
  const justified: Justification['inspectors'] = [];
  for (const inspectorId of input.inspectorIds) {
    const inspector = byId.get(inspectorId);
    if (!inspector) {
      problems.push({ inspectorId, reasons: ['unknown'], reason: 'no such inspector; register with PUT /inspectors/{id}' });
      continue;
    }
    const reasons = inspector.active ? reasonsOf(inspector) : [];
    const standing = standingOf(reasons);
    if (!inspector.active) problems.push({ inspectorId, name: inspector.name, reasons: ['inactive'], reason: 'inspector is not active' });
    else if (standing === 'refused' || (standing === 'needs-justification' && !input.justification)) {
      const words = reasons.map((reason) => ineligibilityWords[reason]).join(', ');
      problems.push({ inspectorId, name: inspector.name, reasons, reason: standing === 'refused' ? words : `${words}: assign only with a written justification` });
    } else if (standing === 'needs-justification') justified.push({ id: inspectorId, name: inspector.name, reasons });
  }
  if (problems.length > 0) {
    const named = problems.map((p) => `${p.name ?? p.inspectorId} (${p.reason})`).join('; ');
    throw new DomainError('invalid', 'inspectors_rejected', `Some assigned inspectors cannot take this inspection: ${named}.`, problems);
  }
  const justifications = input.justification && justified.length > 0 ? [{ text: input.justification, inspectors: justified, by: principal.subject, at: now }] : [];
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
    parts: input.departments.map((department) => ({ department, items: input.items })),
    status: 'scheduled',
    createdBy: principal.subject,
    createdAt: now,
    updatedAt: now,
    version: 1,
    rectifications: [],
    ...(justifications.length > 0 ? { justifications } : {}),
  };
}

/**
 * When a move is asked: the authority's day (YYYY-MM-DD on its calendar) and the state of the visit's code
 * (undefined before one is issued). The API reads both before each move; the app reads the same to offer only the
 * moves the API would take.
 */
export interface VisitMoment {
  today: string;
  code: CodeStatus | undefined;
}

export type VisitMove = 'check-in' | 'record-results';

/**
 * Why a move on the visit is refused now, or undefined when it may go ahead — the one rule the API enforces and the
 * screens follow (they offer a button only when this says nothing). Decided:
 * - nothing happens on a visit whose code was revoked or has expired: that visit is over (cancelled);
 * - the company confirms (checks in) only on a day of the window, on the authority's calendar;
 * - results are recorded only for a visit under way: checked in, or (the company not confirming) on a day of its
 *   window; after the window, only a checked-in visit is still recorded (within the code's grace days).
 */
export function refusal(move: VisitMove, inspection: Inspection, moment: VisitMoment): DomainError | undefined {
  const { today, code } = moment;
  const { start, end } = inspection.window;
  if (code === 'revoked' || code === 'expired')
    return new DomainError('conflict', `code_${code}`, `The visit's code was ${code === 'revoked' ? 'revoked' : 'expired'}: nothing more happens on this visit.`, { code });
  const inWindow = start <= today && today <= end;
  if (move === 'check-in' && !inWindow)
    return new DomainError(
      'conflict',
      today < start ? 'window_not_started' : 'window_passed',
      `The visit is planned for ${start} to ${end}; the company confirms it only on one of those days (today is ${today}).`,
      { window: inspection.window, today },
    );
  if (move === 'record-results' && !inspection.checkedIn && !inWindow)
    return new DomainError(
      'conflict',
      'not_under_way',
      `Results are recorded for a visit under way: the company has not confirmed it, and today (${today}) is outside its window ${start} to ${end}.`,
      { window: inspection.window, today },
    );
  return undefined;
}

function requireAllowed(move: VisitMove, inspection: Inspection, moment: VisitMoment): void {
  const refused = refusal(move, inspection, moment);
  if (refused) throw refused;
}

/** The company confirms the inspectors are on site: that is the check-in. Confirming twice changes nothing. */
export function checkIn(inspection: Inspection, principal: Principal, now: string, moment: VisitMoment): Inspection {
  requireAccess(isInspectedCompany(inspection, principal), 'Only the inspected company confirms the visit.');
  if (inspection.checkedIn) return inspection;
  requireStatus(inspection, ['scheduled'], 'confirm the visit');
  requireAllowed('check-in', inspection, moment);
  return { ...inspection, status: 'on-site', checkedIn: { by: principal.subject, at: now }, updatedAt: now };
}

/** The departments' parts of a visit, as stored, or for an inspection stored before parts: one per department. */
export const partsOf = (inspection: Pick<Inspection, 'parts' | 'departments' | 'items'>): InspectionPart[] =>
  inspection.parts ?? inspection.departments.map((department) => ({ department, items: inspection.items }));

/** The department an assigned inspector acts for on this visit. */
const departmentOf = (inspection: Inspection, principal: Principal) => inspection.inspectors.find((i) => i.id === principal.inspectorId)!.department;

const severity: Record<InspectionResult['outcome'], number> = { compliant: 0, rectify: 1, 'non-compliant': 2 };

/** The visit's result once every part has one: the worst outcome, and every part's findings. */
function visitResult(parts: InspectionPart[], last: InspectionResult): InspectionResult | undefined {
  const results = parts.map((p) => p.result);
  if (results.some((r) => !r)) return undefined;
  const outcome = results.reduce((worst, r) => (severity[r!.outcome] > severity[worst] ? r!.outcome : worst), 'compliant' as InspectionResult['outcome']);
  const evidence = results.flatMap((r) => r!.evidence ?? []);
  return { outcome, findings: results.flatMap((r) => r!.findings), ...(evidence.length ? { evidence } : {}), recordedBy: last.recordedBy, recordedAt: last.recordedAt };
}

/** What the caller's department recorded on this visit (for one recorded before parts: the visit's result). */
export function resultOfCallersPart(inspection: Inspection, principal: Principal): InspectionResult | undefined {
  const department = departmentOf(inspection, principal);
  return inspection.parts ? inspection.parts.find((p) => p.department === department)?.result : inspection.result;
}

/**
 * An assigned inspector records the outcome of their own department's part, once; sending the same result again is
 * a harmless retry. The visit closes (or goes to rectification) only when every department's part is recorded.
 */
export function recordResults(
  inspection: Inspection,
  principal: Principal,
  input: RecordResultsInput,
  now: string,
  moment: VisitMoment,
  evidence: EvidenceObject[] = [],
): Inspection {
  requireAccess(isAssignedInspector(inspection, principal), 'Only an inspector assigned to this inspection records its results.');
  const { outcome, findings } = input;
  const department = departmentOf(inspection, principal);
  const parts = partsOf(inspection);
  const part = parts.find((p) => p.department === department);
  // Recorded before parts existed: the one result stands for the whole visit.
  const recorded = resultOfCallersPart(inspection, principal);
  if (recorded) {
    if (sameJson({ outcome: recorded.outcome, findings: recorded.findings }, { outcome, findings })) return inspection;
    throw new DomainError('conflict', 'results_recorded', `Results were already recorded for ${department}'s part of this inspection and cannot be replaced.`);
  }
  if (!part) throw new DomainError('forbidden', 'forbidden', `${department} has no part in this visit; its inspectors record no results here.`);
  requireStatus(inspection, ['scheduled', 'on-site'], 'record results');
  requireAllowed('record-results', inspection, moment);
  const result: InspectionResult = { outcome, findings, ...(evidence.length ? { evidence } : {}), recordedBy: principal.inspectorId!, recordedAt: now };
  const next = parts.map((p) => (p === part ? { ...p, result } : p));
  const whole = visitResult(next, result);
  return {
    ...inspection,
    parts: next,
    ...(whole ? { result: whole, status: whole.outcome === 'compliant' ? 'closed' : 'rectifying' } : {}),
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
  // Field by field: DynamoDB does not keep the order of a map's keys, so the stored files do not stringify as sent.
  const described = (files: SubmitRectificationInput['files']) => files.map(({ name, contentType, size }) => ({ name, contentType, size }));
  if (waiting && waiting.note === input.note && sameJson(described(waiting.evidence), described(input.files))) {
    return { inspection, rectification: waiting };
  }
  requireStatus(inspection, ['rectifying'], 'submit rectification');
  // Each round is kept on the inspection, which must stay within DynamoDB's item size (see limits).
  if (inspection.rectifications.length >= limits.rectificationRounds)
    throw new DomainError(
      'conflict',
      'too_many_rectifications',
      `This inspection already holds ${limits.rectificationRounds} rectification submissions, the most one inspection keeps: no further one can be recorded on it; the inspectors in charge settle it (on a visit, or by a new inspection).`,
    );
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

/**
 * An assigned inspector of a department whose part found something to fix reviews for that department. Rejecting
 * sends the company back to rectify; the inspection closes once every such department accepted.
 */
/** Departments whose inspectors review rectification: those whose part found something to fix. */
function reviewingDepartments(inspection: Inspection, principal: Principal): string[] {
  // Inspections recorded before parts have one result, and any assigned inspector reviews for the visit.
  return inspection.parts ? inspection.parts.filter((p) => p.result && p.result.outcome !== 'compliant').map((p) => p.department) : [departmentOf(inspection, principal)];
}

/** Whether this inspector may still accept or reject this submission (screens offer the buttons only then). */
export const mayReview = (inspection: Inspection, principal: Principal | undefined, submission: Rectification): boolean =>
  isAssignedInspector(inspection, principal) &&
  submission.status === 'submitted' &&
  reviewingDepartments(inspection, principal!).includes(departmentOf(inspection, principal!)) &&
  !submission.reviews?.some((r) => r.department === departmentOf(inspection, principal!));

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
  const department = departmentOf(inspection, principal);
  const reviewers = reviewingDepartments(inspection, principal);
  requireAccess(reviewers.includes(department), `Only inspectors of ${reviewers.join(', ')} (the departments that found something to fix) review this rectification.`);
  const mine = target.reviews?.find((r) => r.department === department);
  if (mine || target.status !== 'submitted') {
    const decided = mine ?? { decision: target.status, comment: target.review?.comment };
    if (decided.decision === input.decision && decided.comment === input.comment) return inspection;
    throw new DomainError('conflict', 'already_reviewed', mine ? `${department} already ${mine.decision} this rectification.` : `This rectification was already ${target.status}.`);
  }
  const review = { by: principal.inspectorId!, at: now, ...(input.comment ? { comment: input.comment } : {}) };
  const reviews = [...(target.reviews ?? []), { department, decision: input.decision, ...review }];
  const accepted = reviews.filter((r) => r.decision === 'accepted').map((r) => r.department);
  const decision = input.decision === 'rejected' ? 'rejected' : reviewers.every((d) => accepted.includes(d)) ? 'accepted' : undefined;
  const reviewed: Rectification = { ...target, reviews, ...(decision ? { status: decision, review } : {}) };
  return {
    ...inspection,
    ...(decision ? { status: decision === 'accepted' ? 'closed' : 'rectifying' } : {}),
    rectifications: inspection.rectifications.map((r) => (r.id === submissionId ? reviewed : r)),
    updatedAt: now,
  };
}

/** Whether two date windows share a day. */
export const windowsOverlap = (a: { start: string; end: string }, b: { start: string; end: string }) => a.start <= b.end && b.start <= a.end;

/**
 * Visits that another department's plan or draw may still join: not started (no part has results yet), in an
 * overlapping window, and not cancelled — a visit whose code was revoked or has expired is over (`codeState`, as
 * the store reads it; see visitToJoin in service.ts).
 */
export const joinableVisits = (candidates: Inspection[], window: { start: string; end: string }) =>
  candidates.filter((i) => i.status === 'scheduled' && !partsOf(i).some((p) => p.result) && windowsOverlap(i.window, window));

/**
 * Joins another department's visit to this one ("inspect once, cover all"): one inspection and one code for the
 * company, the union of departments and check items, the newcomers' inspectors added. Each joining department
 * gets (or extends) its own part, so joining hands it no authority over the parts already there (see
 * {@link InspectionPart}). Joining twice changes nothing.
 */
export function joinVisit(
  inspection: Inspection,
  addition: Pick<Inspection, 'departments' | 'items' | 'inspectors' | 'justifications'> & { drawId?: string },
  now: string,
): Inspection {
  if (addition.drawId && inspection.drawIds?.includes(addition.drawId)) return inspection;
  const union = (a: string[], b: string[]) => [...a, ...b.filter((x) => !a.includes(x))];
  const inspectors = [...inspection.inspectors, ...addition.inspectors.filter((a) => !inspection.inspectors.some((i) => i.id === a.id))];
  const before = partsOf(inspection);
  const parts = [
    ...before.map((part) => (addition.departments.includes(part.department) ? { ...part, items: union(part.items, addition.items) } : part)),
    ...addition.departments.filter((d) => !before.some((p) => p.department === d)).map((department) => ({ department, items: addition.items })),
  ];
  const joined = {
    ...inspection,
    departments: union(inspection.departments, addition.departments),
    items: union(inspection.items, addition.items),
    inspectors,
    parts,
    ...(addition.drawId ? { drawIds: [...(inspection.drawIds ?? []), addition.drawId] } : {}),
    ...(addition.justifications ? { justifications: [...(inspection.justifications ?? []), ...addition.justifications] } : {}),
  };
  const unchanged = sameJson(parts, inspection.parts) && inspectors.length === inspection.inspectors.length && !addition.drawId && !addition.justifications;
  return unchanged ? inspection : { ...joined, updatedAt: now };
}
