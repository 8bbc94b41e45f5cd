/**
 * Facts about an entity over time, from imports and devices: what the credit models and warning rules read.
 * Immutable once recorded; their id is derived from their content, so importing the same fact twice stores it once.
 */
import { createHash } from 'node:crypto';
import type { FactKind } from './kinds.ts';

export { factKinds, type FactKind } from './kinds.ts';

export interface Fact {
  id: string;
  entityId: string;
  kind: FactKind;
  /** ISO date the fact refers to. */
  date: string;
  /** A measurement, when the fact has one: an inspection score; 1 for a failed sample or a verified complaint. */
  value?: number;
  /** Last day the fact holds, for facts that last (a licence, a listing); open-ended when absent. */
  until?: string;
  detail?: string;
  /** Where it came from, e.g. `lives-sf`. */
  source: string;
}

export function factId(fact: Omit<Fact, 'id'>): string {
  return createHash('sha256')
    .update(JSON.stringify([fact.entityId, fact.kind, fact.date, fact.value ?? null, fact.detail ?? null, fact.source, ...(fact.until ? [fact.until] : [])]))
    .digest('base64url')
    .slice(0, 16);
}
