/**
 * The local stand-in for SQS: jobs (draws, scoring, imports, sweeps) run one at a time in this process through the
 * real worker function, with SQS's delivery rules. A message is received (hidden for the visibility timeout, its
 * receive count raised), handed to the worker, and deleted only when the worker acknowledges it; a failed one comes
 * back after a back-off, and after `maxReceives` receives it is set aside as a dead letter. Given a file, every step
 * is written there before it counts, so a process killed mid-job leaves its message unacknowledged, and the next
 * `npm start` delivers it again once its visibility timeout has passed: at-least-once, as deployed. Jobs are
 * idempotent, which is what makes a second delivery harmless.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { Job } from '../shared/jobs.ts';
import type { JobQueue } from '../shared/store/ports.ts';

type Worker = (event: SQSEvent) => Promise<SQSBatchResponse>;

interface Message {
  id: string;
  job: Job;
  /** Epoch milliseconds from which the message may be received (again). */
  visibleAt: number;
  receiveCount: number;
}

interface QueueState {
  messages: Message[];
  deadLetters: Job[];
}

export interface LocalJobQueueOptions {
  /** Where the queue is kept across restarts; in memory only without it. */
  file?: string;
  /** How long a received message stays hidden before it is delivered again if not acknowledged. */
  visibilityTimeoutMs?: number;
  /** Receives before a message becomes a dead letter, as the deployed queue's redrive policy. */
  maxReceives?: number;
  /** The function that takes the jobs; the real job worker unless a test gives another. */
  worker?: () => Promise<Worker>;
  log?: (line: string) => void;
}

/** Short enough that a restarted `npm start` resumes an interrupted job within half a minute. */
const defaultVisibilityTimeoutMs = 30_000;

export class LocalJobQueue implements JobQueue {
  private readonly state: QueueState;
  private readonly visibilityTimeoutMs: number;
  private readonly maxReceives: number;
  private readonly loadWorker: () => Promise<Worker>;
  private readonly log: (line: string) => void;
  private running: Promise<void> | undefined;
  private started = false;
  private stopped = false;
  private wake: (() => void) | undefined;

  constructor(private readonly options: LocalJobQueueOptions = {}) {
    this.visibilityTimeoutMs = options.visibilityTimeoutMs ?? defaultVisibilityTimeoutMs;
    this.maxReceives = options.maxReceives ?? 5;
    // The worker module reads its environment when it loads, which the local stack sets before starting the queue.
    this.loadWorker = options.worker ?? (() => import('../functions/job-worker.ts').then((m: { handler: Worker }) => m.handler));
    this.log = options.log ?? (() => undefined);
    this.state = options.file && existsSync(options.file) ? (JSON.parse(readFileSync(options.file, 'utf8')) as QueueState) : { messages: [], deadLetters: [] };
  }

  /** Jobs that failed `maxReceives` times, kept for a person to look at. */
  get deadLetters(): readonly Job[] {
    return this.state.deadLetters;
  }

  /** Messages not yet acknowledged, in flight or waiting. */
  get depth(): number {
    return this.state.messages.length;
  }

  /** Begins delivering, the messages a previous process left first. */
  start() {
    this.started = true;
    this.kick();
  }

  async send(jobs: Job[]) {
    this.state.messages.push(...jobs.map((job) => ({ id: randomUUID(), job, visibleAt: Date.now(), receiveCount: 0 })));
    this.save();
    this.kick();
  }

  /** Resolves once every message sent so far (and the jobs they sent) has been acknowledged or set aside. */
  async idle() {
    while (this.running) await this.running;
  }

  /** Stops receiving: the job in flight finishes and is acknowledged; the others wait in the file for the next start. */
  async stop() {
    this.stopped = true;
    this.wake?.();
    await this.running;
  }

  private kick() {
    if (!this.started || this.stopped) return;
    this.wake?.();
    this.running ??= this.drain().finally(() => {
      this.running = undefined;
      // A message sent while the loop was ending still gets delivered.
      if (this.state.messages.some((m) => m.visibleAt <= Date.now())) this.kick();
    });
  }

  private save() {
    if (!this.options.file) return;
    mkdirSync(dirname(this.options.file), { recursive: true });
    // Written aside and renamed: a process killed while writing leaves the previous state, never half a file.
    const next = `${this.options.file}.next`;
    writeFileSync(next, JSON.stringify(this.state));
    renameSync(next, this.options.file);
  }

  private async drain() {
    const worker = await this.loadWorker();
    while (!this.stopped && this.state.messages.length > 0) {
      const now = Date.now();
      const message = this.state.messages.find((m) => m.visibleAt <= now);
      if (!message) {
        await this.sleepUntil(Math.min(...this.state.messages.map((m) => m.visibleAt)));
        continue;
      }
      message.receiveCount++;
      message.visibleAt = now + this.visibilityTimeoutMs;
      this.save();
      await this.deliver(worker, message);
    }
  }

  private async deliver(worker: Worker, message: Message) {
    const event = {
      Records: [{ messageId: message.id, body: JSON.stringify(message.job), attributes: { ApproximateReceiveCount: String(message.receiveCount) } }],
    } as unknown as SQSEvent;
    const { batchItemFailures } = await worker(event).catch(() => ({ batchItemFailures: [{ itemIdentifier: message.id }] }));
    if (batchItemFailures.length === 0) {
      this.state.messages.splice(this.state.messages.indexOf(message), 1);
    } else if (message.receiveCount >= this.maxReceives) {
      this.state.messages.splice(this.state.messages.indexOf(message), 1);
      this.state.deadLetters.push(message.job);
      this.log(`job ${JSON.stringify(message.job).slice(0, 200)} failed ${message.receiveCount} times; kept aside`);
    } else {
      // Back sooner than the visibility timeout: locally nothing is gained by waiting long for a retry.
      message.visibleAt = Date.now() + 100 * 2 ** message.receiveCount;
    }
    this.save();
  }

  private sleepUntil(at: number) {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, Math.max(0, at - Date.now()));
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
