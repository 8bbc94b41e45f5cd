/**
 * Metrics the models read, derived from an entity's facts, declared as data: which facts, over what window, how
 * aggregated, and what *no* matching fact means. A metric no definition covers (or without facts to derive it) is
 * unknown, and the indicator's missing-data policy applies. More definitions come with more imported fact kinds.
 *
 * The rule for "no record": an empty result is a zero only when the record shows the entity was observed by the
 * source that would have recorded the event — no violations is 0 for a business inspected in the window (the
 * inspection would have recorded them), but no complaints, samples or listings on record may just mean that source
 * was never imported for it, so it is no data, neither best nor worst.
 */
import type { Fact, FactKind } from '../facts/model.ts';

/**
 * count: how many; inForce: how many are still in force; sum / mean / latest / lowest: of the facts' values; change: the
 * latest value minus the one before (unknown with fewer than two); repeated: kinds of violation found on two or more
 * dates; daysUntil: days from the as-of day to the nearest `until` of facts still in force; active: 1 if any is in force.
 * No metric counts the days since an event: it would change every day, and every entity would be rewritten every
 * night (the scoring job writes only what changed).
 */
type Aggregate = 'count' | 'inForce' | 'sum' | 'mean' | 'latest' | 'lowest' | 'change' | 'repeated' | 'daysUntil' | 'active';

export interface MetricDefinition {
  metric: string;
  facts: FactKind;
  /** Days before the as-of date that count. */
  windowDays: number;
  aggregate: Aggregate;
  /** Only facts whose detail starts with this (e.g. LIVES' "High risk" violations). */
  detailStartsWith?: string;
  /** Only facts whose detail contains this, in any case (e.g. "vermin" in LIVES' violation descriptions). */
  detailContains?: string;
  /** Only facts whose detail is exactly this (e.g. who is on a debtor list). */
  detailEquals?: string;
  /** Only facts with this value (e.g. 1: failed samples, verified complaints). */
  valueEquals?: number;
  /**
   * For count, repeated and active: when no fact matches, the metric is 0 if the entity has facts of this kind in
   * the window (it was observed: e.g. inspected, so no violation means none found), and unknown otherwise. Without
   * it, no matching fact is always unknown.
   */
  zeroIfObservedBy?: FactKind;
  /** For sum and count: the metric is the sum or count times this (e.g. 0.001: yuan to thousands; 1/12: a year's count a month). */
  scale?: number;
  /**
   * Only facts dated on the entity's last N observation days in the window: the days of its facts of the
   * `zeroIfObservedBy` kind, else of `facts` itself (e.g. the violations found at the last inspection, the mean of
   * the last two inspection scores).
   */
  lastDays?: number;
}

