/**
 * Fitting the learned model on history, on a time split: examples are the businesses as of anchor days before the
 * cut-off, each labelled by its first scored inspection after the anchor *and before the cut-off* — nothing after
 * the cut-off is read, so the backtest after it is out of sample. Features are the metrics of the same metric
 * definitions the weighted models read (shared/scoring/metrics.ts), those the data feed.
 *
 * The penalty is chosen on history too, by a second time split inside the training years: each (λ, α) of the grid
 * is fitted on anchors before `cut-off − validationDays` and scored on the businesses as of that day, labelled by
 * their next inspection before the cut-off; the best AUC wins (ties: the stronger penalty), and the model is refitted
 * with it on every anchor before the cut-off.
 */
import { dayNumber, isoDay } from '../dates.ts';
import type { LivesData } from './backtest.ts';
import { auc, thresholdsForShares } from './backtest.ts';
import { fitLogistic, learnedModel, scoreLearned, standardisation, type LearnedModel } from './learned.ts';
import { metricDefinitions, metricsFromFacts } from './metrics.ts';
import { modelFor, type ModelSet } from './models.ts';


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
  /** The penalties tried (λ) and mixes (α: 0 ridge, 1 lasso); one of each fixes the penalty. */
  lambdas?: readonly number[];
  alphas?: readonly number[];
  /** How far before the cut-off the validation day lies. */
  validationDays?: number;
  /** The metrics to try as features; by default every metric defined. */
  metrics?: readonly string[];
  /** Features known for fewer examples than this share are left out (the data do not feed them). */
  minimumKnown?: number;
  /**
   * Features whose mean over the segment's businesses as of the cut-off lies more than this many training standard
   * deviations from the training mean are left out: what they meant in training is not what they mean on the day
   * the model grades (LIVES starts in 2015, so at the early anchors a 3-year count covers months). Features only,
   * no labels: nothing after the cut-off is read. 0.25 is the usual rule of thumb for a standardised difference.
   */
  maximumShift?: number;
  dataName: string;
  version?: string;
}

interface Examples {
  rows: number[][];
  labels: boolean[];
  anchors: string[];
}

