/**
 * Running totals, kept as counters that the use cases add to when something happens (an inspection planned, a
 * draw executed, a visit joined, results recorded), so reading the figures costs one item, not a scan of the city.
 */
import type { Principal } from '../auth/principal.ts';
import { today, type Services } from '../services.ts';
import { periodKinds, recentPeriods, seriesOf, type PeriodKind } from './series.ts';
import { clueStatuses } from '../warnings/clue.ts';

export const counterNames = [
  'inspectionsPlanned',
  'inspectionsFromDraws',
  'inspectionsFromTriggers',
  'visitsSaved',
  'drawsExecuted',
  'codesIssued',
  'results.compliant',
  'results.rectify',
  'results.non-compliant',
] as const;
export type CounterName = (typeof counterNames)[number];
/** Counters per model, trigger, status or alert type: `clues.model.<model>`, `clues.status.<status>`, `triggers.fired.<trigger>`, `alerts.type.<type>` ... */
export type KeyedCounterName = `clues.${string}` | `triggers.${string}` | `alerts.${string}`;
export type Counters = Partial<Record<CounterName | KeyedCounterName, number>>;

/** Counters under a prefix, by what follows it: `keyed(c, 'clues.model.')` → `{ 'licence-expiring': 3, ... }`. */
const keyed = (c: Counters, prefix: string) =>
  Object.fromEntries(Object.entries(c).flatMap(([name, value]) => (name.startsWith(prefix) && value ? [[name.slice(prefix.length), value]] : [])));

const detectionRate = (outcomes: Record<string, number>) => {
  const all = Object.values(outcomes).reduce((a, b) => a + b, 0);
  return all === 0 ? null : Math.round((((outcomes.rectify ?? 0) + (outcomes['non-compliant'] ?? 0)) / all) * 1000) / 1000;
};

/** The figures: everyone sees the public ones (aggregates only); supervisors also the raw counters. */
export async function readStats(services: Services, principal: Principal | undefined) {
  const day = today(services);
  const series = (kind: PeriodKind) => {
    const periods = recentPeriods(kind, day);
    return services.store.readPeriodCounters(kind, periods[0]!, periods.at(-1)!).then((stored) => [kind, seriesOf(kind, day, stored)] as const);
  };
  const [c, grades, ...overTime] = await Promise.all([services.store.readCounters(), services.store.readGradeDistribution(), ...periodKinds.map(series)]);
  const n = (name: CounterName) => c[name] ?? 0;
  const results = { compliant: n('results.compliant'), rectify: n('results.rectify'), 'non-compliant': n('results.non-compliant') };
  const triggerResults = keyed(c, 'triggers.results.');
  const figures = {
    inspections: n('inspectionsPlanned') + n('inspectionsFromDraws') + n('inspectionsFromTriggers'),
    drawsExecuted: n('drawsExecuted'),
    inspectionsFromDraws: n('inspectionsFromDraws'),
    /** Visits that joined another department's visit to the same company instead of happening separately. */
    visitsSaved: n('visitsSaved'),
    inspectionsWithResults: results.compliant + results.rectify + results['non-compliant'],
    /** Share of inspections with results that found something to fix (rectify or non-compliant). */
    detectionRate: detectionRate(results),
    /** Credit grades of the last scoring run, in total, by segment and by district. */
    grades: grades ?? null,
    /** Warning clues raised, by model and by where they stand now, and how many escalated. */
    clues: {
      byModel: keyed(c, 'clues.model.'),
      byStatus: Object.fromEntries(clueStatuses.map((status) => [status, c[`clues.status.${status}`] ?? 0])),
      escalations: c['clues.escalated'] ?? 0,
    },
    /** Trigger inspections of food manufacturers, by trigger, and the share of those with results that found something. */
    triggerInspections: {
      total: n('inspectionsFromTriggers'),
      byTrigger: keyed(c, 'triggers.fired.'),
      withResults: Object.values(triggerResults).reduce((a, b) => a + b, 0),
      detectionRate: detectionRate(triggerResults),
    },
    /**
     * The same figures week by week (the last 26, each by its Monday) and month by month (the last 24), on the
     * authority's calendar: inspections planned, with results and with findings, the detection rate, visits saved,
     * clues opened and triggers fired in each.
     */
    overTime: Object.fromEntries(overTime) as Record<PeriodKind, ReturnType<typeof seriesOf>>,
    /** Smart-kitchen alerts by type, and how many arrived over a device's rate (evaluated by the sweep, not at once). */
    alerts: { byType: keyed(c, 'alerts.type.'), deferred: c['alerts.deferred'] ?? 0 },
  };
  return principal?.role === 'supervisor' ? { ...figures, counters: c } : figures;
}
