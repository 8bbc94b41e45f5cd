/**
 * Trigger supervision: when a trigger holds for a food manufacturer, a trigger inspection is planned with its code
 * and inspectors assigned by the draw's rules (qualified, in the district, never recused, not last time's, under
 * the workload cap), keyed by the firing so the choice is reproducible. The inspection's id comes from the entity,
 * the trigger and the window, and is created only if absent: whether the event path or the sweep gets there
 * first, or both at once, there is one inspection.
 */
import { today } from '../services.ts';
import type { Principal } from '../auth/principal.ts';
import { issueCode } from '../codes/issuance.ts';
import { assignInspectors } from '../draws/assign.ts';
import { idDigest } from '../draws/keys.ts';
import { addDays, localDay } from '../dates.ts';
import { idFromIdempotencyKey } from '../ids.ts';
import type { AssignedInspector, Inspection } from '../inspections/model.ts';
import { evaluateRule, windowStart, type EntityView, type Evidence } from '../rules/evaluate.ts';
import { noticeOnce } from '../risk/notice.ts';
import type { RiskServices } from '../risk/services.ts';
import type { Trigger, TriggerInspectionPlan } from './definitions.ts';
import { countMetric, metricNames } from '../telemetry/metrics.ts';

export const triggerInspectionId = (triggerId: string, entityId: string, windowStartDay: string) =>
  idFromIdempotencyKey('ins', 'trigger', `${triggerId}\n${entityId}\n${windowStartDay}`);

const system = (trigger: Trigger): Principal => ({ subject: `trigger:${trigger.id}`, role: 'supervisor' });

export type FiringOutcome = 'created' | 'existing' | 'unassigned';

/** Runs every trigger over one entity; returns what each firing led to. */
export async function fireTriggers(services: RiskServices, view: EntityView, asOf: string): Promise<FiringOutcome[]> {
  const outcomes: FiringOutcome[] = [];
  for (const trigger of services.triggers.triggers) {
    const evidence = evaluateRule(trigger, view, asOf);
    if (evidence) outcomes.push(await fire(services, trigger, view, evidence, asOf));
  }
  return outcomes;
}

async function fire(services: RiskServices, trigger: Trigger, view: EntityView, evidence: Evidence[], asOf: string): Promise<FiringOutcome> {
  const id = triggerInspectionId(trigger.id, view.id, windowStart(asOf, trigger.windowDays));
  // Made before (perhaps by a run that stopped before its code or its notice): what follows finishes it.
  let outcome: FiringOutcome = 'existing';
  let inspection = await services.store.getInspection(id);
  // Announced already: done (its code may have lapsed since, with the visit long over).
  if (inspection?.noticeSentAt) return outcome;
  if (!inspection) {
    const planned = await plan(services, trigger, view, evidence, asOf, id);
    if ('reason' in planned) {
      services.log?.(`trigger ${trigger.id} for ${view.id}: no inspectors (${planned.reason})`);
      await services.events.publish([{ type: 'trigger.unassigned', detail: { trigger: trigger.id, entityId: view.id, entityName: view.name, reason: planned.reason } }]);
      return 'unassigned';
    }
    if (await services.store.createInspection(planned)) {
      outcome = 'created';
      await services.store.count({ inspectionsFromTriggers: 1, [`triggers.fired.${trigger.id}`]: 1 }, today(services));
      countMetric(metricNames.triggerInspections);
      inspection = planned;
    } else {
      // Another evaluation created it a moment ago; its plan is the one that stands.
      inspection = (await services.store.getInspection(id))!;
    }
  }
  const { issued } = await issueCode(services, system(trigger), id, services.publicBaseUrl);
  await noticeOnce(services, { inspection: id }, {
    type: 'trigger.fired',
    detail: {
      trigger: trigger.id,
      triggerName: trigger.name,
      entityId: view.id,
      entityName: view.name,
      inspectionId: id,
      code: issued.code,
      url: issued.url,
      window: inspection.window,
      inspectors: inspection.inspectors.map((i) => i.id),
    },
  });
  return outcome;
}

/** The trigger inspection, planned from the day the firing is noticed, with inspectors by the draw's rules. */
async function plan(services: RiskServices, trigger: Trigger, view: EntityView, evidence: Evidence[], asOf: string, id: string): Promise<Inspection | { reason: string }> {
  const plan = services.triggers.inspection;
  // A sweep may look at an earlier day; the visit is never planned in the past.
  const today = localDay(services.now(), services.timeZone);
  const noticed = today > asOf ? today : asOf;
  const window = { start: addDays(noticed, plan.startInDays), end: addDays(noticed, plan.startInDays + plan.days - 1) };
  const assigned = await assign(services, plan, view, window, id);
  if ('reason' in assigned) return assigned;
  const now = services.now();
  return {
    id,
    entityId: view.id,
    entityName: view.name,
    departments: plan.departments,
    items: trigger.items,
    window,
    inspectors: assigned.inspectors,
    contact: plan.contact,
    status: 'scheduled',
    createdBy: `trigger:${trigger.id}`,
    createdAt: now,
    updatedAt: now,
    version: 1,
    rectifications: [],
    trigger: { id: trigger.id, name: trigger.name, firedOn: asOf, evidence },
  };
}

async function assign(
  services: RiskServices,
  plan: TriggerInspectionPlan,
  view: EntityView,
  window: { start: string; end: string },
  inspectionId: string,
): Promise<{ reason: string } | { inspectors: AssignedInspector[] }> {
  const [department, ...jointDepartments] = plan.departments as [string, ...string[]];
  const pool = await services.pool.poolInspectors(plan.departments, window);
  const entity = { id: view.id, district: view.district, lastInspectorIds: view.lastInspectorIds, ...(view.grade ? { grade: view.grade } : {}) };
  const { assignments, unassigned } = assignInspectors(
    [{ entityId: view.id, stratum: 'trigger', key: '' }],
    new Map([[view.id, { entity, digest: idDigest(view.id) }]]),
    pool,
    { department, jointDepartments, segment: view.segment, inspectorsPerCompany: plan.inspectorsPerCompany, crossDistrict: plan.crossDistrict, workloadCap: plan.workloadCap },
    idDigest(inspectionId),
  );
  if (unassigned.length) return { reason: unassigned[0]!.reason };
  const chosen = assignments[0]!.inspectorIds;
  const records = await services.store.getInspectors(chosen);
  return {
    inspectors: chosen.map((inspectorId) => {
      const { id, name, department: dept, certificateNo } = records.find((i) => i.id === inspectorId)!;
      return { id, name, department: dept, certificateNo };
    }),
  };
}
