/** Synthetic data: the same seed gives the same files on any machine, and they import with nothing rejected. */
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { isValidCreditCode } from '../../shared/entities/credit-code.ts';
import { segments, syntheticEntities, syntheticFactKinds, syntheticFacts, syntheticInspectors } from '../../shared/generate/synthetic.ts';
import { importKinds } from '../../shared/imports/kinds.ts';
import { readRows } from '../../shared/imports/read-rows.ts';
import { runImport } from '../../shared/imports/run-import.ts';
import { DynamoImportSink } from '../../shared/store/dynamodb-import-sink.ts';
import type { DynamoStore } from '../../shared/store/dynamodb-store.ts';
import { useLocalStack } from '../support/api.ts';

const local = useLocalStack();
const ndjson = (rows: Iterable<unknown>) => Readable.from([...rows].map((r) => `${JSON.stringify(r)}\n`));

describe('synthetic city data', () => {
  it('is the same for the same seed and different for another', () => {
    const a = JSON.stringify([...syntheticEntities(500, 7)]);
    expect(JSON.stringify([...syntheticEntities(500, 7)])).toBe(a);
    expect(JSON.stringify([...syntheticEntities(500, 8)])).not.toBe(a);
  });

  it('pins the first entity of seed 1, so a change of generator shows', () => {
    const [first] = syntheticEntities(1, 1);
    expect(first).toMatchObject({ id: 'E00000001', segment: 'food-production', district: 'Pudong', creditCode: '91310574MA1YY8JNDR' });
  });

  it('follows the segment mix and gives valid credit codes', () => {
    const entities = [...syntheticEntities(20_000, 3)];
    expect(entities.every((e) => isValidCreditCode(e.creditCode))).toBe(true);
    const catering = entities.filter((e) => e.segment === 'catering').length / entities.length;
    const expected = segments.find(([name]) => name === 'catering')![1] / segments.reduce((sum, [, w]) => sum + w, 0);
    expect(Math.abs(catering - expected)).toBeLessThan(0.015);
  });

  it('imports with nothing rejected', async () => {
    const store = local.stack.services.store as DynamoStore;
    const sink = new DynamoImportSink(store.client, store.tableName, () => '2030-01-01T00:00:00.000Z');
    const rejected: unknown[] = [];
    for (const [kind, rows] of [['entities', syntheticEntities(3_000, 11)], ['inspectors', syntheticInspectors(3_000, 11)]] as const) {
      const counts = await runImport({ kind: importKinds[kind], rows: readRows('ndjson', ndjson(rows)), sink, onCommitted: ({ badRows }) => void rejected.push(...badRows) });
      expect(counts.imported).toBe(counts.rows);
    }
    const facts = [...syntheticFacts(syntheticEntities(3_000, 11), 11)];
    for (const kind of syntheticFactKinds) {
      const rows = facts.filter((f) => f.kind === kind).map((f) => f.row);
      expect(rows.length, kind).toBeGreaterThan(0);
      const counts = await runImport({ kind: importKinds[kind], rows: readRows('ndjson', ndjson(rows)), sink, onCommitted: ({ badRows }) => void rejected.push(...badRows) });
      expect(counts.imported, kind).toBe(rows.length);
    }
    expect(rejected).toEqual([]);
    expect((await store.getEntity('E00000001'))?.segment).toBeDefined();
  }, 60_000);
});
