/**
 * Evidence uploads over HTTP on the local stack: every route that hands out a presigned upload URL gives one real S3
 * accepts (no checksum of an empty body pinned into it), and submitted evidence is written once — a repeated
 * rectification, alert or alert answer gets no URL for a file already stored, and every URL is conditional on the key
 * being empty (If-None-Match: *).
 */
import { describe, expect, it } from 'vitest';
import { routes } from '../../shared/api/routes.ts';
import { companyCaller, inspectorCaller, supervisor, useLocalStack, type Reply } from '../support/api.ts';
import { planned, validCreditCode } from '../support/fixtures.ts';

const local = useLocalStack();
const device = { role: 'device' as const, deviceId: 'evidence-cam', subject: 'device-evidence-cam' };

interface Upload {
  name?: string;
  method: 'PUT';
  url: string;
  headers: Record<string, string>;
}

/** Every upload instruction in a reply, wherever the route puts it (`uploads[]` or `upload`). */
const uploadsIn = (reply: Reply): Upload[] => [...(reply.body.uploads ?? []), ...(reply.body.upload ? [reply.body.upload] : [])];

/** What real S3 would refuse or enforce in a presigned PUT URL, read from its query. */
function expectUploadRealS3Accepts(upload: Upload) {
  const query = new URL(upload.url).searchParams;
  const pinned = [...query.keys()].filter((name) => /^x-amz-(checksum-|sdk-checksum-algorithm)/i.test(name));
  expect(pinned, `${upload.url} pins a body checksum`).toEqual([]);
  // The URL only works for the declared file, and only while nothing is stored under its key.
  expect(query.get('X-Amz-SignedHeaders')!.split(';')).toEqual(expect.arrayContaining(['content-type', 'content-length', 'if-none-match']));
  expect(upload.headers['if-none-match']).toBe('*');
}

const put = (upload: Upload, body: string) => fetch(upload.url, { method: 'PUT', headers: upload.headers, body });

async function rectifying() {
  const { api } = local;
  const { entityId, inspectorIds, inspectionId } = await planned(api);
  await api.request('POST', `/inspections/${inspectionId}/check-in`, { as: companyCaller(entityId) });
  const finding = { item: 'Food storage', description: 'Raw meat above cooked food.', severity: 'major', guidance: 'Lowest shelf.', deadline: '2030-01-31' };
  const results = await api.request('POST', `/inspections/${inspectionId}/results`, { as: inspectorCaller(inspectorIds[0]!), body: { outcome: 'rectify', findings: [finding] } });
  expect(results.status).toBe(200);
  return { entityId, inspectionId };
}

async function alertOf(reference: string) {
  const { api } = local;
  await api.request('PUT', '/entities/evidence-maker', { as: supervisor, body: { name: 'Evidence Foods', creditCode: validCreditCode('91310104MA1K3YJ12'), segment: 'food-production', district: 'Huangpu' } });
  await api.request('PUT', `/devices/${device.deviceId}`, { as: supervisor, body: { name: 'Kitchen box', entityId: 'evidence-maker', cameras: ['kitchen-1'] } });
  const alert = { reference, entityId: 'evidence-maker', cameraId: 'kitchen-1', type: 'rodent', at: new Date(Date.now() - 60_000).toISOString(), evidence: { contentType: 'image/jpeg', size: 4 } };
  return { alert, posted: await api.request('POST', '/alerts', { as: device, body: alert }) };
}

const declaredSizes = { 'shelf.jpg': 5, 'invoice.pdf': 7, snapshot: 4, 'register.csv': 'id,name,segment,district\n'.length };
const twoFiles = (note: string) => ({
  note,
  files: [
    { name: 'shelf.jpg', contentType: 'image/jpeg', size: declaredSizes['shelf.jpg'] },
    { name: 'invoice.pdf', contentType: 'application/pdf', size: declaredSizes['invoice.pdf'] },
  ],
});

