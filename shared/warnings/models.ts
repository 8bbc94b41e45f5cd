/** The warning models, as data: `models/warnings/warnings.v1.json`, validated when loaded, bundled with the functions. */
import * as z from 'zod/mini';
import shipped from '../../models/warnings/warnings.v1.json' with { type: 'json' };
import { ruleShape } from '../rules/language.ts';

export const severities = ['low', 'medium', 'high'] as const;
export type Severity = (typeof severities)[number];

export const warningModel = z.strictObject({
  ...ruleShape,
  severity: z.enum(severities),
  /** Days a clue may stay open or assigned before it escalates. */
  handleWithinDays: z.int().check(z.positive()),
});
export type WarningModel = z.infer<typeof warningModel>;

export const warningModelSet = z
  .strictObject({ id: z.literal('warnings'), version: z.int(), description: z.string(), models: z.array(warningModel).check(z.minLength(1)) })
  .check(z.refine((set) => new Set(set.models.map((m) => m.id)).size === set.models.length, 'Two warning models share an id'));

let loaded: WarningModel[] | undefined;
/** The shipped models (parsed once per process). */
export const warningModels = (): WarningModel[] => (loaded ??= warningModelSet.parse(shipped).models);
