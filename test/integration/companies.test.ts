/** The companies search, a company's grade history and its timeline of facts, as a supervisor's desk reads them. */
import { beforeAll, describe, expect, it } from 'vitest';
import { factId, type Fact } from '../../shared/facts/model.ts';
import type { GradeChange } from '../../shared/store/ports.ts';
import { DynamoImportSink } from '../../shared/store/dynamodb-import-sink.ts';
import type { DynamoRiskStore } from '../../shared/store/dynamodb-risk-store.ts';
import type { DynamoStore } from '../../shared/store/dynamodb-store.ts';
import { newClue } from '../../shared/warnings/clue.ts';
import { warningModels } from '../../shared/warnings/models.ts';
import { companyCaller, inspectorCaller, supervisor, useLocalStack } from '../support/api.ts';
import { equipment, food, validCreditCode } from '../support/fixtures.ts';
import { view } from '../support/views.ts';

const local = useLocalStack();

const codes = {
  pujiang: validCreditCode('91310101MA1AAAA01'),
  bund: validCreditCode('91310101MA1AAAA02'),
  harbour: validCreditCode('91310101MA1AAAA03'),
  xuhui: validCreditCode('91310104MA1AAAA04'),
  lifts: validCreditCode('91310115MA1AAAA05'),
};

const companies = [
  { id: 'co-1', name: '浦江小馆 Pujiang Bistro', creditCode: codes.pujiang, segment: 'catering', district: 'Huangpu' },
  { id: 'co-2', name: '外滩餐厅 Bund Dining', creditCode: codes.bund, segment: 'catering', district: 'Huangpu' },
  { id: 'co-3', name: '浦江面馆 Pujiang Noodles', creditCode: codes.harbour, segment: 'catering', district: 'Huangpu' },
  { id: 'co-4', name: '徐汇茶室 Xuhui Tea Room', creditCode: codes.xuhui, segment: 'catering', district: 'Xuhui' },
  { id: 'co-5', name: '申城电梯 Shencheng Lifts', creditCode: codes.lifts, segment: 'special-equipment', district: 'Pudong' },
];

const grading = (entityId: string, grade: 'A' | 'B' | 'C' | 'D', gradedAt: string, score: number): GradeChange => ({
  entityId,
  grade,
  score,
  coverage: 0.8,
  model: 'general',
  asOf: gradedAt.slice(0, 10),
  gradedAt,
  gradeChanged: true,
  explanation: { categories: [], costliest: [], noData: [] },
});

const fact = (entityId: string, kind: Fact['kind'], date: string, detail?: string): Fact => {
  const content = { entityId, kind, date, source: 'test', ...(detail ? { detail } : {}) };
  return { ...content, id: factId(content) };
};

const ids = (reply: { body: { items: { id: string }[] } }) => reply.body.items.map((item) => item.id);

beforeAll(async () => {
  const { api } = local;
  for (const { id, ...body } of companies) expect((await api.request('PUT', `/entities/${id}`, { as: supervisor, body })).status).toBe(201);
  const risk = local.stack.riskServices.risk as DynamoRiskStore;
  await risk.writeGrades([grading('co-1', 'B', '2026-01-10T18:00:00.000Z', 78)]);
  await risk.writeGrades([grading('co-1', 'D', '2026-06-10T18:00:00.000Z', 41), grading('co-2', 'A', '2026-06-10T18:00:00.000Z', 92), grading('co-3', 'D', '2026-06-10T18:00:00.000Z', 35)]);
  const store = local.stack.services.store as DynamoStore;
  const sink = new DynamoImportSink(store.client, store.tableName, () => '2026-06-11T00:00:00.000Z');
  await sink.write(
    [
      fact('co-1', 'inspection', '2026-03-02', 'routine'),
      fact('co-1', 'violation', '2026-03-02', 'pests'),
      fact('co-1', 'complaint', '2026-05-20'),
      fact('co-1', 'alert', '2026-06-01', 'rodent'),
      fact('co-1', 'sampling', '2025-11-15'),
    ].map((f) => ({ type: 'fact' as const, fact: f })),
  );
}, 60_000);

