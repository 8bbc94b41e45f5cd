/**
 * The city pipeline on one machine: 100,000 generated entities (with a few facts each) imported into DynamoDB
 * Local, then graded by the scoring job, first run (every grade new) and second run (nothing changed).
 */
import { Readable } from 'node:stream';
import { factId } from '../shared/facts/model.ts';
import { syntheticEntities } from '../shared/generate/synthetic.ts';
import { importKinds } from '../shared/imports/kinds.ts';
import { readRows } from '../shared/imports/read-rows.ts';
import { runImport } from '../shared/imports/run-import.ts';
import { scoreAll } from '../shared/scoring/job.ts';
import { loadModels } from '../shared/scoring/models.ts';
import { DynamoImportSink } from '../shared/store/dynamodb-import-sink.ts';
import { DynamoScoringStore } from '../shared/store/dynamodb-scoring-store.ts';
import type { DynamoStore } from '../shared/store/dynamodb-store.ts';
import { startLocalStack } from '../local/stack.ts';
import { assertInvariants, round } from './measure.ts';

const count = 100_000;

export async function benchEndToEnd(log: (line: string) => void) {
  const stack = await startLocalStack({ port: 0 });
  try {
    const store = stack.services.store as DynamoStore;
    const sink = new DynamoImportSink(store.client, store.tableName, () => new Date().toISOString());
    const entities = [...syntheticEntities(count, 2026)];
    log(`end to end: importing ${count.toLocaleString()} generated entities ...`);
    let started = performance.now();
    const imported = await runImport({ kind: importKinds.entities, rows: readRows('ndjson', Readable.from(entities.map((e) => `${JSON.stringify(e)}\n`))), sink, onCommitted: () => undefined });
    const importSeconds = (performance.now() - started) / 1000;

    // A few violations for one entity in ten, so that grades differ.
    const facts = entities.flatMap((e, i) =>
      i % 10 === 0 ? [0, 1, 2].map((n) => ({ entityId: e.id, kind: 'violation' as const, date: `2025-0${n + 1}-15`, detail: n === 0 ? 'High risk food holding temperature' : 'Unclean floors', source: 'bench' })) : [],
    );
    await sink.write(facts.map((fact) => ({ type: 'fact' as const, fact: { ...fact, id: factId(fact) } })));

    const scoring = new DynamoScoringStore(store.client, store.tableName);
    const run = async () => {
      const runId = new Date().toISOString();
      await scoring.startRun({ runId, asOf: '2025-12-31', segments: 1 });
      let last = 0;
      return scoreAll({
        store: scoring,
        models: loadModels(),
        asOf: '2025-12-31',
        runId,
        now: () => new Date().toISOString(),
        onProgress: ({ scored }) => {
          if (scored - last >= 20_000) log(`end to end: scored ${(last = scored).toLocaleString()}`);
        },
      });
    };
    log('end to end: scoring, first run (every grade is new) ...');
    started = performance.now();
    const first = await run();
    const firstSeconds = (performance.now() - started) / 1000;
    log('end to end: scoring, second run (nothing changed) ...');
    started = performance.now();
    const second = await run();
    const secondSeconds = (performance.now() - started) / 1000;
    assertInvariants('endToEnd', {
      imported: [imported.imported, count],
      rejected: [imported.rejected, 0],
      firstRunScored: [first.scored, count],
      firstRunGradesWritten: [first.changed, count],
      secondRunScored: [second.scored, count],
      secondRunGradesWritten: [second.changed, 0],
    });
    return {
      entities: count,
      imported: imported.imported,
      importRowsPerSecond: round(count / importSeconds, 0),
      firstRun: { seconds: round(firstSeconds, 1), entitiesPerSecond: round(count / firstSeconds, 0), gradesWritten: first.changed, grades: first.grades },
      secondRun: { seconds: round(secondSeconds, 1), entitiesPerSecond: round(count / secondSeconds, 0), gradesWritten: second.changed },
      engine: 'DynamoDB Local 1.25, in memory',
    };
  } finally {
    await stack.stop();
  }
}
