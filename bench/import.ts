/**
 * Import throughput into DynamoDB Local (in memory): the real LIVES violations (facts, BatchWriteItem) and
 * businesses (entities, UpdateItem so grades survive), against raw BatchWriteItem of the same fact items with
 * the same requests in flight (the engine's own ceiling) in the same run.
 */
import { createReadStream } from 'node:fs';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mapInParallel } from '../shared/concurrency.ts';
import { importKinds } from '../shared/imports/kinds.ts';
import { readRows } from '../shared/imports/read-rows.ts';
import { runImport, type ImportSink } from '../shared/imports/run-import.ts';
import { DynamoImportSink } from '../shared/store/dynamodb-import-sink.ts';
import { type DynamoStore } from '../shared/store/dynamodb-store.ts';
import { keys } from '../shared/store/dynamodb-keys.ts';
import { startLocalStack } from '../local/stack.ts';
import { assertInvariants, round } from './measure.ts';

const data = (file: string) => new URL(`../../shared/data/lives-sf/${file}`, import.meta.url).pathname;

async function timedImport(kind: keyof typeof importKinds, file: string, sink: ImportSink) {
  const started = performance.now();
  const counts = await runImport({ kind: importKinds[kind], rows: readRows('csv', createReadStream(data(file))), sink, onCommitted: () => undefined });
  const seconds = (performance.now() - started) / 1000;
  // Every row is either imported or reported: none lost on the way.
  assertInvariants(`import ${file}`, { rowsAccountedFor: [counts.imported + counts.rejected, counts.rows], skipped: [counts.skipped, 0] });
  return { rows: counts.rows, rejected: counts.rejected, rowsPerSecond: round(counts.rows / seconds, 0) };
}

export async function benchImport(log: (line: string) => void) {
  const stack = await startLocalStack({ port: 0 });
  try {
    const store = stack.services.store as DynamoStore;
    const sink = new DynamoImportSink(store.client, store.tableName, () => new Date().toISOString());
    log('import: collecting the violation facts for the baseline ...');
    const facts: Record<string, unknown>[] = [];
    await runImport({
      kind: importKinds['lives-violations'],
      rows: readRows('csv', createReadStream(data('violations.csv'))),
      sink: { missingEntities: async () => [], write: async (records) => void facts.push(...records.flatMap((r) => (r.type === 'fact' ? [{ ...keys.fact(r.fact.entityId, r.fact.kind, `baseline-${r.fact.date}`, r.fact.id), ...r.fact }] : []))) },
      onCommitted: () => undefined,
    });
    log(`import: baseline, raw BatchWriteItem of ${facts.length.toLocaleString()} items, 8 requests in flight ...`);
    const chunks = Array.from({ length: Math.ceil(facts.length / 25) }, (_, i) => facts.slice(i * 25, i * 25 + 25));
    const writeAll = () => mapInParallel(chunks, 8, (chunk) => store.client.send(new BatchWriteCommand({ RequestItems: { [store.tableName]: chunk.map((Item) => ({ PutRequest: { Item } })) } })));
    // Items DynamoDB left unwritten: the baseline would count writes that did not happen.
    const unprocessed = (replies: Awaited<ReturnType<typeof writeAll>>) => replies.reduce((n, r) => n + (r.UnprocessedItems?.[store.tableName]?.length ?? 0), 0);
    // Once to warm DynamoDB Local's JVM up, as the importer runs later on a warm engine; the second pass is timed.
    await writeAll();
    const started = performance.now();
    const replies = await writeAll();
    const baseline = facts.length / ((performance.now() - started) / 1000);
    assertInvariants('import baseline', { unprocessedItems: [unprocessed(replies), 0] });
    // Businesses first: a violation of a business not registered is reported, not stored.
    log('import: businesses.csv (entities, upserts keeping grades) through the importer ...');
    const businesses = await timedImport('lives-businesses', 'businesses.csv', sink);
    log('import: violations.csv (facts) through the importer ...');
    const violations = await timedImport('lives-violations', 'violations.csv', sink);
    return {
      engine: 'DynamoDB Local 1.25, in memory',
      baselineRawBatchWriteItemsPerSecond: round(baseline, 0),
      factsRows: violations.rows,
      factsRejected: violations.rejected,
      factsRowsPerSecond: violations.rowsPerSecond,
      factsRatioToBaseline: round(violations.rowsPerSecond / baseline),
      entitiesRows: businesses.rows,
      entitiesRejected: businesses.rejected,
      entitiesRowsPerSecond: businesses.rowsPerSecond,
      target: '≥ 3,000 rows/s into local DynamoDB',
    };
  } finally {
    await stack.stop();
  }
}
