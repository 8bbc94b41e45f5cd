/** Stratified selection: per stratum, the k entities with the smallest keys. Independent of the pool's order. */
import { compareKeys, keyHex, mixed, mixWords, weightedKey, type Key, type KeyWords } from './keys.ts';
import type { Grade, PoolEntity, SelectedEntity, SelectionRule } from './model.ts';

/** Keeps the k smallest (hi, lo) keys seen, in typed arrays: O(n log k) over n offers, no per-entity objects. */
export class SmallestKeys {
  private readonly hi: Uint32Array;
  private readonly lo: Uint32Array;
  private readonly index: Uint32Array;
  private size = 0;

  constructor(readonly capacity: number) {
    this.hi = new Uint32Array(capacity);
    this.lo = new Uint32Array(capacity);
    this.index = new Uint32Array(capacity);
  }

  private greater(i: number, j: number) {
    return this.hi[i]! > this.hi[j]! || (this.hi[i] === this.hi[j] && this.lo[i]! > this.lo[j]!);
  }

  private swap(i: number, j: number) {
    const { hi, lo, index } = this;
    const h = hi[i]!;
    const l = lo[i]!;
    const x = index[i]!;
    hi[i] = hi[j]!;
    lo[i] = lo[j]!;
    index[i] = index[j]!;
    hi[j] = h;
    lo[j] = l;
    index[j] = x;
  }

  /** Offers a key; keeps it if it is among the k smallest so far (a max-heap whose root is the largest kept). */
  offer(hi: number, lo: number, index: number) {
    if (this.capacity === 0) return;
    if (this.size < this.capacity) {
      let i = this.size++;
      this.hi[i] = hi;
      this.lo[i] = lo;
      this.index[i] = index;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!this.greater(i, parent)) break;
        this.swap(i, parent);
        i = parent;
      }
      return;
    }
    if (hi > this.hi[0]! || (hi === this.hi[0] && lo >= this.lo[0]!)) return;
    this.hi[0] = hi;
    this.lo[0] = lo;
    this.index[0] = index;
    for (let i = 0; ; ) {
      const left = 2 * i + 1;
      const right = left + 1;
      let largest = i;
      if (left < this.size && this.greater(left, largest)) largest = left;
      if (right < this.size && this.greater(right, largest)) largest = right;
      if (largest === i) break;
      this.swap(i, largest);
      i = largest;
    }
  }

  /** The largest key kept once `capacity` are kept (what a key must be below to be kept), else none. */
  largest(): Key | undefined {
    return this.size === this.capacity && this.size > 0 ? { hi: this.hi[0]!, lo: this.lo[0]! } : undefined;
  }

  /** The kept entries, smallest key first. */
  drain(): { index: number; key: Key }[] {
    const out = Array.from({ length: this.size }, (_, i) => ({ index: this.index[i]!, key: { hi: this.hi[i]!, lo: this.lo[i]! } }));
    return out.sort((a, b) => compareKeys(a.key, b.key));
  }
}

/** Public SHA-256 digests of the pool's ids, four words each, in one typed array. */
export type Digests = Uint32Array;

/** ceil(n × basisPoints / 10,000) in exact integer arithmetic. */
export function quota(n: number, basisPoints: number): number {
  const scaled = n * basisPoints + 9_999;
  return (scaled - (scaled % 10_000)) / 10_000;
}

export const stratumOf = (rule: SelectionRule, entity: Pick<PoolEntity, 'grade'>): string =>
  rule.kind === 'ratio' ? (entity.grade ?? rule.ungradedAs) : 'all';

export type Strata = Record<string, { pool: number; quota: number }>;

/**
 * Each stratum's size in the pool and how many of it are drawn: what execution selects, and what a preview of a
 * draft rule shows before anything is committed (no seed needed: the counts do not depend on the keys).
 */
