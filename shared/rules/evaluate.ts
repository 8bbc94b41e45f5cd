/**
 * Runs rules of the rule language over one entity as known on a day. Pure: no clock, no storage; the day is given.
 * A rule that holds returns the facts and grade changes that made it hold, which become the clue's evidence.
 */
import type { Fact } from '../facts/model.ts';
import { addDays, dayNumber, isoDay } from '../dates.ts';
import type { Condition, FactFilter } from './language.ts';

export type Grade = 'A' | 'B' | 'C' | 'D';

/** One entity as the rules see it. */
export interface EntityView {
  id: string;
  name: string;
  segment: string;
  district: string;
  grade?: Grade;
  /** Inspectors of the latest inspection with results: a trigger inspection does not send them again right away. */
  lastInspectorIds: string[];
  /** Grade changes, oldest first: when (`at`, an instant) and on which day of the authority's calendar (`on`). */
  grades: { grade: Grade; at: string; on: string }[];
  facts: Fact[];
}

/**
 * What held, as a code and its values: what a reader's language says (the web app's catalogues, `evidence_<code>`),
 * where `reason` says it in English for API clients. Absent on clues raised before it was recorded.
 */
export type EvidenceSaid =
  | { code: 'attribute'; attribute: Extract<Condition, { attribute: unknown }>['attribute']; value: string }
  | { code: 'events'; facts: FactFilter; count: number; days: number; threshold: number }
  | { code: 'holds'; facts: FactFilter; since: string }
  | { code: 'expiring'; facts: FactFilter; until: string; days: number }
  | { code: 'lapsed'; facts: FactFilter; until: string }
  | { code: 'gradeDrop'; from: Grade; to: Grade; on: string };

export interface Evidence {
  /** What held, in English words, e.g. "2 × sampling value ≥ 1 in the last 90 days (threshold 2)". */
  reason: string;
  said?: EvidenceSaid;
  facts?: Pick<Fact, 'id' | 'kind' | 'date' | 'detail' | 'value' | 'until'>[];
  gradeChange?: { from: Grade; to: Grade; at: string };
}

export interface Rule {
  appliesTo?: { segments?: string[]; grades?: Grade[] };
  when: Condition;
  windowDays: number;
}


/** The first day of the fixed window of `windowDays` days that `asOf` falls in: what a firing is deduplicated by. */
export const windowStart = (asOf: string, windowDays: number) => {
  const day = dayNumber(asOf);
  return isoDay(day - (day % windowDays));
};

const gradeRank: Record<Grade, number> = { A: 0, B: 1, C: 2, D: 3 };

/** Every grade the entity held at some point in the last `days` days, today included. */
function gradesHeldWithin(view: EntityView, asOf: string, days: number): Set<Grade> {
  const from = addDays(asOf, -(days - 1));
  const held = new Set<Grade>();
  let before: Grade | undefined;
  for (const { grade, on } of view.grades) {
    if (on < from) before = grade;
    else if (on <= asOf) held.add(grade);
  }
  if (before) held.add(before);
  if (view.grade && view.grades.length === 0) held.add(view.grade);
  return held;
}

/** Whether the rule looks at this entity at all (segment, and grade held at some point in the window). */
export function applies(rule: Rule, view: EntityView, asOf: string): boolean {
  const scope = rule.appliesTo;
  if (scope?.segments && !scope.segments.includes(view.segment)) return false;
  if (scope?.grades) {
    const held = gradesHeldWithin(view, asOf, rule.windowDays);
    if (!scope.grades.some((g) => held.has(g))) return false;
  }
  return true;
}

/** The rule's evidence if it holds for the entity on `asOf`, else undefined. */
export function evaluateRule(rule: Rule, view: EntityView, asOf: string): Evidence[] | undefined {
  if (!applies(rule, view, asOf)) return undefined;
  return evaluate(rule.when, view, asOf);
}

const matches = (filter: FactFilter) => (fact: Fact) =>
  fact.kind === filter.kind &&
  (!filter.detail || (fact.detail !== undefined && filter.detail.includes(fact.detail))) &&
  (filter.value?.atLeast === undefined || (fact.value ?? Number.NaN) >= filter.value.atLeast) &&
  (filter.value?.atMost === undefined || (fact.value ?? Number.NaN) <= filter.value.atMost);

const cited = ({ id, kind, date, detail, value, until }: Fact) => ({ id, kind, date, ...(detail === undefined ? {} : { detail }), ...(value === undefined ? {} : { value }), ...(until === undefined ? {} : { until }) });

function describe(filter: FactFilter): string {
  const parts: string[] = [filter.kind];
  if (filter.detail) parts.push(`(${filter.detail.join(' or ')})`);
  if (filter.value?.atLeast !== undefined) parts.push(`value ≥ ${filter.value.atLeast}`);
  if (filter.value?.atMost !== undefined) parts.push(`value ≤ ${filter.value.atMost}`);
  return parts.join(' ');
}

