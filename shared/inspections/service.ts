/** Use cases around an inspection: each reads, applies one rule of lifecycle.ts, and saves only if nobody raced it. */
import { today } from '../services.ts';
import type { Principal } from '../auth/principal.ts';
import type { CreateInspectionInput, InspectionCountsQuery, ListInspectionsQuery, RecordResultsInput, ReviewRectificationInput, SubmitRectificationInput } from '../api/schemas.ts';
import { notFound } from '../domain-error.ts';
import { idFromIdempotencyKey, newId } from '../ids.ts';
import type { FileServices, Services } from '../services.ts';
import type { Store } from '../store/ports.ts';
import { changeVersioned } from '../versioned.ts';
import { filesBucket } from '../store/resources.ts';
import { maskCertificate } from '../codes/scan-view.ts';
import { localDay } from '../dates.ts';
import { requireScope } from '../auth/scope.ts';
import { isInspectedCompany, requireAccess, seesDetails, supervisesInspection } from './access.ts';
import { dueQuery, weekOf, type Due } from './due.ts';
import * as lifecycle from './lifecycle.ts';
import { codeStateOf, judgeFor, planRule, visitToJoin, type PlanningServices } from './planning.ts';
import type { EvidenceObject, Inspection } from './model.ts';

/**
 * Reads the inspection, applies `change`, and saves under optimistic concurrency, re-reading on a lost race.
 * When `change` returns the inspection unchanged (an idempotent retry) nothing is written.
 */
export async function changeInspection<T>(
  store: Store,
  id: string,
  principal: Principal,
  change: (current: Inspection) => { inspection: Inspection; outcome: T } | Promise<{ inspection: Inspection; outcome: T }>,
): Promise<{ inspection: Inspection; outcome: T; changed: boolean }> {
  let outcome!: T;
  const { record, changed } = await changeVersioned(
    async () => visibleTo(await store.getInspection(id), principal, id),
    (next, current) => store.saveInspection(next, current),
    async (current) => {
      const applied = await change(current);
      outcome = applied.outcome;
      return applied.inspection;
    },
  );
  return { inspection: record, outcome, changed };
}

/** A company probing other companies' ids learns nothing: their inspections are "not found", not "forbidden". */
function visibleTo(inspection: Inspection | undefined, principal: Principal, id: string): Inspection {
  if (!inspection || (principal.role === 'company' && inspection.entityId !== principal.entityId)) throw notFound('inspection', id);
  return inspection;
}

const only = (apply: (current: Inspection) => Inspection) => (current: Inspection) => ({ inspection: apply(current), outcome: undefined });

/**
 * Plans an inspection. If the company already has a visit planned in an overlapping window that has not started,
 * this plan joins it instead (one visit, one code, both departments' items and inspectors) and counts a visit saved.
 */
export async function createInspection(
  services: Services & Pick<PlanningServices, 'draws'>,
  principal: Principal,
  input: CreateInspectionInput,
  idempotencyKey: string | undefined,
): Promise<{ inspection: Inspection; created: boolean; joined: boolean }> {
  const id = idempotencyKey ? idFromIdempotencyKey('ins', principal.subject, idempotencyKey) : newId('ins');
  if (idempotencyKey) {
    const existing = await services.store.getInspection(id);
    if (existing) return { inspection: existing, created: false, joined: false };
  }
  const [entity, inspectors, { items: planned }] = await Promise.all([
    services.store.getEntity(input.entityId),
    services.store.getInspectors(input.inspectorIds),
    services.store.inspectionsOfEntity(input.entityId, { limit: 50 }),
  ]);
  const reasonsOf = entity ? (await judgeFor(services, entity, planRule(input.departments, entity.segment), input.window)).reasonsOf : () => [];
  const inspection = lifecycle.planInspection({ id, input, entity, inspectors, reasonsOf, principal, now: services.now() });
  const open = await visitToJoin(services, planned, input.window);
  if (open) {
    const joined = await changeInspection(services.store, open.id, principal, (current) => ({
      inspection: lifecycle.joinVisit(current, inspection, services.now()),
      outcome: undefined,
    }));
    if (joined.changed) await services.store.count({ visitsSaved: 1 }, today(services));
    return { inspection: joined.inspection, created: false, joined: true };
  }
  if (await services.store.createInspection(inspection)) {
    await services.store.count({ inspectionsPlanned: 1 }, today(services));
    return { inspection, created: true, joined: false };
  }
  // Lost a race with the same Idempotency-Key: the other attempt's inspection is the answer.
  return { inspection: (await services.store.getInspection(id))!, created: false, joined: false };
}

