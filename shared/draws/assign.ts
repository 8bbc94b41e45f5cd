/**
 * Inspectors for each selected company, drawn from the same revealed seed. Companies are served in the order of
 * their keys; for each, every eligible inspector gets a key from (draw, company, inspector) and the smallest win:
 * first one per required department, then the rest up to the number required. An inspector who is recused, who
 * inspected the company last time, or who reached the workload cap is not eligible, so the next key takes the place.
 * Companies whose rules cannot be met are reported with the reason, never dropped silently. Who is eligible is
 * eligibility.ts's rule, the one a supervisor planning by hand is shown.
 *
 * A draw scores ~10,000 companies × hundreds of inspectors, so the loop over them reads typed arrays: each
 * qualified inspector's digest words and load slot are found once, keys stay 32-bit words (no object per key), and
 * the rule is asked only about the few an index says it may exclude.
 */
import { drawRule, exclusionOf, exclusionWords, qualifies, type Exclusion } from './eligibility.ts';
import { idDigest, mixed, mixWords, type KeyWords } from './keys.ts';
import type { Assignment, DrawParameters, PoolEntity, PoolInspector, SelectedEntity, Unassigned } from './model.ts';

export function assignInspectors(
  selected: readonly SelectedEntity[],
  entities: ReadonlyMap<string, PoolEntity>,
  inspectors: readonly PoolInspector[],
  parameters: Pick<DrawParameters, 'department' | 'jointDepartments' | 'segment' | 'inspectorsPerCompany' | 'crossDistrict' | 'workloadCap'>,
  key: KeyWords,
): { assignments: Assignment[]; unassigned: Unassigned[] } {
  const rule = drawRule(parameters);
  // Loads are per id (one slot per distinct id), as the workload cap counts a person's inspections.
  const slotOf = new Map<string, number>();
  const loads: number[] = [];
  for (const inspector of inspectors) {
    if (!slotOf.has(inspector.id)) slotOf.set(inspector.id, slotOf.size);
    loads[slotOf.get(inspector.id)!] = inspector.load;
  }
  const load = Float64Array.from(loads);
  const idOfSlot = [...slotOf.keys()];

  // The qualified inspectors ("candidates"), numbered in snapshot order, grouped by department and district ('*'
  // when any district will do), found once, not per company: the rule's district condition, as a lookup.
  const candidates = inspectors.filter((inspector) => qualifies(inspector, rule));
  const digests = new Int32Array(4 * candidates.length);
  const candidateSlot = new Int32Array(candidates.length);
  const groups = new Map<string, number[]>();
  const noMembers: number[] = [];
  const group = (department: string, district: string) => `${department}\u0000${parameters.crossDistrict ? '*' : district}`;
  candidates.forEach((inspector, c) => {
    digests.set(idDigest(inspector.id), 4 * c);
    candidateSlot[c] = slotOf.get(inspector.id)!;
    const name = group(inspector.department, inspector.district);
    (groups.get(name) ?? groups.set(name, []).get(name)!).push(c);
  });
  // Who may be excluded from a company for a conflict, by company: the candidates who recused themselves from it, and
  // those it names as last time's inspectors. Anyone else, below the cap, is eligible without asking the rule.
  const recusing = new Map<string, Set<number>>();
  candidates.forEach((inspector, c) => {
    for (const entityId of inspector.recusals) (recusing.get(entityId) ?? recusing.set(entityId, new Set()).get(entityId)!).add(c);
  });

  // The scored candidates of one company, in scoring order: key halves (unsigned), candidate and department index.
  const capacity = candidates.length * rule.departments.length;
  const scoredHi = new Uint32Array(capacity);
  const scoredLo = new Uint32Array(capacity);
  const scoredCandidate = new Int32Array(capacity);
  const scoredDepartment = new Int32Array(capacity);
  // Imported bindings held in locals: a transpiling loader (tsx: the bench, the local stack) reads them through getters.
  const mix = mixWords;
  const out = mixed;
  const [k0, k1, k2, k3] = key;
  const { workloadCap } = rule;

  const assignments: Assignment[] = [];
  const unassigned: Unassigned[] = [];
  for (const { entityId } of selected) {
    const entity = entities.get(entityId)!;
    const [e0, e1, e2, e3] = idDigest(entityId);
    const conflicted = recusing.get(entity.id);
    const lastInspectorIds = entity.lastInspectorIds;
    let scored = 0;
    const problems: string[] = [];
    for (let d = 0; d < rule.departments.length; d++) {
      const department = rule.departments[d]!;
      const excluded = new Map<Exclusion, number>();
      let eligible = 0;
      const members = groups.get(group(department, entity.district)) ?? noMembers;
      for (let m = 0; m < members.length; m++) {
        const c = members[m]!;
        if (load[candidateSlot[c]!]! >= workloadCap || conflicted?.has(c) || (lastInspectorIds.length > 0 && lastInspectorIds.includes(candidates[c]!.id))) {
          const why = exclusionOf({ inspector: candidates[c]!, entity, rule, load: load[candidateSlot[c]!]! });
          if (why) {
            excluded.set(why, (excluded.get(why) ?? 0) + 1);
            continue;
          }
        }
        eligible++;
        // The key of (company, inspector): the draw key mixed with the two digests XORed word by word.
        mix(k0, k1, k2, k3, e0 ^ digests[4 * c]!, e1 ^ digests[4 * c + 1]!, e2 ^ digests[4 * c + 2]!, e3 ^ digests[4 * c + 3]!, 0);
        scoredHi[scored] = out[0]!;
        scoredLo[scored] = out[1]!;
        scoredCandidate[scored] = c;
        scoredDepartment[scored] = d;
        scored++;
      }
      if (eligible === 0) {
        const detail = [...excluded].map(([why, n]) => `${n} ${exclusionWords[why]}`).join(', ');
        problems.push(
          `no eligible ${department} inspector qualified for ${parameters.segment}${parameters.crossDistrict ? '' : ` in ${entity.district}`}` +
            (detail ? ` (${detail})` : ''),
        );
      }
    }
    // The smallest key of each department first, then the smallest of the rest: minimum scans, no sorting. Of two
    // equal keys the one scored first wins. A person is chosen once (by load slot: one per id).
    const chosen: number[] = [];
    const smallest = (department: number | undefined) => {
      let best = -1;
      for (let s = 0; s < scored; s++) {
        if (department !== undefined && scoredDepartment[s] !== department) continue;
        if (chosen.includes(candidateSlot[scoredCandidate[s]!]!)) continue;
        if (best < 0 || scoredHi[s]! < scoredHi[best]! || (scoredHi[s] === scoredHi[best] && scoredLo[s]! < scoredLo[best]!)) best = s;
      }
      return best < 0 ? undefined : candidateSlot[scoredCandidate[best]!]!;
    };
    rule.departments.forEach((_, d) => {
      const first = smallest(d);
      if (first !== undefined) chosen.push(first);
    });
    while (chosen.length < parameters.inspectorsPerCompany) {
      const next = smallest(undefined);
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
    assignments.push({ entityId, inspectorIds: chosen.map((slot) => idOfSlot[slot]!) });
  }
  return { assignments, unassigned };
}
