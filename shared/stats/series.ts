/**
 * The figures over time. Every counter that counts an event (an inspection planned, results recorded, a visit saved,
 * a clue opened, a trigger fired) is also added to the totals of the week and the month it happened in, on the
 * authority's calendar, so that a chart of the last half-year reads a couple of dozen small items, not the events.
 */
import { addDays, dayNumber, isoDay } from '../dates.ts';
import type { Counters } from './stats.ts';

export const periodKinds = ['week', 'month'] as const;
export type PeriodKind = (typeof periodKinds)[number];

/** How far back each series goes, the current period included. */
export const seriesLength: Record<PeriodKind, number> = { week: 26, month: 24 };

/** The Monday of a day's week (weeks start on Monday, as in China and ISO 8601). */
export const weekOf = (day: string) => isoDay(dayNumber(day) - ((dayNumber(day) + 3) % 7));

/** The periods a day is counted in: `week#<its Monday>` and `month#<YYYY-MM>`. */
export const periodsOf = (day: string) => [`week#${weekOf(day)}`, `month#${day.slice(0, 7)}`];

/** What a period's item holds: the counters of events, not of states (where clues stand now is no event). */
export const eventCounters = (counters: Counters): Counters =>
  Object.fromEntries(Object.entries(counters).filter(([name, n]) => n && !name.startsWith('clues.status.'))) as Counters;

/** The last `seriesLength[kind]` periods up to the one holding `today`, oldest first (`2026-11-23`, `2026-11`). */
export function recentPeriods(kind: PeriodKind, today: string): string[] {
  const count = seriesLength[kind];
  if (kind === 'week') return Array.from({ length: count }, (_, i) => addDays(weekOf(today), -7 * (count - 1 - i)));
  const [year, month] = today.split('-').map(Number) as [number, number];
  return Array.from({ length: count }, (_, i) => {
    const index = year * 12 + (month - 1) - (count - 1 - i);
    return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
  });
}

const sum = (c: Counters, prefix: string) => Object.entries(c).reduce((total, [name, n]) => (name.startsWith(prefix) ? total + (n ?? 0) : total), 0);

/** One period's figures, from its counters. */
export function periodFigures(period: string, c: Counters) {
  const withResults = (c['results.compliant'] ?? 0) + (c['results.rectify'] ?? 0) + (c['results.non-compliant'] ?? 0);
  const withFindings = (c['results.rectify'] ?? 0) + (c['results.non-compliant'] ?? 0);
  return {
    period,
    inspections: (c.inspectionsPlanned ?? 0) + (c.inspectionsFromDraws ?? 0) + (c.inspectionsFromTriggers ?? 0),
    inspectionsWithResults: withResults,
    inspectionsWithFindings: withFindings,
    /** Of the inspections whose results came in that period, the share that found something; null when none did. */
    detectionRate: withResults === 0 ? null : Math.round((withFindings / withResults) * 1000) / 1000,
    visitsSaved: c.visitsSaved ?? 0,
    cluesOpened: sum(c, 'clues.model.'),
    triggersFired: c.inspectionsFromTriggers ?? 0,
  };
}
export type PeriodFigures = ReturnType<typeof periodFigures>;

/** A whole series, periods without events included (as zeros), oldest first. */
export const seriesOf = (kind: PeriodKind, today: string, stored: ReadonlyMap<string, Counters>): PeriodFigures[] =>
  recentPeriods(kind, today).map((period) => periodFigures(period, stored.get(period) ?? {}));
