/** Who sees which inspections in lists, page by page; and the reviewer opening a company's evidence. */
import { describe, expect, it } from 'vitest';
import { companyCaller, inspectorCaller, supervisor, useLocalStack, type Caller } from '../support/api.ts';
import { entityBody, equipment, food, inspectionBody, inspectorBody } from '../support/fixtures.ts';

const local = useLocalStack();

async function company(id: string, plans: { inspectors: string[]; departments: string[]; startInDays: number }[]) {
  const { api } = local;
  await api.request('PUT', `/entities/${id}`, { as: supervisor, body: entityBody(id) });
  const ids: string[] = [];
  for (const plan of plans) {
    const created = await api.request('POST', '/inspections', { as: supervisor, body: inspectionBody(id, plan.inspectors, plan.departments, plan.startInDays) });
    expect(created.status).toBe(201);
    ids.push(created.body.id);
  }
  return ids;
}

describe('listing inspections', () => {
  it('gives each role its own list, latest window first, page by page', async () => {
    const { api } = local;
    for (const [id, department] of [['l-food-1', food], ['l-food-2', food], ['l-eq-1', equipment], ['l-eq-2', equipment]] as const) {
      await api.request('PUT', `/inspectors/${id}`, { as: supervisor, body: inspectorBody(id, department) });
    }
    const [early, late] = await company('list-co-a', [
      { inspectors: ['l-food-1', 'l-food-2'], departments: [food], startInDays: 3 },
      { inspectors: ['l-food-1', 'l-eq-1'], departments: [food, equipment], startInDays: 10 },
    ]);
    const [equipmentOnly] = await company('list-co-a-eq', [{ inspectors: ['l-eq-1', 'l-eq-2'], departments: [equipment], startInDays: 5 }]);
    await company('list-co-b', [{ inspectors: ['l-food-2', 'l-food-1'], departments: [food], startInDays: 1 }]);

    const assignments = await api.request('GET', '/inspections', { as: inspectorCaller('l-eq-1') });
    expect(assignments.body.items.map((i: { id: string }) => i.id)).toEqual([late, equipmentOnly]);

    const own = await api.request('GET', '/inspections', { as: companyCaller('list-co-a') });
    expect(own.body.items.map((i: { id: string }) => i.id)).toEqual([late, early]);

    const first = await api.request('GET', '/inspections?entityId=list-co-a&limit=1', { as: supervisor });
    expect(first.body.items.map((i: { id: string }) => i.id)).toEqual([late]);
    const second = await api.request('GET', `/inspections?entityId=list-co-a&limit=1&cursor=${first.body.cursor}`, { as: supervisor });
    expect(second.body.items.map((i: { id: string }) => i.id)).toEqual([early]);

    const equipmentSupervisor = { role: 'supervisor' as const, department: equipment };
    const filtered = await api.request('GET', '/inspections?entityId=list-co-a', { as: equipmentSupervisor });
    expect(filtered.body.items.map((i: { id: string }) => i.id)).toEqual([late]);
  });

  it("lists a supervisor's open inspections by due day: overdue, due this week, this week; counts them; keeps departments apart", async () => {
    const { api } = local;
    for (const [id, department] of [['d-food-1', food], ['d-food-2', food], ['d-eq-1', equipment], ['d-eq-2', equipment]] as const) {
      await api.request('PUT', `/inspectors/${id}`, { as: supervisor, body: inspectorBody(id, department) });
    }
    // Ended three days ago without results (overdue), under way now, and far ahead; one of special equipment's.
    const [overdue] = await company('due-co-late', [{ inspectors: ['d-food-1', 'd-food-2'], departments: [food], startInDays: -5 }]);
    const [now] = await company('due-co-now', [{ inspectors: ['d-food-1', 'd-food-2'], departments: [food], startInDays: 0 }]);
    const [later] = await company('due-co-later', [{ inspectors: ['d-food-1', 'd-food-2'], departments: [food], startInDays: 40 }]);
    const [equipments] = await company('due-co-eq', [{ inspectors: ['d-eq-1', 'd-eq-2'], departments: [equipment], startInDays: -5 }]);
    const foodSupervisor = { role: 'supervisor' as const, department: food };
    const equipmentSupervisor = { role: 'supervisor' as const, department: equipment };
    const ids = async (query: string, as: Caller = foodSupervisor) => {
      const reply = await api.request('GET', `/inspections?${query}`, { as });
      expect(reply.status, reply.text).toBe(200);
      return reply.body.items.map((i: { id: string }) => i.id) as string[];
    };

    // Open ones soonest due first: the overdue lead; each department sees its own.
    const open = await ids('limit=100');
    expect(open.indexOf(overdue!)).toBeLessThan(open.indexOf(now!));
    expect(open.indexOf(now!)).toBeLessThan(open.indexOf(later!));
    expect(open).not.toContain(equipments);
    expect(await ids('due=overdue')).toEqual([overdue]);
    expect(await ids('due=overdue', equipmentSupervisor)).toEqual([equipments]);
    expect(await ids('due=this-week')).toContain(now);
    expect(await ids('due=this-week')).not.toContain(later);
    expect(await ids('status=closed')).toEqual([]);
    expect(await ids('due=overdue&department=special-equipment', supervisor)).toEqual([equipments]);
    // Page by page through the index (a page the department filter emptied still has its cursor).
    const paged: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await api.request('GET', `/inspections?limit=1${cursor ? `&cursor=${cursor}` : ''}`, { as: foodSupervisor });
      paged.push(...page.body.items.map((i: { id: string }) => i.id));
      cursor = page.body.cursor;
    } while (cursor);
    expect(paged).toEqual(open);

    const counts = await api.request('GET', '/inspections/counts', { as: foodSupervisor });
    expect(counts.status).toBe(200);
    expect(counts.body).toMatchObject({ overdue: 1, department: food });
    expect(counts.body.thisWeek).toBeGreaterThanOrEqual(1);
    expect(counts.body.week.end).toBe(new Date(Date.parse(counts.body.week.start) + 6 * 86_400_000).toISOString().slice(0, 10));
    expect((await api.request('GET', '/inspections/counts', { as: supervisor })).body.overdue).toBe(2);

    // Another department's list is refused, and what is not a filter is said so.
    const refused = await api.request('GET', '/inspections?department=food-safety', { as: equipmentSupervisor });
    expect(refused.status).toBe(403);
    expect((await api.request('GET', '/inspections/counts?department=food-safety', { as: equipmentSupervisor })).status).toBe(403);
    expect((await api.request('GET', '/inspections?due=someday', { as: foodSupervisor })).status).toBe(400);
    expect((await api.request('GET', '/inspections/counts', { as: inspectorCaller('d-food-1') })).status).toBe(403);
  });

  it('lists a visit whose code was revoked as cancelled, not overdue nor counted, until a new code reopens it', async () => {
    const { api } = local;
    const foodSupervisor = { role: 'supervisor' as const, department: food };
    const ids = async (query: string) => (await api.request('GET', `/inspections?${query}`, { as: foodSupervisor })).body.items.map((i: { id: string }) => i.id) as string[];
    const counts = async () => (await api.request('GET', '/inspections/counts', { as: foodSupervisor })).body;
    const [called] = await company('due-co-called-off', [{ inspectors: ['d-food-1', 'd-food-2'], departments: [food], startInDays: -5 }]);
    expect((await api.request('POST', `/inspections/${called}/code`, { as: supervisor })).status).toBe(201);
    const before = await counts();
    expect(await ids('due=overdue')).toContain(called);

    const revoked = await api.request('POST', `/inspections/${called}/code/revoke`, { as: supervisor, body: { reason: 'Plan changed' } });
    expect(revoked.status).toBe(200);
    expect(await ids('limit=100')).not.toContain(called);
    expect(await ids('due=overdue')).not.toContain(called);
    expect(await ids('status=cancelled')).toEqual([called]);
    expect(await counts()).toMatchObject({ overdue: before.overdue - 1, thisWeek: before.thisWeek - 1 });
    // Revoking again changes nothing; a new code undoes the cancellation.
    expect((await api.request('POST', `/inspections/${called}/code/revoke`, { as: supervisor, body: { reason: 'Plan changed' } })).status).toBe(200);
    expect((await api.request('POST', `/inspections/${called}/code`, { as: supervisor, body: { reissue: true } })).status).toBe(201);
    expect(await ids('status=cancelled')).toEqual([]);
    expect(await ids('due=overdue')).toContain(called);
  });

  it('refuses a cursor that does not continue the list', async () => {
    const { api } = local;
    const forged = Buffer.from(JSON.stringify({ gsi1pk: 'ENTITY#someone-else', gsi1sk: 'x', pk: 'x', sk: 'x' })).toString('base64url');
    expect((await api.request('GET', `/inspections?entityId=list-co-a&cursor=${forged}`, { as: supervisor })).status).toBe(422);
    expect((await api.request('GET', '/inspections?entityId=list-co-a&cursor=%%%', { as: supervisor })).status).toBe(422);
    expect((await api.request('GET', '/inspections?limit=1000', { as: companyCaller('x') })).status).toBe(400);
  });

  it("hands the reviewing inspector a link that opens the company's evidence", async () => {
    const { api } = local;
    await api.request('PUT', '/inspectors/ev-1', { as: supervisor, body: inspectorBody('ev-1') });
    await api.request('PUT', '/inspectors/ev-2', { as: supervisor, body: inspectorBody('ev-2') });
    const [inspectionId] = await company('evidence-co', [{ inspectors: ['ev-1', 'ev-2'], departments: [food], startInDays: 0 }]);
    await api.request('POST', `/inspections/${inspectionId}/results`, {
      as: inspectorCaller('ev-1'),
      body: { outcome: 'rectify', findings: [{ item: 'x', description: 'y', severity: 'minor', guidance: 'z', deadline: '2030-01-01' }] },
    });
    const photo = Buffer.from('a photo of the fixed shelf');
    const submitted = await api.request('POST', `/inspections/${inspectionId}/rectifications`, {
      as: companyCaller('evidence-co'),
      body: { note: 'Fixed', files: [{ name: 'shelf.jpg', contentType: 'image/jpeg', size: photo.length }] },
    });
    const [upload] = submitted.body.uploads;
    expect((await fetch(upload.url, { method: 'PUT', headers: upload.headers, body: photo })).status).toBe(200);

    const read = await api.request('GET', `/inspections/${inspectionId}`, { as: inspectorCaller('ev-1') });
    const [file] = read.body.rectifications[0].evidence;
    const downloaded = await fetch(file.downloadUrl);
    expect(Buffer.from(await downloaded.arrayBuffer()).toString()).toBe('a photo of the fixed shelf');
  });
});
