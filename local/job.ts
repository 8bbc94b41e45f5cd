/**
 * `npm run job -- score|warn|trigger [--as-of YYYY-MM-DD]`: runs a scheduled job on the local stack's data now,
 * with a progress line. `score` grades every entity (writing only grades that changed); `warn` escalates overdue
 * clues and runs the warning models over every entity; `trigger` runs the triggers over every entity. Running
 * any of them again changes nothing new: grades, clues and trigger inspections are written once.
 */
import { resolve } from 'node:path';
import { scoreAll } from '../shared/scoring/job.ts';
import { loadModels } from '../shared/scoring/models.ts';
import { DynamoScoringStore } from '../shared/store/dynamodb-scoring-store.ts';
import { createDocumentClient } from '../shared/store/dynamodb-keys.ts';
import { defaults, mainTable } from '../shared/store/resources.ts';
import { runtimeSettings } from '../shared/services.ts';
import { calendarDate, localDay } from '../shared/dates.ts';
import { sweepEntities, type Sweep } from '../shared/risk/jobs.ts';
import { shippedTriggers } from '../shared/triggers/definitions.ts';
import { warningModels } from '../shared/warnings/models.ts';
import { escalateOverdue } from '../shared/warnings/service.ts';
import { localRiskServices } from './risk-services.ts';
import { localDynamoDb } from './dynamodb-local.ts';
import { localAwsConfig } from './loopback.ts';
import { provisionTable } from './provision.ts';

const usage = `usage: npm run job -- score|warn|trigger [--as-of YYYY-MM-DD]
  score     grade every entity (the day the metrics windows end; default today)
  warn      escalate overdue clues, then run the ${warningModels().length} warning models over every entity (default: today in ${defaults.timeZone})
  trigger   run the ${shippedTriggers().triggers.length} triggers of food-manufacturer supervision over every entity`;

const dataDir = resolve(process.env.LOCAL_DATA_DIR ?? '.local-data');

/** The warning or trigger sweep, in this process, one segment, with progress. */
async function sweep(which: Sweep, asOf: string): Promise<number> {
  const { services, stop } = await localRiskServices(dataDir, (line) => process.stderr.write(`\n${line}`));
  try {
    const started = performance.now();
    if (which === 'warnings') console.error(`Escalated ${await escalateOverdue(services, asOf)} overdue clue(s).`);
    const counts = await sweepEntities(services, {
      sweep: which,
      asOf,
      onProgress: ({ entities, skipped, clues, triggerInspections }) => {
        const rate = Math.round((entities + skipped) / ((performance.now() - started) / 1000));
        const passed = skipped ? ` (+${skipped.toLocaleString()} out of scope)` : '';
        process.stderr.write(`\r${which} sweep: ${entities.toLocaleString()} entities${passed} · ${clues.toLocaleString()} new clues · ${triggerInspections.toLocaleString()} trigger inspections · ${rate.toLocaleString()} entities/s`);
      },
    });
    process.stderr.write('\n');
    const what = which === 'warnings' ? `${counts.clues.toLocaleString()} new clues` : `${counts.triggerInspections.toLocaleString()} new trigger inspections${counts.unassigned ? `, ${counts.unassigned} without inspectors` : ''}`;
    console.log(`Swept ${(counts.entities + counts.skipped).toLocaleString()} entities as of ${asOf} (${counts.entities.toLocaleString()} in scope): ${what}.`);
    return 0;
  } finally {
    await stop();
  }
}

async function main(args: string[]): Promise<number> {
  const asOfAt = args.indexOf('--as-of');
  const [job] = args.filter((a, i) => !a.startsWith('--') && (asOfAt < 0 || i !== asOfAt + 1));
  const asOf = asOfAt >= 0 ? args[asOfAt + 1] : localDay(new Date(), runtimeSettings().timeZone);
  if (!job || !['score', 'warn', 'trigger'].includes(job) || !asOf) {
    console.error(usage);
    return 2;
  }
  const day = calendarDate(asOf);
  if ('problem' in day) {
    console.error(`--as-of ${asOf}: ${day.problem}\n${usage}`);
    return 2;
  }
  if (job !== 'score') return sweep(job === 'warn' ? 'warnings' : 'triggers', asOf);
  const { endpoint, engine } = await localDynamoDb(dataDir);
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
    console.error(`The job failed: ${error.message}. Run it again: what was written stays, and nothing is written twice.`);
    process.exitCode = 1;
  },
);