/**
 * The inspection with a short-lived download link for every evidence file, so the reviewer can open them. The
 * company sees its inspectors' certificate numbers masked exactly as the scan page shows them; staff see them whole.
 */
export async function readInspection(services: FileServices, principal: Principal, id: string) {
  const inspection = visibleTo(await services.store.getInspection(id), principal, id);
  requireAccess(seesDetails(inspection, principal), 'Only the staff in charge and the inspected company read this inspection.');
  const inspectors = isInspectedCompany(inspection, principal)
    ? inspection.inspectors.map((inspector) => ({ ...inspector, certificateNo: maskCertificate(inspector.certificateNo) }))
    : inspection.inspectors;
  const withLinks = (files: EvidenceObject[]) => Promise.all(files.map(async (file) => ({ ...file, downloadUrl: await services.files.downloadUrl(file.key) })));
  const rectifications = await Promise.all(inspection.rectifications.map(async (r) => ({ ...r, evidence: await withLinks(r.evidence) })));
  const result = inspection.result && { ...inspection.result, evidence: await withLinks(inspection.result.evidence ?? []) };
  const codeState = await codeStateOf(services, inspection);
  // An inspection without results keeps none: undefined is left out of the JSON.
  // Why staff assigned whom stays with staff: the company reads who comes, not the planner's reasoning.
  const justifications = isInspectedCompany(inspection, principal) ? undefined : inspection.justifications;
  return { ...inspection, inspectors, result, rectifications, justifications, ...(codeState ? { codeState } : {}) };
}

/**
 * The department a supervisor's lists and counts are of: the one asked for (only their own, unless city-wide), or
 * their own; a city-wide supervisor asking for none sees every department's.
 */
function listedDepartment(principal: Principal, asked: string | undefined): string | undefined {
  if (asked) requireScope(principal, [asked], `the inspections of ${asked}`);
  return asked ?? principal.department;
}

/**
 * Inspections a caller may list, latest window first: an inspector's assignments, a company's own inspections, or
 * for a supervisor one company's inspections within their departments; without a company, a supervisor's list by
 * status and due day (see due.ts), soonest due first while open.
 */
export async function listInspections(services: Services, principal: Principal, query: ListInspectionsQuery) {
  const page = { limit: query.limit, ...(query.cursor ? { cursor: query.cursor } : {}) };
  let found;
  if (principal.role === 'inspector') found = await services.store.inspectionsOfInspector(principal.inspectorId!, page);
  else if (principal.role === 'company') found = await services.store.inspectionsOfEntity(principal.entityId!, page);
  else if (query.entityId) found = await services.store.inspectionsOfEntity(query.entityId, page);
  else {
    const department = listedDepartment(principal, query.department);
    const today = localDay(services.now(), services.timeZone);
    found = await services.store.inspectionsDue(dueQuery({ status: query.status, ...(query.due ? { due: query.due } : {}), ...(department ? { department } : {}) }, today), page);
  }
  const visible = found.items.filter((inspection) => principal.role !== 'supervisor' || supervisesInspection(inspection, principal));
  const codeStates = await Promise.all(visible.map((inspection) => codeStateOf(services, inspection)));
  const items = visible.map(({ id, entityId, entityName, departments, window, status, code, checkedIn, trigger }, index) => ({
      id,
      entityId,
      entityName,
      departments,
      window,
      status,
      ...(code ? { code, codeState: codeStates[index] } : {}),
      ...(checkedIn ? { checkedIn } : {}),
      // A trigger inspection says which trigger fired and when, so a list shows why the visit happens.
      ...(trigger ? { trigger: { id: trigger.id, name: trigger.name, firedOn: trigger.firedOn } } : {}),
    }));
  return { items, ...(found.cursor ? { cursor: found.cursor } : {}) };
}

/**
 * The overview's counts of open inspections (no results yet) of the supervisor's department: this week's, those due
 * by Sunday and the overdue, each a key range of the byDue index, counted without reading a table.
 */
export async function countInspectionsDue(services: Services, principal: Principal, query: InspectionCountsQuery) {
  const department = listedDepartment(principal, query.department);
  const today = localDay(services.now(), services.timeZone);
  const count = (due: Due) => services.store.countInspectionsDue(dueQuery({ status: 'open', due, ...(department ? { department } : {}) }, today));
  const [thisWeek, dueThisWeek, overdue] = await Promise.all([count('this-week'), count('due-this-week'), count('overdue')]);
  return { today, week: weekOf(today), ...(department ? { department } : {}), thisWeek, dueThisWeek, overdue };
}

