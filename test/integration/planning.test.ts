/** Planning an inspection by hand: who may inspect the company, and why the others may not, by the draw's own rule. */
import { describe, expect, it } from 'vitest';
import { companyCaller, inspectorCaller, supervisor, useLocalStack, type Caller } from '../support/api.ts';
import { entityBody, equipment, food, inspectionBody, inspectorBody } from '../support/fixtures.ts';

const local = useLocalStack();
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const window = `start=${day(20)}&end=${day(22)}`;

interface Judged {
  id: string;
  eligible: boolean;
  reasons: string[];
}

describe('who may inspect a company, for a plan', () => {
  it('gives each inspector of the department eligible or not, with every reason, and offers the segment’s items', async () => {
    const { api } = local;
    await api.request('PUT', '/entities/plan-co', { as: supervisor, body: entityBody('浦江餐饮 Pujiang Catering') });
    const inspectors: Record<string, ReturnType<typeof inspectorBody> & { recusals?: string[] }> = {
      'pl-ok-1': inspectorBody('Ok One'),
      'pl-ok-2': inspectorBody('Ok Two'),
      'pl-unqualified': { ...inspectorBody('Unqualified'), qualifications: ['special-equipment'] },
      'pl-elsewhere': { ...inspectorBody('Elsewhere'), district: 'Xuhui' },
      'pl-recused': { ...inspectorBody('Recused'), recusals: ['plan-co'] },
      'pl-last': inspectorBody('Last Time'),
      'pl-busy': inspectorBody('Busy'),
      'pl-equipment': inspectorBody('Equipment', equipment),
    };
    for (const [id, body] of Object.entries(inspectors)) expect((await api.request('PUT', `/inspectors/${id}`, { as: supervisor, body })).status).toBe(201);
    // Last time's inspector, as recording results leaves it; and one at the cap in the window: a visit planned and
    // 19 more a draw reserved.
    await local.stack.drawServices.store.setLastInspectors('plan-co', ['pl-last']);
    await api.request('PUT', '/entities/busy-co', { as: supervisor, body: entityBody('Busy Co') });
    expect((await api.request('POST', '/inspections', { as: supervisor, body: inspectionBody('busy-co', ['pl-busy', 'pl-ok-2'], [food], 21) })).status).toBe(201);
    await local.stack.drawServices.draws.reserveLoads('draw-busy', { start: day(20), end: day(22) }, { 'pl-busy': 19 });

    const reply = await api.request('GET', `/entities/plan-co/eligibility?departments=${food}&${window}`, { as: { role: 'supervisor', department: food } });
    expect(reply.status, reply.text).toBe(200);
    const judged = new Map((reply.body.inspectors as Judged[]).map((i) => [i.id, i]));
    expect(judged.get('pl-ok-1')).toMatchObject({ eligible: true, reasons: [] });
    expect(judged.get('pl-unqualified')).toMatchObject({ eligible: false, reasons: ['qualification'] });
    expect(judged.get('pl-elsewhere')).toMatchObject({ eligible: false, reasons: ['district'] });
    expect(judged.get('pl-recused')).toMatchObject({ eligible: false, reasons: ['recused'] });
    expect(judged.get('pl-last')).toMatchObject({ eligible: false, reasons: ['last-inspector'] });
    expect(judged.get('pl-busy')).toMatchObject({ eligible: false, reasons: ['workload'] });
    // Only the departments asked for; the eligible listed first.
    expect(judged.has('pl-equipment')).toBe(false);
    expect((reply.body.inspectors as Judged[])[0]!.eligible).toBe(true);
    expect(reply.body.entity).toMatchObject({ id: 'plan-co', segment: 'catering', district: 'Huangpu' });
    expect(reply.body.items).toContain('后厨卫生 Kitchen hygiene');

    // What a plan may do with each: another district, last time's and the busy one only with a justification.
    const standings = Object.fromEntries((reply.body.inspectors as Array<Judged & { standing: string }>).map((i) => [i.id, i.standing]));
    expect(standings).toMatchObject({ 'pl-ok-1': 'eligible', 'pl-elsewhere': 'needs-justification', 'pl-last': 'needs-justification', 'pl-busy': 'needs-justification', 'pl-recused': 'refused', 'pl-unqualified': 'refused' });
  });

  it('lists a joined visit for the inspectors the joining plan brings, as for those already on it', async () => {
    const { api } = local;
    await api.request('PUT', '/entities/plan-co-4', { as: supervisor, body: entityBody() });
    for (const id of ['jn-a', 'jn-b', 'jn-c']) expect((await api.request('PUT', `/inspectors/${id}`, { as: supervisor, body: inspectorBody(id) })).status).toBe(201);
    const first = await api.request('POST', '/inspections', { as: supervisor, body: inspectionBody('plan-co-4', ['jn-a', 'jn-b'], [food], 40) });
    // Asked first, the eligibility says which visit a plan in an overlapping window joins, and none after it.
    const ask = (start: number) => api.request('GET', `/entities/plan-co-4/eligibility?departments=${food}&start=${day(start)}&end=${day(start + 2)}`, { as: supervisor });
    expect((await ask(41)).body.joins).toMatchObject({ id: first.body.id, window: { start: day(40), end: day(42) }, contact: { name: 'Duty office' }, inspectors: [{ id: 'jn-a' }, { id: 'jn-b' }] });
    expect((await ask(43)).body.joins).toBeUndefined();
    const second = await api.request('POST', '/inspections', { as: supervisor, body: inspectionBody('plan-co-4', ['jn-a', 'jn-c'], [food], 41) });
    expect(first.status, first.text).toBe(201);
    expect(second.body).toMatchObject({ id: first.body.id, joined: true });
    for (const inspectorId of ['jn-a', 'jn-b', 'jn-c']) {
      const own = await api.request('GET', '/inspections', { as: inspectorCaller(inspectorId) });
      expect(own.body.items.map((i: { id: string }) => i.id), inspectorId).toContain(first.body.id);
    }
  });

  it('plans a new visit rather than join one whose code was revoked (that visit is cancelled)', async () => {
    const { api } = local;
    await api.request('PUT', '/entities/plan-co-3', { as: supervisor, body: entityBody() });
    const first = await api.request('POST', '/inspections', { as: supervisor, body: inspectionBody('plan-co-3', ['pl-ok-1', 'pl-ok-2'], [food], 30) });
    expect((await api.request('POST', `/inspections/${first.body.id}/code`, { as: supervisor, body: {} })).status).toBe(201);
    expect((await api.request('POST', `/inspections/${first.body.id}/code/revoke`, { as: supervisor, body: { reason: 'Company closed for renovation' } })).status).toBe(200);
    const second = await api.request('POST', '/inspections', { as: supervisor, body: inspectionBody('plan-co-3', ['pl-ok-1', 'pl-ok-2'], [food], 31) });
    expect(second.status, second.text).toBe(201);
    expect(second.body.joined).toBe(false);
    expect(second.body.id).not.toBe(first.body.id);
    // Its code is issued as any new visit's.
    expect((await api.request('POST', `/inspections/${second.body.id}/code`, { as: supervisor, body: {} })).status).toBe(201);
  });

  it('refuses to plan an inspector of another department, unqualified or recused, naming each and why, whoever plans', async () => {
    const { api } = local;
    await api.request('PUT', '/entities/rule-co', { as: supervisor, body: entityBody() });
    const people = {
      'rl-ok-1': inspectorBody('Rule Ok One'),
      'rl-ok-2': inspectorBody('Rule Ok Two'),
      'rl-unqualified': { ...inspectorBody('Rule Unqualified'), qualifications: ['drugs'] },
      'rl-recused': { ...inspectorBody('Rule Recused'), recusals: ['rule-co'] },
      'rl-equipment': inspectorBody('Rule Equipment', equipment),
    };
    for (const [id, body] of Object.entries(people)) expect((await api.request('PUT', `/inspectors/${id}`, { as: supervisor, body })).status).toBe(201);
    const body = { ...inspectionBody('rule-co', ['rl-ok-1', 'rl-unqualified', 'rl-recused', 'rl-equipment'], [food], 40), justification: 'We trust them' };
    // A city-wide supervisor neither: a justification sets aside no hard reason.
    const refused = await api.request('POST', '/inspections', { as: { role: 'supervisor', subject: 'city' }, body });
    expect(refused.status, refused.text).toBe(422);
    expect(refused.body.error.code).toBe('inspectors_rejected');
    expect(refused.body.error.details).toEqual([
      { inspectorId: 'rl-unqualified', name: 'Rule Unqualified', reasons: ['qualification'], reason: "not qualified for the company's segment" },
      { inspectorId: 'rl-recused', name: 'Rule Recused', reasons: ['recused'], reason: 'recused' },
      { inspectorId: 'rl-equipment', name: 'Rule Equipment', reasons: ['department'], reason: "not of the inspection's departments" },
    ]);
    expect(refused.body.error.message).toContain('Rule Recused (recused)');
    // Nothing was planned.
    expect((await api.request('GET', '/inspections?entityId=rule-co', { as: supervisor })).body.items).toEqual([]);
    expect((await api.request('POST', '/inspections', { as: supervisor, body: inspectionBody('rule-co', ['rl-ok-1', 'rl-ok-2'], [food], 40) })).status).toBe(201);
  });

  it('plans an inspector of another district or last time’s only with a written justification, kept on the record for staff', async () => {
    const { api } = local;
    await api.request('PUT', '/entities/soft-co', { as: supervisor, body: entityBody() });
    const people = { 'sf-ok': inspectorBody('Soft Ok'), 'sf-elsewhere': { ...inspectorBody('Soft Elsewhere'), district: 'Xuhui' }, 'sf-last': inspectorBody('Soft Last') };
    for (const [id, body] of Object.entries(people)) expect((await api.request('PUT', `/inspectors/${id}`, { as: supervisor, body })).status).toBe(201);
    await local.stack.drawServices.store.setLastInspectors('soft-co', ['sf-last']);
    const plan = inspectionBody('soft-co', ['sf-ok', 'sf-elsewhere', 'sf-last'], [food], 45);

    const unjustified = await api.request('POST', '/inspections', { as: supervisor, body: plan });
    expect(unjustified.status, unjustified.text).toBe(422);
    expect(unjustified.body.error.details).toEqual([
      { inspectorId: 'sf-elsewhere', name: 'Soft Elsewhere', reasons: ['district'], reason: 'works in another district: assign only with a written justification' },
      { inspectorId: 'sf-last', name: 'Soft Last', reasons: ['last-inspector'], reason: 'inspected it last time: assign only with a written justification' },
    ]);
    // The eligibility endpoint says the same: selectable with a justification.
    const judged = await api.request('GET', `/entities/soft-co/eligibility?departments=${food}&start=${day(45)}&end=${day(47)}`, { as: supervisor });
    const standing = new Map((judged.body.inspectors as Array<Judged & { standing: string }>).map((i) => [i.id, i.standing]));
    expect([standing.get('sf-ok'), standing.get('sf-elsewhere'), standing.get('sf-last')]).toEqual(['eligible', 'needs-justification', 'needs-justification']);

    const justification = '李强熟悉该厂烘焙线 Li knows this bakery line; follow-up of last visit.';
    const planned = await api.request('POST', '/inspections', { as: supervisor, body: { ...plan, justification } });
    expect(planned.status, planned.text).toBe(201);
    const read = await api.request('GET', `/inspections/${planned.body.id}`, { as: supervisor });
    expect(read.body.justifications).toEqual([
      {
        text: justification,
        inspectors: [
          { id: 'sf-elsewhere', name: 'Soft Elsewhere', reasons: ['district'] },
          { id: 'sf-last', name: 'Soft Last', reasons: ['last-inspector'] },
        ],
        by: 'sup-1',
        at: expect.any(String),
      },
    ]);
    // The company reads who comes, not the planner's reasoning.
    expect((await api.request('GET', `/inspections/${planned.body.id}`, { as: companyCaller('soft-co') })).body.justifications).toBeUndefined();
  });

  it('refuses a justification that is blank, too long or not text (400)', async () => {
    const { api } = local;
    const plan = inspectionBody('soft-co', ['sf-ok', 'sf-elsewhere'], [food], 50);
    for (const justification of ['   ', 'x'.repeat(1001), 42]) {
      const reply = await api.request('POST', '/inspections', { as: supervisor, body: { ...plan, justification } });
      expect(reply.status, reply.text).toBe(400);
      expect(reply.text).toContain('justification');
    }
  });

  it('refuses another department, other roles, an unknown company and a query that means nothing', async () => {
    const { api } = local;
    await api.request('PUT', '/entities/plan-co-2', { as: supervisor, body: entityBody() });
    const ask = (query: string, as: Caller = supervisor, entity = 'plan-co-2') => api.request('GET', `/entities/${entity}/eligibility?${query}`, { as });
    const otherDepartment = await ask(`departments=${food}&${window}`, { role: 'supervisor', department: equipment });
    expect(otherDepartment.status).toBe(403);
    expect((await ask(`departments=${food}&${window}`, inspectorCaller('pl-ok-1'))).status).toBe(403);
    expect((await ask(`departments=${food}&${window}`, supervisor, 'nobody')).status).toBe(404);
    const backwards = await ask(`departments=${food}&start=${day(5)}&end=${day(1)}`);
    expect(backwards.status).toBe(400);
    expect(backwards.text).toContain('ends before it starts');
    expect((await ask(`${window}`)).status).toBe(400);
    expect((await ask(`departments=&${window}`)).status).toBe(400);
    expect((await ask(`departments=${food},${food}&${window}`)).status).toBe(400);
    expect((await ask(`departments=${food}&start=2026-02-30&end=2026-03-02`)).status).toBe(400);
    // A plan is judged by the draw's defaults: no loosening them from the query.
    expect((await ask(`departments=${food}&${window}&crossDistrict=true`)).status).toBe(400);
  });
});
