/**
 * The public randomness a draw mixes in, fixed when the draw is announced. Whoever executes a draw no longer
 * chooses it: the announcement names a source and, for drand, the round — the first one published at least
 * `beaconMargin` after the pool was frozen — and execution accepts only that round's value, checked here.
 *
 * - `drand-quicknet`: the League of Entropy's quicknet chain (a round every 3 s). A round's value is a BLS
 *   signature (G1, RFC 9380 hash-to-curve) over SHA-256 of the round number as 8 big-endian bytes, verified against
 *   the chain's public key, which is pinned below as data; the randomness mixed in is SHA-256 of the signature.
 *   Nobody knows it before the round, and nobody — not even the operator holding the seed — can pick it.
 * - `operator`: a value the executing supervisor types (a lottery result, a newspaper headline), accepted only after
 *   the announcement. The documented weaker fallback for when drand cannot be reached: the source and the time
 *   are fixed, the value is not verifiable, so it is only as good as the operator's honesty and the secrecy of the
 *   seed.
 *
 * Draws announced before beacons were fixed have no `beaconSpec`; their free-text beacon is mixed in as it is.
 */
import { bls12_381 } from '@noble/curves/bls12-381.js';
import { sha256Hex } from './keys.ts';
import type { BeaconSource } from './model.ts';

/** The drand chains a draw may name, as published by drand (`GET /{chainHash}/info`). */
export const drandChains = {
  'drand-quicknet': {
    chainHash: '52db9ba70e0cc0f6eaf7803dd07447a1f5477735fd3f661792ba94600c84e971',
    publicKey:
      '83cf0f2896adee7eb8b5f01fcad3912212c437e0073e911fb90022d3e760183c8c4b450b6a0a6c3ac6a5776a2d1064510d1fec758c921cc22b0e17e63aaf4bcb5ed66304de9cf809bd274ca73bab4af5a6e9c76a4bc09e76eae8991ef5ece45a',
    genesisTime: 1_692_803_367,
    period: 3,
    schemeID: 'bls-unchained-g1-rfc9380',
    dst: 'BLS_SIG_BLS12381G1_XMD:SHA-256_SSWU_RO_NUL_',
    url: 'https://api.drand.sh/52db9ba70e0cc0f6eaf7803dd07447a1f5477735fd3f661792ba94600c84e971/public/',
  },
} as const;


/** The time between the pool's freezing and the beacon: enough that the pool is public before anyone knows the value. */
export const beaconMarginSeconds = 60;

/** The beacon as fixed at announcement. */
export type BeaconSpec =
  | { source: 'drand-quicknet'; chainHash: string; publicKey: string; round: number; at: string; url: string }
  | { source: 'operator'; at: string };

/** The first drand round published at or after `time` (ISO), and when it is published. */
export function drandRoundAt(time: string, chain = drandChains['drand-quicknet']): { round: number; at: string } {
  const seconds = Math.ceil(Date.parse(time) / 1000);
  const round = Math.max(1, Math.ceil((seconds - chain.genesisTime) / chain.period) + 1);
  return { round, at: new Date((chain.genesisTime + (round - 1) * chain.period) * 1000).toISOString() };
}

/** Fixes the beacon of a draw whose pool was frozen at `announcedAt`. */
export function fixBeacon(source: BeaconSource, announcedAt: string): BeaconSpec {
  // The operator's value is not verifiable anyway: it is fixed by source and time only, from the announcement on.
  if (source === 'operator') return { source, at: announcedAt };
  const after = new Date(Date.parse(announcedAt) + beaconMarginSeconds * 1000).toISOString();
  const chain = drandChains[source];
  const { round, at } = drandRoundAt(after, chain);
  return { source, chainHash: chain.chainHash, publicKey: chain.publicKey, round, at, url: `${chain.url}${round}` };
}

/**
 * Why `spec` is not the beacon an announcement at `announcedAt` fixes (undefined when it is): every field is derived
 * from the announcement — source, chain, the round, its publication time and URL — so none of them is free.
 */
export function beaconSpecProblem(spec: BeaconSpec, announcedAt: string | undefined): string | undefined {
  if (announcedAt === undefined) return 'The record fixes a beacon but publishes no announcedAt: nothing shows the beacon was fixed after the pool was frozen.';
  const fixed = fixBeacon(spec.source, announcedAt);
  const wrong = (Object.keys(fixed) as (keyof BeaconSpec)[]).filter((field) => (spec as Record<string, unknown>)[field] !== (fixed as Record<string, unknown>)[field]);
  if (wrong.length === 0 && Object.keys(spec).length === Object.keys(fixed).length) return undefined;
  return `The beacon fixed for a pool frozen at ${announcedAt} is ${beaconFixed(fixed)}; the record's differs in ${wrong.join(', ') || 'its fields'}.`;
}

/** The beacon an announcement fixed, in words. */
export const beaconFixed = (spec: BeaconSpec) =>
  spec.source === 'operator' ? `a value given by the operator after ${spec.at}, the weaker fallback` : `drand ${spec.source} round ${spec.round}, published ${spec.at}, signature checked`;

const isHex = (text: string) => /^(?:[0-9a-f]{2})+$/.test(text);
const hexBytes = (text: string) => Uint8Array.from(text.match(/../g) ?? [], (pair) => parseInt(pair, 16));

/** Whether `signature` (hex) is drand quicknet's signature of `round`. */
export function drandSignatureValid(round: number, signature: string, chain = drandChains['drand-quicknet']): boolean {
  if (!isHex(signature) || signature.length !== 96) return false;
  const message = new Uint8Array(8);
  new DataView(message.buffer).setBigUint64(0, BigInt(round));
  const sigs = bls12_381.shortSignatures;
  try {
    return sigs.verify(hexBytes(signature), sigs.hash(hexBytes(sha256Hex(message)), chain.dst), hexBytes(chain.publicKey));
  } catch {
    return false;
  }
}

/**
 * Why `value` is not the announced beacon (undefined when it is): a drand signature must be the announced chain's
 * for the announced round; an operator value must be given after the announced time (`now`).
 */
export function beaconProblem(spec: BeaconSpec, value: string, now?: string): string | undefined {
  if (spec.source === 'operator') {
    if (value.trim() === '') return 'The announcement names an operator beacon: give its value.';
    if (now !== undefined && now < spec.at) return `The announcement fixed the beacon at ${spec.at}: execute after it.`;
    return undefined;
  }
  const chain = drandChains[spec.source];
  if (spec.chainHash !== chain.chainHash || spec.publicKey !== chain.publicKey) return `The announcement names a ${spec.source} chain other than drand's published one.`;
  if (now !== undefined && now < spec.at) return `drand round ${spec.round} is published at ${spec.at}: execute after it.`;
  if (!drandSignatureValid(spec.round, value.toLowerCase())) {
    return `The beacon is not drand ${spec.source} round ${spec.round}'s signature (96 hex characters from ${spec.url}).`;
  }
  return undefined;
}

/** The string mixed into the draw keys: drand's randomness (SHA-256 of the signature), or the operator's value as given. */
export function beaconEntropy(spec: BeaconSpec | undefined, value: string): string {
  return spec?.source === 'drand-quicknet' ? sha256Hex(hexBytes(value.toLowerCase())) : value;
}
