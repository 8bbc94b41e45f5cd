/**
 * Where jobs go: SQS when deployed (JOB_QUEUE_URL), or the in-process queue the local stack installs.
 * The worker that takes them is the same function in both places.
 */
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { Job } from '../jobs.ts';
import type { JobQueue } from './ports.ts';
import { env } from './resources.ts';

export class SqsJobQueue implements JobQueue {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async send(jobs: Job[]) {
    for (let start = 0; start < jobs.length; start += 10) {
      const entries = jobs.slice(start, start + 10).map((job, i) => ({ Id: String(i), MessageBody: JSON.stringify(job) }));
      const { Failed = [] } = await this.client.send(new SendMessageBatchCommand({ QueueUrl: this.queueUrl, Entries: entries }));
      // Jobs are idempotent, so sending the failed ones again (or all, on a retried call) is safe.
      if (Failed.length > 0) throw new Error(`SQS refused ${Failed.length} job(s): ${Failed.map((f) => f.Message).join('; ')}`);
    }
  }
}

let installedLocally: JobQueue | undefined;

/** Used by the local stack only: the queue its functions send jobs to. */
export function installLocalJobQueue(queue: JobQueue) {
  installedLocally = queue;
}

export function jobQueueFromEnvironment(): JobQueue {
  const url = process.env[env.jobQueueUrl];
  if (url) return new SqsJobQueue(new SQSClient({}), url);
  if (installedLocally) return installedLocally;
  throw new Error(`Environment variable ${env.jobQueueUrl} is not set; the stack sets it.`);
}
