/**
 * The edges of the API as a browser, a chat app or a forger meets them: repeated parameters as API Gateway joins
 * them, scan links with what chat apps paste around them, undecodable paths, forged cursors, records too large to
 * store. Never a 500, and a browser always gets a page.
 */
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../shared/domain-error.ts';
import type { DynamoRiskStore } from '../../shared/store/dynamodb-risk-store.ts';
import { inspectionBody, planned } from '../support/fixtures.ts';
import { companyCaller, inspectorCaller, supervisor, useLocalStack } from '../support/api.ts';

const local = useLocalStack();
const browser = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8', 'accept-language': 'zh-CN,zh;q=0.9' };

async function issuedCode() {
  const fixture = await planned(local.api);
  const { body } = await local.api.request('POST', `/inspections/${fixture.inspectionId}/code`, { as: supervisor });
  return { ...fixture, code: body.code as string };
}

describe('a repeated query parameter, joined by API Gateway', () => {
  it('gives the English page for ?lang=en&lang=en, as it must on AWS', async () => {
    const { code } = await issuedCode();
    const reply = await local.api.request('GET', `/c/${code}?lang=en&lang=en`, { headers: browser });
    expect(reply.status).toBe(200);
    expect(reply.text).toContain('<html lang="en">');
  });

  it('counts the last of two different values', async () => {
    const { code } = await issuedCode();
    expect((await local.api.request('GET', `/c/${code}?lang=en&lang=zh-CN`, { headers: browser })).text).toContain('<html lang="zh-CN">');
  });
});

describe('a scan link as pasted from chat', () => {
  it.each([
    ['a trailing slash', (code: string) => `${code}/`],
    ['an ideographic full stop', (code: string) => `${code}${encodeURIComponent('。')}`],
    ['a trailing space', (code: string) => `${code}%20`],
    ['a closing bracket', (code: string) => `${code})`],
    ['full-width brackets around it', (code: string) => `${encodeURIComponent('（')}${code}${encodeURIComponent('）')}`],
  ])('with %s still opens the code page', async (_what, pasted) => {
    const { code } = await issuedCode();
    const reply = await local.api.request('GET', `/c/${pasted(code)}`, { headers: browser });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toMatch(/text\/html/);
    expect(reply.text).toContain('role="status"');
  });

  it.each(['not%20a%20code', 'abc/def/', '%E6%97%A0%E6%95%88', 'x'.repeat(65)])('"%s" gives a browser the unknown-code page with whom to ask', async (path) => {
    const reply = await local.api.request('GET', `/c/${path}`, { headers: browser });
    expect(reply.status).toBe(404);
    expect(reply.headers.get('content-type')).toMatch(/text\/html/);
    expect(reply.text).toMatch(/<h1>✗ 未找到此检查码<\/h1>/);
    expect(reply.text).toContain('href="tel:12315"');
  });

  it('still answers JSON clients with JSON', async () => {
    const { code } = await issuedCode();
    const found = await local.api.request('GET', `/c/${code}/`, { headers: { accept: 'application/json' } });
    expect(found.status).toBe(200);
    expect(found.body.registered).toBe(true);
    const malformed = await local.api.request('GET', '/c/not%20a%20code', { headers: { accept: 'application/json' } });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('invalid_path');
  });
});

describe('a path that does not decode', () => {
  it.each(['/c/%ff', '/inspections/%ff', '/inspections/%', '/entities/%E4%B8'])('%s is refused with a 400, never a 500', async (path) => {
    const reply = await local.api.request('GET', path, { as: supervisor });
    expect(reply.status).toBe(400);
  });
});

