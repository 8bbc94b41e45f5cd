/** The triggers of food-manufacturer supervision, as data: `models/triggers/triggers.v1.json`, validated when loaded. */
import * as z from 'zod/mini';
import shipped from '../../models/triggers/triggers.v1.json' with { type: 'json' };
import { contact } from '../api/schemas.ts';
import { isBilingual } from '../labels.ts';
import { ruleShape } from '../rules/language.ts';

const text = z.string().check(z.minLength(1));

export const trigger = z.strictObject({
  ...ruleShape,
  /** What the trigger inspection checks, each item Chinese first, then English, as planners write check items. */
  items: z
    .array(text.check(z.refine(isBilingual, 'Write a check item Chinese first, then English ("生产许可条件 Production licence conditions"), so each reader reads it in their language')))
    .check(z.minLength(1)),
});
export type Trigger = z.infer<typeof trigger>;

/** How a trigger inspection is planned: who goes, when, and the assignment rules of a draw. */
export const triggerInspectionPlan = z.strictObject({
  departments: z.array(text).check(z.minLength(1)),
  /** The window starts this many days after the firing and lasts `days`. */
  startInDays: z.int().check(z.gte(0)),
  days: z.int().check(z.positive()),
  inspectorsPerCompany: z.int().check(z.gte(2)),
  crossDistrict: z.boolean(),
  workloadCap: z.int().check(z.positive()),
  contact,
});
export type TriggerInspectionPlan = z.infer<typeof triggerInspectionPlan>;

export const triggerSet = z
  .strictObject({ id: z.literal('triggers'), version: z.int(), description: z.string(), inspection: triggerInspectionPlan, triggers: z.array(trigger).check(z.minLength(1)) })
  .check(z.refine((set) => new Set(set.triggers.map((t) => t.id)).size === set.triggers.length, 'Two triggers share an id'));
export type TriggerSet = z.infer<typeof triggerSet>;

let loaded: TriggerSet | undefined;
export const shippedTriggers = (): TriggerSet => (loaded ??= triggerSet.parse(shipped));
