/**
 * Inspectors for each selected company, drawn from the same revealed seed. Companies are served in the order of
 * their keys; for each, every eligible inspector gets a key from (draw, company, inspector) and the smallest win:
 * first one per required department, then the rest up to the number required. An inspector who is recused, who
 * inspected the company last time, or who reached the workload cap is not eligible, so the next key takes the place.
 * Companies whose rules cannot be met are reported with the reason, never dropped silently. Who is eligible is
 * eligibility.ts's rule, the one a supervisor planning by hand is shown.
 */
import { drawRule, exclusionOf, exclusionWords, qualifies, type Exclusion } from './eligibility.ts';
import { combine, compareKeys, idDigest, mixKey, type Key, type KeyWords } from './keys.ts';
import type { Assignment, DrawParameters, PoolEntity, PoolInspector, SelectedEntity, Unassigned } from './model.ts';

interface Candidate {
  inspector: PoolInspector;
  digest: KeyWords;
}

export function assignInspectors(
  selected: readonly SelectedEntity[],
  entities: ReadonlyMap<string, PoolEntity>,
  inspectors: readonly PoolInspector[],
  parameters: Pick<DrawParameters, 'department' | 'jointDepartments' | 'segment' | 'inspectorsPerCompany' | 'crossDistrict' | 'workloadCap'>,
  key: KeyWords,
): { assignments: Assignment[]; unassigned: Unassigned[] } {
  const rule = drawRule(parameters);
  // Qualified inspectors by department and district ('*' when any district will do), found once, not per company:
  // the rule's district condition, as a lookup.
  const qualified = new Map<string, Candidate[]>();
  const group = (department: string, district: string) => `${department}\u0000${parameters.crossDistrict ? '*' : district}`;
  for (const inspector of inspectors) {
    if (!qualifies(inspector, rule)) continue;
    const key = group(inspector.department, inspector.district);
    if (!qualified.has(key)) qualified.set(key, []);
    qualified.get(key)!.push({ inspector, digest: idDigest(inspector.id) });
  }
  const load = new Map(inspectors.map((i) => [i.id, i.load]));
  const assignments: Assignment[] = [];
  const unassigned: Unassigned[] = [];

  for (const { entityId } of selected) {
    const entity = entities.get(entityId)!;
    const entityDigest = idDigest(entityId);
    const exclusion = ({ inspector }: Candidate) => exclusionOf({ inspector, entity, rule, load: load.get(inspector.id)! });
    const scored: { candidate: Candidate; department: string; key: Key }[] = [];
    const problems: string[] = [];
    for (const department of rule.departments) {
      const excluded = new Map<Exclusion, number>();
      let eligible = 0;
      for (const candidate of qualified.get(group(department, entity.district)) ?? []) {
        const why = exclusion(candidate);
        if (why) excluded.set(why, (excluded.get(why) ?? 0) + 1);
        else {
          eligible++;
          scored.push({ candidate, department, key: mixKey(key, combine(entityDigest, candidate.digest)) });
        }
      }
      if (eligible === 0) {
        const detail = [...excluded].map(([why, n]) => `${n} ${exclusionWords[why]}`).join(', ');
        problems.push(
          `no eligible ${department} inspector qualified for ${parameters.segment}${parameters.crossDistrict ? '' : ` in ${entity.district}`}` +
            (detail ? ` (${detail})` : ''),
        );
      }
    }
    // The smallest key of each department first, then the smallest of the rest: minimum scans, no sorting.
    const chosen: string[] = [];
    const smallest = (admits: (s: (typeof scored)[number]) => boolean) => {
      let best: (typeof scored)[number] | undefined;
      for (const s of scored) if (admits(s) && !chosen.includes(s.candidate.inspector.id) && (!best || compareKeys(s.key, best.key) < 0)) best = s;
      return best?.candidate.inspector.id;
    };
    for (const department of rule.departments) {
      const first = smallest((s) => s.department === department);
      if (first) chosen.push(first);
    }
    while (chosen.length < parameters.inspectorsPerCompany) {
      const next = smallest(() => true);
      if (!next) break;
      chosen.push(next);
    }
    if (problems.length === 0 && chosen.length < parameters.inspectorsPerCompany) {
      problems.push(`only ${chosen.length} eligible inspector(s), ${parameters.inspectorsPerCompany} required`);
    }
    if (problems.length > 0) {
      unassigned.push({ entityId, reason: problems.join('; ') });
      continue;
    }
    for (const id of chosen) load.set(id, load.get(id)! + 1);
    assignments.push({ entityId, inspectorIds: chosen });
  }
  return { assignments, unassigned };
}
