/**
 * Facts about an entity over time, from imports and devices: what the credit models and warning rules read.
 * Immutable once recorded; their id is derived from their content, so importing the same fact twice stores it once.
 */
import { createHash } from 'node:crypto';

export const factKinds = [
  'inspection',
  'violation',
  'licence',
  'sampling',
  'complaint',
  'report',
  'debtor-listing',
  /** Listed in the abnormal-operation directory (经营异常名录); lasts until removed. */
  'abnormal-listing',
  /** A smart-kitchen camera alert; `detail` is its type (rodent, no-hat, ...). */
  'alert',
  /** An administrative penalty decision; `value` is the fine in yuan, `detail` the case number. */
  'penalty',
  /** A change of registration (变更登记); `detail` is what changed: address, legal-representative, shareholder, ... */
  'registration-change',
  /** An annual report (年报) filed; `value` 1 if filed on time, 0 if late. */
  'annual-report',
  /** A product recall; `detail` its recall number and product. */
  'recall',
  /** On the list of serious illegal and untrustworthy entities (严重违法失信名单); lasts until removed. */
  'serious-illegal-listing',
  /** A court record about the entity; `detail` its type (lawsuit-as-defendant, enforcement, consumption-restriction); open until `until`. */
  'court-case',
  /** A tax credit rating, dated when published; `value` A = 4 … D = 1. */
  'tax-rating',
] as const;
export type FactKind = (typeof factKinds)[number];

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
