/**
 * Fitting the learned model on history, on a time split: examples are the businesses as of anchor days before the
 * cut-off, each labelled by its first scored inspection after the anchor *and before the cut-off* — nothing after
 * the cut-off is read, so the backtest after it is out of sample. Features are the metrics of the same metric
 * definitions the weighted models read (shared/scoring/metrics.ts), those the data feed.
 */
import type { LivesData } from './backtest.ts';
import { auc, thresholdsForShares } from './backtest.ts';
import { fitLogistic, learnedModel, scoreLearned, standardisation, type LearnedModel } from './learned.ts';
import { metricDefinitions, metricsFromFacts } from './metrics.ts';
import { modelFor, type ModelSet } from './models.ts';

const day = 86_400_000;
const dayOf = (date: string) => Date.parse(`${date}T00:00:00Z`) / day;
const dateOf = (days: number) => new Date(days * day).toISOString().slice(0, 10);

export interface FitRequest {
  data: LivesData;
  models: ModelSet;
  segment: string;
  /** The cut-off: no inspection on or after it is read as a label. */
  before: string;
  /** Anchor days every `anchorEveryDays` back from the cut-off, `anchors` of them. */
  anchors?: number;
  anchorEveryDays?: number;
  failBelow?: number;
  lambda?: number;
  alpha?: number;
  /** Features known for fewer examples than this share are left out (the data do not feed them). */
  minimumKnown?: number;
  dataName: string;
  version?: string;
}

export function fitSegment(request: FitRequest): LearnedModel {
  const { data, models, segment, before, anchors = 6, anchorEveryDays = 91, failBelow = 86, lambda = 0.001, alpha = 0.5, minimumKnown = 0.01 } = request;
  const weighted = modelFor(models, segment);
  const entities = data.entities.filter((e) => e.segment === segment);
  if (!entities.length) throw new Error(`No ${segment} entities in the data.`);
  const cutOff = dayOf(before);
  const anchorDays = Array.from({ length: anchors }, (_, a) => dateOf(cutOff - (a + 1) * anchorEveryDays)).reverse();

  // Every metric the definitions derive, named as the weighted model's indicator that reads it, if one does.
  const names = new Map(weighted.indicators.map((i) => [i.metric, i.name]));
  const candidates = metricDefinitions.map((d): [string, string] => [d.metric, names.get(d.metric) ?? d.metric]);
  const rows: number[][] = [];
  const labels: boolean[] = [];
  const usedAnchors: string[] = [];
  for (const anchor of anchorDays) {
    const at = dayOf(anchor);
    let examples = 0;
    for (const entity of entities) {
      const facts = data.facts.get(entity.id) ?? [];
      const next = facts
        .filter((f) => f.kind === 'inspection' && f.value !== undefined && dayOf(f.date) > at && dayOf(f.date) < cutOff)
        .sort((a, b) => (a.date < b.date ? -1 : 1))[0];
      if (!next) continue;
      const metrics = metricsFromFacts(facts, anchor);
      rows.push(candidates.map(([metric]) => metrics[metric] ?? NaN));
      labels.push(next.value! < failBelow);
      examples++;
    }
    if (examples) usedAnchors.push(anchor);
  }
  if (!rows.length) throw new Error(`No ${segment} business has a scored inspection before ${before} after any anchor day (${anchorDays.join(', ')}).`);

  const kept = candidates.map((_, j) => j).filter((j) => rows.filter((row) => !Number.isNaN(row[j]!)).length >= minimumKnown * rows.length);
  const scale = standardisation(
    rows.map((row) => kept.map((j) => row[j]!)),
    kept.length,
  );
  const x = rows.map((row) => kept.map((j, c) => (Number.isNaN(row[j]!) ? 0 : (row[j]! - scale[c]!.mean) / scale[c]!.sd)));
  const fitted = fitLogistic(x, labels, { lambda, alpha });
  const eta = x.map((row) => row.reduce((sum, v, c) => sum + v * fitted.coefficients[c]!, fitted.intercept));
  const logLoss = -eta.reduce((sum, e, i) => sum + (labels[i] ? -Math.log1p(Math.exp(-e)) : -Math.log1p(Math.exp(e))), 0) / eta.length;

  const draft: LearnedModel = {
    id: `learned-${segment}`,
    version: request.version ?? '1.0.0',
    name: `${weighted.id} risk of a failed next inspection, learned`,
    kind: 'logistic-regression',
    segments: [segment],
    target: { description: `the next scored inspection is below ${failBelow}`, failBelow },
    features: kept.map((j, c) => ({ metric: candidates[j]![0], name: candidates[j]![1], mean: round(scale[c]!.mean), sd: round(scale[c]!.sd), coefficient: round(fitted.coefficients[c]!) })),
    intercept: round(fitted.intercept),
    regularisation: { lambda, alpha },
    fittedOn: { before, anchors: usedAnchors, examples: rows.length, positives: labels.filter(Boolean).length, data: request.dataName },
    training: { auc: round(auc(eta, labels)), logLoss: round(logLoss), iterations: fitted.iterations },
    grades: { A: 75, B: 50, C: 25 },
    coverage: weighted.coverage,
  };
  // Thresholds as data: the weighted model's target shares, reached on every graded business as of the cut-off.
  const scores = entities.flatMap((e) => {
    const explained = scoreLearned(draft, metricsFromFacts(data.facts.get(e.id) ?? [], before));
    return Number.isNaN(explained.score) || explained.coverage < draft.coverage.minimum ? [] : [explained.score];
  });
  const levels = thresholdsForShares(scores, weighted.calibration.targetShares);
  draft.grades = { A: round(levels.A), B: round(Math.min(levels.B, levels.A - 0.01)), C: round(Math.min(levels.C, levels.B - 0.02)) };
  return learnedModel.parse(draft);
}

const round = (n: number) => Math.round(n * 1e6) / 1e6;