export function strataOf(pool: readonly Pick<PoolEntity, 'grade'>[], rule: SelectionRule): Strata {
  const strata: Strata = {};
  if (rule.kind === 'count') {
    if (pool.length > 0) strata.all = { pool: pool.length, quota: 0 };
  } else for (const entity of pool) (strata[stratumOf(rule, entity)] ??= { pool: 0, quota: 0 }).pool++;
  for (const [name, stratum] of Object.entries(strata)) {
    stratum.quota = rule.kind === 'ratio' ? quota(stratum.pool, rule.basisPoints[name as Grade]) : Math.min(rule.count, stratum.pool);
  }
  return strata;
}

/** Flips a 32-bit word's top bit: signed comparison of flipped words orders them as unsigned. */
const signBit = -0x80000000;

/** The four words of entity `i`'s digest. */
export const digestAt = (digests: Digests, i: number): KeyWords => [digests[4 * i]!, digests[4 * i + 1]!, digests[4 * i + 2]!, digests[4 * i + 3]!];

/**
 * The unweighted draw of one stratum (the common rule at city scale): every key is one mix of the entity's digest,
 * no entity is read, and only a key below the largest kept reaches the heap. Keys stay signed 32-bit words with the
 * top bit flipped, whose signed order is the unsigned order; (max, max) stands for "anything" until the heap is full.
 */
function keepSmallest(heap: SmallestKeys, digests: Digests, count: number, [k0, k1, k2, k3]: KeyWords) {
  if (heap.capacity === 0) return;
  let limitHi = 0x7fffffff;
  let limitLo = 0x7fffffff;
  let full = false;
  // Imported bindings held in locals: a transpiling loader (tsx: the bench, the local stack) reads them through getters.
  const mix = mixWords;
  const out = mixed;
  for (let i = 0, w = 0; i < count; i++, w += 4) {
    mix(k0, k1, k2, k3, digests[w]!, digests[w + 1]!, digests[w + 2]!, digests[w + 3]!, 0);
    const hi = out[0]! ^ signBit;
    const lo = out[1]! ^ signBit;
    if (hi < limitHi || (hi === limitHi && (lo < limitLo || !full))) {
      heap.offer(out[0]! >>> 0, out[1]! >>> 0, i);
      const largest = heap.largest();
      if (largest) {
        full = true;
        limitHi = largest.hi ^ signBit;
        limitLo = largest.lo ^ signBit;
      }
    }
  }
}

export function selectEntities(
  pool: readonly PoolEntity[],
  digests: Digests,
  rule: SelectionRule,
  key: KeyWords,
): { selected: SelectedEntity[]; strata: Strata } {
  const strata = strataOf(pool, rule);
  const heaps = new Map(Object.entries(strata).map(([name, stratum]) => [name, new SmallestKeys(stratum.quota)]));
  const single = rule.kind === 'count' ? heaps.get('all')! : undefined;
  const unweighted = rule.kind === 'count' && Object.values(rule.weights).every((weight) => weight === 1);
  if (single && unweighted) keepSmallest(single, digests, pool.length, key);
  else for (let i = 0; i < pool.length; i++) {
    const entity = pool[i]!;
    const heap = single ?? heaps.get(entity.grade ?? (rule as { ungradedAs: Grade }).ungradedAs)!;
    if (heap.capacity === 0) continue;
    const weight = rule.kind === 'ratio' ? 1 : rule.weights[entity.grade ?? 'ungraded'];
    if (weight === 1) {
      mixWords(key[0], key[1], key[2], key[3], digests[4 * i]!, digests[4 * i + 1]!, digests[4 * i + 2]!, digests[4 * i + 3]!, 0);
      heap.offer(mixed[0]! >>> 0, mixed[1]! >>> 0, i);
    } else {
      const { hi, lo } = weightedKey(key, digestAt(digests, i), weight);
      heap.offer(hi, lo, i);
    }
  }
  const selected = [...heaps.entries()]
    .flatMap(([stratum, heap]) => heap.drain().map(({ index, key: k }) => ({ entityId: pool[index]!.id, stratum, key: keyHex(k), sortKey: k })))
    .sort((a, b) => compareKeys(a.sortKey, b.sortKey))
    .map(({ sortKey: _sortKey, ...rest }) => rest);
  return { selected, strata };
}