export function fitSegment(request: FitRequest): LearnedModel {
  const { data, models, segment, before, anchors = 6, anchorEveryDays = 91, failBelow = 86, validationDays = 182, minimumKnown = 0.01, maximumShift = 0.25 } = request;
  const { lambdas = [0.0005, 0.002, 0.005, 0.01, 0.02, 0.05], alphas = [0, 0.5, 1] } = request;
  const weighted = modelFor(models, segment);
  const entities = data.entities.filter((e) => e.segment === segment);
  if (!entities.length) throw new Error(`No ${segment} entities in the data.`);

  // Every metric the definitions derive, named as the weighted model's indicator that reads it, if one does.
  const names = new Map(weighted.indicators.map((i) => [i.metric, i.name]));
  const unknown = request.metrics?.filter((m) => !metricDefinitions.some((d) => d.metric === m)) ?? [];
  if (unknown.length) throw new Error(`No metric definition for ${unknown.join(', ')} (shared/scoring/metrics.ts).`);
  const candidates = metricDefinitions.filter((d) => request.metrics?.includes(d.metric) ?? true).map((d): [string, string] => [d.metric, names.get(d.metric) ?? d.metric]);

  /** The businesses as of each anchor day, labelled by their first scored inspection after it and before `until`. */
  const examplesOf = (anchorDays: readonly string[], until: number): Examples => {
    const set: Examples = { rows: [], labels: [], anchors: [] };
    for (const anchor of anchorDays) {
      const at = dayNumber(anchor);
      const before = set.rows.length;
      for (const entity of entities) {
        const facts = data.facts.get(entity.id) ?? [];
        const next = facts
          .filter((f) => f.kind === 'inspection' && f.value !== undefined && dayNumber(f.date) > at && dayNumber(f.date) < until)
          .sort((a, b) => (a.date < b.date ? -1 : 1))[0];
        if (!next) continue;
        const metrics = metricsFromFacts(facts, anchor);
        set.rows.push(candidates.map(([metric]) => metrics[metric] ?? NaN));
        set.labels.push(next.value! < failBelow);
      }
      if (set.rows.length > before) set.anchors.push(anchor);
    }
    return set;
  };
  const anchorsBack = (from: number) => Array.from({ length: anchors }, (_, a) => isoDay(from - (a + 1) * anchorEveryDays)).reverse();

  const cutOff = dayNumber(before);
  const training = examplesOf(anchorsBack(cutOff), cutOff);
  if (!training.rows.length) throw new Error(`No ${segment} business has a scored inspection before ${before} after any anchor day.`);
  const fed = candidates.map((_, j) => j).filter((j) => training.rows.filter((row) => !Number.isNaN(row[j]!)).length >= minimumKnown * training.rows.length);
  const trainingScale = standardisation(
    training.rows.map((row) => fed.map((j) => row[j]!)),
    fed.length,
  );
  const asOfCutOff = entities.map((e) => metricsFromFacts(data.facts.get(e.id) ?? [], before));
  const atCutOff = standardisation(
    asOfCutOff.map((metrics) => fed.map((j) => metrics[candidates[j]![0]] ?? NaN)),
    fed.length,
  );
  const shifts = fed.map((j, c) => ({ j, shift: round((atCutOff[c]!.mean - trainingScale[c]!.mean) / trainingScale[c]!.sd) }));
  const kept = shifts.filter(({ shift }) => Math.abs(shift) <= maximumShift).map(({ j }) => j);
  if (!kept.length) throw new Error(`Every feature shifts by more than ${maximumShift} sd between training and ${before}.`);

  /** Standardises on `examples`, fits, and returns the scale, the fit and the linear predictor for any rows. */
  const fitOn = (examples: Examples, lambda: number, alpha: number) => {
    const scale = standardisation(
      examples.rows.map((row) => kept.map((j) => row[j]!)),
      kept.length,
    );
    const standardise = (row: readonly number[]) => kept.map((j, c) => (Number.isNaN(row[j]!) ? 0 : (row[j]! - scale[c]!.mean) / scale[c]!.sd));
    const fitted = fitLogistic(examples.rows.map(standardise), examples.labels, { lambda, alpha });
    const eta = (row: readonly number[]) => standardise(row).reduce((sum, v, c) => sum + v * fitted.coefficients[c]!, fitted.intercept);
    return { scale, fitted, eta };
  };

  // The penalty, chosen on a validation day before the cut-off, among the businesses with any data then.
  const validationDay = cutOff - validationDays;
  const inner = examplesOf(anchorsBack(validationDay), validationDay);
  const held = examplesOf([isoDay(validationDay)], cutOff);
  const known = held.rows.map((row) => kept.some((j) => !Number.isNaN(row[j]!)));
  const grid = lambdas.flatMap((lambda) => alphas.map((alpha) => ({ lambda, alpha })));
  const validation =
    grid.length > 1 && inner.rows.length && held.rows.length
      ? grid.map(({ lambda, alpha }) => {
          const { eta } = fitOn(inner, lambda, alpha);
          const risk = held.rows.filter((_, i) => known[i]).map(eta);
          return { lambda, alpha, auc: round(auc(risk, held.labels.filter((_, i) => known[i]))) };
        })
      : [];
  const chosen = validation.length ? validation.reduce((best, v) => (v.auc > best.auc || (v.auc === best.auc && v.lambda * v.alpha > best.lambda * best.alpha) ? v : best)) : grid[0]!;
  if (!chosen) throw new Error('At least one λ and one α are needed.');

  const { scale, fitted, eta } = fitOn(training, chosen.lambda, chosen.alpha);
  const risk = training.rows.map(eta);
  const logLoss = -risk.reduce((sum, e, i) => sum + (training.labels[i] ? -Math.log1p(Math.exp(-e)) : -Math.log1p(Math.exp(e))), 0) / risk.length;

  const draft: LearnedModel = {
    id: `learned-${segment}`,
    version: request.version ?? '1.0.0',
    name: `${weighted.id} risk of a failed next inspection, learned`,
    kind: 'logistic-regression',
    segments: [segment],
    target: { description: `the next scored inspection is below ${failBelow}`, failBelow },
    features: kept.map((j, c) => ({ metric: candidates[j]![0], name: candidates[j]![1], mean: round(scale[c]!.mean), sd: round(scale[c]!.sd), coefficient: round(fitted.coefficients[c]!) })),
    intercept: round(fitted.intercept),
    regularisation: { lambda: chosen.lambda, alpha: chosen.alpha },
    fittedOn: { before, anchors: training.anchors, examples: training.rows.length, positives: training.labels.filter(Boolean).length, data: request.dataName },
    training: {
      auc: round(auc(risk, training.labels)),
      logLoss: round(logLoss),
      iterations: fitted.iterations,
      validation: { on: isoDay(validationDay), examples: known.filter(Boolean).length, grid: validation },
      shifted: shifts.filter(({ j }) => !kept.includes(j)).map(({ j, shift }) => ({ metric: candidates[j]![0], shift })),
    },
    grades: { A: 75, B: 50, C: 25 },
    coverage: weighted.coverage,
  };
  // Thresholds as data: the weighted model's target shares, reached on every graded business as of the cut-off.
  const scores = asOfCutOff.flatMap((metrics) => {
    const explained = scoreLearned(draft, metrics);
    return Number.isNaN(explained.score) || explained.coverage < draft.coverage.minimum ? [] : [explained.score];
  });
  const levels = thresholdsForShares(scores, weighted.calibration.targetShares);
  draft.grades = { A: round(levels.A), B: round(Math.min(levels.B, levels.A - 0.01)), C: round(Math.min(levels.C, levels.B - 0.02)) };
  return learnedModel.parse(draft);
}

const round = (n: number) => Math.round(n * 1e6) / 1e6;
