/**
 * Running totals, kept as counters that the use cases add to when something happens (an inspection planned, a
 * draw executed, a visit joined, results recorded), so reading the figures costs one item, not a scan of the city.
 */
import type { Principal } from '../auth/principal.ts';
import type { Services } from '../services.ts';

export const counterNames = [
  'inspectionsPlanned',
  'inspectionsFromDraws',
  'visitsSaved',
  'drawsExecuted',
  'codesIssued',
  'results.compliant',
  'results.rectify',
  'results.non-compliant',
] as const;
export type CounterName = (typeof counterNames)[number];
export type Counters = Partial<Record<CounterName, number>>;

/** The figures: everyone sees the public ones; supervisors also the raw counters. */
export async function readStats(services: Services, principal: Principal | undefined) {
  const [c, grades] = await Promise.all([services.store.readCounters(), services.store.readGradeDistribution()]);
  const n = (name: CounterName) => c[name] ?? 0;
  const results = n('results.compliant') + n('results.rectify') + n('results.non-compliant');
  const figures = {
    inspections: n('inspectionsPlanned') + n('inspectionsFromDraws'),
    drawsExecuted: n('drawsExecuted'),
    inspectionsFromDraws: n('inspectionsFromDraws'),
    /** Visits that joined another department's visit to the same company instead of happening separately. */
    visitsSaved: n('visitsSaved'),
    inspectionsWithResults: results,
    /** Share of inspections with results that found something to fix (rectify or non-compliant). */
    detectionRate: results === 0 ? null : Math.round(((n('results.rectify') + n('results.non-compliant')) / results) * 1000) / 1000,
    /** Credit grades of the last scoring run, in total, by segment and by district. */
    grades: grades ?? null,
  };
  return principal?.role === 'supervisor' ? { ...figures, counters: Object.fromEntries(counterNames.map((name) => [name, n(name)])) } : figures;
}