describe('evidence uploads', () => {
  it('hands out presigned URLs that pin no body checksum, on every route that hands them out, and they upload', async () => {
    const { api } = local;
    const { entityId, inspectionId } = await rectifying();
    const submitted = await api.request('POST', `/inspections/${inspectionId}/rectifications`, { as: companyCaller(entityId), body: twoFiles('Shelves reorganised.') });
    const { posted } = await alertOf('checksum-1');
    const answered = await api.request('POST', `/alerts/${posted.body.id}/response`, { as: companyCaller('evidence-maker'), body: twoFiles('Drain sealed.') });
    const visit = await planned(api);
    const recorded = await api.request('POST', `/inspections/${visit.inspectionId}/results`, {
      as: inspectorCaller(visit.inspectorIds[0]!),
      body: { outcome: 'compliant', findings: [], files: twoFiles('').files },
    });

    const imported = await api.request('POST', '/imports', { as: supervisor, body: { kind: 'entities', fileName: 'register.csv', size: declaredSizes['register.csv'] } });

    const replies = { submitRectification: submitted, postAlert: posted, respondToAlert: answered, recordResults: recorded, requestImport: imported };
    // Every route the contract says hands out upload URLs is exercised here: a new one must be added above.
    const handingOutUploads = Object.entries(routes).filter(([, route]) => /presigned (upload )?URL/.test(route.summary));
    expect(handingOutUploads.map(([id]) => id).sort()).toEqual(Object.keys(replies).sort());
    for (const [route, reply] of Object.entries(replies)) {
      expect(reply.status, route).toBe(route === 'recordResults' ? 200 : 201);
      const uploads = uploadsIn(reply);
      expect(uploads.length, route).toBeGreaterThan(0);
      for (const upload of uploads) {
        expectUploadRealS3Accepts(upload);
        const name = upload.name ?? 'snapshot';
        const body = name === 'register.csv' ? 'id,name,segment,district\n' : 'x'.repeat(declaredSizes[name as keyof typeof declaredSizes]);
        expect((await put(upload, body)).status, `${route} ${name}`).toBe(200);
      }
    }
  });

  it('lets a browser on the web app’s origin upload through the URL (CORS), with the headers it was given', async () => {
    const { api } = local;
    const { entityId, inspectionId } = await rectifying();
    const submitted = await api.request('POST', `/inspections/${inspectionId}/rectifications`, { as: companyCaller(entityId), body: twoFiles('Shelves reorganised.') });
    const [upload] = submitted.body.uploads as Upload[];
    const origin = 'http://127.0.0.1:5173';
    const preflight = await fetch(upload!.url, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'PUT', 'access-control-request-headers': Object.keys(upload!.headers).join(',') },
    });
    expect(preflight.status).toBe(200);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    const put = await fetch(upload!.url, { method: 'PUT', headers: { ...upload!.headers, origin }, body: 'photo' });
    expect(put.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('gives a repeated rectification no URL for evidence already uploaded, only for what is still missing', async () => {
    const { api } = local;
    const { entityId, inspectionId } = await rectifying();
    const body = twoFiles('Shelves reorganised.');
    const first = await api.request('POST', `/inspections/${inspectionId}/rectifications`, { as: companyCaller(entityId), body });
    const [shelf] = first.body.uploads as Upload[];
    expect((await put(shelf!, 'photo')).status).toBe(200);

    // The same submission again (a retry, or an attempt to swap the photo after the inspector saw it).
    const again = await api.request('POST', `/inspections/${inspectionId}/rectifications`, { as: companyCaller(entityId), body });
    expect(again.status, again.text).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    expect(again.body.uploads.map((u: Upload) => u.name)).toEqual(['invoice.pdf']);

    const inspection = await api.request('GET', `/inspections/${inspectionId}`, { as: companyCaller(entityId) });
    const stored = inspection.body.rectifications[0].evidence.find((f: { name: string }) => f.name === 'shelf.jpg');
    expect(await (await fetch(stored.downloadUrl)).text()).toBe('photo');
  });

  it('gives a repeated alert answer, and a replayed alert, no URL for evidence already uploaded', async () => {
    const { api } = local;
    const { alert, posted } = await alertOf('write-once-1');
    expect((await put(posted.body.upload, 'jpeg')).status).toBe(200);
    const replayed = await api.request('POST', '/alerts', { as: device, body: alert });
    expect(replayed.status).toBe(200);
    expect(replayed.body).not.toHaveProperty('upload');

    const body = twoFiles('Drain sealed.');
    const answered = await api.request('POST', `/alerts/${posted.body.id}/response`, { as: companyCaller('evidence-maker'), body });
    for (const upload of answered.body.uploads as Upload[]) expect((await put(upload, 'x'.repeat(declaredSizes[upload.name as 'shelf.jpg']))).status).toBe(200);
    const again = await api.request('POST', `/alerts/${posted.body.id}/response`, { as: companyCaller('evidence-maker'), body });
    expect(again.status).toBe(200);
    expect(again.body.uploads).toEqual([]);
  });
});
