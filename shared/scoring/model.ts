/**
 * Credit-risk models are data: versioned JSON (models/*.json) validated here. A general model has categories,
 * indicators and grade thresholds; a professional model names the general model it refines, the segments it
 * applies to, weight changes and indicators of its own, and may set stricter thresholds.
 */
import * as z from 'zod/mini';

const score = z.number().check(z.minimum(0), z.maximum(100));
const weight = z.number().check(z.gt(0), z.maximum(1_000));
const name = z.string().check(z.minLength(1), z.maxLength(200));
const slug = z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'An id is lower-case letters, digits and dashes'));
const version = z.string().check(z.regex(/^\d+\.\d+\.\d+$/, 'A version is MAJOR.MINOR.PATCH'));

/** How a metric becomes a 0-100 score (100 = least risk). */
export const normalisation = z.discriminatedUnion('kind', [
  /** Straight line from `worst` (0) to `best` (100), clamped; `worst` may be above `best` for "less is better". */
  z.strictObject({ kind: z.literal('linear'), worst: z.number(), best: z.number() }).check(z.refine((n) => n.worst !== n.best, 'worst and best must differ')),
  /** The score of the first step whose `upTo` is at least the value. */
  z
    .strictObject({ kind: z.literal('steps'), steps: z.array(z.strictObject({ upTo: z.number(), score })).check(z.minLength(1)) })
    .check(z.refine((n) => n.steps.every((s, i) => i === 0 || s.upTo > n.steps[i - 1]!.upTo), 'steps must rise in upTo')),
  /** A yes/no metric (1 or 0). */
  z.strictObject({ kind: z.literal('flag'), whenTrue: score, whenFalse: score }),
]);

/**
 * Missing data is missing, not best and not worst. `omit`: the indicator drops out for that entity and the weights
 * of the others renormalise within its category (a category without any data drops out and the categories
 * renormalise); the explanation lists it under "no data" and the coverage shrinks. `score`: a stated score stands
 * in, for the rare indicator where having no record is itself a finding; it is still listed as "no data", never
 * as a reason, and adds nothing to the coverage.
 */
export const missingPolicy = z.discriminatedUnion('kind', [z.strictObject({ kind: z.literal('omit') }), z.strictObject({ kind: z.literal('score'), score })]);

export const indicator = z.strictObject({
  id: slug,
  name,
  category: slug,
  /** The metric the value is read from, computed from the entity's record and facts. */
  metric: z.string().check(z.regex(/^[a-zA-Z][a-zA-Z0-9]*$/, 'A metric is a camelCase name')),
  normalise: normalisation,
  /** Weight within its category. */
  weight,
  /** What an entity without data for this indicator gets (see `missingPolicy`). */
  missing: missingPolicy,
});

export const gradeThresholds = z
  .strictObject({ A: score, B: score, C: score })
  .check(z.refine((g) => g.A > g.B && g.B > g.C, 'Grade thresholds must fall from A to C'));

const unique = (values: string[]) => values.find((v, i) => values.indexOf(v) !== i);

export const generalModel = z
  .strictObject({
    id: slug,
    version,
    name,
    description: z.string(),
    categories: z.array(z.strictObject({ id: slug, name, weight })).check(z.minLength(1)),
    indicators: z.array(indicator).check(z.minLength(1)),
    grades: gradeThresholds,
    /**
     * Coverage is the share of the model's weight (every indicator's weight within its category times its
     * category's share) that an entity's data back. Below `minimum` the entity is ungraded: too little is known to
     * grade it, and a draw puts it in its stated "ungraded" stratum.
     */
    coverage: z.strictObject({ minimum: z.number().check(z.gt(0), z.maximum(1)) }),
    /**
     * The shares of graded entities the thresholds aim at (D takes the rest), and the data they were last checked
     * on: `npm run backtest -- --as-of DAY` prints the thresholds that would reach them on that day's data beside
     * the shares the shipped thresholds give, so re-calibrating is a reviewed change of `grades`, not a silent drift.
     */
    calibration: z.strictObject({
      targetShares: z
        .strictObject({ A: z.number().check(z.gt(0), z.lt(1)), B: z.number().check(z.gt(0), z.lt(1)), C: z.number().check(z.gt(0), z.lt(1)) })
        .check(z.refine((t) => t.A + t.B + t.C < 1, 'A, B and C must leave a share for D')),
      checkedOn: z.string(),
    }),
  })
  .check(
    z.refine((m) => !unique(m.categories.map((c) => c.id)), { message: 'Category ids must be unique', path: ['categories'] }),
    z.refine((m) => !unique(m.indicators.map((i) => i.id)), { message: 'Indicator ids must be unique', path: ['indicators'] }),
    z.superRefine((m, ctx) => {
      const categories = new Set(m.categories.map((c) => c.id));
      m.indicators.forEach((i, n) => {
        if (!categories.has(i.category)) ctx.addIssue({ code: 'custom', message: `Unknown category "${i.category}"`, path: ['indicators', n, 'category'] });
      });
      for (const c of m.categories) {
        if (!m.indicators.some((i) => i.category === c.id)) ctx.addIssue({ code: 'custom', message: `Category "${c.id}" has no indicator`, path: ['categories'] });
      }
    }),
  );

