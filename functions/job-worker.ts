import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import * as z from 'zod/mini';
import { runDrawJob } from '#shared/draws/service.ts';
import { runImportJob } from '#shared/imports/job.ts';
import { runScoringJob } from '#shared/scoring/jobs.ts';
import { loadModels } from '#shared/scoring/models.ts';
import { evaluatingAfterWrite, runRiskJob } from '#shared/risk/jobs.ts';
import { riskServicesFromEnvironment } from '#shared/store/risk-services.ts';
import { DynamoImportSink } from '#shared/store/dynamodb-import-sink.ts';
import { DynamoScoringStore } from '#shared/store/dynamodb-scoring-store.ts';
import { env } from '#shared/store/resources.ts';

// Draws, warnings and triggers share one set of clients: the risk services are the draw services and more.
const draws = riskServicesFromEnvironment();
const scoring = {
  scoring: new DynamoScoringStore(draws.draws.client, draws.draws.tableName),
  jobs: draws.jobs,
  models: loadModels(),
  now: draws.now,
  timeZone: draws.timeZone,
  segments: Number(process.env[env.scoringSegments] ?? 16),
  log: draws.log,
};

const imports = {
  files: draws.files,
  // Facts imported are evaluated by the warning models and triggers as each chunk lands.
  sink: evaluatingAfterWrite(new DynamoImportSink(draws.draws.client, draws.draws.tableName, draws.now), draws.jobs),
  jobs: draws.jobs,
  // Leaves a good margin of the worker's 15 minutes for the last chunk and the report.
  budgetMs: Number(process.env[env.importBudgetMs] ?? 10 * 60_000),
  log: draws.log,
};

const date = z.iso.date();
const sweep = z.enum(['warnings', 'triggers']);
const job = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('snapshot'), drawId: z.string() }),
  z.object({ kind: z.literal('run'), drawId: z.string() }),
  z.object({ kind: z.literal('issue'), drawId: z.string(), batch: z.number(), entityIds: z.array(z.string()) }),
  z.object({ kind: z.literal('score-start'), asOf: z.optional(date) }),
  z.object({ kind: z.literal('score-segment'), runId: z.string(), asOf: date, segment: z.number(), segments: z.number() }),
  z.object({ kind: z.literal('evaluate'), entityIds: z.array(z.string()), asOf: z.optional(date) }),
  z.object({ kind: z.literal('sweep-start'), sweep, asOf: z.optional(date), segments: z.optional(z.number()) }),
  z.object({ kind: z.literal('sweep-segment'), sweep, asOf: date, segment: z.number(), segments: z.number() }),
  z.object({
    kind: z.literal('import'),
    key: z.string(),
    fromRow: z.optional(z.number()),
    part: z.optional(z.number()),
    totals: z.optional(z.object({ imported: z.number(), rejected: z.number() })),
  }),
]);

/** Takes jobs from the queue (draws, scoring, imports, warnings and triggers); a failed job goes back to the queue, and after repeated failures to the DLQ. */
export const handler = async (event: SQSEvent): Promise<SQSBatchResponse> => {
  const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
  for (const message of event.Records) {
    try {
      const parsed = job.parse(JSON.parse(message.body));
      if (parsed.kind === 'score-start' || parsed.kind === 'score-segment') await runScoringJob(scoring, parsed);
      else if (parsed.kind === 'import') await runImportJob(imports, parsed);
      else if (parsed.kind === 'evaluate' || parsed.kind === 'sweep-start' || parsed.kind === 'sweep-segment') await runRiskJob(draws, parsed);
      else await runDrawJob(draws, parsed);
    } catch (error) {
      console.error(JSON.stringify({ level: 'error', message: 'job failed', body: message.body, error: String((error as Error)?.stack ?? error) }));
      batchItemFailures.push({ itemIdentifier: message.messageId });
    }
  }
  return { batchItemFailures };
};
