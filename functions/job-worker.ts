import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import * as z from 'zod/mini';
import { runDrawJob } from '#shared/draws/service.ts';
import { runScoringJob } from '#shared/scoring/jobs.ts';
import { loadModels } from '#shared/scoring/models.ts';
import { drawServicesFromEnvironment } from '#shared/store/draw-services.ts';
import { DynamoScoringStore } from '#shared/store/dynamodb-scoring-store.ts';

const draws = drawServicesFromEnvironment();
const scoring = {
  scoring: new DynamoScoringStore(draws.draws.client, draws.draws.tableName),
  jobs: draws.jobs,
  models: loadModels(),
  now: draws.now,
  segments: Number(process.env.SCORING_SEGMENTS ?? 16),
  ...(draws.log ? { log: draws.log } : {}),
};

const date = z.iso.date();
const job = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('snapshot'), drawId: z.string() }),
  z.object({ kind: z.literal('run'), drawId: z.string() }),
  z.object({ kind: z.literal('issue'), drawId: z.string(), batch: z.number(), entityIds: z.array(z.string()) }),
  z.object({ kind: z.literal('score-start'), asOf: z.optional(date) }),
  z.object({ kind: z.literal('score-segment'), runId: z.string(), asOf: date, segment: z.number(), segments: z.number() }),
]);

/** Takes jobs from the queue (draws, scoring); a failed job goes back to the queue, and after repeated failures to the DLQ. */
export const handler = async (event: SQSEvent): Promise<SQSBatchResponse> => {
  const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
  for (const message of event.Records) {
    try {
      const parsed = job.parse(JSON.parse(message.body));
      if (parsed.kind === 'score-start' || parsed.kind === 'score-segment') await runScoringJob(scoring, parsed);
      else await runDrawJob(draws, parsed);
    } catch (error) {
      console.error(JSON.stringify({ level: 'error', message: 'job failed', body: message.body, error: String((error as Error)?.stack ?? error) }));
      batchItemFailures.push({ itemIdentifier: message.messageId });
    }
  }
  return { batchItemFailures };
};
