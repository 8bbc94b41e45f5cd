/** A whole draw from its revealed record and snapshots: selection, then inspectors. Pure and deterministic. */
import { assignInspectors, type Company } from './assign.ts';
import { drawKey } from './keys.ts';
import type { CountedLoads, DrawOutcome, DrawParameters, PoolEntity, PoolInspector } from './model.ts';
import { digestAt, selectEntities, type Digests } from './select.ts';

export interface RevealedDraw {
  id: string;
  parameters: DrawParameters;
  seed: string;
  /** The public beacon value mixed in at execution; empty when none was given. */
  beacon: string;
}

/** A draw's outcome; `counted`: other draws' assignments in the window, added to each inspector's load (see CountedLoads). */
export function runDraw(draw: RevealedDraw, pool: readonly PoolEntity[], digests: Digests, snapshot: readonly PoolInspector[], counted?: CountedLoads): DrawOutcome {
  const inspectors = counted ? snapshot.map((i) => ({ ...i, load: i.load + (counted.loads[i.id] ?? 0) })) : snapshot;
  const { selected, strata } = selectEntities(pool, digests, draw.parameters.rule, drawKey('select', draw.seed, draw.beacon, draw.id));
  // Only the selected companies are looked up: a map of the whole pool (2.9M entries) cost more than the assignment.
  // The last entity of an id wins, as it did in that map. Their digests are the pool's, not hashed again.
  const wanted = new Set(selected.map((s) => s.entityId));
  const companies = new Map<string, Company>();
  pool.forEach((entity, i) => wanted.has(entity.id) && companies.set(entity.id, { entity, digest: digestAt(digests, i) }));
  const { assignments, unassigned } = assignInspectors(selected, companies, inspectors, draw.parameters, drawKey('assign', draw.seed, draw.beacon, draw.id));
  return { ...(counted ? { counted } : {}), selected, strata, assignments, unassigned };
}
