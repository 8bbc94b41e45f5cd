/**
 * Scoring with a resolved model. An indicator with data scores 0-100 (100 = least risk); one without data follows
 * its missing-data policy (shared/scoring/model.ts): by default it drops out, and the weights renormalise. So a
 * category's score is the weighted mean of its indicators that have data, and the total is the weighted mean of
 * the categories that have any: what an indicator costs an entity (its effective weight times the points it is
 * below 100) still adds up exactly to 100 minus the score, and missing data never costs or earns a point.
 * Coverage is the share of the model's full weight that the entity's data back; below the model's minimum the
 * entity is ungraded.
 */
import type { Indicator, ResolvedModel } from './model.ts';

export type Grade = 'A' | 'B' | 'C' | 'D';

export function normalise(rule: Indicator['normalise'], value: number): number {
  if (rule.kind === 'flag') return value ? rule.whenTrue : rule.whenFalse;
  if (rule.kind === 'linear') {
    const t = (value - rule.worst) / (rule.best - rule.worst);
    return 100 * Math.min(1, Math.max(0, t));
  }
  for (const step of rule.steps) if (value <= step.upTo) return step.score;
  return rule.steps[rule.steps.length - 1]!.score;
}

export interface CompiledModel {
  model: ResolvedModel;
  /** Each indicator's share of the model's full weight (sums to 1): what its data add to the coverage. */
  weights: Float64Array;
  /** Each indicator's weight within its category, and its category's index and weight. */
  inner: Float64Array;
  categoryOf: Uint8Array;
  categoryWeights: Float64Array;
}

export function compileModel(model: ResolvedModel): CompiledModel {
  const categoryTotal = model.categories.reduce((sum, c) => sum + c.weight, 0);
  const weights = new Float64Array(model.indicators.length);
  const inner = Float64Array.from(model.indicators, (i) => i.weight);
  const categoryOf = new Uint8Array(model.indicators.length);
  model.categories.forEach((category, c) => {
    const inside = model.indicators.filter((i) => i.category === category.id).reduce((sum, i) => sum + i.weight, 0);
    model.indicators.forEach((indicator, i) => {
      if (indicator.category !== category.id) return;
      weights[i] = (category.weight / categoryTotal) * (indicator.weight / inside);
      categoryOf[i] = c;
    });
  });
  return { model, weights, inner, categoryOf, categoryWeights: Float64Array.from(model.categories, (c) => c.weight) };
}

const gradeFor = (score: number, grades: ResolvedModel['grades']): Grade => (score >= grades.A ? 'A' : score >= grades.B ? 'B' : score >= grades.C ? 'C' : 'D');

/** The grade of a score backed by this coverage: none (ungraded) when the data back too little of the model. */
export const gradeOf = (score: number, coverage: number, model: Pick<ResolvedModel, 'grades' | 'coverage'>): Grade | undefined =>
  Number.isNaN(score) || coverage < model.coverage.minimum ? undefined : gradeFor(score, model.grades);

/**
 * One indicator folded with its weight into plain numbers, so the loop over entities is arithmetic: linear
 * `clamp((v - worst) · scale, 0, ceiling)`, flag `points[v ? 1 : 0]`, steps `points[number of thresholds below v]`.
 */
interface Coefficients {
  kind: Indicator['normalise']['kind'];
  category: number;
  /** The indicator's weight within its category, and its share of the coverage. */
  weight: number;
  share: number;
  /** Weighted points of a missing value (the `score` policy), NaN when it drops out. */
  missing: number;
  worst: number;
  scale: number;
  ceiling: number;
  /** Steps: every threshold but the last (a value above them all takes the last step). */
  upTo: Float64Array;
  /** Steps: each step's weighted points; flag: [false, true]. */
  points: Float64Array;
}

function coefficientsOf(compiled: CompiledModel): Coefficients[] {
  return compiled.model.indicators.map((indicator, i) => {
    const weight = compiled.inner[i]!;
    const rule = indicator.normalise;
    const base = {
      kind: rule.kind,
      category: compiled.categoryOf[i]!,
      weight,
      share: compiled.weights[i]!,
      missing: indicator.missing.kind === 'score' ? weight * indicator.missing.score : NaN,
      ...{ worst: 0, scale: 0, ceiling: 0, upTo: new Float64Array(0), points: new Float64Array(0) },
    };
    if (rule.kind === 'linear') return { ...base, worst: rule.worst, scale: (100 * weight) / (rule.best - rule.worst), ceiling: 100 * weight };
    if (rule.kind === 'flag') return { ...base, points: Float64Array.of(weight * rule.whenFalse, weight * rule.whenTrue) };
    const upTo = rule.steps.slice(0, -1).map((step) => step.upTo);
    const padded = upTo.length <= fewSteps ? [...upTo, ...Array<number>(fewSteps - upTo.length).fill(Infinity)] : upTo;
    return { ...base, upTo: Float64Array.from(padded), points: Float64Array.from(rule.steps, (step) => weight * step.score) };
  });
}

