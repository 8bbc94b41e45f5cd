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

/** Per block of entities: each category's weighted sum and the weight behind it, and the coverage. */
interface Sums {
  sum: Float64Array[];
  weight: Float64Array[];
  coverage: Float64Array;
}

/** Writes one indicator's weighted points for a range of entities into `points` (NaN where unknown). */
type Normaliser = (points: Float64Array, column: Float64Array, from: number, to: number) => void;

/** Specialised per kind of normalisation, so that each loop body is plain arithmetic. */
function normaliserFor(rule: Indicator['normalise'], weight: number): Normaliser {
  if (rule.kind === 'linear') {
    const scale = (100 * weight) / (rule.best - rule.worst);
    const ceiling = 100 * weight;
    const worst = rule.worst;
    return (points, column, from, to) => {
      for (let e = from; e < to; e++) {
        const s = (column[e]! - worst) * scale;
        points[e - from] = s < 0 ? 0 : s > ceiling ? ceiling : s; // NaN stays NaN
      }
    };
  }
  if (rule.kind === 'flag') {
    const yes = weight * rule.whenTrue;
    const no = weight * rule.whenFalse;
    return (points, column, from, to) => {
      for (let e = from; e < to; e++) {
        const v = column[e]!;
        points[e - from] = v !== v ? NaN : v ? yes : no;
      }
    };
  }
  const upTo = Float64Array.from(rule.steps, (step) => step.upTo);
  const scores = Float64Array.from(rule.steps, (step) => weight * step.score);
  const last = scores.length - 1;
  return (points, column, from, to) => {
    for (let e = from; e < to; e++) {
      const v = column[e]!;
      let k = 0;
      while (k < last && v > upTo[k]!) k++;
      points[e - from] = v !== v ? NaN : scores[k]!;
    }
  };
}

/** Adds one indicator's points to its category's sums: data count with their weight and coverage, missing by policy. */
function accumulate(sums: Sums, points: Float64Array, category: number, weight: number, coverageShare: number, missingPoints: number, count: number) {
  const sum = sums.sum[category]!;
  const weights = sums.weight[category]!;
  const coverage = sums.coverage;
  const keepMissing = missingPoints === missingPoints;
  for (let k = 0; k < count; k++) {
    const p = points[k]!;
    if (p === p) {
      sum[k]! += p;
      weights[k]! += weight;
      coverage[k]! += coverageShare;
    } else if (keepMissing) {
      sum[k]! += missingPoints;
      weights[k]! += weight;
    }
  }
}

/** Entities scored together across all indicators, so their running sums stay in the CPU cache. */
const block = 2_048;

/**
 * Scores many entities at once from columns: one Float64Array per indicator (in the model's order), NaN where the
 * metric is unknown. Block by block, indicator by indicator over contiguous arrays: millions a second per core.
 * The score is NaN for an entity without any data; the coverage is the share of the model's weight its data back.
 */
export function scoreColumns(compiled: CompiledModel, columns: readonly Float64Array[], count: number): { scores: Float64Array; coverage: Float64Array } {
  const { model, inner, categoryOf, categoryWeights, weights } = compiled;
  const scores = new Float64Array(count);
  const coverage = new Float64Array(count);
  const normalisers = model.indicators.map((indicator, i) => normaliserFor(indicator.normalise, inner[i]!));
  const missingPoints = model.indicators.map((indicator, i) => (indicator.missing.kind === 'score' ? inner[i]! * indicator.missing.score : NaN));
  const sums: Sums = {
    sum: model.categories.map(() => new Float64Array(block)),
    weight: model.categories.map(() => new Float64Array(block)),
    coverage: new Float64Array(block),
  };
  const points = new Float64Array(block);
  for (let from = 0; from < count; from += block) {
    const to = Math.min(count, from + block);
    for (const array of [...sums.sum, ...sums.weight, sums.coverage]) array.fill(0);
    for (let i = 0; i < normalisers.length; i++) {
      normalisers[i]!(points, columns[i]!, from, to);
      accumulate(sums, points, categoryOf[i]!, inner[i]!, weights[i]!, missingPoints[i]!, to - from);
    }
    for (let e = from; e < to; e++) {
      const k = e - from;
      let total = 0;
      let weight = 0;
      for (let c = 0; c < categoryWeights.length; c++) {
        const w = sums.weight[c]![k]!;
        if (w > 0) {
          total += (categoryWeights[c]! * sums.sum[c]![k]!) / w;
          weight += categoryWeights[c]!;
        }
      }
      scores[e] = weight > 0 ? total / weight : NaN;
      coverage[e] = sums.coverage[k]!;
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
  const costliest = model.indicators
    .flatMap((indicator, i) => (hasData[i] ? [{ id: indicator.id, name: indicator.name, value: values[i]!, score: normalised[i]!, pointsLost: effective[i]! * (100 - normalised[i]!) }] : []))
    .filter((c) => c.pointsLost > 0)
    .sort((a, b) => b.pointsLost - a.pointsLost)
    .slice(0, top);
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
