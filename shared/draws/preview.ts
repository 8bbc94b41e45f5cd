/**
 * What a draft draw rule would draw, before anything is committed: the pool the snapshot would freeze, each stratum's
 * size and quota by the very function execution selects with (strataOf), the pool per district and grade, and the
 * inspectors who could be sent. No seed, no record, no beacon: a preview can be asked for as often as a rule is
 * changed. The quotas are exact for the data as it is now; the snapshot at announcement freezes the data it draws.
 */
import type { Grade, DrawParameters, PoolEntity, PoolInspector } from './model.ts';
import { drawRule, qualifies } from './eligibility.ts';
import { strataOf, type Strata } from './select.ts';

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
  /** Inspector visits the expected companies need: expected × inspectorsPerCompany. */
  needed: number;
}

const noGrades = (): Record<Grade | 'ungraded', number> => ({ A: 0, B: 0, C: 0, D: 0, ungraded: 0 });

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
    const row = districts.get(district) ?? districts.set(district, { pool: 0, grades: noGrades() }).get(district)!;
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
  return {
    poolSize: pool.length,
    strata,
    expected,
    districts: [...districts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([district, row]) => ({ district, ...row })),
    inspectors: departments,
    needed: expected * parameters.inspectorsPerCompany,
  };
}