describe('searching the companies', () => {
  it('lists a district of a segment by id, page after page, each with its grade, score and as-of day', async () => {
    const { api } = local;
    const first = await api.request('GET', '/entities?segment=catering&district=Huangpu&limit=2', { as: supervisor });
    expect(first.status).toBe(200);
    expect(ids(first)).toEqual(['co-1', 'co-2']);
    expect(first.body.items[0]).toEqual({ id: 'co-1', creditCode: codes.pujiang, name: '浦江小馆 Pujiang Bistro', segment: 'catering', district: 'Huangpu', grade: 'D', score: 41, asOf: '2026-06-10' });
    const second = await api.request('GET', `/entities?segment=catering&district=Huangpu&limit=2&cursor=${first.body.cursor}`, { as: supervisor });
    expect(ids(second)).toEqual(['co-3']);
    expect(second.body.cursor).toBeUndefined();
  });

  it('finds companies by part of the name and by grade', async () => {
    const { api } = local;
    const byName = await api.request('GET', `/entities?segment=catering&name=${encodeURIComponent('浦江')}`, { as: supervisor });
    expect(ids(byName)).toEqual(['co-1', 'co-3']);
    const byGrade = await api.request('GET', '/entities?segment=catering&grade=D&limit=1', { as: supervisor });
    expect(ids(byGrade)).toEqual(['co-1']);
    const rest = await api.request('GET', `/entities?segment=catering&grade=D&limit=1&cursor=${byGrade.body.cursor}`, { as: supervisor });
    expect(ids(rest)).toEqual(['co-3']);
  });

  it('walks every segment when none is chosen, and reads a credit code straight from its company, however it was typed', async () => {
    const { api } = local;
    const everything: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await api.request('GET', `/entities?limit=3${cursor ? `&cursor=${cursor}` : ''}`, { as: supervisor });
      expect(page.status).toBe(200);
      everything.push(...ids(page));
      cursor = page.body.cursor;
    } while (cursor);
    expect(everything.filter((id) => id.startsWith('co-'))).toEqual(['co-1', 'co-2', 'co-3', 'co-4', 'co-5']);

    const typed = ` ${codes.lifts.slice(0, 9).toLowerCase()} ${codes.lifts.slice(9)} `;
    const byCode = await api.request('GET', `/entities?creditCode=${encodeURIComponent(typed)}`, { as: supervisor });
    expect(ids(byCode)).toEqual(['co-5']);
    expect(byCode.body.cursor).toBeUndefined();
  });

  it('finds an imported company by its credit code, the later of two rows sharing one in a batch', async () => {
    const store = local.stack.services.store as DynamoStore;
    const sink = new DynamoImportSink(store.client, store.tableName, () => '2026-06-11T00:00:00.000Z');
    const shared = validCreditCode('91310106MA1AAAA06');
    await sink.write([
      { type: 'entity', id: 'imp-1', entity: { name: '静安书店 Jing\'an Books', creditCode: shared, segment: 'services', district: "Jing'an" } },
      { type: 'entity', id: 'imp-2', entity: { name: '静安花店 Jing\'an Flowers', creditCode: shared, segment: 'services', district: "Jing'an" } },
    ]);
    expect(ids(await local.api.request('GET', `/entities?creditCode=${shared}`, { as: supervisor }))).toEqual(['imp-2']);
  });

  it("shows a department's supervisor only its own segments' companies, and refuses another's segment", async () => {
    const { api } = local;
    const foodChief = { role: 'supervisor' as const, department: food };
    const all = await api.request('GET', '/entities?limit=100', { as: foodChief });
    expect(ids(all)).toEqual(['co-1', 'co-2', 'co-3', 'co-4']);
    const refused = await api.request('GET', '/entities?segment=special-equipment', { as: foodChief });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain('food-safety');
    expect((await api.request('GET', `/entities?creditCode=${codes.lifts}`, { as: foodChief })).body.items).toEqual([]);
    const equipmentChief = { role: 'supervisor' as const, department: equipment };
    expect(ids(await api.request('GET', '/entities', { as: equipmentChief }))).toEqual(['co-5']);
  });

  it('refuses what is not a search: other roles, unknown grades, bad codes, limits and cursors', async () => {
    const { api } = local;
    expect((await api.request('GET', '/entities', { as: inspectorCaller('insp-x') })).status).toBe(403);
    expect((await api.request('GET', '/entities', { as: companyCaller('co-1') })).status).toBe(403);
    expect((await api.request('GET', '/entities')).status).toBe(401);
    const badGrade = await api.request('GET', '/entities?grade=E', { as: supervisor });
    expect(badGrade.status).toBe(400);
    expect(badGrade.body.error.details[0].path).toBe('grade');
    expect((await api.request('GET', '/entities?creditCode=91310101MA1AAAA010', { as: supervisor })).status).toBe(400);
    expect((await api.request('GET', '/entities?limit=0', { as: supervisor })).status).toBe(400);
    expect((await api.request('GET', '/entities?colour=red', { as: supervisor })).status).toBe(400);
    expect((await api.request('GET', '/entities?cursor=%%%', { as: supervisor })).status).toBe(422);
    const otherSegment = Buffer.from(JSON.stringify({ segment: 'special-equipment' })).toString('base64url');
    expect((await api.request('GET', `/entities?segment=catering&cursor=${otherSegment}`, { as: supervisor })).status).toBe(422);
    const forged = Buffer.from(JSON.stringify({ segment: 'catering', after: 'eyJ4IjoxfQ' })).toString('base64url');
    expect((await api.request('GET', `/entities?segment=catering&cursor=${forged}`, { as: supervisor })).status).toBe(422);
  });
});

