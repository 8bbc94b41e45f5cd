/** The local job queue delivers as SQS does, and keeps its messages in a file across a killed process. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import type { Job } from '../../shared/jobs.ts';
import { LocalJobQueue } from '../../local/job-queue.ts';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));
const queueFile = () => {
  const dir = mkdtempSync(join(tmpdir(), 'job-queue-'));
  dirs.push(dir);
  return join(dir, 'jobs', 'queue.json');
};

const job = (n: number): Job => ({ kind: 'snapshot', drawId: `draw-${n}` });
type Delivery = { drawId: string; receiveCount: number };

/** A worker that records each delivery, answers with `outcome(drawId)`, and never returns for the ones that `hang`. */
function worker(deliveries: Delivery[], options: { hang?: string; fail?: string } = {}) {
  return async () => async (event: SQSEvent): Promise<SQSBatchResponse> => {
    const [record] = event.Records;
    const { drawId } = JSON.parse(record!.body) as { drawId: string };
    deliveries.push({ drawId, receiveCount: Number(record!.attributes.ApproximateReceiveCount) });
    if (drawId === options.hang) await new Promise(() => undefined);
    return { batchItemFailures: drawId === options.fail ? [{ itemIdentifier: record!.messageId }] : [] };
  };
}

const until = async (condition: () => boolean) => {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
};

describe('the local job queue', () => {
  it('delivers again, after the visibility timeout, a job whose process died before acknowledging it', async () => {
    const file = queueFile();
    const first: Delivery[] = [];
    const killed = new LocalJobQueue({ file, worker: worker(first, { hang: 'draw-2' }), visibilityTimeoutMs: 200 });
    killed.start();
    await killed.send([job(1), job(2), job(3)]);
    await until(() => first.length === 2); // draw-2 is in flight and will never be acknowledged: the process is "killed"

    const second: Delivery[] = [];
    const restarted = new LocalJobQueue({ file, worker: worker(second), visibilityTimeoutMs: 200 });
    expect(restarted.depth).toBe(2);
    const started = Date.now();
    restarted.start();
    await restarted.idle();
    expect(first).toEqual([{ drawId: 'draw-1', receiveCount: 1 }, { drawId: 'draw-2', receiveCount: 1 }]);
    // draw-3 was never received; draw-2 comes back as its second receive, once its visibility timeout has passed.
    expect(second).toEqual([{ drawId: 'draw-3', receiveCount: 1 }, { drawId: 'draw-2', receiveCount: 2 }]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
    expect(new LocalJobQueue({ file }).depth).toBe(0);
  });

  it('keeps what it has not delivered when stopped, and delivers it at the next start', async () => {
    const file = queueFile();
    const queue = new LocalJobQueue({ file, worker: worker([]) });
    await queue.send([job(1), job(2)]); // not started: as when npm start stops before the jobs ran
    await queue.stop();
    const deliveries: Delivery[] = [];
    const next = new LocalJobQueue({ file, worker: worker(deliveries) });
    next.start();
    await next.idle();
    expect(deliveries.map((d) => d.drawId)).toEqual(['draw-1', 'draw-2']);
  });

  it('retries a failing job and sets it aside after the last receive, in the file too', async () => {
    const file = queueFile();
    const deliveries: Delivery[] = [];
    const queue = new LocalJobQueue({ file, worker: worker(deliveries, { fail: 'draw-1' }), maxReceives: 3 });
    queue.start();
    await queue.send([job(1)]);
    await queue.idle();
    expect(deliveries.map((d) => d.receiveCount)).toEqual([1, 2, 3]);
    expect(new LocalJobQueue({ file }).deadLetters).toEqual([job(1)]);
  });
});
