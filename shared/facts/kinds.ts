/** The kinds of fact an entity's record holds: no node-only imports, so the browser reads the list too. */
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
