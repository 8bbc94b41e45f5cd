/** Who may inspect a company: the one rule draws and planners judge inspectors by, and the days "due" means. */
import { describe, expect, it } from 'vitest';
import { exclusionOf, ineligibilityOf, qualifies, standingOf } from '../../shared/draws/eligibility.ts';
import type { PoolEntity, PoolInspector } from '../../shared/draws/model.ts';
import { dueQuery, dueRange, weekOf } from '../../shared/inspections/due.ts';

const entity: PoolEntity = { id: 'co-1', district: 'Huangpu', lastInspectorIds: ['insp-last'] };
const inspector = (overrides: Partial<PoolInspector> = {}): PoolInspector => ({
  id: 'insp-1',
  department: 'food-safety',
  district: 'Huangpu',
  qualifications: ['catering'],
  recusals: [],
  load: 0,
  ...overrides,
});
const rule = { departments: ['food-safety'], segment: 'catering', crossDistrict: false, workloadCap: 3 };
const judge = (candidate: PoolInspector, overrides: Partial<typeof rule> = {}) => ineligibilityOf({ inspector: candidate, entity, rule: { ...rule, ...overrides }, load: candidate.load });

describe('who may inspect a company', () => {
  it('admits a qualified inspector of the department and district, free of conflicts and below the cap', () => {
    expect(judge(inspector())).toEqual([]);
    expect(qualifies(inspector(), rule)).toBe(true);
  });

  it('names each reason an inspector may not go, all of them, in the rule’s order', () => {
    expect(judge(inspector({ department: 'market-order' }))).toEqual(['department']);
    expect(judge(inspector({ qualifications: ['drugs'] }))).toEqual(['qualification']);
    expect(judge(inspector({ district: 'Xuhui' }))).toEqual(['district']);
    expect(judge(inspector({ district: 'Xuhui' }), { crossDistrict: true })).toEqual([]);
    expect(judge(inspector({ recusals: ['co-1'] }))).toEqual(['recused']);
    expect(judge(inspector({ id: 'insp-last' }))).toEqual(['last-inspector']);
    expect(judge(inspector({ load: 3 }))).toEqual(['workload']);
    expect(judge(inspector({ id: 'insp-last', district: 'Xuhui', qualifications: [], load: 9 }))).toEqual(['qualification', 'district', 'last-inspector', 'workload']);
  });

  it('gives a draw the first conflict only, in the words its published report uses', () => {
    const both = inspector({ recusals: ['co-1'], load: 5 });
    expect(exclusionOf({ inspector: both, entity, rule, load: both.load })).toBe('recused');
    expect(exclusionOf({ inspector: inspector(), entity, rule, load: 0 })).toBeUndefined();
  });

  it('lets a plan set aside another district, last time’s inspector and the cap with a justification, never the others', () => {
    expect(standingOf([])).toBe('eligible');
    expect(standingOf(['district', 'last-inspector', 'workload'])).toBe('needs-justification');
    for (const hard of ['department', 'qualification', 'recused'] as const) expect(standingOf([hard])).toBe('refused');
    expect(standingOf(['district', 'recused'])).toBe('refused');
  });
});

describe('what is due', () => {
  it('counts weeks Monday to Sunday, also across a year end', () => {
    expect(weekOf('2026-11-29')).toEqual({ start: '2026-11-23', end: '2026-11-29' });
    expect(weekOf('2026-11-23')).toEqual({ start: '2026-11-23', end: '2026-11-29' });
    expect(weekOf('2027-01-01')).toEqual({ start: '2026-12-28', end: '2027-01-03' });
  });

  it('reads overdue as ended before today, due this week as ending today to Sunday, this week as overlapping it', () => {
    expect(dueRange('overdue', '2026-11-25')).toEqual({ endsBy: '2026-11-24' });
    expect(dueRange('due-this-week', '2026-11-25')).toEqual({ endsFrom: '2026-11-25', endsBy: '2026-11-29' });
    expect(dueRange('this-week', '2026-11-25')).toEqual({ endsFrom: '2026-11-23', startsBy: '2026-11-29' });
    expect(dueQuery({ status: 'on-site', due: 'overdue', department: 'food-safety' }, '2026-11-25')).toEqual({
      state: 'open',
      status: 'on-site',
      endsBy: '2026-11-24',
      department: 'food-safety',
    });
    expect(dueQuery({ status: 'closed' }, '2026-11-25')).toEqual({ state: 'closed' });
  });
});