/** The state of an inspection's current code (undefined before one is issued), as a scan would find it now. */
/** Today on the authority's calendar and the state of the visit's code: what {@link lifecycle.refusal} decides by. */
const momentOf = async (services: Services, inspection: Inspection): Promise<lifecycle.VisitMoment> => ({
  today: localDay(services.now(), services.timeZone),
  code: await codeStateOf(services, inspection),
});

export const checkIn = (services: Services, principal: Principal, id: string) =>
  changeInspection(services.store, id, principal, async (current) => ({
    inspection: lifecycle.checkIn(current, principal, services.now(), await momentOf(services, current)),
    outcome: undefined,
  }));

/**
 * Records the results of the caller's department's part, with one presigned upload URL per photo taken on site;
 * once every part is recorded the visit has its result, which is counted, and the company's inspectors then count
 * as "last time's" for the next draw.
 */
export async function recordResults(services: FileServices, principal: Principal, id: string, input: RecordResultsInput) {
  const evidence = (input.files ?? []).map((file, index) => ({ ...file, key: `${filesBucket.prefixes.evidence}${id}/results/${index + 1}-${file.name}` }));
  const recorded = await changeInspection(services.store, id, principal, async (current) => {
    const next = lifecycle.recordResults(current, principal, input, services.now(), await momentOf(services, current), evidence);
    return { inspection: next, outcome: !current.result && next.result ? next.result.outcome : undefined };
  });
  const completed = recorded.changed ? recorded.outcome : undefined;
  if (completed) {
    const fromTrigger = recorded.inspection.trigger ? { [`triggers.results.${completed}`]: 1 } : {};
    await services.store.count({ [`results.${completed}`]: 1, ...fromTrigger }, today(services));
  }
  // Also on a retry of the same result: the first attempt may have saved the inspection and failed here.
  if (recorded.inspection.result) await services.store.setLastInspectors(recorded.inspection.entityId, recorded.inspection.inspectors.map((i) => i.id));
  return { ...recorded, uploads: await uploadUrls(services, lifecycle.resultOfCallersPart(recorded.inspection, principal)?.evidence ?? [], recorded.changed) };
}

export const reviewRectification = (services: Services, principal: Principal, id: string, submissionId: string, input: ReviewRectificationInput) =>
  changeInspection(services.store, id, principal, only((current) => lifecycle.reviewRectification(current, principal, submissionId, input, services.now())));

/** Records the submission and hands back one presigned upload URL per evidence file not uploaded yet. */
export async function submitRectification(services: FileServices, principal: Principal, id: string, input: SubmitRectificationInput) {
  const submissionId = newId('rec');
  const evidenceKey = (index: number, name: string) => `${filesBucket.prefixes.evidence}${id}/${submissionId}/${index + 1}-${name}`;
  const { outcome: rectification, changed } = await changeInspection(services.store, id, principal, (current) => {
    const submitted = lifecycle.submitRectification(current, principal, input, { id: submissionId, evidenceKey }, services.now());
    return { inspection: submitted.inspection, outcome: submitted.rectification };
  });
  return { rectification, created: changed, uploads: await uploadUrls(services, rectification.evidence, changed) };
}

/**
 * One presigned PUT per evidence file still to upload, accepting exactly its declared type and size. Evidence is
 * write-once: a repeated request (`created` false) gets no URL for a file already stored, and each URL is sent with
 * `If-None-Match: *`, so S3 refuses to replace a file uploaded through it meanwhile.
 */
export async function uploadUrls(services: Pick<FileServices, 'files'>, evidence: Array<Pick<EvidenceObject, 'name' | 'key' | 'size'> & { contentType: string }>, created: boolean) {
  const stored = created ? evidence.map(() => false) : await Promise.all(evidence.map((file) => services.files.exists(file.key)));
  return Promise.all(
    evidence
      .filter((_file, index) => !stored[index])
      .map(async (file) => ({
        name: file.name,
        method: 'PUT' as const,
        url: await services.files.uploadUrl(file.key, file.contentType, file.size),
        // The signed type, and the condition that nothing is stored under the key yet.
        headers: { 'content-type': file.contentType, 'if-none-match': '*' },
      })),
  );
}