/**
 * Adds one indicator's weighted points for entities `from`..`to` to its category's running sums (index 0 = `from`):
 * a value with data adds its points, its weight and its coverage share; a missing one (v !== v) adds nothing, or
 * under the `score` policy its stated points and weight. One loop per kind, no call per value.
 */
function accumulate(c: Coefficients, column: Float64Array, from: number, to: number, sum: Float64Array, weights: Float64Array, coverage: Float64Array) {
  if (c.kind === 'linear') linear(column, from, to, sum, weights, coverage, c.weight, c.share, c.worst, c.scale, c.ceiling);
  else if (c.kind === 'flag') flag(column, from, to, sum, weights, coverage, c.weight, c.share, c.points);
  else if (c.upTo.length === fewSteps) fewThresholds(column, from, to, sum, weights, coverage, c.weight, c.share, c.upTo, c.points);
  else steps(column, from, to, sum, weights, coverage, c.weight, c.share, c.upTo, c.points);
  if (c.missing === c.missing) missing(column, from, to, sum, weights, c.weight, c.missing);
}

// Branch-free (+boolean is 0 or 1; the data are random, so a branch would be mispredicted): a missing value
// (v !== v) is present = 0 and adds exact zeros, which leave every sum as it was.

function linear(column: Float64Array, from: number, to: number, sum: Float64Array, weights: Float64Array, coverage: Float64Array, weight: number, share: number, worst: number, scale: number, ceiling: number) {
  for (let e = from, k = 0; e < to; e++, k++) {
    const v = column[e]!;
    const present = +(v === v);
    const s = (v - worst) * scale;
    sum[k]! += s > 0 ? (s < ceiling ? s : ceiling) : 0; // NaN > 0 is false: a missing value adds 0
    weights[k]! += present * weight;
    coverage[k]! += present * share;
  }
}

/** `points` = [false, true]; a missing value reads as false and is then multiplied away. */
function flag(column: Float64Array, from: number, to: number, sum: Float64Array, weights: Float64Array, coverage: Float64Array, weight: number, share: number, points: Float64Array) {
  for (let e = from, k = 0; e < to; e++, k++) {
    const v = column[e]!;
    const present = +(v === v);
    sum[k]! += present * points[+(v !== 0)]!;
    weights[k]! += present * weight;
    coverage[k]! += present * share;
  }
}

/** Thresholds rise (the model's schema checks it), so the step is the number of thresholds below the value. */
function steps(column: Float64Array, from: number, to: number, sum: Float64Array, weights: Float64Array, coverage: Float64Array, weight: number, share: number, upTo: Float64Array, points: Float64Array) {
  const thresholds = upTo.length;
  for (let e = from, k = 0; e < to; e++, k++) {
    const v = column[e]!;
    const present = +(v === v);
    let step = 0;
    for (let t = 0; t < thresholds; t++) step += +(v > upTo[t]!);
    sum[k]! += present * points[step]!;
    weights[k]! += present * weight;
    coverage[k]! += present * share;
  }
}

/** Steps with at most `fewSteps` thresholds (all the shipped models), padded with +Infinity: unrolled. */
const fewSteps = 4;

function fewThresholds(column: Float64Array, from: number, to: number, sum: Float64Array, weights: Float64Array, coverage: Float64Array, weight: number, share: number, upTo: Float64Array, points: Float64Array) {
  const u0 = upTo[0]!, u1 = upTo[1]!, u2 = upTo[2]!, u3 = upTo[3]!;
  for (let e = from, k = 0; e < to; e++, k++) {
    const v = column[e]!;
    const present = +(v === v);
    sum[k]! += present * points[+(v > u0) + +(v > u1) + +(v > u2) + +(v > u3)]!;
    weights[k]! += present * weight;
    coverage[k]! += present * share;
  }
}

/** The `score` policy: a missing value adds its stated points and its weight, but no coverage. */
function missing(column: Float64Array, from: number, to: number, sum: Float64Array, weights: Float64Array, weight: number, points: number) {
  for (let e = from, k = 0; e < to; e++, k++) {
    const v = column[e]!;
    if (v !== v) {
      sum[k]! += points;
      weights[k]! += weight;
    }
  }
}

/** Entities scored together across all indicators, so their running sums stay in the CPU cache. */
const block = 2_048;

/**
 * Scores many entities at once from columns: one Float64Array per indicator (in the model's order), NaN where the
 * metric is unknown. Block by block, column by column: each indicator adds to its category's sums in one tight
 * loop, then one pass per entity combines the categories: millions a second per core. The score is NaN for an
 * entity without any data; the coverage is the share of the model's weight its data back.
 */
