/**
 * Imports from the console, over HTTP on the local stack: a city-wide supervisor asks for an upload URL, uploads the
 * file straight to the bucket (s3rver), the upload starts the import job as the bucket's event rule does when
 * deployed, the import's progress reaches done, and the rejected-rows report names the bad row and why.
 */
import { describe, expect, it } from 'vitest';
import { useLocalStack, type ApiClient } from '../support/api.ts';

const local = useLocalStack();
const cityWide = { role: 'supervisor' as const, subject: 'import-desk' };

const csv = [
  'id,name,segment,district',
  'desk-ent-1,Desk Bakery,food-production,Huangpu',
  'desk-ent-2,,catering,Huangpu',
  'desk-ent-3,Desk Canteen,catering,Jing\u2019an',
].join('\n') + '\n';

async function uploaded(api: ApiClient, body: string, fileName = 'register.csv') {
  const requested = await api.request('POST', '/imports', { as: cityWide, body: { kind: 'entities', fileName, size: Buffer.byteLength(body) } });
  expect(requested.status, requested.text).toBe(201);
  const { upload } = requested.body;
  expect((await fetch(upload.url, { method: 'PUT', headers: upload.headers, body })).status).toBe(200);
  return requested.body as { id: string; status: string };
}

async function finished(api: ApiClient, id: string) {
  for (let attempt = 0; attempt < 100; attempt++) {
    const progress = await api.request('GET', `/imports/${id}`, { as: cityWide });
    if (progress.body.status === 'done' || progress.body.status === 'failed') return progress.body;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`import ${id} did not finish`);
}

describe('imports from the console', () => {
  it('uploads through the presigned URL, runs the job, reaches done and reports the bad row with why', async () => {
    const { api, stack } = local;
    const started = await uploaded(api, csv);
    expect(started.status).toBe('waiting');

    const done = await finished(api, started.id);
    expect(done).toMatchObject({ status: 'done', kind: 'entities', fileName: 'register.csv', rows: 3, imported: 2, rejected: 1 });
    const report = await fetch(done.report.url);
    const text = await report.text();
    // The byte-order mark stays (Excel reads the Chinese): text() would drop it, the bytes do not.
    expect(Buffer.from(await (await fetch(done.report.url)).arrayBuffer()).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = text.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^2,"name","name：必填，此格为空","name: Required","\{.*desk-ent-2.*","\[\{""code"":""field"",""field"":""name"",""issue"":""invalid_type""\}\]"$/);
    expect((await stack.services.store.getEntity('desk-ent-3'))?.name).toBe('Desk Canteen');

    const recent = await api.request('GET', '/imports?limit=5', { as: cityWide });
    expect(recent.status).toBe(200);
    expect(recent.body.items[0]).toMatchObject({ id: started.id, status: 'done' });
  });

  it('keeps a corrected file uploaded under the same name apart, with its own report', async () => {
    const { api } = local;
    const first = await uploaded(api, csv, 'again.csv');
    const second = await uploaded(api, csv.replace('desk-ent-2,,', 'desk-ent-2,Fixed Name,'), 'again.csv');
    expect(second.id).not.toBe(first.id);
    expect(await finished(api, second.id)).toMatchObject({ status: 'done', imported: 3, rejected: 0 });
  });

  it('refuses an unknown kind, a file that is neither CSV nor NDJSON, an oversized or empty file, with what to do', async () => {
    const { api } = local;
    const ask = (body: unknown) => api.request('POST', '/imports', { as: cityWide, body });
    const unknownKind = await ask({ kind: 'spaceships', fileName: 'fleet.csv', size: 10 });
    expect(unknownKind.status).toBe(422);
    expect(unknownKind.body.error.message).toMatch(/choose one of .*entities/);
    const spreadsheet = await ask({ kind: 'entities', fileName: 'register.xlsx', size: 10 });
    expect(spreadsheet.status).toBe(400);
    expect(JSON.stringify(spreadsheet.body.error.details)).toMatch(/CSV UTF-8/);
    const oversized = await ask({ kind: 'entities', fileName: 'register.csv', size: 3 * 1024 ** 3 });
    expect(oversized.status).toBe(400);
    expect(JSON.stringify(oversized.body.error.details)).toMatch(/split it/);
    expect((await ask({ kind: 'entities', fileName: 'register.csv', size: 0 })).status).toBe(400);
    expect((await api.request('GET', '/imports/nothing-here', { as: cityWide })).status).toBe(404);
  });

  it('is for city-wide supervisors: a department’s supervisor is refused, and nobody else gets in', async () => {
    const { api } = local;
    const departmentChief = { role: 'supervisor' as const, department: 'food-safety' };
    const refused = await api.request('POST', '/imports', { as: departmentChief, body: { kind: 'entities', fileName: 'r.csv', size: 10 } });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/city-wide/);
    expect((await api.request('GET', '/imports', { as: departmentChief })).status).toBe(403);
    expect((await api.request('GET', '/imports', { as: { role: 'inspector', inspectorId: 'x' } })).status).toBe(403);
  });
});