export const metricDefinitions: MetricDefinition[] = [
  // Counts of the events themselves (inspections, samples, complaints, reports) are unknown without any: zero of
  // them on record cannot be told from a source never imported.
  { metric: 'inspections3y', facts: 'inspection', windowDays: 3 * 365, aggregate: 'count' },
  { metric: 'avgInspectionScore', facts: 'inspection', windowDays: 3 * 365, aggregate: 'mean' },
  { metric: 'lastInspectionScore', facts: 'inspection', windowDays: 3 * 365, aggregate: 'latest' },
  /** The recent record, as an inspection-history model reads it (Chicago's: the last inspections and their trend). */
  { metric: 'meanLast2InspectionScore', facts: 'inspection', windowDays: 3 * 365, aggregate: 'mean', lastDays: 2 },
  { metric: 'meanLast3InspectionScore', facts: 'inspection', windowDays: 3 * 365, aggregate: 'mean', lastDays: 3 },
  { metric: 'lowestInspectionScore3y', facts: 'inspection', windowDays: 3 * 365, aggregate: 'lowest' },
  { metric: 'inspectionScoreChange', facts: 'inspection', windowDays: 3 * 365, aggregate: 'change' },
  { metric: 'violationsLastInspection', facts: 'violation', windowDays: 3 * 365, aggregate: 'count', lastDays: 1, zeroIfObservedBy: 'inspection' },
  { metric: 'highRiskViolationsLast3', facts: 'violation', windowDays: 3 * 365, aggregate: 'count', detailStartsWith: 'High risk', lastDays: 3, zeroIfObservedBy: 'inspection' },
  /** Kinds of violation found at the last inspection and at the one before: not corrected. */
  { metric: 'repeatedAtLastInspection', facts: 'violation', windowDays: 3 * 365, aggregate: 'repeated', lastDays: 2, zeroIfObservedBy: 'inspection' },
  { metric: 'verminViolations3y', facts: 'violation', windowDays: 3 * 365, aggregate: 'count', detailContains: 'vermin', zeroIfObservedBy: 'inspection' },
  { metric: 'violations1y', facts: 'violation', windowDays: 365, aggregate: 'count', zeroIfObservedBy: 'inspection' },
  { metric: 'violations3y', facts: 'violation', windowDays: 3 * 365, aggregate: 'count', zeroIfObservedBy: 'inspection' },
  { metric: 'highRiskViolations3y', facts: 'violation', windowDays: 3 * 365, aggregate: 'count', detailStartsWith: 'High risk', zeroIfObservedBy: 'inspection' },
  /** Kinds of violation found on two or more dates. */
  { metric: 'repeatViolations3y', facts: 'violation', windowDays: 3 * 365, aggregate: 'repeated', zeroIfObservedBy: 'inspection' },
  { metric: 'licenceDaysToExpiry', facts: 'licence', windowDays: 100 * 365, aggregate: 'daysUntil' },
  /** 1 while a licence on record is in force, 0 once every one has lapsed (trading without one); none on record: no data. */
  { metric: 'licencesComplete', facts: 'licence', windowDays: 100 * 365, aggregate: 'active' },
  /** Camera alerts (no hat, no mask, smoking, rodents) a month, over the last year; none on record: no data (no camera sends none). */
  { metric: 'kitchenAlertsPerMonth', facts: 'alert', windowDays: 365, aggregate: 'count', scale: 1 / 12 },
  { metric: 'samplingTests3y', facts: 'sampling', windowDays: 3 * 365, aggregate: 'count' },
  { metric: 'samplingFailures3y', facts: 'sampling', windowDays: 3 * 365, aggregate: 'count', valueEquals: 1, zeroIfObservedBy: 'sampling' },
  { metric: 'samplingFailureRate', facts: 'sampling', windowDays: 3 * 365, aggregate: 'mean' },
  { metric: 'complaints1y', facts: 'complaint', windowDays: 365, aggregate: 'count' },
  { metric: 'verifiedComplaints1y', facts: 'complaint', windowDays: 365, aggregate: 'count', valueEquals: 1, zeroIfObservedBy: 'complaint' },
  { metric: 'reports1y', facts: 'report', windowDays: 365, aggregate: 'count' },
  { metric: 'verifiedReports1y', facts: 'report', windowDays: 365, aggregate: 'count', valueEquals: 1, zeroIfObservedBy: 'report' },
  { metric: 'penalties3y', facts: 'penalty', windowDays: 3 * 365, aggregate: 'count' },
  { metric: 'penaltyAmountThousand3y', facts: 'penalty', windowDays: 3 * 365, aggregate: 'sum', scale: 0.001 },
  { metric: 'onSeriousIllegalList', facts: 'serious-illegal-listing', windowDays: 100 * 365, aggregate: 'active' },
  /** The latest rating published in the last two years. */
  { metric: 'taxCreditLevel', facts: 'tax-rating', windowDays: 2 * 365, aggregate: 'latest' },
  // A court record of any type shows the courts' records were read for the entity: none of another type is a zero.
  { metric: 'openEnforcementCases', facts: 'court-case', windowDays: 100 * 365, aggregate: 'inForce', detailEquals: 'enforcement', zeroIfObservedBy: 'court-case' },
  { metric: 'lawsuitsAsDefendant3y', facts: 'court-case', windowDays: 3 * 365, aggregate: 'count', detailEquals: 'lawsuit-as-defendant', zeroIfObservedBy: 'court-case' },
  { metric: 'consumptionRestricted', facts: 'court-case', windowDays: 100 * 365, aggregate: 'active', detailEquals: 'consumption-restriction', zeroIfObservedBy: 'court-case' },
  { metric: 'recalls3y', facts: 'recall', windowDays: 3 * 365, aggregate: 'count' },
  /** The share of the reports of the last 3 years filed on time (each fact's value is 1 or 0). */
  { metric: 'annualReportsOnTimeShare', facts: 'annual-report', windowDays: 3 * 365, aggregate: 'mean' },
  // One change on record shows the register was read for the entity: no change of another kind is then a zero.
  { metric: 'addressChanges3y', facts: 'registration-change', windowDays: 3 * 365, aggregate: 'count', detailEquals: 'address', zeroIfObservedBy: 'registration-change' },
  { metric: 'legalRepChanges3y', facts: 'registration-change', windowDays: 3 * 365, aggregate: 'count', detailEquals: 'legal-representative', zeroIfObservedBy: 'registration-change' },
  { metric: 'shareholderChanges3y', facts: 'registration-change', windowDays: 3 * 365, aggregate: 'count', detailEquals: 'shareholder', zeroIfObservedBy: 'registration-change' },
  { metric: 'onAbnormalOperationList', facts: 'abnormal-listing', windowDays: 100 * 365, aggregate: 'active' },
  { metric: 'abnormalListings3y', facts: 'abnormal-listing', windowDays: 3 * 365, aggregate: 'count' },
  { metric: 'entityIsDebtor', facts: 'debtor-listing', windowDays: 100 * 365, aggregate: 'active', detailEquals: 'entity', zeroIfObservedBy: 'debtor-listing' },
  { metric: 'legalRepIsDebtor', facts: 'debtor-listing', windowDays: 100 * 365, aggregate: 'active', detailEquals: 'legal-representative', zeroIfObservedBy: 'debtor-listing' },
];