export function scoreColumns(compiled: CompiledModel, columns: readonly Float64Array[], count: number): { scores: Float64Array; coverage: Float64Array } {
  const { categoryWeights } = compiled;
  const categories = categoryWeights.length;
  const scores = new Float64Array(count);
  const coverage = new Float64Array(count);
  const indicators = coefficientsOf(compiled);
  const sums = Array.from({ length: categories }, () => new Float64Array(block));
  const weights = Array.from({ length: categories }, () => new Float64Array(block));
  const covered = new Float64Array(block);
  for (let from = 0; from < count; from += block) {
    const to = Math.min(count, from + block);
    for (let c = 0; c < categories; c++) {
      sums[c]!.fill(0);
      weights[c]!.fill(0);
    }
    covered.fill(0);
    for (let i = 0; i < indicators.length; i++) {
      const indicator = indicators[i]!;
      accumulate(indicator, columns[i]!, from, to, sums[indicator.category]!, weights[indicator.category]!, covered);
    }
    for (let e = from, k = 0; e < to; e++, k++) {
      let total = 0;
      let weight = 0;
      for (let c = 0; c < categories; c++) {
        const w = weights[c]![k]!;
        if (w > 0) {
          total += (categoryWeights[c]! * sums[c]![k]!) / w;
          weight += categoryWeights[c]!;
        }
      }
      scores[e] = weight > 0 ? total / weight : NaN;
      coverage[e] = covered[k]!;
    }
  }
  return { scores, coverage };
}

export interface Explanation {
  model: string;
  /** NaN when the entity has no data at all. */
  score: number;
  /** Absent: ungraded, the data back too little of the model. */
  grade?: Grade;
  /** The share of the model's weight the entity's data back (0-1). */
  coverage: number;
  /** Each category with data: its own score (0-100) and the points it adds to the total. */
  categories: { id: string; name: string; score: number; contributes: number }[];
  /** The indicators with data that cost the most points, most first: what moved the grade. */
  costliest: { id: string; name: string; value: number; score: number; pointsLost: number }[];
  /** Indicators without data, which neither cost nor earn points: ids, in the model's order. */
  noData: string[];
}

type Cost = Explanation['costliest'][number];

/** The `top` indicators that cost points, most first: one ranking for every model's explanation. */
export const costliestOf = (costs: Cost[], top: number): Cost[] => costs.filter((c) => c.pointsLost > 0).sort((a, b) => b.pointsLost - a.pointsLost).slice(0, top);

/** The grade of one entity with its reasons; `values` are the metrics in the model's indicator order (NaN unknown). */
export function explain(compiled: CompiledModel, values: readonly number[], top = 5): Explanation {
  const { model, weights, inner, categoryOf, categoryWeights } = compiled;
  const hasData = model.indicators.map((_, i) => !Number.isNaN(values[i]!));
  const normalised = model.indicators.map((indicator, i) => (hasData[i] ? normalise(indicator.normalise, values[i]!) : indicator.missing.kind === 'score' ? indicator.missing.score : NaN));
  const categoryWeight = model.categories.map((_, c) => normalised.reduce((sum, s, i) => (categoryOf[i] === c && !Number.isNaN(s) ? sum + inner[i]! : sum), 0));
  const present = categoryWeight.reduce((sum, w, c) => (w > 0 ? sum + categoryWeights[c]! : sum), 0);
  /** Each indicator's effective weight for this entity: its share once the missing ones dropped out. */
  const effective = normalised.map((s, i) => (Number.isNaN(s) ? 0 : (categoryWeights[categoryOf[i]!]! / present) * (inner[i]! / categoryWeight[categoryOf[i]!]!)));
  const score = present > 0 ? normalised.reduce((sum, s, i) => (effective[i]! > 0 ? sum + effective[i]! * s : sum), 0) : NaN;
  const coverage = weights.reduce((sum, w, i) => (hasData[i] ? sum + w : sum), 0);
  const categories = model.categories.flatMap((category, c) => {
    if (categoryWeight[c] === 0) return [];
    const contributes = normalised.reduce((sum, s, i) => (categoryOf[i] === c && effective[i]! > 0 ? sum + effective[i]! * s : sum), 0);
    return [{ id: category.id, name: category.name, score: (contributes * present) / categoryWeights[c]!, contributes }];
  });
  const costliest = costliestOf(
    model.indicators.flatMap((indicator, i) => (hasData[i] ? [{ id: indicator.id, name: indicator.name, value: values[i]!, score: normalised[i]!, pointsLost: effective[i]! * (100 - normalised[i]!) }] : [])),
    top,
  );
  const grade = gradeOf(score, coverage, model);
  return {
    model: `${model.id}@${model.version}`,
    score,
    ...(grade ? { grade } : {}),
    coverage,
    categories,
    costliest,
    noData: model.indicators.filter((_, i) => !hasData[i]).map((i) => i.id),
  };
}
