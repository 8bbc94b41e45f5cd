/**
 * `npm start` killed while a draw issues its codes: the job queue is kept in the data folder, so the next start
 * delivers what was in flight again and what had not run yet, as SQS would, and the draw finishes with every
 * company issued exactly once. The kill is taken as the queue file stood at that instant: one batch received and
 * not acknowledged, the next not received.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalJobQueue } from '../../local/job-queue.ts';
import { jobQueueFile, startLocalStack, type LocalStack } from '../../local/stack.ts';
import { ApiClient, companyCaller } from '../support/api.ts';
import { cityDistrict, drawBody, food } from '../support/draws.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'supervision-jobs-'));
let stack: LocalStack;
let api: ApiClient;
beforeAll(async () => {
  stack = await startLocalStack({ port: 0, dataDir, jobVisibilityTimeoutMs: 300 });
  api = new ApiClient(stack);
});
afterAll(async () => {
  await stack?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const foodSupervisor = { role: 'supervisor' as const, department: food, subject: 'food-chief' };
const everyone = { kind: 'ratio', percent: { A: 100, B: 100, C: 100, D: 100 } };
const queued = (): { messages: { job: { kind: string; batch?: number }; receiveCount: number }[] } => JSON.parse(readFileSync(jobQueueFile(dataDir), 'utf8'));
const until = async (condition: () => boolean) => {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 2));
};

describe('a draw interrupted during issuance', () => {
  it('resumes after a restart and issues every company exactly once', async () => {
    const { entityIds } = await cityDistrict(api, stack, 'noodles', 60);
    const announced = await api.request('POST', '/draws', { as: foodSupervisor, body: drawBody('noodles', { rule: everyone, workloadCap: 100 }) });
    await stack.jobs.idle();
    await api.request('POST', `/draws/${announced.body.id}/execute`, { as: foodSupervisor, body: { beacon: 'b' } });

    // The instant of the kill: the first batch of 50 received (in flight), the second still waiting.
    await until(() => queued().messages.some((m) => m.job.kind === 'issue' && m.job.batch === 0 && m.receiveCount === 1));
    const atTheKill = readFileSync(jobQueueFile(dataDir), 'utf8');
    await stack.jobs.stop();
    const stuck = (await api.request('GET', `/draws/${announced.body.id}`)).body;
    expect(stuck.status).toBe('executing');
    expect(stuck.issuance.done).toBeLessThan(60);

    writeFileSync(jobQueueFile(dataDir), atTheKill);
    const restarted = new LocalJobQueue({ file: jobQueueFile(dataDir), visibilityTimeoutMs: 300 });
    expect(restarted.depth).toBe(2);
    restarted.start();
    await restarted.idle();

    const done = (await api.request('GET', `/draws/${announced.body.id}`)).body;
    expect(done).toMatchObject({ status: 'executed', issuance: { total: 60, done: 60 } });
    expect(restarted.deadLetters).toEqual([]);
    for (const entityId of entityIds) {
      // A fresh data folder: the draw's inspection is the company's only one.
      const { body } = await api.request('GET', '/inspections', { as: companyCaller(entityId) });
      expect(body.items, entityId).toHaveLength(1);
      expect(body.items[0].code, entityId).toMatch(/^[\w-]{22}$/);
    }
  }, 180_000);
});
