/**
 * The first complete journey, over HTTP against DynamoDB Local and s3rver: plan, issue a code, scan it, check in,
 * record results, rectify with evidence, review until closed.
 */
import { DescribeTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import type { DynamoStore } from '../../shared/store/dynamodb-store.ts';
import { defaults, mainTable } from '../../shared/store/resources.ts';
import { companyCaller, inspectorCaller, supervisor, useLocalStack } from '../support/api.ts';
import { equipment, food, inspectionBody, inspectorBody, planned } from '../support/fixtures.ts';
import { decodeQrPng } from '../support/qr.ts';

const local = useLocalStack();

describe('the inspection-code journey', () => {
  it('takes an inspection from planning to closed, with the scan page following every step', async () => {
    const { api, stack } = local;
    const { entityId, inspectorIds, inspectionId } = await planned(api);
    const [lead] = inspectorIds as [string];

    const issued = await api.request('POST', `/inspections/${inspectionId}/code`, { as: supervisor });
    expect(issued.status).toBe(201);
    expect(issued.body.code).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(issued.body.url).toBe(`${stack.baseUrl}/c/${issued.body.code}`);
    const again = await api.request('POST', `/inspections/${inspectionId}/code`, { as: inspectorCaller(lead) });
    expect(again.status).toBe(200);
    expect(again.body.code).toBe(issued.body.code);

    const scanPath = `/c/${issued.body.code}`;
    const page = await api.request('GET', scanPath, { headers: { accept: 'text/html', 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.text).toContain('<html lang="zh-CN">');
    expect(page.text).toContain('这是一次已登记的合法检查');
    expect(page.text).toContain('Kitchen hygiene');

    const english = await api.request('GET', scanPath, { headers: { 'accept-language': 'en-GB,en;q=0.9' } });
    expect(english.text).toContain('This is a registered, legitimate inspection');

    const anonymous = await api.request('GET', scanPath, { headers: { accept: 'application/json' } });
    expect(anonymous.body.viewer).toBe('public');
    expect(anonymous.body).not.toHaveProperty('details');
    expect(anonymous.body.inspection.inspectors[0].certificateNo).toMatch(/^SH\*+01$/);

    const checkIn = await api.request('POST', `/inspections/${inspectionId}/check-in`, { as: companyCaller(entityId) });
    expect(checkIn.status).toBe(200);
    expect(checkIn.body.status).toBe('on-site');

    const finding = {
      item: 'Food storage',
      description: 'Raw meat stored above ready-to-eat food.',
      severity: 'major',
      guidance: 'Store raw meat on the lowest shelf, in closed containers.',
      deadline: '2030-01-31',
    };
    const results = await api.request('POST', `/inspections/${inspectionId}/results`, { as: inspectorCaller(lead), body: { outcome: 'rectify', findings: [finding] } });
    expect(results.status).toBe(200);
    expect(results.body.status).toBe('rectifying');

    const ownView = await api.request('GET', scanPath, { as: companyCaller(entityId), headers: { accept: 'application/json' } });
    expect(ownView.body.viewer).toBe('company');
    expect(ownView.body.details.result.findings[0].guidance).toBe(finding.guidance);
    const ownPage = await api.request('GET', `${scanPath}?lang=en`, { as: companyCaller(entityId) });
    expect(ownPage.text).toContain('Store raw meat on the lowest shelf');
    expect(ownPage.text).toContain('Fix by');

    const photo = Buffer.from('not really a jpeg, but bytes all the same');
    const submission = await api.request('POST', `/inspections/${inspectionId}/rectifications`, {
      as: companyCaller(entityId),
      body: { note: 'Shelves reorganised.', files: [{ name: 'fridge.jpg', contentType: 'image/jpeg', size: photo.length }] },
    });
    expect(submission.status).toBe(201);
    const [upload] = submission.body.uploads;
    const put = await fetch(upload.url, { method: 'PUT', headers: upload.headers, body: photo });
    expect(put.status).toBe(200);

    const rejected = await api.request('POST', `/inspections/${inspectionId}/rectifications/${submission.body.id}/review`, {
      as: inspectorCaller(lead),
      body: { decision: 'rejected', comment: 'The photo does not show the lowest shelf.' },
    });
    expect(rejected.body.status).toBe('rectifying');
    const rejectedPage = await api.request('GET', `${scanPath}?lang=en`, { as: companyCaller(entityId) });
    expect(rejectedPage.text).toContain('The photo does not show the lowest shelf.');

    const second = await api.request('POST', `/inspections/${inspectionId}/rectifications`, {
      as: companyCaller(entityId),
      body: { note: 'New photo of the lowest shelf.', files: [] },
    });
    expect(second.status).toBe(201);
    const accepted = await api.request('POST', `/inspections/${inspectionId}/rectifications/${second.body.id}/review`, {
      as: inspectorCaller(lead),
      body: { decision: 'accepted' },
    });
    expect(accepted.body.status).toBe('closed');

    const closed = await api.request('GET', scanPath, { headers: { accept: 'application/json' } });
    expect(closed.body.inspection.status).toBe('closed');
  });

  it("keeps the inspector's photos from the site with the results, for the staff to open", async () => {
    const { api } = local;
    const { inspectionId, inspectorIds } = await planned(api);
    const photo = Buffer.from('a photo of the fridge');
    const finding = { item: 'Food storage', description: 'Fridge at 9 °C.', severity: 'minor', guidance: 'Keep it at 4 °C or below.', deadline: '2030-01-31' };
    const body = { outcome: 'rectify', findings: [finding], files: [{ name: 'fridge.jpg', contentType: 'image/jpeg', size: photo.length }] };
    const results = await api.request('POST', `/inspections/${inspectionId}/results`, { as: inspectorCaller(inspectorIds[0]!), body });
    expect(results.status).toBe(200);
    const [upload] = results.body.uploads;
    expect((await fetch(upload.url, { method: 'PUT', headers: upload.headers, body: photo })).status).toBe(200);

    const read = await api.request('GET', `/inspections/${inspectionId}`, { as: supervisor });
    const [evidence] = read.body.result.evidence;
    expect(evidence.name).toBe('fridge.jpg');
    expect(await (await fetch(evidence.downloadUrl)).text()).toBe('a photo of the fridge');
  });

  it('stores a QR PNG that decodes back to the scan URL, and an SVG beside it', async () => {
    const { api } = local;
    const { inspectionId } = await planned(api);
    const issued = await api.request('POST', `/inspections/${inspectionId}/code`, { as: supervisor });
    const png = new Uint8Array(await (await fetch(issued.body.qr.png)).arrayBuffer());
    expect(decodeQrPng(png)).toBe(issued.body.url);
    const svg = await (await fetch(issued.body.qr.svg)).text();
    expect(svg).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  });

  it('logs every scan with who looked and when', async () => {
    const { api, stack } = local;
    const { entityId, inspectionId } = await planned(api);
    const { body } = await api.request('POST', `/inspections/${inspectionId}/code`, { as: supervisor });
    await api.request('GET', `/c/${body.code}`);
    await api.request('GET', `/c/${body.code}`, { as: companyCaller(entityId), headers: { accept: 'application/json' } });
    const scans = await stack.services.store.listScans(body.code);
    expect(scans.map((s) => [s.viewer, s.format, s.role ?? 'anonymous'])).toEqual([
      ['public', 'html', 'anonymous'],
      ['company', 'json', 'company'],
    ]);
  });

  it("lets DynamoDB delete each scan's log entry 180 days after the code expires (TTL)", async () => {
    const { api, stack } = local;
    const { inspectionId } = await planned(api);
    const { body } = await api.request('POST', `/inspections/${inspectionId}/code`, { as: supervisor });
    await api.request('GET', `/c/${body.code}`);
    const store = stack.services.store as DynamoStore;
    const items = await store.queryAll<Record<string, unknown>>({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :scan)',
      ExpressionAttributeValues: { ':pk': `CODE#${body.code}`, ':scan': 'SCAN#' },
    });
    expect(items.map((item) => item[mainTable.timeToLiveAttribute])).toEqual([Date.parse(body.expiresAt) / 1000 + defaults.scanLogDays * 86_400]);
    const ttl = await store.client.send(new DescribeTimeToLiveCommand({ TableName: mainTable.localName }));
    expect(ttl.TimeToLiveDescription).toMatchObject({ AttributeName: mainTable.timeToLiveAttribute, TimeToLiveStatus: 'ENABLED' });
  });

  it('answers 410 with a friendly page once a code is revoked, and issues a fresh code afterwards', async () => {
    const { api } = local;
    const { inspectionId } = await planned(api);
    const first = await api.request('POST', `/inspections/${inspectionId}/code`, { as: supervisor });
    const revoked = await api.request('POST', `/inspections/${inspectionId}/code/revoke`, { as: supervisor, body: { reason: 'Plan changed' } });
    expect(revoked.body.state).toBe('revoked');
    const page = await api.request('GET', `/c/${first.body.code}`, { headers: { 'accept-language': 'en' } });
    expect(page.status).toBe(410);
    expect(page.text).toContain('This code was revoked');
    const json = await api.request('GET', `/c/${first.body.code}`, { headers: { accept: 'application/json' } });
    expect(json.body.error.code).toBe('code_revoked');
    const fresh = await api.request('POST', `/inspections/${inspectionId}/code`, { as: supervisor, body: { reissue: true } });
    expect(fresh.status).toBe(201);
    expect(fresh.body.code).not.toBe(first.body.code);
  });

  it('refuses check-in and results on a visit not under way, or whose code was revoked, naming why (409)', async () => {
    const { api } = local;
    const { entityId, inspectorIds } = await planned(api);
    const later = await api.request('POST', '/inspections', { as: supervisor, body: inspectionBody(entityId, inspectorIds, [food], 30) });
    const future = later.body.id ?? later.body.inspection.id;
    const early = await api.request('POST', `/inspections/${future}/check-in`, { as: companyCaller(entityId) });
    expect(early.status).toBe(409);
    expect(early.body.error).toMatchObject({ code: 'window_not_started', details: { window: later.body.window ?? later.body.inspection.window } });
    const notYet = await api.request('POST', `/inspections/${future}/results`, { as: inspectorCaller(inspectorIds[0]!), body: { outcome: 'compliant', findings: [] } });
    expect(notYet.status).toBe(409);
    expect(notYet.body.error.code).toBe('not_under_way');

    const { entityId: company, inspectorIds: team, inspectionId } = await planned(api);
    await api.request('POST', `/inspections/${inspectionId}/code`, { as: supervisor });
    await api.request('POST', `/inspections/${inspectionId}/code/revoke`, { as: supervisor, body: { reason: 'Plan changed' } });
    const checkIn = await api.request('POST', `/inspections/${inspectionId}/check-in`, { as: companyCaller(company) });
    expect(checkIn.status).toBe(409);
    expect(checkIn.body.error.message).toContain('revoked');
    const results = await api.request('POST', `/inspections/${inspectionId}/results`, { as: inspectorCaller(team[0]!), body: { outcome: 'compliant', findings: [] } });
    expect(results.body.error.code).toBe('code_revoked');
    const read = await api.request('GET', `/inspections/${inspectionId}`, { as: companyCaller(company) });
    expect(read.body).toMatchObject({ status: 'scheduled', codeState: 'revoked' });
  });

  it('answers 404 with a page that tells the company it may refuse, for a code nobody issued', async () => {
    const page = await local.api.request('GET', '/c/AAAAAAAAAAAAAAAAAAAAAA');
    expect(page.status).toBe(404);
    expect(page.text).toContain('未亮码的检查不合法');
  });

  it('issues exactly one code when ten issuance calls race', async () => {
    const { api } = local;
    const { inspectionId } = await planned(api);
    const replies = await Promise.all(Array.from({ length: 10 }, () => api.request('POST', `/inspections/${inspectionId}/code`, { as: supervisor })));
    expect(replies.every((r) => r.status === 200 || r.status === 201)).toBe(true);
    expect(new Set(replies.map((r) => r.body.code)).size).toBe(1);
    const inspection = await local.stack.services.store.getInspection(inspectionId);
    expect(inspection?.code).toBe(replies[0]!.body.code);
  });

  it("joins a second department's plan to the visit already planned in an overlapping window: one visit, one code", async () => {
    const { api } = local;
    const { entityId, inspectionId } = await planned(api);
    const { body: code } = await api.request('POST', `/inspections/${inspectionId}/code`, { as: supervisor });
    for (const id of ['lift-a', 'lift-b']) await api.request('PUT', `/inspectors/${id}`, { as: supervisor, body: inspectorBody(id, equipment) });
    const before = (await api.request('GET', '/stats')).body.visitsSaved;
    const second = await api.request('POST', '/inspections', {
      as: { role: 'supervisor', department: equipment },
      body: { ...inspectionBody(entityId, ['lift-a', 'lift-b'], [equipment], 2), items: ['Lift certificate'] },
    });
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ id: inspectionId, joined: true });
    expect(second.body.inspection.departments).toEqual([food, equipment]);
    expect(second.body.inspection.items).toEqual(['Kitchen hygiene', 'Food storage', 'Lift certificate']);
    expect(second.body.inspection.code).toBe(code.code);
    expect((await api.request('GET', '/stats')).body.visitsSaved).toBe(before + 1);
    const scan = await api.request('GET', `/c/${code.code}`, { headers: { accept: 'application/json' } });
    expect(scan.body.inspection.departments).toEqual([food, equipment]);
  });

  it('plans once per Idempotency-Key, however often the request is retried', async () => {
    const { api } = local;
    const { entityId, inspectorIds } = await planned(api);
    // A month later, so it does not overlap (and join) the visit planned() made.
    const send = () => api.request('POST', '/inspections', { as: supervisor, body: inspectionBody(entityId, inspectorIds, [food], 30), headers: { 'idempotency-key': 'plan-42' } });
    const first = await send();
    const retry = await send();
    expect([first.status, retry.status]).toEqual([201, 200]);
    expect(retry.body.id).toBe(first.body.id);
  });
});
