/**
 * Inspectors for each selected company, drawn from the same revealed seed. Companies are served in the order of
 * their keys; for each, every eligible inspector gets a key from (draw, company, inspector) and the smallest win:
 * first one per required department, then the rest up to the number required. An inspector who is recused, who
 * inspected the company last time, or who reached the workload cap is not eligible, so the next key takes the place.
 * Companies whose rules cannot be met are reported with the reason, never dropped silently. Who is eligible is
 * eligibility.ts's rule, the one a supervisor planning by hand is shown.
 *
 * A draw scores ~10,000 companies × hundreds of inspectors, so that loop reads typed arrays: each qualified
 * inspector's digest words and load slot are found once per draw, keys stay 32-bit words (no object per key), and
 * the rule is asked only about the few an index says it may exclude.
 */
import { drawRule, exclusionOf, exclusionWords, qualifies, type EligibilityRule, type Exclusion } from './eligibility.ts';
import { idDigest, mixed, mixWords, type KeyWords } from './keys.ts';
import type { Assignment, DrawParameters, PoolEntity, PoolInspector, SelectedEntity, Unassigned } from './model.ts';

/** Inspections held in the window, one slot per distinct id: the workload cap counts a person's inspections. */
interface Loads {
  slotOf: Map<string, number>;
  /** The id of each slot. */
  ids: string[];
  load: Float64Array;
}

function loadsOf(inspectors: readonly PoolInspector[]): Loads {
  const slotOf = new Map<string, number>();
  const loads: number[] = [];
  for (const inspector of inspectors) {
    if (!slotOf.has(inspector.id)) slotOf.set(inspector.id, slotOf.size);
    loads[slotOf.get(inspector.id)!] = inspector.load;
  }
  return { slotOf, ids: [...slotOf.keys()], load: Float64Array.from(loads) };
}

/** The qualified inspectors ("candidates"), numbered in snapshot order, and what scoring reads of each. */
interface Candidates {
  inspectors: PoolInspector[];
  /** Four digest words per candidate. */
  digests: Int32Array;
  /** Each candidate's load slot. */
  slots: Int32Array;
  /**
   * The candidates of each of the rule's departments (by its index), by district, or all under '*' when any district
   * will do: the rule's district condition, as a lookup.
   */
  byDistrict: Map<string, number[][]>;
  /** The candidates who recused themselves from a company, by company id. */
  recusing: Map<string, Set<number>>;
}

function candidatesOf(inspectors: readonly PoolInspector[], rule: EligibilityRule, { slotOf }: Loads): Candidates {
  const qualified = inspectors.filter((inspector) => qualifies(inspector, rule));
  const candidates: Candidates = {
    inspectors: qualified,
    digests: new Int32Array(4 * qualified.length),
    slots: new Int32Array(qualified.length),
    byDistrict: new Map(),
    recusing: new Map(),
  };
  const { digests, slots, byDistrict, recusing } = candidates;
  qualified.forEach((inspector, c) => {
    digests.set(idDigest(inspector.id), 4 * c);
    slots[c] = slotOf.get(inspector.id)!;
    const district = rule.crossDistrict ? '*' : inspector.district;
    const groups = byDistrict.get(district) ?? byDistrict.set(district, rule.departments.map(() => [])).get(district)!;
    rule.departments.forEach((department, d) => department === inspector.department && groups[d]!.push(c));
    for (const entityId of inspector.recusals) (recusing.get(entityId) ?? recusing.set(entityId, new Set()).get(entityId)!).add(c);
  });
  return candidates;
}

/** One company's scored candidates, in scoring order: key halves (unsigned) and load slot. Reused company to company. */
class Scored {
  readonly hi: Uint32Array;
  readonly lo: Uint32Array;
  readonly slot: Int32Array;
  count = 0;

  constructor(capacity: number) {
    this.hi = new Uint32Array(capacity);
    this.lo = new Uint32Array(capacity);
    this.slot = new Int32Array(capacity);
  }

  /**
   * The load slot of the smallest key scored from `from` to `to` whose person is not chosen yet: a minimum scan, no
   * sorting. Of two equal keys the one scored first wins.
   */
  smallest(from: number, to: number, chosen: readonly number[]): number | undefined {
    const { hi, lo, slot } = this;
    let best = -1;
    for (let s = from; s < to; s++) {
      const smaller = best < 0 || hi[s]! < hi[best]! || (hi[s] === hi[best] && lo[s]! < lo[best]!);
      if (smaller && !chosen.includes(slot[s]!)) best = s;
    }
    return best < 0 ? undefined : slot[best]!;
  }
}

/** A selected company, with its public id digest (the pool snapshot's: SHA-256 of its id, section 2.3). */
export interface Company {
  entity: PoolEntity;
  digest: KeyWords;
}