export const professionalModel = z.strictObject({
  id: slug,
  version,
  name,
  extends: z.strictObject({ id: slug, version }),
  /** Entity segments this model grades. */
  segments: z.array(z.string().check(z.minLength(1))).check(z.minLength(1)),
  /** New weights for indicators of the general model. */
  weights: z.record(slug, weight),
  /** Indicators of this segment's own. */
  indicators: z.array(indicator),
  grades: z.optional(gradeThresholds),
});

export type GeneralModel = z.infer<typeof generalModel>;
export type ProfessionalModel = z.infer<typeof professionalModel>;
export type Indicator = z.infer<typeof indicator>;

/** A model ready to score: the general one, or a professional one applied onto it. */
export interface ResolvedModel {
  id: string;
  version: string;
  categories: GeneralModel['categories'];
  indicators: Indicator[];
  grades: GeneralModel['grades'];
  coverage: GeneralModel['coverage'];
  calibration: GeneralModel['calibration'];
}

export class ModelError extends Error {
  override name = 'ModelError';
}

/** Validates a model file's content; the error lists every problem with its path. */
export function parseModel<S extends typeof generalModel | typeof professionalModel>(schema: S, content: unknown, source: string): z.infer<S> {
  const parsed = schema.safeParse(content);
  if (parsed.success) return parsed.data as z.infer<S>;
  const problems = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(model)'}: ${i.message}`).join('\n');
  throw new ModelError(`${source} is not a valid model:\n${problems}`);
}

export function resolveModel(general: GeneralModel, professional?: ProfessionalModel): ResolvedModel {
  if (!professional) return { id: general.id, version: general.version, categories: general.categories, indicators: general.indicators, grades: general.grades, coverage: general.coverage, calibration: general.calibration };
  const { extends: base } = professional;
  if (base.id !== general.id || base.version !== general.version) {
    throw new ModelError(`${professional.id} refines ${base.id}@${base.version}, not ${general.id}@${general.version}.`);
  }
  const known = new Set(general.indicators.map((i) => i.id));
  const unknown = Object.keys(professional.weights).filter((id) => !known.has(id));
  if (unknown.length) throw new ModelError(`${professional.id} sets weights of indicators the general model does not have: ${unknown.join(', ')}.`);
  const clash = professional.indicators.filter((i) => known.has(i.id)).map((i) => i.id);
  if (clash.length) throw new ModelError(`${professional.id} adds indicators that already exist: ${clash.join(', ')}.`);
  const categories = new Set(general.categories.map((c) => c.id));
  const stray = professional.indicators.filter((i) => !categories.has(i.category)).map((i) => `${i.id} (${i.category})`);
  if (stray.length) throw new ModelError(`${professional.id} adds indicators to unknown categories: ${stray.join(', ')}.`);
  return {
    id: professional.id,
    version: professional.version,
    categories: general.categories,
    indicators: [...general.indicators.map((i) => ({ ...i, weight: professional.weights[i.id] ?? i.weight })), ...professional.indicators],
    grades: professional.grades ?? general.grades,
    coverage: general.coverage,
    calibration: general.calibration,
  };
}
