/**
 * Scoring with a resolved model. An indicator with data scores 0-100 (100 = least risk); one without data follows
 * its missing-data policy (shared/scoring/model.ts): by default it drops out, and the weights renormalise. So a
 * category's score is the weighted mean of its indicators that have data, and the total is the weighted mean of
 * the categories that have any: what an indicator costs an entity (its effective weight times the points it is
 * below 100) still adds up exactly to 100 minus the score, and missing data never costs or earns a point.
 * Coverage is the share of the model's full weight that the entity's data back; below the model's minimum the
 * entity is ungraded.
 */
import { kernelBase64 } from './kernel-binary.ts';
import type { Indicator, ResolvedModel } from './model.ts';

/** The kernel's exports (shared/scoring/kernel.wat); offsets are bytes into its memory. */
interface Kernel {
  memory: WebAssembly.Memory;
  linear(column: number, n: number, sum: number, weight: number, covered: number, w: number, share: number, worst: number, scale: number, ceiling: number): void;
  flag(column: number, n: number, sum: number, weight: number, covered: number, w: number, share: number, whenFalse: number, whenTrue: number): void;
  steps(column: number, n: number, sum: number, weight: number, covered: number, w: number, share: number, table: number, thresholds: number): void;
  missing(column: number, n: number, sum: number, weight: number, w: number, points: number): void;
  combine(n: number, sum: number, weight: number, stride: number, categoryWeights: number, categories: number): void;
}

/** Compiled once per process (about 1 KB, well under a millisecond). */
const kernel = new WebAssembly.Instance(new WebAssembly.Module(Uint8Array.from(atob(kernelBase64), (c) => c.charCodeAt(0)))).exports as unknown as Kernel;

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
 * One indicator folded with its weight into plain numbers for the kernel (shared/scoring/kernel.wat): linear
 * `clamp((v - worst) · scale, 0, ceiling)`, flag `whenFalse` / `whenTrue`, steps a table of points and thresholds.
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
  /** Flag: weighted points for 0 and for any other value. */
  whenFalse: number;
  whenTrue: number;
  /** Steps: [points₀, threshold₀, points₁, …, pointsₜ], weighted; every threshold but the last step's. */
  table: Float64Array;
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
      ...{ worst: 0, scale: 0, ceiling: 0, whenFalse: 0, whenTrue: 0, table: new Float64Array(0) },
    };
    if (rule.kind === 'linear') return { ...base, worst: rule.worst, scale: (100 * weight) / (rule.best - rule.worst), ceiling: 100 * weight };
    if (rule.kind === 'flag') return { ...base, whenFalse: weight * rule.whenFalse, whenTrue: weight * rule.whenTrue };
    return { ...base, table: Float64Array.from(rule.steps.flatMap((step, k) => (k < rule.steps.length - 1 ? [weight * step.score, step.upTo] : [weight * step.score]))) };
  });
}

/** Entities scored together across all indicators, so their running sums stay in the CPU cache. */
const block = 2_048;

/**
 * The kernel's memory for one call: a column's block, then each category's sums of points and of weights, the
 * coverage, the categories' weights and the step tables; byte offsets. Grown when a model has more categories or steps than the last.
 */
function layoutFor(indicators: readonly Coefficients[], categoryWeights: Float64Array) {
  const categories = categoryWeights.length;
  const bytes = 8 * block;
  const column = 0;
  const sums = bytes;
  const weights = sums + categories * bytes;
  const covered = weights + categories * bytes;
  const categoryTable = covered + bytes;
  let end = categoryTable + categoryWeights.byteLength;
  const tables = indicators.map((indicator) => {
    const at = end;
    end += indicator.table.byteLength;
    return at;
  });
  const memory = kernel.memory;
  if (memory.buffer.byteLength < end) memory.grow(Math.ceil((end - memory.buffer.byteLength) / 65_536));
  const f64 = new Float64Array(memory.buffer);
  f64.set(categoryWeights, categoryTable / 8);
  indicators.forEach((indicator, i) => f64.set(indicator.table, tables[i]! / 8));
  return { f64, column, sums, weights, covered, categoryTable, tables, bytes };
}

/**
 * Scores many entities at once from columns: one Float64Array per indicator (in the model's order), NaN where the
 * metric is unknown. Block by block, column by column: each indicator's block is copied into the kernel's memory
 * and added to its category's sums two entities at a time (WebAssembly SIMD), then one pass per entity combines
 * the categories: millions a second per core. The score is NaN for an entity without any data; the coverage is
 * the share of the model's weight its data back. Scores agree with explain()'s to 1e-12 (test/unit/scoring.test.ts).
 */
export function scoreColumns(compiled: CompiledModel, columns: readonly Float64Array[], count: number): { scores: Float64Array; coverage: Float64Array } {
  const { categoryWeights } = compiled;
  const categories = categoryWeights.length;
  const scores = new Float64Array(count);
  const coverage = new Float64Array(count);
  const indicators = coefficientsOf(compiled);
  const { f64, column, sums, weights, covered, categoryTable, tables, bytes } = layoutFor(indicators, categoryWeights);
  for (let from = 0; from < count; from += block) {
    const to = Math.min(count, from + block);
    const n = to - from;
    const even = n + (n & 1);
    f64.fill(0, sums / 8, (covered + bytes) / 8);
    for (let i = 0; i < indicators.length; i++) {
      const c = indicators[i]!;
      f64.set(columns[i]!.subarray(from, to), column / 8);
      if (even > n) f64[column / 8 + n] = NaN; // the pad adds exact zeros
      const sum = sums + c.category * bytes;
      const weight = weights + c.category * bytes;
      if (c.kind === 'linear') kernel.linear(column, even, sum, weight, covered, c.weight, c.share, c.worst, c.scale, c.ceiling);
      else if (c.kind === 'flag') kernel.flag(column, even, sum, weight, covered, c.weight, c.share, c.whenFalse, c.whenTrue);
      else kernel.steps(column, even, sum, weight, covered, c.weight, c.share, tables[i]!, (c.table.length - 1) / 2);
      if (c.missing === c.missing) kernel.missing(column, even, sum, weight, c.weight, c.missing);
    }
    kernel.combine(even, sums, weights, bytes, categoryTable, categories);
    scores.set(f64.subarray(sums / 8, sums / 8 + n), from);
    coverage.set(f64.subarray(covered / 8, covered / 8 + n), from);
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
