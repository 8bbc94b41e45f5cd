/**
 * Metrics the models read, derived from an entity's facts, declared as data: which facts, over what window, how
 * aggregated. A metric no definition covers (or without facts to derive it) is unknown, and the model's
 * missing-value score applies. More definitions come with more imported fact kinds.
 */
import type { Fact, FactKind } from '../facts/model.ts';

/**
 * count: how many; mean / latest: of the facts' values; repeated: kinds of violation found on two or more dates;
 * daysUntil: days from the as-of day to the nearest `until` of facts still in force; active: 1 if any is in force.
 */
type Aggregate = 'count' | 'mean' | 'latest' | 'repeated' | 'daysUntil' | 'active';

export interface MetricDefinition {
  metric: string;
  facts: FactKind;
  /** Days before the as-of date that count. */
  windowDays: number;
  aggregate: Aggregate;
  /** Only facts whose detail starts with this (e.g. LIVES' "High risk" violations). */
  detailStartsWith?: string;
  /** Only facts whose detail is exactly this (e.g. who is on a debtor list). */
  detailEquals?: string;
  /** Only facts with this value (e.g. 1: failed samples, verified complaints). */
  valueEquals?: number;
}

export const metricDefinitions: MetricDefinition[] = [
  { metric: 'inspections3y', facts: 'inspection', windowDays: 3 * 365, aggregate: 'count' },
  { metric: 'avgInspectionScore', facts: 'inspection', windowDays: 3 * 365, aggregate: 'mean' },
  { metric: 'lastInspectionScore', facts: 'inspection', windowDays: 3 * 365, aggregate: 'latest' },
  { metric: 'violations1y', facts: 'violation', windowDays: 365, aggregate: 'count' },
  { metric: 'violations3y', facts: 'violation', windowDays: 3 * 365, aggregate: 'count' },
  { metric: 'highRiskViolations3y', facts: 'violation', windowDays: 3 * 365, aggregate: 'count', detailStartsWith: 'High risk' },
  /** Kinds of violation found on two or more dates. */
  { metric: 'repeatViolations3y', facts: 'violation', windowDays: 3 * 365, aggregate: 'repeated' },
  { metric: 'licenceDaysToExpiry', facts: 'licence', windowDays: 100 * 365, aggregate: 'daysUntil' },
  { metric: 'samplingTests3y', facts: 'sampling', windowDays: 3 * 365, aggregate: 'count' },
  { metric: 'samplingFailures3y', facts: 'sampling', windowDays: 3 * 365, aggregate: 'count', valueEquals: 1 },
  { metric: 'samplingFailureRate', facts: 'sampling', windowDays: 3 * 365, aggregate: 'mean' },
  { metric: 'complaints1y', facts: 'complaint', windowDays: 365, aggregate: 'count' },
  { metric: 'verifiedComplaints1y', facts: 'complaint', windowDays: 365, aggregate: 'count', valueEquals: 1 },
  { metric: 'reports1y', facts: 'report', windowDays: 365, aggregate: 'count' },
  { metric: 'verifiedReports1y', facts: 'report', windowDays: 365, aggregate: 'count', valueEquals: 1 },
  { metric: 'entityIsDebtor', facts: 'debtor-listing', windowDays: 100 * 365, aggregate: 'active', detailEquals: 'entity' },
  { metric: 'legalRepIsDebtor', facts: 'debtor-listing', windowDays: 100 * 365, aggregate: 'active', detailEquals: 'legal-representative' },
];

const day = 86_400_000;
/** LIVES appends "[ date violation corrected: ... ]"; the kind of violation is what comes before. */
const violationKind = (detail: string | undefined) => (detail ?? '').replace(/\s*\[.*$/, '').trim().toLowerCase();

export function metricsFromFacts(facts: readonly Fact[], asOf: string, definitions = metricDefinitions): Record<string, number> {
  const asOfMs = Date.parse(`${asOf}T00:00:00Z`);
  const metrics: Record<string, number> = {};
  for (const definition of definitions) {
    const from = asOfMs - definition.windowDays * day;
    const matching = facts.filter((f) => {
      const at = Date.parse(`${f.date}T00:00:00Z`);
      return (
        f.kind === definition.facts &&
        at > from &&
        at <= asOfMs &&
        (!definition.detailStartsWith || (f.detail ?? '').startsWith(definition.detailStartsWith)) &&
        (definition.detailEquals === undefined || f.detail === definition.detailEquals) &&
        (definition.valueEquals === undefined || f.value === definition.valueEquals)
      );
    });
    const inForce = matching.filter((f) => !f.until || Date.parse(`${f.until}T00:00:00Z`) >= asOfMs);
    const values = matching.filter((f) => f.value !== undefined);
    switch (definition.aggregate) {
      case 'count':
        metrics[definition.metric] = matching.length;
        break;
      case 'mean':
        if (values.length) metrics[definition.metric] = values.reduce((sum, f) => sum + f.value!, 0) / values.length;
        break;
      case 'latest':
        if (values.length) metrics[definition.metric] = [...values].sort((a, b) => (a.date < b.date ? 1 : -1))[0]!.value!;
        break;
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
