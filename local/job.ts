/**
 * `npm run job -- score [--as-of YYYY-MM-DD]`: grades every entity in the local stack's table now, as the nightly
 * schedule will, with a progress line. Writes only grades that changed; running it again writes nothing new.
 */
import { resolve } from 'node:path';
import { scoreAll } from '../shared/scoring/job.ts';
import { loadModels } from '../shared/scoring/models.ts';
import { DynamoScoringStore } from '../shared/store/dynamodb-scoring-store.ts';
import { createDocumentClient } from '../shared/store/dynamodb-store.ts';
import { mainTable } from '../shared/store/resources.ts';
import { localDynamoDb } from './dynamodb-local.ts';
import { localAwsConfig } from './loopback.ts';
import { provisionTable } from './provision.ts';

const usage = 'usage: npm run job -- score [--as-of YYYY-MM-DD]   (the day the metrics windows end; default today)';

async function main(args: string[]): Promise<number> {
  const [job] = args.filter((a) => !a.startsWith('--'));
  const asOfAt = args.indexOf('--as-of');
  const asOf = asOfAt >= 0 ? args[asOfAt + 1] : new Date().toISOString().slice(0, 10);
  if (job !== 'score' || !asOf || !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) {
    console.error(usage);
    return 2;
  }
  const { endpoint, engine } = await localDynamoDb(resolve(process.env.LOCAL_DATA_DIR ?? '.local-data'));
  const client = createDocumentClient({ endpoint, ...localAwsConfig });
  try {
    await provisionTable(client);
    const started = performance.now();
    const store = new DynamoScoringStore(client, mainTable.localName);
    const runId = new Date().toISOString();
    // One segment: this process grades the whole table; on AWS the nightly run fans out over many.
    await store.startRun({ runId, asOf, segments: 1 });
    const result = await scoreAll({
      store,
      models: loadModels(),
      asOf,
      runId,
      now: () => new Date().toISOString(),
      onProgress: ({ scored, changed }) => {
        const rate = Math.round(scored / ((performance.now() - started) / 1000));
        process.stderr.write(`\rscore: ${scored.toLocaleString()} entities · ${changed.toLocaleString()} grades changed · ${rate.toLocaleString()} entities/s`);
      },
    });
    process.stderr.write('\n');
    const distribution = Object.entries(result.grades).map(([grade, n]) => `${grade} ${n.toLocaleString()}`).join(', ');
    console.log(`Scored ${result.scored.toLocaleString()} entities as of ${asOf}: ${distribution}; ${result.changed.toLocaleString()} grades written.`);
    return 0;
  } finally {
    client.destroy();
    await engine?.stop();
  }
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: Error) => {
    console.error(`Scoring failed: ${error.message}. Run it again: it continues where grades are still missing.`);
    process.exitCode = 1;
  },
);
