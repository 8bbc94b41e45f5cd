/**
 * The rule language of the warning models and the triggers: conditions over what is known of one entity on a day
 * (its registry attributes, credit grade and grade changes, and its facts in time windows), written as JSON and
 * validated here. `evaluate.ts` runs them; `models/warnings/warnings.v1.json` and `models/triggers/triggers.v1.json` are written in it.
 *
 * @example A failed sample in the last 90 days and a verified complaint in the last 30:
 * { "all": [ { "events": { "kind": "sampling", "value": { "atLeast": 1 }, "withinDays": 90 }, "atLeast": 1 },
 *            { "events": { "kind": "complaint", "value": { "atLeast": 1 }, "withinDays": 30 }, "atLeast": 1 } ] }
 */
import * as z from 'zod/mini';
import { factKinds, type FactKind } from '../facts/model.ts';

/** Which facts a condition looks at: a kind, optionally only some details (alert types, who is listed) or values. */
export interface FactFilter {
  kind: FactKind;
  /** Exact `detail` values admitted (e.g. alert types); any when absent. */
  detail?: string[];
  /** Bounds on `value`, both inclusive (a failed sample or a verified complaint has value 1). */
  value?: { atLeast?: number; atMost?: number };
}

export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  /** A registry attribute (segment, district) or the current grade is one of these. */
  | { attribute: 'segment' | 'district' | 'grade'; in: string[] }
  /** At least n facts dated in the last `withinDays` days, today included. */
  | { events: FactFilter & { withinDays: number }; atLeast: number }
  /** A lasting fact (a listing, a licence) holds today: begun, and not ended before today. */
  | { holds: FactFilter }
  /** The latest lasting fact of the kind ends within the next `withinDays` days, and no other holds beyond it. */
  | { expiring: FactFilter & { withinDays: number } }
  /** The entity had a lasting fact of the kind, the last one ended in the last `withinDays` days, and none holds now. */
  | { lapsed: FactFilter & { withinDays: number } }
  /** The grade fell by at least `levels` (A→B is one) at some change in the last `withinDays` days. */
  | { gradeDrop: { levels: number; withinDays: number } };

const positive = z.int().check(z.positive());
const factFilterShape = {
  kind: z.enum(factKinds),
  detail: z.optional(z.array(z.string().check(z.minLength(1))).check(z.minLength(1))),
  value: z.optional(z.strictObject({ atLeast: z.optional(z.number()), atMost: z.optional(z.number()) })),
};
const factFilter = z.strictObject(factFilterShape);
const windowedFilter = z.strictObject({ ...factFilterShape, withinDays: positive });

export const condition: z.ZodMiniType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ all: z.array(condition).check(z.minLength(1)) }),
    z.strictObject({ any: z.array(condition).check(z.minLength(1)) }),
    z.strictObject({ not: condition }),
    z.strictObject({ attribute: z.enum(['segment', 'district', 'grade']), in: z.array(z.string()).check(z.minLength(1)) }),
    z.strictObject({ events: windowedFilter, atLeast: positive }),
    z.strictObject({ holds: factFilter }),
    z.strictObject({ expiring: windowedFilter }),
    z.strictObject({ lapsed: windowedFilter }),
    z.strictObject({ gradeDrop: z.strictObject({ levels: z.int().check(z.gte(1), z.lte(3)), withinDays: positive }) }),
  ]),
) as z.ZodMiniType<Condition>;

const bilingual = z.strictObject({ zh: z.string().check(z.minLength(1)), en: z.string().check(z.minLength(1)) });
const ruleId = z.string().check(z.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'An id is lowercase words joined by dashes'));

/** What every rule has: an id, a name people read, what it means, whom it concerns, when it holds, and its window. */
export const ruleShape = {
  id: ruleId,
  name: bilingual,
  /** Why it matters and what it looks at, in a sentence: shown with every clue. */
  description: z.string().check(z.minLength(10)),
  /** Only entities of these segments (and, for triggers, grades) are evaluated; all when absent. */
  appliesTo: z.optional(z.strictObject({ segments: z.optional(z.array(z.string()).check(z.minLength(1))), grades: z.optional(z.array(z.enum(['A', 'B', 'C', 'D'])).check(z.minLength(1))) })),
  when: condition,
  /** A rule fires at most once per entity in each window of this many days (windows counted from 1970-01-01). */
  windowDays: positive,
};
