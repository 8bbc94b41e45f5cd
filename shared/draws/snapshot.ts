/**
 * Pool and inspector snapshots: canonical NDJSON (one JSON array per line, sorted by id) whose SHA-256 is published
 * at announcement. Anyone holding the file can check the hash and recompute the draw from it.
 */
import { sha256 } from '#sha256';
import { digestWords, sha256Hex } from './keys.ts';
import { grades, type Grade, type PoolEntity, type PoolInspector } from './model.ts';
import type { Digests } from './select.ts';

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export function serializePool(entities: readonly PoolEntity[]): string {
  return [...entities]
    .sort(byId)
    .map((e) => `${JSON.stringify([e.id, e.grade ?? '', e.district, [...e.lastInspectorIds].sort()])}\n`)
    .join('');
}

export function serializeInspectors(inspectors: readonly PoolInspector[]): string {
  return [...inspectors]
    .sort(byId)
    .map((i) => `${JSON.stringify([i.id, i.department, i.district, [...i.qualifications].sort(), [...i.recusals].sort(), i.load])}\n`)
    .join('');
}

const lines = (text: string) => text.split('\n').filter((line) => line.length > 0);
const isStrings = (value: unknown): value is string[] => Array.isArray(value) && value.every((v) => typeof v === 'string');

export function parsePool(text: string): PoolEntity[] {
  return lines(text).map((line, n) => {
    const [id, grade, district, last] = JSON.parse(line) as unknown[];
    if (typeof id !== 'string' || typeof district !== 'string' || !isStrings(last) || !(grade === '' || grades.includes(grade as Grade))) {
      throw new Error(`Pool snapshot line ${n + 1} is malformed.`);
    }
    return { id, ...(grade ? { grade: grade as Grade } : {}), district, lastInspectorIds: last };
  });
}

export function parseInspectors(text: string): PoolInspector[] {
  return lines(text).map((line, n) => {
    const [id, department, district, qualifications, recusals, load] = JSON.parse(line) as unknown[];
    if (typeof id !== 'string' || typeof department !== 'string' || typeof district !== 'string' || !isStrings(qualifications) || !isStrings(recusals) || !Number.isInteger(load)) {
      throw new Error(`Inspector snapshot line ${n + 1} is malformed.`);
    }
    return { id, department, district, qualifications, recusals, load: load as number };
  });
}

export const snapshotHash = (text: string) => sha256Hex(text);

/** SHA-256 of every id, four 32-bit words each: computed once per pool, then a draw costs integer mixing only. */
export function poolDigests(entities: readonly { id: string }[]): Digests {
  const digests = new Uint32Array(entities.length * 4);
  entities.forEach(({ id }, i) => {
    digests.set(digestWords(sha256(id)), 4 * i);
  });
  return digests;
}
