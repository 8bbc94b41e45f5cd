import { describe, expect, it } from 'vitest';
import { applies, evaluate, windowStart } from '../../shared/rules/evaluate.ts';
import { condition } from '../../shared/rules/language.ts';
import { warningModelSet } from '../../shared/warnings/models.ts';
import { asOf, fact, view } from '../support/views.ts';

const rodents = (...dates: string[]) => view({ facts: dates.map((d, i) => fact('alert', d, { detail: 'rodent', value: i })) });
const inLastWeek = { events: { kind: 'alert' as const, detail: ['rodent'], withinDays: 7 }, atLeast: 1 };

describe('the rule language', () => {
  it('counts "within 7 days" as today and the six days before it, no more', () => {
    expect(evaluate(inLastWeek, rodents('2030-03-09'), asOf)).toBeDefined();
    expect(evaluate(inLastWeek, rodents('2030-03-15'), asOf)).toBeDefined();
    expect(evaluate(inLastWeek, rodents('2030-03-08'), asOf)).toBeUndefined();
    // A fact dated after the day evaluated does not count yet.
    expect(evaluate(inLastWeek, rodents('2030-03-16'), asOf)).toBeUndefined();
  });

  it('needs the threshold reached, and cites the facts it counted', () => {
    const twice = { ...inLastWeek, atLeast: 2 };
    expect(evaluate(twice, rodents('2030-03-10'), asOf)).toBeUndefined();
    const evidence = evaluate(twice, rodents('2030-03-10', '2030-03-12'), asOf)!;
    expect(evidence[0]!.facts!.map((f) => f.date)).toEqual(['2030-03-12', '2030-03-10']);
    expect(evidence[0]!.reason).toContain('2 × alert (rodent)');
    // The same, as a code and values that the console says in the reader's language.
    expect(evidence[0]!.said).toEqual({ code: 'events', facts: { kind: 'alert', detail: ['rodent'] }, count: 2, days: 7, threshold: 2 });
  });

  it('tells a listing in force from one that ended, including its last day', () => {
    const listed = { holds: { kind: 'debtor-listing' as const } };
    expect(evaluate(listed, view({ facts: [fact('debtor-listing', '2029-01-01', { until: asOf })] }), asOf)).toBeDefined();
    expect(evaluate(listed, view({ facts: [fact('debtor-listing', '2029-01-01', { until: '2030-03-14' })] }), asOf)).toBeUndefined();
  });

  it('combines with all, any and not', () => {
    const failed = { events: { kind: 'sampling' as const, value: { atLeast: 1 }, withinDays: 90 }, atLeast: 1 };
    const entity = rodents('2030-03-10');
    expect(evaluate({ all: [inLastWeek, failed] }, entity, asOf)).toBeUndefined();
    expect(evaluate({ any: [inLastWeek, failed] }, entity, asOf)).toHaveLength(1);
    expect(evaluate({ not: failed }, entity, asOf)).toEqual([]);
  });

  it('scopes a rule by segment, and by a grade held at any time in its window', () => {
    const rule = { appliesTo: { segments: ['food-production'], grades: ['A' as const] }, when: inLastWeek, windowDays: 30 };
    expect(applies(rule, view({ grades: [['A', '2029-01-01']] }), asOf)).toBe(true);
    // Was A until 10 days ago: the drop itself is what a trigger looks at.
    expect(applies(rule, view({ grades: [['A', '2029-01-01'], ['C', '2030-03-05']] }), asOf)).toBe(true);
    expect(applies(rule, view({ grades: [['A', '2029-01-01'], ['C', '2030-01-05']] }), asOf)).toBe(false);
    expect(applies(rule, view({ segment: 'catering', grades: [['A', '2029-01-01']] }), asOf)).toBe(false);
    expect(applies(rule, view(), asOf)).toBe(false);
  });

  it('puts every day in one fixed window per length, so a firing is deduplicated the same way everywhere', () => {
    expect(windowStart('2030-03-15', 1)).toBe('2030-03-15');
    // Seven-day windows counted from 1970-01-01 (a Thursday): 2030-03-14 to 2030-03-20 is one.
    expect(windowStart('2030-03-15', 7)).toBe('2030-03-14');
    expect(windowStart('2030-03-20', 7)).toBe('2030-03-14');
    expect(windowStart('2030-03-13', 7)).toBe('2030-03-07');
    const starts = new Set(Array.from({ length: 30 }, (_, i) => windowStart(`2030-04-${String(i + 1).padStart(2, '0')}`, 30)));
    expect(starts.size).toBeLessThanOrEqual(2);
  });

  it('refuses a malformed rule with where it is wrong', () => {
    expect(condition.safeParse({ events: { kind: 'alert', withinDays: 7 }, atLeast: 0 }).success).toBe(false);
    expect(condition.safeParse({ events: { kind: 'gossip', withinDays: 7 }, atLeast: 1 }).success).toBe(false);
    expect(condition.safeParse({ all: [] }).success).toBe(false);
    expect(condition.safeParse({ all: [{ not: { holds: { kind: 'licence' } } }] }).success).toBe(true);
    const duplicate = { id: 'warnings', version: 1, description: 'x', models: [] as unknown[] };
    const model = { id: 'a-b', name: { zh: '甲', en: 'A' }, description: 'long enough text', severity: 'low', when: inLastWeek, windowDays: 7, handleWithinDays: 3 };
    duplicate.models = [model, model];
    expect(warningModelSet.safeParse(duplicate).success).toBe(false);
  });
});
