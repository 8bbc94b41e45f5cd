/**
 * A receipt: what a draw's announcement published — the parameters, the seed commitment, the snapshots' hashes and
 * counts, the beacon fixed — kept by anyone at announcement, outside the operator's reach. Checked later against
 * the executed draw, it shows any change since: a saved folder or a stored record can be made consistent with
 * itself (a new pool and its hash, a new seed, its commitment and a recomputed outcome), but not with a receipt
 * someone else holds. `npm run verify-draw -- --save-receipt` and the public draw page build it with receiptOf.
 */
import type { Check } from './verify.ts';
import { canonicalJson, type PublishedDraw } from './verify.ts';

export const receiptFormat = 'sc-draw-receipt/1';

/** The fields an announcement binds, in the order a receipt lists them. */
const bound = ['id', 'algorithm', 'parameters', 'commitment', 'beaconSpec', 'poolHash', 'poolSize', 'inspectorsHash', 'inspectorCount', 'announcedAt'] as const;
type Bound = (typeof bound)[number];

export type DrawReceipt = { format: typeof receiptFormat; keptAt: string; source?: string } & Pick<PublishedDraw, Bound>;

/** A draw as read from anywhere (the API, a saved record.json): the bound fields it has so far. */
type Announced = { [K in Bound]?: PublishedDraw[K] };

/** The receipt of an announced draw (its pool frozen and hashed), kept at `keptAt` from `source` (its URL). */
export function receiptOf(draw: Announced, keptAt: string, source?: string): DrawReceipt {
  if (!draw.poolHash || !draw.announcedAt) throw new Error('The draw is not announced yet: its pool is still being frozen. Try again in a minute.');
  const fields = Object.fromEntries(bound.flatMap((name) => (draw[name] === undefined ? [] : [[name, draw[name]]]))) as Pick<PublishedDraw, Bound>;
  return { format: receiptFormat, keptAt, ...(source ? { source } : {}), ...fields };
}

/** Parses a receipt file, refusing anything else. */
export function parseReceipt(text: string): DrawReceipt {
  const receipt = JSON.parse(text) as DrawReceipt;
  if (receipt?.format !== receiptFormat || typeof receipt.id !== 'string') throw new Error(`Not a draw receipt (format ${receiptFormat}).`);
  return receipt;
}

/** Every announced field of the draw against the receipt, compared as canonical JSON. */
export function checkReceipt(receipt: DrawReceipt, draw: Announced): Check {
  const changed = bound.filter((name) => canonicalJson(receipt[name] ?? null) !== canonicalJson(draw[name] ?? null));
  return {
    name: 'receipt',
    passed: changed.length === 0,
    detail:
      changed.length === 0
        ? `Every announced field (${bound.join(', ')}) is as the receipt kept at ${receipt.keptAt} says.`
        : `Changed since the receipt kept at ${receipt.keptAt}: ${changed.map((name) => `${name} (was ${canonicalJson(receipt[name] ?? null)}, now ${canonicalJson(draw[name] ?? null)})`).join('; ')}.`,
    said: changed.length === 0 ? { key: 'receiptSame', values: { at: receipt.keptAt } } : { key: 'receiptChanged', values: { at: receipt.keptAt, fields: changed } },
  };
}