/**
 * Scores one department's group of candidates for a company into `scored`, in group order, and counts those the rule
 * excludes (why → how many, in the order each first occurs). The rule judges only the candidates an index says it may
 * exclude (at the cap, recused from the company, or named as its last inspectors): against the rest it finds nothing.
 */
function scoreGroup(members: readonly number[], company: Company, candidates: Candidates, load: Float64Array, rule: EligibilityRule, key: KeyWords, scored: Scored) {
  const { entity } = company;
  const { inspectors, digests, slots } = candidates;
  const recused = candidates.recusing.get(entity.id);
  const { lastInspectorIds } = entity;
  const [k0, k1, k2, k3] = key;
  const [e0, e1, e2, e3] = company.digest;
  // Imported bindings held in locals: a transpiling loader (tsx: the bench, the local stack) reads them through getters.
  const mix = mixWords;
  const out = mixed;
  const excluded = new Map<Exclusion, number>();
  for (const c of members) {
    const inspectorLoad = load[slots[c]!]!;
    if (inspectorLoad >= rule.workloadCap || recused?.has(c) || (lastInspectorIds.length > 0 && lastInspectorIds.includes(inspectors[c]!.id))) {
      const why = exclusionOf({ inspector: inspectors[c]!, entity, rule, load: inspectorLoad });
      if (why) {
        excluded.set(why, (excluded.get(why) ?? 0) + 1);
        continue;
      }
    }
    // The key of (company, inspector): the draw key mixed with the two digests XORed word by word.
    mix(k0, k1, k2, k3, e0 ^ digests[4 * c]!, e1 ^ digests[4 * c + 1]!, e2 ^ digests[4 * c + 2]!, e3 ^ digests[4 * c + 3]!, 0);
    const s = scored.count++;
    scored.hi[s] = out[0]!;
    scored.lo[s] = out[1]!;
    scored.slot[s] = slots[c]!;
  }
  return excluded;
}

/** `companies`: at least the selected ones, by id. */
export function assignInspectors(
  selected: readonly SelectedEntity[],
  companies: ReadonlyMap<string, Company>,
  inspectors: readonly PoolInspector[],
  parameters: Pick<DrawParameters, 'department' | 'jointDepartments' | 'segment' | 'inspectorsPerCompany' | 'crossDistrict' | 'workloadCap'>,
  key: KeyWords,
): { assignments: Assignment[]; unassigned: Unassigned[] } {
  const rule = drawRule(parameters);
  const { departments } = rule;
  const loads = loadsOf(inspectors);
  const { load } = loads;
  const candidates = candidatesOf(inspectors, rule, loads);
  const scored = new Scored(candidates.inspectors.length * departments.length);
  // Where each department's scored candidates start; the last entry is where they all end.
  const departmentStart = new Int32Array(departments.length + 1);
  const assignments: Assignment[] = [];
  const unassigned: Unassigned[] = [];

  for (const { entityId } of selected) {
    const company = companies.get(entityId)!;
    const { entity } = company;
    const problems: string[] = [];
    scored.count = 0;
    const groups = candidates.byDistrict.get(rule.crossDistrict ? '*' : entity.district);
    departments.forEach((department, d) => {
      departmentStart[d] = scored.count;
      const excluded = scoreGroup(groups?.[d] ?? [], company, candidates, load, rule, key, scored);
      if (scored.count === departmentStart[d]) {
        const detail = [...excluded].map(([why, n]) => `${n} ${exclusionWords[why]}`).join(', ');
        problems.push(
          `no eligible ${department} inspector qualified for ${parameters.segment}${parameters.crossDistrict ? '' : ` in ${entity.district}`}` +
            (detail ? ` (${detail})` : ''),
        );
      }
    });
    departmentStart[departments.length] = scored.count;
    // The smallest key of each department first, then the smallest of the rest; a person is chosen once.
    const chosen: number[] = [];
    departments.forEach((_, d) => {
      const first = scored.smallest(departmentStart[d]!, departmentStart[d + 1]!, chosen);
      if (first !== undefined) chosen.push(first);
    });
    while (chosen.length < parameters.inspectorsPerCompany) {
      const next = scored.smallest(0, scored.count, chosen);
      if (next === undefined) break;
      chosen.push(next);
    }
    if (problems.length === 0 && chosen.length < parameters.inspectorsPerCompany) {
      problems.push(`only ${chosen.length} eligible inspector(s), ${parameters.inspectorsPerCompany} required`);
    }
    if (problems.length > 0) {
      unassigned.push({ entityId, reason: problems.join('; ') });
      continue;
    }
    for (const slot of chosen) load[slot] = load[slot]! + 1;
    assignments.push({ entityId, inspectorIds: chosen.map((slot) => loads.ids[slot]!) });
  }
  return { assignments, unassigned };
}
