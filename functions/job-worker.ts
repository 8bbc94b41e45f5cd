import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import * as z from 'zod/mini';
import { runDrawJob } from '#shared/draws/service.ts';
import { runImportJob } from '#shared/imports/job.ts';
import { runScoringJob } from '#shared/scoring/jobs.ts';
import { loadModels } from '#shared/scoring/models.ts';
import { drawServicesFromEnvironment } from '#shared/store/draw-services.ts';
import { DynamoImportSink } from '#shared/store/dynamodb-import-sink.ts';
import { DynamoScoringStore } from '#shared/store/dynamodb-scoring-store.ts';
import { env } from '#shared/store/resources.ts';

const draws = drawServicesFromEnvironment();
const scoring = {
  scoring: new DynamoScoringStore(draws.draws.client, draws.draws.tableName),
  jobs: draws.jobs,
  models: loadModels(),
  now: draws.now,
  segments: Number(process.env[env.scoringSegments] ?? 16),
  log: draws.log,
};

const imports = {
  files: draws.files,
  sink: new DynamoImportSink(draws.draws.client, draws.draws.tableName, draws.now),
  jobs: draws.jobs,
  // Leaves a good margin of the worker's 15 minutes for the last chunk and the report.
  budgetMs: Number(process.env[env.importBudgetMs] ?? 10 * 60_000),
  log: draws.log,
};

const date = z.iso.date();
const job = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('snapshot'), drawId: z.string() }),
  z.object({ kind: z.literal('run'), drawId: z.string() }),
  z.object({ kind: z.literal('issue'), drawId: z.string(), batch: z.number(), entityIds: z.array(z.string()) }),
  z.object({ kind: z.literal('score-start'), asOf: z.optional(date) }),
  z.object({ kind: z.literal('score-segment'), runId: z.string(), asOf: date, segment: z.number(), segments: z.number() }),
  z.object({
    kind: z.literal('import'),
    key: z.string(),
    fromRow: z.optional(z.number()),
    part: z.optional(z.number()),
    totals: z.optional(z.object({ imported: z.number(), rejected: z.number() })),
  }),
]);

/** Takes jobs from the queue (draws, scoring, imports); a failed job goes back to the queue, and after repeated failures to the DLQ. */
export const handler = async (event: SQSEvent): Promise<SQSBatchResponse> => {
  const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
  for (const message of event.Records) {
    try {
      const parsed = job.parse(JSON.parse(message.body));
      if (parsed.kind === 'score-start' || parsed.kind === 'score-segment') await runScoringJob(scoring, parsed);
      else if (parsed.kind === 'import') await runImportJob(imports, parsed);
      else await runDrawJob(draws, parsed);
    } catch (error) {
      console.error(JSON.stringify({ level: 'error', message: 'job failed', body: message.body, error: String((error as Error)?.stack ?? error) }));
      batchItemFailures.push({ itemIdentifier: message.messageId });
    }
  }
  return { batchItemFailures };
};