const day = 86_400_000;
/** LIVES appends "[ date violation corrected: ... ]"; the kind of violation is what comes before. */
const violationKind = (detail: string | undefined) => (detail ?? '').replace(/\s*\[.*$/, '').trim().toLowerCase();

const inWindow = (date: string, from: number, to: number) => {
  const at = Date.parse(`${date}T00:00:00Z`);
  return at > from && at <= to;
};

const newestFirst = (facts: readonly Fact[]) => [...facts].sort((a, b) => (a.date < b.date ? 1 : -1));

/** The last `n` distinct days of the entity's facts of a kind in the window. */
function lastDaysOf(facts: readonly Fact[], kind: FactKind, from: number, to: number, n: number): Set<string> {
  const days = [...new Set(facts.filter((f) => f.kind === kind && inWindow(f.date, from, to)).map((f) => f.date))];
  return new Set(days.sort().slice(-n));
}

export function metricsFromFacts(facts: readonly Fact[], asOf: string, definitions = metricDefinitions): Record<string, number> {
  const asOfMs = Date.parse(`${asOf}T00:00:00Z`);
  const metrics: Record<string, number> = {};
  for (const definition of definitions) {
    const from = asOfMs - definition.windowDays * day;
    const lastDays = definition.lastDays === undefined ? undefined : lastDaysOf(facts, definition.zeroIfObservedBy ?? definition.facts, from, asOfMs, definition.lastDays);
    const contains = definition.detailContains?.toLowerCase();
    const matching = facts.filter(
      (f) =>
        f.kind === definition.facts &&
        inWindow(f.date, from, asOfMs) &&
        (!lastDays || lastDays.has(f.date)) &&
        (!definition.detailStartsWith || (f.detail ?? '').startsWith(definition.detailStartsWith)) &&
        (contains === undefined || (f.detail ?? '').toLowerCase().includes(contains)) &&
        (definition.detailEquals === undefined || f.detail === definition.detailEquals) &&
        (definition.valueEquals === undefined || f.value === definition.valueEquals),
    );
    if (matching.length === 0 && ['count', 'inForce', 'sum', 'repeated', 'active'].includes(definition.aggregate)) {
      const observer = definition.zeroIfObservedBy;
      const observed = observer !== undefined && facts.some((f) => f.kind === observer && inWindow(f.date, from, asOfMs));
      if (observed) metrics[definition.metric] = 0;
      continue;
    }
    const inForce = matching.filter((f) => !f.until || Date.parse(`${f.until}T00:00:00Z`) >= asOfMs);
    const values = matching.filter((f) => f.value !== undefined);
    switch (definition.aggregate) {
      case 'count':
        metrics[definition.metric] = matching.length * (definition.scale ?? 1);
        break;
      case 'inForce':
        metrics[definition.metric] = inForce.length;
        break;
      case 'sum':
        metrics[definition.metric] = values.reduce((sum, f) => sum + f.value!, 0) * (definition.scale ?? 1);
        break;
      case 'mean':
        if (values.length) metrics[definition.metric] = values.reduce((sum, f) => sum + f.value!, 0) / values.length;
        break;
      case 'latest':
        if (values.length) metrics[definition.metric] = newestFirst(values)[0]!.value!;
        break;
      case 'lowest':
        if (values.length) metrics[definition.metric] = Math.min(...values.map((f) => f.value!));
        break;
      case 'change': {
        const [latest, before] = newestFirst(values);
        if (latest && before) metrics[definition.metric] = latest.value! - before.value!;
        break;
      }
      case 'daysUntil': {
        const ends = inForce.filter((f) => f.until).map((f) => (Date.parse(`${f.until}T00:00:00Z`) - asOfMs) / day);
        if (ends.length) metrics[definition.metric] = Math.min(...ends);
        break;
      }
      case 'active':
        metrics[definition.metric] = inForce.length > 0 ? 1 : 0;
        break;
      case 'repeated': {
        const dates = new Map<string, Set<string>>();
        for (const f of matching) {
          const kind = violationKind(f.detail);
          if (!dates.has(kind)) dates.set(kind, new Set());
          dates.get(kind)!.add(f.date);
        }
        metrics[definition.metric] = [...dates.values()].filter((d) => d.size >= 2).length;
      }
    }
  }
  return metrics;
}
