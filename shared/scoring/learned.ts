/**
 * The learned model beside the weighted one: a logistic regression fitted on history (as Chicago's glmnet), its
 * coefficients stored as a versioned file (models/learned/*.json) validated here. Its features are the same metric
 * definitions the weighted models read (shared/scoring/metrics.ts); its output is the probability that the next
 * inspection fails, shown as a score 100 × (1 − p) so that grades, draws and the console read it like any score.
 *
 * Missing data is missing here too: a feature without data sits at its training mean (standardised 0), so it
 * neither raises nor lowers the risk; it is listed under "no data", and the coverage is the share of the model's
 * coefficient mass (|β| over standardised features) the entity's data back.
 */
import * as z from 'zod/mini';
import type { Fact } from '../facts/model.ts';
import { metricsFromFacts } from './metrics.ts';
import { costliestOf, gradeOf, type Explanation, type Grade } from './score.ts';

const slug = z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'An id is lower-case letters, digits and dashes'));
const version = z.string().check(z.regex(/^\d+\.\d+\.\d+$/, 'A version is MAJOR.MINOR.PATCH'));
const isoDay = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'A day is YYYY-MM-DD'));
const finite = z.number().check(z.refine(Number.isFinite, 'A finite number'));
const score = z.number().check(z.minimum(0), z.maximum(100));

export const learnedModel = z
  .strictObject({
    id: slug,
    version,
    name: z.string().check(z.minLength(1), z.maxLength(200)),
    kind: z.literal('logistic-regression'),
    /** Entity segments it was fitted for (the registry, models/learned/registry.json, says which use it). */
    segments: z.array(z.string().check(z.minLength(1))).check(z.minLength(1)),
    /** What it predicts: the next scored inspection below `failBelow`. */
    target: z.strictObject({ description: z.string(), failBelow: score }),
    /** Each feature: the metric it reads, the training mean and standard deviation it is standardised by, and its coefficient on the standardised value. */
    features: z
      .array(z.strictObject({ metric: z.string().check(z.regex(/^[a-zA-Z][a-zA-Z0-9]*$/, 'A metric is a camelCase name')), name: z.string(), mean: finite, sd: z.number().check(z.gt(0)), coefficient: finite }))
      .check(z.minLength(1)),
    intercept: finite,
    /** Elastic net: penalty λ · (α · |β| + (1 − α)/2 · β²), as glmnet. */
    regularisation: z.strictObject({ lambda: z.number().check(z.minimum(0)), alpha: z.number().check(z.minimum(0), z.maximum(1)) }),
    /** The history it was fitted on: examples as of each anchor day, labelled by inspections before `before` only. */
    fittedOn: z.strictObject({ before: isoDay, anchors: z.array(isoDay).check(z.minLength(1)), examples: z.number(), positives: z.number(), data: z.string() }),
    /** How it fits its training examples, the validation day before the cut-off the penalty was chosen on (AUC per λ and α tried), and the features left out for shifting. */
    training: z.strictObject({
      auc: z.number(),
      logLoss: z.number(),
      iterations: z.number(),
      validation: z.strictObject({ on: isoDay, examples: z.number(), grid: z.array(z.strictObject({ lambda: z.number(), alpha: z.number(), auc: z.number() })) }),
      /** Metrics left out because their mean as of the cut-off moved this many training sd from the training mean. */
      shifted: z.optional(z.array(z.strictObject({ metric: z.string(), shift: z.number() }))),
    }),
    /** Grade thresholds on the score 100 × (1 − p), calibrated to target shares on the data as of `fittedOn.before`. */
    grades: z.strictObject({ A: score, B: score, C: score }).check(z.refine((g) => g.A > g.B && g.B > g.C, 'Grade thresholds must fall from A to C')),
    coverage: z.strictObject({ minimum: z.number().check(z.gt(0), z.maximum(1)) }),
  })
  .check(z.refine((m) => new Set(m.features.map((f) => f.metric)).size === m.features.length, { message: 'Feature metrics must be unique', path: ['features'] }));

export type LearnedModel = z.infer<typeof learnedModel>;

const sigmoid = (eta: number) => 1 / (1 + Math.exp(-eta));

/** The standardised value of each feature (0 where unknown) and whether it is known. */
function standardised(model: LearnedModel, metrics: Record<string, number>) {
  return model.features.map((f) => {
    const value = metrics[f.metric];
    return value === undefined || Number.isNaN(value) ? { z: 0, value: NaN } : { z: (value - f.mean) / f.sd, value };
  });
}

