/**
 * Import as the deployed stack does it: a file put under imports/<kind>/ in the files bucket becomes an import job,
 * streamed from S3 step by step (each step stops when its time budget runs out and queues the next), with one report
 * part per step and a summary at the end. Here the budget is zero, so every step takes exactly one chunk.
 */
import { describe, expect, it } from 'vitest';
import { env } from '../../shared/store/resources.ts';
import type { S3FileStore } from '../../shared/store/s3-file-store.ts';
import { importIdOf } from '../../shared/imports/progress.ts';
import { supervisor, useLocalStack } from '../support/api.ts';

// Read by the job worker when it loads: every step hands over after its first committed chunk.
process.env[env.importBudgetMs] = '0';

const local = useLocalStack();

describe('import jobs from the files bucket', () => {
  it('imports a large file in steps, reports each bad row once, and sums up', async () => {
    const { stack } = local;
    const files = stack.services.files as S3FileStore;
    const rows = Array.from({ length: 1_700 }, (_, i) => `job-ent-${i},Company ${i},catering,Huangpu`);
    rows.splice(900, 0, 'bad id!,Broken,catering,Huangpu');
    await files.putText('imports/entities/register 2030.csv', `id,name,segment,district\n${rows.join('\n')}\n`, 'text/csv');

    // What EventBridge puts on the queue for that upload (the key as S3 URL-encodes it in events).
    await stack.jobs.send([{ kind: 'import', key: 'imports/entities/register+2030.csv' }]);
    await stack.jobs.idle();

    const summary = JSON.parse(await files.getText('import-reports/entities/register 2030.csv/summary.json'));
    expect(summary).toMatchObject({ kind: 'entities', imported: 1_700, rejected: 1, parts: 4 });
    const parts = await Promise.all([1, 2, 3, 4].map((n) => files.getText(`import-reports/entities/register 2030.csv/part-000${n}.csv`)));
    const reported = parts.flatMap((part) => part.trim().split('\n').slice(1));
    expect(reported).toHaveLength(1);
    expect(reported[0]).toMatch(/^901,"id",/);
    expect((await stack.services.store.getEntity('job-ent-1699'))?.name).toBe('Company 1699');
    expect(stack.jobs.deadLetters).toEqual([]);
    // Its progress, as the console follows it (a file put in the bucket by hand is listed too): every row counted once across the steps.
    const progress = await local.api.request('GET', `/imports/${importIdOf('imports/entities/register 2030.csv')}`, { as: supervisor });
    expect(progress.body).toMatchObject({ status: 'done', fileName: 'register 2030.csv', rows: 1_701, imported: 1_700, rejected: 1, report: { rows: 1 } });
    expect((await (await fetch(progress.body.report.url)).text()).trim().split('\n')).toHaveLength(2);
  });

  it('skips a file under an unknown kind instead of failing forever', async () => {
    const { stack } = local;
    await (stack.services.files as S3FileStore).putText('imports/spaceships/fleet.csv', 'id\n1\n', 'text/csv');
    await stack.jobs.send([{ kind: 'import', key: 'imports/spaceships/fleet.csv' }]);
    await stack.jobs.idle();
    expect(stack.jobs.deadLetters).toEqual([]);
  });
});
