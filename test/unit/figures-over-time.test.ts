import { describe, expect, it } from 'vitest';
import { eventCounters, periodsOf, recentPeriods, seriesOf, weekOf } from '../../shared/stats/series.ts';

describe('figures over time', () => {
  it('counts a day in its week (from its Monday) and its month', () => {
    expect(weekOf('2026-11-29')).toBe('2026-11-23'); // a Sunday belongs to the week begun the Monday before
    expect(weekOf('2026-11-30')).toBe('2026-11-30');
    expect(periodsOf('2027-01-01')).toEqual(['week#2026-12-28', 'month#2027-01']);
  });

  it('goes back 26 weeks and 24 months, across the turn of the year, oldest first', () => {
    const weeks = recentPeriods('week', '2027-01-06');
    expect(weeks).toHaveLength(26);
    expect(weeks.at(-1)).toBe('2027-01-04');
    expect(weeks.at(-2)).toBe('2026-12-28');
    const months = recentPeriods('month', '2027-01-06');
    expect(months).toHaveLength(24);
    expect(months.slice(-3)).toEqual(['2026-11', '2026-12', '2027-01']);
    expect(months[0]).toBe('2025-02');
  });

  it('gives each period its detection rate, and a period without results none rather than 0 %', () => {
    const stored = new Map([['2026-11', { inspectionsPlanned: 3, inspectionsFromDraws: 5, 'results.compliant': 3, 'results.rectify': 1, visitsSaved: 2, 'clues.model.licence-expiring': 2, 'clues.model.repeated-alerts': 1, inspectionsFromTriggers: 1 }]]);
    const series = seriesOf('month', '2026-11-29', stored);
    expect(series.at(-1)).toEqual({
      period: '2026-11',
      inspections: 9,
      inspectionsWithResults: 4,
      inspectionsWithFindings: 1,
      detectionRate: 0.25,
      visitsSaved: 2,
      cluesOpened: 3,
      triggersFired: 1,
    });
    expect(series.at(-2)).toMatchObject({ period: '2026-10', inspections: 0, detectionRate: null });
  });

  it('keeps counters of events in the periods, not where clues stand now', () => {
    expect(eventCounters({ 'clues.model.x': 1, 'clues.status.open': 1, 'clues.status.assigned': -1, visitsSaved: 0 })).toEqual({ 'clues.model.x': 1 });
  });
});