/** Probability of failing, score, coverage, grade and explanation of one entity from its metrics. */
export function scoreLearned(model: LearnedModel, metrics: Record<string, number>, top = 5): Explanation & { probability: number } {
  const x = standardised(model, metrics);
  const eta = x.reduce((sum, { z }, j) => sum + z * model.features[j]!.coefficient, model.intercept);
  const probability = sigmoid(eta);
  const mass = model.features.reduce((sum, f) => sum + Math.abs(f.coefficient), 0);
  const coverage = mass > 0 ? model.features.reduce((sum, f, j) => (Number.isNaN(x[j]!.value) ? sum : sum + Math.abs(f.coefficient)), 0) / mass : 0;
  const known = x.some(({ value }) => !Number.isNaN(value));
  const score = known ? 100 * (1 - probability) : NaN;
  // What each feature costs: the score with it at its training mean, minus the score with its value; its `score` is
  // what the model would give on that feature alone (the others at their means), on the same 0-100 scale.
  const costliest = costliestOf(
    model.features.flatMap((f, j) => {
      const { z: zj, value } = x[j]!;
      if (Number.isNaN(value)) return [];
      const pointsLost = 100 * (sigmoid(eta) - sigmoid(eta - zj * f.coefficient));
      return [{ id: f.metric, name: f.name, value, score: 100 * (1 - sigmoid(zj * f.coefficient + model.intercept)), pointsLost }];
    }),
    top,
  );
  const grade = gradeOf(score, coverage, model);
  return {
    model: `${model.id}@${model.version}`,
    probability,
    score,
    ...(grade ? { grade } : {}),
    coverage,
    categories: [],
    costliest,
    noData: model.features.filter((_, j) => Number.isNaN(x[j]!.value)).map((f) => f.metric),
  };
}

/** The learned counterpart of scoreFromFacts: every entity's explanation as of a day. */
export function learnedFromFacts(model: LearnedModel, factsOfEach: readonly (readonly Fact[])[], asOf: string) {
  const explanations = factsOfEach.map((facts) => scoreLearned(model, metricsFromFacts(facts, asOf)));
  return {
    explanations,
    scores: Float64Array.from(explanations, (e) => e.score),
    grades: explanations.map((e): Grade | undefined => e.grade),
  };
}

export interface FitOptions {
  lambda: number;
  alpha: number;
  /** Outer (reweighting) iterations at most; each runs coordinate descent to convergence. */
  maxIterations?: number;
  tolerance?: number;
}

/**
 * Elastic-net logistic regression by glmnet's method: a quadratic approximation of the log-likelihood around the
 * current fit (iteratively reweighted least squares), each solved by cyclic coordinate descent with soft
 * thresholding; the intercept is not penalised. Rows of `x` are already standardised; deterministic.
 */
export function fitLogistic(x: readonly (readonly number[])[], y: readonly boolean[], options: FitOptions): { coefficients: number[]; intercept: number; iterations: number } {
  const { lambda, alpha, maxIterations = 100, tolerance = 1e-8 } = options;
  const n = x.length;
  const k = x[0]?.length ?? 0;
  const beta = new Array<number>(k).fill(0);
  const mean = y.filter(Boolean).length / n;
  let intercept = Math.log(mean / (1 - mean));
  const eta = new Float64Array(n).fill(intercept);
  const w = new Float64Array(n);
  const r = new Float64Array(n);
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    // Working weights and residuals: z − η = (y − p) / w, kept as r so each coordinate step is a dot product.
    for (let i = 0; i < n; i++) {
      const p = sigmoid(eta[i]!);
      w[i] = Math.max(p * (1 - p), 1e-5);
      r[i] = ((y[i] ? 1 : 0) - p) / w[i]!;
    }
    let largest = 0;
    for (let sweep = 0; sweep < 1_000; sweep++) {
      let moved = 0;
      let wSum = 0;
      let wr = 0;
      for (let i = 0; i < n; i++) {
        wSum += w[i]!;
        wr += w[i]! * r[i]!;
      }
      const shift = wr / wSum;
      intercept += shift;
      for (let i = 0; i < n; i++) r[i]! -= shift;
      moved = Math.max(moved, Math.abs(shift));
      for (let j = 0; j < k; j++) {
        let g = 0;
        let h = 0;
        for (let i = 0; i < n; i++) {
          const xij = x[i]![j]!;
          g += w[i]! * xij * (r[i]! + xij * beta[j]!);
          h += w[i]! * xij * xij;
        }
        g /= n;
        h /= n;
        const soft = Math.sign(g) * Math.max(0, Math.abs(g) - lambda * alpha);
        const next = h + lambda * (1 - alpha) > 0 ? soft / (h + lambda * (1 - alpha)) : 0;
        const delta = next - beta[j]!;
        if (delta !== 0) {
          for (let i = 0; i < n; i++) r[i]! -= x[i]![j]! * delta;
          beta[j] = next;
          moved = Math.max(moved, Math.abs(delta));
        }
      }
      largest = Math.max(largest, moved);
      if (moved < tolerance) break;
    }
    for (let i = 0; i < n; i++) eta[i] = x[i]!.reduce((sum, xij, j) => sum + xij * beta[j]!, intercept);
    if (largest < tolerance) break;
  }
  return { coefficients: beta, intercept, iterations: iterations + 1 };
}

/** Mean and (population) standard deviation of each column over its known values; sd 1 when constant or unknown. */
export function standardisation(rows: readonly (readonly number[])[], k: number): { mean: number; sd: number }[] {
  return Array.from({ length: k }, (_, j) => {
    const known = rows.map((row) => row[j]!).filter((v) => !Number.isNaN(v));
    const mean = known.length ? known.reduce((s, v) => s + v, 0) / known.length : 0;
    const variance = known.length ? known.reduce((s, v) => s + (v - mean) ** 2, 0) / known.length : 0;
    return { mean, sd: variance > 0 ? Math.sqrt(variance) : 1 };
  });
}
