import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import * as z from 'zod/mini';
import { runDrawJob } from '#shared/draws/service.ts';
import { drawServicesFromEnvironment } from '#shared/store/draw-services.ts';

const services = drawServicesFromEnvironment();

const drawJob = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('snapshot'), drawId: z.string() }),
  z.object({ kind: z.literal('run'), drawId: z.string() }),
  z.object({ kind: z.literal('issue'), drawId: z.string(), batch: z.number(), entityIds: z.array(z.string()) }),
]);

/** Takes draw jobs from the queue; a failed job goes back to the queue (and after repeated failures to the DLQ). */
export const handler = async (event: SQSEvent): Promise<SQSBatchResponse> => {
  const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
  for (const message of event.Records) {
    try {
      const job = drawJob.parse(JSON.parse(message.body));
      await runDrawJob(services, job);
    } catch (error) {
      console.error(JSON.stringify({ level: 'error', message: 'draw job failed', body: message.body, error: String((error as Error)?.stack ?? error) }));
      batchItemFailures.push({ itemIdentifier: message.messageId });
    }
  }
  return { batchItemFailures };
};
