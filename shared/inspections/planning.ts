/**
 * What a supervisor planning an inspection by hand is offered: the check items of the company's segment, and every
 * inspector of the chosen departments with whether they may inspect it and, when not, why — judged by the draw's
 * own rule (shared/draws/eligibility.ts) with the same workload counting, so a plan and a draw agree on who may go.
 */
import type { EligibilityQuery } from '../api/schemas.ts';
import type { Principal } from '../auth/principal.ts';
import { notFound } from '../domain-error.ts';
import { ineligibilityOf, type Ineligibility } from '../draws/eligibility.ts';
import { countedFor } from '../draws/service.ts';
import type { DrawStore, Store } from '../store/ports.ts';
import { requireAccess, supervisesWholeVisit } from './access.ts';
import { checkItemsOf } from './check-items.ts';

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
  /** Why not, in the rule's order (empty when eligible). */
  reasons: Ineligibility[];
}

export async function planningOptions(services: PlanningServices, principal: Principal, entityId: string, query: EligibilityQuery) {
  const { departments, start, end, crossDistrict, workloadCap } = query;
  // The planner is shown only what they may plan: the parts of their own department (city-wide: any).
  requireAccess(supervisesWholeVisit({ departments }, principal), `A supervisor of ${principal.department ?? 'this'} department plans only that department's part of a visit.`);
  const window = { start, end };
  const [entity, pool, otherDraws] = await Promise.all([services.store.getEntity(entityId), services.draws.poolInspectors(departments, window), services.draws.drawLoads(window, '')]);
  if (!entity) throw notFound('entity', entityId);
  const drawn = countedFor(pool, otherDraws).loads;
  const records = new Map((await services.store.getInspectors(pool.map((i) => i.id))).map((i) => [i.id, i]));
  const judged = { id: entity.id, district: entity.district, lastInspectorIds: entity.lastInspectorIds ?? [] };
  const rule = { departments, segment: entity.segment, crossDistrict, workloadCap };
  const inspectors: JudgedInspector[] = pool.map((candidate) => {
    const inspector = { ...candidate, load: candidate.load + (drawn[candidate.id] ?? 0) };
    const reasons = ineligibilityOf({ inspector, entity: judged, rule, load: inspector.load });
    return { id: inspector.id, name: records.get(inspector.id)?.name ?? inspector.id, department: inspector.department, district: inspector.district, load: inspector.load, eligible: reasons.length === 0, reasons };
  });
  // The eligible first, then by department and name: who can go is what the planner reads first.
  inspectors.sort((a, b) => Number(b.eligible) - Number(a.eligible) || a.department.localeCompare(b.department) || a.name.localeCompare(b.name));
  return {
    entity: { id: entity.id, name: entity.name, segment: entity.segment, district: entity.district },
    rule: { ...rule, window },
    items: checkItemsOf(entity.segment),
    inspectors,
  };
}
