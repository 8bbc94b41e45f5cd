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
import type { DrawStore, Store } from '../store/ports.ts';
import { requireAccess, supervisesWholeVisit } from './access.ts';
import { checkItemsOf } from './check-items.ts';
import type { Entity } from './model.ts';

export interface PlanningServices {
  store: Pick<Store, 'getEntity' | 'getInspectors'>;
  draws: Pick<DrawStore, 'poolInspectors' | 'drawLoads'>;
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

export async function planningOptions(services: PlanningServices, principal: Principal, entityId: string, query: EligibilityQuery) {
  const { departments, start, end } = query;
  // The planner is shown only what they may plan: the parts of their own department (city-wide: any).
  requireAccess(supervisesWholeVisit({ departments }, principal), `A supervisor of ${principal.department ?? 'this'} department plans only that department's part of a visit.`);
  const window = { start, end };
  const entity = await services.store.getEntity(entityId);
  if (!entity) throw notFound('entity', entityId);
  const rule = planRule(departments, entity.segment);
  const { pool, reasonsOf } = await judgeFor(services, entity, rule, window);
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
  };
}
