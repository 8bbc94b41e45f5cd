/** A whole draw from its revealed record and snapshots: selection, then inspectors. Pure and deterministic. */
import { assignInspectors, type Company } from './assign.ts';
import { drawKey, idDigest } from './keys.ts';
import type { CountedLoads, DrawOutcome, DrawParameters, PoolEntity, PoolInspector, SelectedEntity } from './model.ts';
import { digestAt, selectEntities, type Digests } from './select.ts';

export interface RevealedDraw {
  id: string;
  parameters: DrawParameters;
  seed: string;
  /** The public beacon value mixed in at execution; empty when none was given. */
  beacon: string;
}

/**
 * The selected companies with their digests, by id. The pool is searched by digest before id: hashing 2.9M id strings
 * into a map (or a set) cost more than the whole assignment, while each digest's first word is an integer at hand.
 * The last entity of an id wins, as in a map of the whole pool.
 */
function selectedCompanies(selected: readonly SelectedEntity[], pool: readonly PoolEntity[], digests: Digests): Map<string, Company> {
  const ids = new Set(selected.map((s) => s.entityId));
  // 30 bits of the first word: small integers, which a set holds unboxed.
  const firstWords = new Set(selected.map((s) => idDigest(s.entityId)[0] & 0x3fffffff));
  const companies = new Map<string, Company>();
  for (let i = 0; i < pool.length; i++) {
    const entity = pool[i]!;
    if (firstWords.has(digests[4 * i]! & 0x3fffffff) && ids.has(entity.id)) companies.set(entity.id, { entity, digest: digestAt(digests, i) });
  }
  return companies;
}

/** A draw's outcome; `counted`: other draws' assignments in the window, added to each inspector's load (see CountedLoads). */
export function runDraw(draw: RevealedDraw, pool: readonly PoolEntity[], digests: Digests, snapshot: readonly PoolInspector[], counted?: CountedLoads): DrawOutcome {
  const inspectors = counted ? snapshot.map((i) => ({ ...i, load: i.load + (counted.loads[i.id] ?? 0) })) : snapshot;
  const { selected, strata } = selectEntities(pool, digests, draw.parameters.rule, drawKey('select', draw.seed, draw.beacon, draw.id));
  const { assignments, unassigned } = assignInspectors(selected, selectedCompanies(selected, pool, digests), inspectors, draw.parameters, drawKey('assign', draw.seed, draw.beacon, draw.id));
  return { ...(counted ? { counted } : {}), selected, strata, assignments, unassigned };
}
