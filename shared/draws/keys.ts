/**
 * Draw keys: every number that decides a selection is an unsigned 32-bit integer pair derived from SHA-256, mixed
 * with integer multiplications only (Math.imul), so any machine and engine recomputes it bit for bit. No
 * floating-point pow/log anywhere.
 *
 * - The draw key is SHA-256 over (algorithm, seed, beacon, draw id): unknown to anyone until the seed is revealed,
 *   and unknowable even to the operator when a beacon published after the announcement is mixed in.
 * - Each entity's and inspector's id digest is SHA-256 of the id: public, computed once per pool snapshot.
 * - An entity's key is the draw key mixed with its digest (~20 ns), which is what makes 2.9M entities affordable.
 */
import { sha256 } from '#sha256';

export const algorithmVersion = 'sc-draw/1';

/** 64 bits as two unsigned 32-bit halves; ordered by `hi`, then `lo`. */
export interface Key {
  hi: number;
  lo: number;
}

/** Four 32-bit words of key material. */
export type KeyWords = readonly [number, number, number, number];

/** The first four big-endian 32-bit words of a digest. */
export function digestWords(digest: Uint8Array): KeyWords {
  const view = new DataView(digest.buffer, digest.byteOffset, digest.byteLength);
  return [view.getUint32(0), view.getUint32(4), view.getUint32(8), view.getUint32(12)];
}

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
const fromHex = (text: string) => Uint8Array.from(text.match(/[0-9a-f]{2}/gi) ?? [], (pair) => parseInt(pair, 16));
const utf8 = (text: string) => new TextEncoder().encode(text);
const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((at, part) => (out.set(part, at), at + part.length), 0);
  return out;
};

export const sha256Hex = (data: string | Uint8Array) => hex(sha256(data));

/** The commitment published at announcement: SHA-256 of the secret seed (hex). */
export const commitmentOf = (seedHex: string) => sha256Hex(fromHex(seedHex));

/** Key material for one purpose (`select`, `assign`) of one draw. */
export function drawKey(purpose: 'select' | 'assign', seedHex: string, beacon: string, drawId: string): KeyWords {
  return digestWords(sha256(concat(utf8(`${algorithmVersion}\u0000${purpose}\u0000`), fromHex(seedHex), utf8(`\u0000${beacon}\u0000${drawId}`))));
}

/** The public digest of an id (an entity's or an inspector's). */
export const idDigest = (id: string): KeyWords => digestWords(sha256(id));

/** murmur3's 32-bit finaliser: a bijection that spreads every input bit over the output (as a signed 32-bit word). */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/**
 * Where `mixWords` leaves the key it computed: [hi, lo] as signed 32-bit words (`>>> 0` reads them unsigned). A
 * typed array and signed words keep a loop over millions of entities in 32-bit integers: no allocation, no boxing.
 */
export const mixed = new Int32Array(2);

/** Mixes key material with a digest's four words (and a round number, for weights) into a 64-bit key, left in `mixed`. */
export function mixWords(k0: number, k1: number, k2: number, k3: number, d0: number, d1: number, d2: number, d3: number, round: number): void {
  const r = Math.imul(round, 0x9e3779b9);
  const a = fmix32(d0 ^ k0 ^ r);
  const b = fmix32(d1 ^ k1 ^ a);
  const c = fmix32(d2 ^ k2 ^ b);
  const e = fmix32(d3 ^ k3 ^ c ^ r);
  mixed[0] = fmix32(a ^ e);
  mixed[1] = fmix32(c ^ b ^ e);
}

/** `mixWords` written into `out` as unsigned halves. */
export function mixInto(out: Key, k: KeyWords, d0: number, d1: number, d2: number, d3: number, round: number): Key {
  mixWords(k[0], k[1], k[2], k[3], d0, d1, d2, d3, round);
  out.hi = mixed[0]! >>> 0;
  out.lo = mixed[1]! >>> 0;
  return out;
}

export const mixKey = (k: KeyWords, d: KeyWords, round = 0): Key => mixInto({ hi: 0, lo: 0 }, k, d[0], d[1], d[2], d[3], round);

/**
 * The key of an entity drawn with integer weight `weight`: the smallest of `weight` independent keys. The minimum
 * of w uniform keys is distributed like Efraimidis-Spirakis' u^(1/w), so taking the k smallest keys is weighted
 * sampling without replacement, computed with integers only.
 */
export function weightedKey(k: KeyWords, d: KeyWords, weight: number): Key {
  const best = mixKey(k, d, 0);
  for (let round = 1; round < weight; round++) {
    mixWords(k[0], k[1], k[2], k[3], d[0], d[1], d[2], d[3], round);
    const hi = mixed[0]! >>> 0;
    const lo = mixed[1]! >>> 0;
    if (hi < best.hi || (hi === best.hi && lo < best.lo)) {
      best.hi = hi;
      best.lo = lo;
    }
  }
  return best;
}

export const compareKeys = (a: Key, b: Key) => (a.hi !== b.hi ? a.hi - b.hi : a.lo - b.lo);

/** Digests combined, for a key that depends on two ids (an inspector for one company). */
export const combine = (a: KeyWords, b: KeyWords): KeyWords => [(a[0] ^ b[0]) >>> 0, (a[1] ^ b[1]) >>> 0, (a[2] ^ b[2]) >>> 0, (a[3] ^ b[3]) >>> 0];

export const keyHex = (key: Key) => key.hi.toString(16).padStart(8, '0') + key.lo.toString(16).padStart(8, '0');