describe("a company's past", () => {
  it('keeps every change of grade, newest first, page by page', async () => {
    const { api } = local;
    const first = await api.request('GET', '/entities/co-1/grades?limit=1', { as: supervisor });
    expect(first.status).toBe(200);
    expect(first.body.items).toEqual([{ at: '2026-06-10T18:00:00.000Z', grade: 'D', score: 41, coverage: 0.8, model: 'general', asOf: '2026-06-10' }]);
    const second = await api.request('GET', `/entities/co-1/grades?limit=1&cursor=${first.body.cursor}`, { as: supervisor });
    expect(second.body.items.map((g: { grade: string }) => g.grade)).toEqual(['B']);
    expect((await api.request('GET', '/entities/co-1/grades', { as: companyCaller('co-1') })).status).toBe(200);
    expect((await api.request('GET', '/entities/co-1/grades', { as: companyCaller('co-2') })).status).toBe(404);
    expect((await api.request('GET', '/entities/nobody/grades', { as: supervisor })).status).toBe(404);
  });

  it('merges facts of every kind into one timeline, newest first, page by page', async () => {
    const { api } = local;
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await api.request('GET', `/entities/co-1/facts?limit=2${cursor ? `&cursor=${cursor}` : ''}`, { as: supervisor });
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((f: Fact) => `${f.date} ${f.kind}`));
      cursor = page.body.cursor;
    } while (cursor);
    expect(seen).toEqual(['2026-06-01 alert', '2026-05-20 complaint', '2026-03-02 inspection', '2026-03-02 violation', '2025-11-15 sampling']);

    const violations = await api.request('GET', '/entities/co-1/facts?kind=violation', { as: supervisor });
    expect(violations.body.items.map((f: Fact) => f.detail)).toEqual(['pests']);
    expect(violations.body.cursor).toBeUndefined();
    expect((await api.request('GET', '/entities/co-1/facts?kind=weather', { as: supervisor })).status).toBe(400);
    const allKinds = Buffer.from(JSON.stringify({ alert: 0 })).toString('base64url');
    expect((await api.request('GET', `/entities/co-1/facts?kind=violation&cursor=${allKinds}`, { as: supervisor })).status).toBe(422);
    expect((await api.request('GET', '/entities/co-2/facts', { as: companyCaller('co-1') })).status).toBe(404);
  });

  it("lists its warning clues of every status, newest first, to the supervisors of its segment", async () => {
    const { api, stack } = local;
    const model = (id: string) => warningModels().find((m) => m.id === id)!;
    const co1 = view({ id: 'co-1', segment: 'catering' });
    const older = newClue(model('licence-lapsed'), co1, [], '2026-05-01', '2026-05-01T02:00:00.000Z');
    const newer = newClue(model('complaint-surge'), co1, [], '2026-06-02', '2026-06-02T02:00:00.000Z');
    for (const clue of [older, newer]) expect((await stack.riskServices.risk.createClue(clue)).created).toBe(true);
    // The same firing again in its window is the clue already stored, not a second one.
    expect(await stack.riskServices.risk.createClue(newer)).toMatchObject({ created: false, existing: { id: newer.id } });
    expect((await api.request('POST', `/warnings/${older.id}/transition`, { as: supervisor, body: { to: 'closed', note: 'licence renewed' } })).status).toBe(200);

    const first = await api.request('GET', '/entities/co-1/warnings?limit=1', { as: supervisor });
    expect(first.status).toBe(200);
    expect(first.body.items.map((c: { id: string; status: string }) => `${c.id} ${c.status}`)).toEqual([`${newer.id} open`]);
    const second = await api.request('GET', `/entities/co-1/warnings?limit=1&cursor=${first.body.cursor}`, { as: supervisor });
    expect(second.body.items.map((c: { id: string; status: string }) => `${c.id} ${c.status}`)).toEqual([`${older.id} closed`]);
    expect((await api.request('GET', '/entities/co-1/warnings', { as: { role: 'supervisor', department: equipment } })).status).toBe(403);
    expect((await api.request('GET', '/entities/co-1/warnings', { as: { role: 'supervisor', department: food } })).body.items).toHaveLength(2);
    expect((await api.request('GET', '/entities/co-1/warnings', { as: companyCaller('co-1') })).status).toBe(403);
    expect((await api.request('GET', '/entities/nobody/warnings', { as: supervisor })).status).toBe(404);
  });
});
