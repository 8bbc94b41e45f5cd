/** The check items offered for a company's segment, as data: `models/check-items/check-items.v1.json`, validated when loaded. */
import * as z from 'zod/mini';
import shipped from '../../models/check-items/check-items.v1.json' with { type: 'json' };
import { limits } from '../api/schemas.ts';

const catalogue = z.strictObject({
  id: z.literal('check-items'),
  version: z.int(),
  description: z.string(),
  segments: z.record(z.string(), z.array(z.string().check(z.minLength(1), z.maxLength(limits.checkItem))).check(z.minLength(1))),
});

let loaded: Record<string, string[]> | undefined;
/** The items a planner is offered for a company of this segment (none for a segment the catalogue does not list). */
export function checkItemsOf(segment: string): string[] {
  loaded ??= catalogue.parse(shipped).segments;
  return Object.hasOwn(loaded, segment) ? loaded[segment]! : [];
}