describe('a forged cursor', () => {
  const forge = (key: unknown) => Buffer.from(JSON.stringify(key)).toString('base64url');
  it.each([
    ['only the partition key', (e: string) => forge({ gsi1pk: `ENTITY#${e}` })],
    ['a key of another list', (e: string) => forge({ gsi1pk: `ENTITY#${e}`, gsi1sk: 'ASSIGNMENT#x', pk: 'INSPECTION#x', sk: 'INSPECTION' })],
    ['an extra attribute', (e: string) => forge({ gsi1pk: `ENTITY#${e}`, gsi1sk: 'INSPECTION#x', pk: 'INSPECTION#x', sk: 'INSPECTION', more: 'x' })],
    ['an empty key value', (e: string) => forge({ gsi1pk: `ENTITY#${e}`, gsi1sk: 'INSPECTION#x', pk: '', sk: 'INSPECTION' })],
    ['a number for a key', (e: string) => forge({ gsi1pk: `ENTITY#${e}`, gsi1sk: 'INSPECTION#x', pk: 1, sk: 'INSPECTION' })],
    ['an array', () => forge(['x'])],
    ['garbage', () => '%%%'],
  ])('with %s is refused as invalid_cursor, never a 500', async (_what, cursor) => {
    const { entityId } = await planned(local.api);
    const reply = await local.api.request('GET', `/inspections?entityId=${entityId}&cursor=${encodeURIComponent(cursor(entityId))}`, { as: supervisor });
    expect(reply.status).toBe(422);
    expect(reply.body.error.code).toBe('invalid_cursor');
  });

  it('a real cursor still continues the list', async () => {
    const { entityId, inspectorIds } = await planned(local.api);
    expect((await local.api.request('POST', '/inspections', { as: supervisor, body: inspectionBody(entityId, inspectorIds, undefined, 30) })).status).toBe(201);
    const first = await local.api.request('GET', `/inspections?entityId=${entityId}&limit=1`, { as: supervisor });
    expect(first.body.cursor).toBeDefined();
    expect((await local.api.request('GET', `/inspections?entityId=${entityId}&limit=1&cursor=${first.body.cursor}`, { as: supervisor })).status).toBe(200);
  });
});

describe('a record larger than DynamoDB stores', () => {
  it('is refused at the edge, naming the limit, before it could reach the store: never a 500 to retry', async () => {
    const { entityId, inspectionId, inspectorIds } = await planned(local.api);
    await local.api.request('POST', `/inspections/${inspectionId}/check-in`, { as: companyCaller(entityId) });
    const long = (n: number) => `${n} ${'油烟机清洁不到位'.repeat(150)}`;
    const findings = Array.from({ length: 120 }, (_, n) => ({ item: `Item ${n}`, description: long(n), severity: 'minor', guidance: long(n), deadline: '2031-01-01' }));
    const reply = await local.api.request('POST', `/inspections/${inspectionId}/results`, { as: inspectorCaller(inspectorIds[0]!), body: { outcome: 'rectify', findings } });
    expect(reply.status).toBe(400);
    expect(JSON.stringify(reply.body.error.details)).toMatch(/At most \d+ findings/);
  });

  it('is refused by the store whatever the schemas let through', async () => {
    const { inspectionId } = await planned(local.api);
    const current = (await local.stack.services.store.getInspection(inspectionId))!;
    const bloated = { ...current, version: current.version + 1, items: Array.from({ length: 500 }, (_, n) => `${n} ${'x'.repeat(1000)}`) };
    const refused = await local.stack.services.store.saveInspection(bloated, current).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as DomainError).kind).toBe('too-large');
    expect((refused as DomainError).message).toContain('items');
  });
});

describe("the day a grade changed, as the rules read it", () => {
  it("is the authority's day: a run at 00:30 in Shanghai changes the grade on that Shanghai day", async () => {
    const { entityId } = await planned(local.api);
    const risk = local.stack.riskServices.risk as DynamoRiskStore;
    await risk.writeGrades([{ entityId, grade: 'C', score: 60, model: 'general', gradedAt: '2024-04-09T16:30:00.000Z', coverage: 1, asOf: '2024-04-10', gradeChanged: true, explanation: { categories: [], costliest: [], noData: [] } }]);
    const [seen] = await risk.entityViews([entityId], 'Asia/Shanghai');
    expect(seen!.grades).toEqual([{ grade: 'C', at: '2024-04-09T16:30:00.000Z', on: '2024-04-10' }]);
  });
});
