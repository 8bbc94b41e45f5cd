/**
 * What a supervisor planning an inspection by hand is offered: the check items of the company's segment, and every
 * inspector of the chosen departments with whether they may inspect it and, when not, why — judged by the draw's
 * own rule (shared/draws/eligibility.ts) with the same workload counting, so a plan and a draw agree on who may go.
 */
import { defaultWorkloadCap, type DateWindow, type EligibilityQuery } from '../api/schemas.ts';
import type { Principal } from '../auth/principal.ts';
import { notFound } from '../domain-error.ts';
import { ineligibilityOf, standingOf, type EligibilityRule, type Ineligibility } from '../draws/eligibility.ts';
import type { PoolInspector } from '../draws/model.ts';
import { countedFor } from '../draws/service.ts';
import { codeStatus } from '../codes/code.ts';
import type { Services } from '../services.ts';
import type { DrawStore, Store } from '../store/ports.ts';
import * as lifecycle from './lifecycle.ts';
import { requireAccess, supervisesWholeVisit } from './access.ts';
import { checkItemsOf } from './check-items.ts';
import type { Entity, Inspection } from './model.ts';

export interface PlanningServices {
  store: Pick<Store, 'getEntity' | 'getInspectors' | 'inspectionsOfEntity' | 'getCode'>;
  draws: Pick<DrawStore, 'poolInspectors' | 'drawLoads'>;
  now: () => string;
}

export interface JudgedInspector {
  id: string;
  name: string;
  department: string;
  district: string;
  /** Inspections already held in the window: planned ones and those of draws. */
  load: number;
  eligible: boolean;
  /** Whether a plan may assign them: freely, only with a written justification, or not at all. */
  standing: ReturnType<typeof standingOf>;
  /** Why not, in the rule's order (empty when eligible). */
  reasons: Ineligibility[];
}

/**
 * The rule a plan by hand is judged by, shown and enforced alike: the draw's defaults — an inspector of the company's
 * district, below the usual workload cap. Its district and workload reasons a written justification may set aside.
 */
export const planRule = (departments: readonly string[], segment: string): EligibilityRule => ({ departments, segment, crossDistrict: false, workloadCap: defaultWorkloadCap });

/** The rule's inputs for one company: how to judge any inspector by it, and the pool of the departments with their loads. */
export async function judgeFor(services: Pick<PlanningServices, 'draws'>, entity: Entity, rule: EligibilityRule, window: DateWindow) {
  const [pool, otherDraws] = await Promise.all([services.draws.poolInspectors([...rule.departments], window), services.draws.drawLoads(window, '')]);
  const drawn = countedFor(pool, otherDraws).loads;
  const withLoads = pool.map((candidate) => ({ ...candidate, load: candidate.load + (drawn[candidate.id] ?? 0) }));
  const loads = new Map(withLoads.map((i) => [i.id, i.load]));
  const judged = { id: entity.id, district: entity.district, lastInspectorIds: entity.lastInspectorIds ?? [] };
  /** An inspector outside the pool (another department, inactive) holds no load the rule reads: other reasons refuse them. */
  const reasonsOf = (inspector: Omit<PoolInspector, 'load'>) => {
    const load = loads.get(inspector.id) ?? 0;
    return ineligibilityOf({ inspector: { ...inspector, load }, entity: judged, rule, load });
  };
  return { pool: withLoads, reasonsOf };
}

/** What reading a visit's code state takes. */
type CodeServices = Pick<Services, 'now'> & { store: Pick<Store, 'getCode'> };

/**
 * The visit a new plan or draw joins, if any ({@link lifecycle.joinableVisits}): the first whose code was neither
 * revoked nor has expired. A cancelled visit is over; joining it would hand the new plan a code nobody may use.
 */
export async function visitToJoin(services: CodeServices, candidates: Inspection[], window: DateWindow): Promise<Inspection | undefined> {
  for (const candidate of lifecycle.joinableVisits(candidates, window)) {
    const state = await codeStateOf(services, candidate);
    if (state !== 'revoked' && state !== 'expired') return candidate;
  }
  return undefined;
}

/** The state of a visit's code (none before it is issued). */
export async function codeStateOf(services: CodeServices, inspection: Pick<Inspection, 'code'>) {
  const record = inspection.code ? await services.store.getCode(inspection.code) : undefined;
  return record && codeStatus(record, services.now());
}

/**
 * What a supervisor is offered for a company, departments and window: the items, the inspectors judged, and the
 * visit already planned that this plan would join (same rule as POST /inspections), so the form can say so first.
 */
export async function planningOptions(services: PlanningServices, principal: Principal, entityId: string, query: EligibilityQuery) {
  const { departments, start, end } = query;
  // The planner is shown only what they may plan: the parts of their own department (city-wide: any).
  requireAccess(supervisesWholeVisit({ departments }, principal), `A supervisor of ${principal.department ?? 'this'} department plans only that department's part of a visit.`);
  const window = { start, end };
  const entity = await services.store.getEntity(entityId);
  if (!entity) throw notFound('entity', entityId);
  const rule = planRule(departments, entity.segment);
  const [{ pool, reasonsOf }, { items: planned }] = await Promise.all([
    judgeFor(services, entity, rule, window),
    services.store.inspectionsOfEntity(entityId, { limit: 50 }),
  ]);
  const joins = await visitToJoin(services, planned, window);
  const records = new Map((await services.store.getInspectors(pool.map((i) => i.id))).map((i) => [i.id, i]));
  const inspectors: JudgedInspector[] = pool.map((inspector) => {
    const reasons = reasonsOf(inspector);
    const { id, department, district, load } = inspector;
    return { id, name: records.get(id)?.name ?? id, department, district, load, eligible: reasons.length === 0, standing: standingOf(reasons), reasons };
  });
  // The eligible first, then those a justification lets go, then by department and name: who can go is read first.
  const rank = { eligible: 0, 'needs-justification': 1, refused: 2 };
  inspectors.sort((a, b) => rank[a.standing] - rank[b.standing] || a.department.localeCompare(b.department) || a.name.localeCompare(b.name));
  return {
    entity: { id: entity.id, name: entity.name, segment: entity.segment, district: entity.district },
    rule: { ...rule, window },
    items: checkItemsOf(entity.segment),
    inspectors,
    // The plan would join this visit, keeping its window and contact: the form says so before it is sent.
    ...(joins ? { joins: { id: joins.id, window: joins.window, contact: joins.contact, departments: joins.departments, createdBy: joins.createdBy, inspectors: joins.inspectors.map(({ id, name }) => ({ id, name })) } } : {}),
  };
}