/** The fact filter of a condition, without its window (which the sentence says apart). */
const filterOf = ({ kind, detail, value }: FactFilter): FactFilter => ({ kind, ...(detail ? { detail } : {}), ...(value ? { value } : {}) });

/** The English sentence of what held: the API's `reason`. */
function reasonOf(said: EvidenceSaid): string {
  switch (said.code) {
    case 'attribute':
      return `${said.attribute} is ${said.value}`;
    case 'events':
      return `${said.count} × ${describe(said.facts)} in the last ${said.days} days (threshold ${said.threshold})`;
    case 'holds':
      return `${describe(said.facts)} in force since ${said.since}`;
    case 'expiring':
      return `${describe(said.facts)} ends on ${said.until}, within ${said.days} days, with nothing after it`;
    case 'lapsed':
      return `${describe(said.facts)} ended on ${said.until} and nothing replaced it`;
    case 'gradeDrop':
      return `credit grade fell from ${said.from} to ${said.to} on ${said.on}`;
  }
}

const evidence = (said: EvidenceSaid, more: Omit<Evidence, 'reason' | 'said'> = {}): Evidence => ({ reason: reasonOf(said), said, ...more });

/** Lasting facts of the filter, latest end first (open-ended ones count as ending never). */
const lasting = (view: EntityView, filter: FactFilter) =>
  view.facts.filter(matches(filter)).sort((a, b) => (b.until ?? '9999-12-31').localeCompare(a.until ?? '9999-12-31'));

/** Holds today: begun on or before today, and ending today or later (or never). */
const holdsOn = (fact: Fact, asOf: string) => fact.date <= asOf && (fact.until === undefined || fact.until >= asOf);

export function evaluate(condition: Condition, view: EntityView, asOf: string): Evidence[] | undefined {
  if ('all' in condition) {
    const evidence: Evidence[] = [];
    for (const part of condition.all) {
      const found = evaluate(part, view, asOf);
      if (!found) return undefined;
      evidence.push(...found);
    }
    return evidence;
  }
  if ('any' in condition) {
    const evidence = condition.any.flatMap((part) => evaluate(part, view, asOf) ?? []);
    return condition.any.some((part) => evaluate(part, view, asOf)) ? evidence : undefined;
  }
  if ('not' in condition) return evaluate(condition.not, view, asOf) ? undefined : [];
  if ('attribute' in condition) {
    const value = condition.attribute === 'grade' ? view.grade : view[condition.attribute];
    return value !== undefined && condition.in.includes(value) ? [evidence({ code: 'attribute', attribute: condition.attribute, value })] : undefined;
  }
  if ('events' in condition) {
    const from = addDays(asOf, -(condition.events.withinDays - 1));
    const found = view.facts.filter((f) => matches(condition.events)(f) && f.date >= from && f.date <= asOf).sort((a, b) => b.date.localeCompare(a.date));
    if (found.length < condition.atLeast) return undefined;
    return [
      evidence(
        { code: 'events', facts: filterOf(condition.events), count: found.length, days: condition.events.withinDays, threshold: condition.atLeast },
        { facts: found.slice(0, 20).map(cited) },
      ),
    ];
  }
  if ('holds' in condition) {
    const found = lasting(view, condition.holds).filter((f) => holdsOn(f, asOf));
    return found.length ? [evidence({ code: 'holds', facts: filterOf(condition.holds), since: found[0]!.date }, { facts: found.map(cited) })] : undefined;
  }
  if ('expiring' in condition) {
    const [latest] = lasting(view, condition.expiring).filter((f) => f.date <= asOf);
    const last = addDays(asOf, condition.expiring.withinDays);
    if (!latest?.until || latest.until < asOf || latest.until > last) return undefined;
    return [evidence({ code: 'expiring', facts: filterOf(condition.expiring), until: latest.until, days: condition.expiring.withinDays }, { facts: [cited(latest)] })];
  }
  if ('lapsed' in condition) {
    const [latest] = lasting(view, condition.lapsed).filter((f) => f.date <= asOf);
    const from = addDays(asOf, -condition.lapsed.withinDays);
    if (!latest?.until || latest.until >= asOf || latest.until < from) return undefined;
    return [evidence({ code: 'lapsed', facts: filterOf(condition.lapsed), until: latest.until }, { facts: [cited(latest)] })];
  }
  const from = addDays(asOf, -(condition.gradeDrop.withinDays - 1));
  for (let i = view.grades.length - 1; i > 0; i--) {
    const { grade: to, at, on } = view.grades[i]!;
    const { grade: previous } = view.grades[i - 1]!;
    if (on < from) break;
    if (on <= asOf && gradeRank[to] - gradeRank[previous] >= condition.gradeDrop.levels) {
      return [evidence({ code: 'gradeDrop', from: previous, to, on }, { gradeChange: { from: previous, to, at } })];
    }
  }
  return undefined;
}
