/**
 * An import job's progress as the console follows it, over in-memory stand-ins: counts after each chunk, done with
 * the totals, and failed with what to do when the store refuses a write (a failure a real engine will not give on
 * demand), the error passed on so that the queue delivers the step again.
 */
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runImportJob, type ImportServices } from '../../shared/imports/job.ts';
import { importIdOf, type ImportProgress } from '../../shared/imports/progress.ts';

const key = 'imports/entities/20261129T100000-abc123/register.csv';
const csv = 'id,name,segment,district\nunit-1,One,catering,Huangpu\nunit-2,,catering,Huangpu\nunit-3,Three,catering,Huangpu\n';

function services(write: () => Promise<void>) {
  const recorded: Omit<ImportProgress, 'createdAt'>[] = [];
  const texts = new Map<string, string>();
  const stand: ImportServices = {
    files: { stream: async () => Readable.from([Buffer.from(csv)]), putText: async (k: string, text: string) => void texts.set(k, text), getText: async (k: string) => texts.get(k)! } as never,
    sink: { write, missingEntities: async () => [] },
    jobs: { send: async () => undefined },
    progress: { recordImport: async (p) => void recorded.push(p), createImport: async () => undefined, getImport: async () => undefined, listImports: async () => ({ items: [] }) },
    now: () => '2026-11-29T10:00:00.000Z',
    budgetMs: 60_000,
  };
  return { stand, recorded, texts };
}

describe('import progress', () => {
  it('records running with the counts so far, then done with the totals, under the id the upload route gave', async () => {
    const { stand, recorded, texts } = services(async () => undefined);
    await runImportJob(stand, { kind: 'import', key });
    expect(recorded.map((p) => p.id)).toEqual(recorded.map(() => importIdOf(key)));
    expect(recorded[0]).toMatchObject({ status: 'running', rows: 0, kind: 'entities', fileName: 'register.csv' });
    expect(recorded.at(-1)).toMatchObject({ status: 'done', rows: 3, imported: 2, rejected: 1 });
    expect(texts.get('import-reports/entities/20261129T100000-abc123/register.csv/rejected.csv')).toMatch(/^\uFEFF行号（不含标题行） row \(header not counted\),字段 field,原因,reason,原始内容 raw,代码 code\n2,"name"/);
  });

  it('records failed with what to do when a write fails, and passes the error on for the queue to retry', async () => {
    const { stand, recorded } = services(async () => {
      throw new Error('ProvisionedThroughputExceededException');
    });
    await expect(runImportJob(stand, { kind: 'import', key })).rejects.toThrow('ProvisionedThroughputExceededException');
    expect(recorded.at(-1)).toMatchObject({ status: 'failed', error: expect.stringMatching(/retried .* upload the file again/) });
  });
});
