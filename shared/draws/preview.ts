/**
 * What a draft draw rule would draw, before anything is committed: the pool the snapshot would freeze, each stratum's
 * size and quota by the very function execution selects with (strataOf), the pool per district and grade, and the
 * inspectors who could be sent. No seed, no record, no beacon: a preview can be asked for as often as a rule is
 * changed. The quotas are exact for the data as it is now; the snapshot at announcement freezes the data it draws.
 */
import type { Grade, DrawParameters, PoolEntity, PoolInspector } from './model.ts';
import { drawRule, qualifies } from './eligibility.ts';
import { strataOf, stratumOf, type Strata } from './select.ts';
import { emptyTally, type GradeTally } from '../store/ports.ts';

export interface DrawPreview {
  poolSize: number;
  /** Per stratum (a grade; `all` for a fixed count): its size and how many execution would draw from it. */
  strata: Strata;
  /** Companies the rule draws: the sum of the quotas. */
  expected: number;
  /** The pool per district (sorted by name), by grade at present. */
  districts: { district: string; pool: number; grades: Record<Grade | 'ungraded', number> }[];
  /**
   * Per department of the draw: its active inspectors, those qualified for the segment, and those of them still under
   * the workload cap (counting inspections they hold in the window and other draws' assignments), with how many more
   * inspections those may take.
   */
  inspectors: { department: string; active: number; qualified: number; available: number; capacity: number }[];
  /**
   * Whether the inspectors can reach the companies where they are: per district of the pool (one row, district `*`,
   * when any district will do), about how many companies the rule draws there (its share of each stratum's quota,
   * rounded up) and, per department, the qualified inspectors working there under the cap and how many more
   * inspections they may take. `short`: a department cannot cover those companies, or all together cannot send
   * inspectorsPerCompany to each. An upper bound still: last time's inspectors and recusals are excluded company by
   * company at execution, so fewer may be eligible.
   */
  reach: { district: string; expected: number; departments: { department: string; available: number; capacity: number }[]; short: boolean }[];
  /** The grade the ungraded companies are drawn as (a ratio rule), when the pool has any. */
  ungradedAs?: Grade;
  /** Inspector visits the expected companies need: expected × inspectorsPerCompany. */
  needed: number;
  /**
   * The as-of day of the scoring run whose counts of the segment's companies by district and grade the pool was
   * taken from (companies registered since are not in it); absent when the pool was read company by company.
   */
  countedAsOf?: string;
}

/**
 * A pool as counts per district and grade describe it, one shared row per company (the preview needs no ids): what
 * {@link previewOf} takes, from a scoring run's counts. `districts`: only these (all when empty).
 */
export function poolOfCounts(byDistrict: Readonly<Record<string, GradeTally>>, districts: readonly string[]): Pick<PoolEntity, 'grade' | 'district'>[] {
  const pool: Pick<PoolEntity, 'grade' | 'district'>[] = [];
  for (const [district, counts] of Object.entries(byDistrict)) {
    if (districts.length > 0 && !districts.includes(district)) continue;
    for (const [grade, count] of Object.entries(counts) as [keyof GradeTally, number][]) {
      const row = grade === 'ungraded' ? { district } : { district, grade };
      for (let i = 0; i < count; i++) pool.push(row);
    }
  }
  return pool;
}

/** The preview of a rule over a pool and the inspectors as they stand; `counted`: other draws' assignments per inspector. */
export function previewOf(
  parameters: Pick<DrawParameters, 'department' | 'jointDepartments' | 'segment' | 'rule' | 'inspectorsPerCompany' | 'crossDistrict' | 'workloadCap'>,
  pool: readonly Pick<PoolEntity, 'grade' | 'district'>[],
  inspectors: readonly PoolInspector[],
  counted: Readonly<Record<string, number>>,
): DrawPreview {
  const strata = strataOf(pool, parameters.rule);
  const expected = Object.values(strata).reduce((sum, { quota }) => sum + quota, 0);
  const districts = new Map<string, { pool: number; grades: Record<Grade | 'ungraded', number> }>();
  for (const { district, grade } of pool) {
    const row = districts.get(district) ?? districts.set(district, { pool: 0, grades: emptyTally() }).get(district)!;
    row.pool++;
    row.grades[grade ?? 'ungraded']++;
  }
  const rule = drawRule(parameters);
  const departments = rule.departments.map((department) => {
    const own = inspectors.filter((i) => i.department === department);
    const qualified = own.filter((i) => qualifies(i, rule));
    const room = qualified.map((i) => parameters.workloadCap - i.load - (counted[i.id] ?? 0)).filter((left) => left > 0);
    return { department, active: own.length, qualified: qualified.length, available: room.length, capacity: room.reduce((sum, left) => sum + left, 0) };
  });
  const reach = [...(parameters.crossDistrict ? [['*', [...districts.values()]] as const] : [...districts].map(([district, row]) => [district, [row]] as const))]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([district, rows]) => reachOf(parameters, district, rows, strata, inspectors, counted));
  const ungraded = [...districts.values()].some((row) => row.grades.ungraded > 0);
  return {
    poolSize: pool.length,
    strata,
    expected,
    districts: [...districts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([district, row]) => ({ district, ...row })),
    inspectors: departments,
    needed: expected * parameters.inspectorsPerCompany,
    reach,
    ...(ungraded && parameters.rule.kind === 'ratio' ? { ungradedAs: parameters.rule.ungradedAs } : {}),
  };
}

/** One row of {@link DrawPreview.reach}: counts per grade and per inspector, never a loop over the companies. */
function reachOf(
  parameters: Parameters<typeof previewOf>[0],
  district: string,
  rows: readonly { grades: Record<Grade | 'ungraded', number> }[],
  strata: Strata,
  inspectors: readonly PoolInspector[],
  counted: Readonly<Record<string, number>>,
): DrawPreview['reach'][number] {
  let share = 0;
  for (const { grades } of rows)
    for (const [grade, count] of Object.entries(grades) as [Grade | 'ungraded', number][]) {
      const stratum = strata[stratumOf(parameters.rule, grade === 'ungraded' ? {} : { grade })];
      if (stratum && count > 0) share += (stratum.quota * count) / stratum.pool;
    }
  const expected = Math.ceil(share - 1e-9);
  const rule = drawRule(parameters);
  const departments = rule.departments.map((department) => {
    const room = inspectors
      .filter((i) => i.department === department && (district === '*' || i.district === district) && qualifies(i, rule))
      .map((i) => parameters.workloadCap - i.load - (counted[i.id] ?? 0))
      .filter((left) => left > 0);
    return { department, available: room.length, capacity: room.reduce((sum, left) => sum + left, 0) };
  });
  const total = departments.reduce((sum, { capacity }) => sum + capacity, 0);
  const short = expected > 0 && (departments.some(({ capacity }) => capacity < expected) || total < expected * parameters.inspectorsPerCompany);
  return { district, expected, departments, short };
}
