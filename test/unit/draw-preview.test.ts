import { describe, expect, it } from 'vitest';
import type { PoolInspector } from '../../shared/draws/model.ts';
import { previewOf } from '../../shared/draws/preview.ts';
import { selectEntities } from '../../shared/draws/select.ts';
import { poolDigests } from '../../shared/draws/snapshot.ts';

const parameters = {
  department: 'food-safety',
  jointDepartments: ['special-equipment'],
  segment: 'catering',
  rule: { kind: 'ratio' as const, basisPoints: { A: 500, B: 2000, C: 5000, D: 10_000 }, ungradedAs: 'B' as const },
  inspectorsPerCompany: 2,
  crossDistrict: false,
  workloadCap: 3,
};
const grades = ['A', 'B', 'C', 'D', undefined] as const;
const pool = Array.from({ length: 50 }, (_, i) => ({ id: `co-${i}`, district: i % 2 ? 'Pudong' : 'Huangpu', lastInspectorIds: [], ...(grades[i % 5] ? { grade: grades[i % 5] } : {}) }));
const inspector = (id: string, department: string, load: number, qualifications = ['catering']): PoolInspector => ({ id, department, district: 'Huangpu', qualifications, recusals: [], load });

describe('the preview of a draft draw', () => {
  it('gives each stratum the quota the selection then draws', () => {
    const preview = previewOf(parameters, pool, [], {});
    const { strata, selected } = selectEntities(pool, poolDigests(pool), parameters.rule, [1, 2, 3, 4]);
    expect(preview.strata).toEqual(strata);
    expect(preview.expected).toBe(selected.length);
    expect(preview.needed).toBe(2 * selected.length);
  });

  it('counts the pool per district and grade, the ungraded apart', () => {
    expect(previewOf(parameters, pool, [], {}).districts).toEqual([
      { district: 'Huangpu', pool: 25, grades: { A: 5, B: 5, C: 5, D: 5, ungraded: 5 } },
      { district: 'Pudong', pool: 25, grades: { A: 5, B: 5, C: 5, D: 5, ungraded: 5 } },
    ]);
  });

  it('counts as available only qualified inspectors under the cap, other draws’ assignments included', () => {
    const inspectors = [
      inspector('free', 'food-safety', 0),
      inspector('busy', 'food-safety', 3),
      inspector('drawn-elsewhere', 'food-safety', 1),
      inspector('unqualified', 'food-safety', 0, ['retail']),
      inspector('equipment', 'special-equipment', 2),
    ];
    expect(previewOf(parameters, pool, inspectors, { 'drawn-elsewhere': 2 }).inspectors).toEqual([
      { department: 'food-safety', active: 4, qualified: 3, available: 1, capacity: 3 },
      { department: 'special-equipment', active: 1, qualified: 1, available: 1, capacity: 1 },
    ]);
  });

  it('warns per district where its own inspectors cannot cover the companies drawn there, unless any district will do', () => {
    const inspectors = [inspector('huangpu-food', 'food-safety', 0), inspector('huangpu-equipment', 'special-equipment', 0)];
    const preview = previewOf({ ...parameters, workloadCap: 20 }, pool, inspectors, {});
    const [huangpu, pudong] = preview.reach;
    expect(huangpu!.expected + pudong!.expected).toBeGreaterThanOrEqual(preview.expected);
    expect(huangpu!.departments.map((row) => row.capacity)).toEqual([20, 20]);
    expect(huangpu!.short).toBe(false);
    // Pudong's companies are drawn too, but nobody works there: the total capacity (40) hid it.
    expect(pudong).toMatchObject({ district: 'Pudong', short: true, departments: [{ available: 0 }, { available: 0 }] });
    const anywhere = previewOf({ ...parameters, workloadCap: 20, crossDistrict: true }, pool, inspectors, {});
    expect(anywhere.reach).toEqual([{ district: '*', expected: anywhere.expected, departments: [{ department: 'food-safety', available: 1, capacity: 20 }, { department: 'special-equipment', available: 1, capacity: 20 }], short: false }]);
  });

  it('says which grade the ungraded companies are drawn as', () => {
    expect(previewOf(parameters, pool, [], {}).ungradedAs).toBe('B');
    expect(previewOf(parameters, pool.filter((entity) => entity.grade), [], {}).ungradedAs).toBeUndefined();
  });
});
