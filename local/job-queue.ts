/**
 * The local stand-in for SQS: jobs (draws, scoring) run one at a time in this process through the real worker function, failed jobs
 * are retried with a back-off like a queue's redelivery, and `idle()` says when all is done.
 */
import { randomUUID } from 'node:crypto';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { Job } from '../shared/jobs.ts';
import type { JobQueue } from '../shared/store/ports.ts';

type Worker = (event: SQSEvent) => Promise<SQSBatchResponse>;

const maxAttempts = 5;

export class LocalJobQueue implements JobQueue {
  private readonly pending: { job: Job; attempt: number }[] = [];
  private running: Promise<void> | undefined;
  private worker: Promise<Worker> | undefined;
  readonly deadLetters: Job[] = [];

  constructor(private readonly log: (line: string) => void = () => undefined) {}

  async send(jobs: Job[]) {
    this.pending.push(...jobs.map((job) => ({ job, attempt: 1 })));
    this.running ??= this.drain().finally(() => (this.running = undefined));
  }

  /** Resolves once every job sent so far (and the jobs they sent) has run. */
  async idle() {
    while (this.running) await this.running;
  }

  private async drain() {
    // The worker module reads its environment when it loads, which the local stack sets before any job is sent.
    this.worker ??= import('../functions/job-worker.ts').then((m: { handler: Worker }) => m.handler);
    const worker = await this.worker;
    for (let next = this.pending.shift(); next; next = this.pending.shift()) {
      const messageId = randomUUID();
      const event = { Records: [{ messageId, body: JSON.stringify(next.job), attributes: { ApproximateReceiveCount: String(next.attempt) } }] } as unknown as SQSEvent;
      const { batchItemFailures } = await worker(event);
      if (batchItemFailures.length === 0) continue;
      if (next.attempt >= maxAttempts) {
        this.deadLetters.push(next.job);
        this.log(`job ${JSON.stringify(next.job).slice(0, 200)} failed ${maxAttempts} times; kept aside`);
        continue;
      }
      await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** next!.attempt));
      this.pending.push({ job: next.job, attempt: next.attempt + 1 });
    }
  }
}
