/**
 * The risk side's closed loop on the local stack: a camera's rodent alert becomes a clue in the queue and,
 * repeated, a trigger inspection with a code that scans; a supervisor works the clue to closed; the sweeps and the
 * event path never make the same trigger inspection twice.
 */
import { describe, expect, it } from 'vitest';
import { localDay } from '../../shared/dates.ts';
import { evaluateEntities, runRiskJob } from '../../shared/risk/jobs.ts';
import { escalateOverdue } from '../../shared/warnings/service.ts';
import { companyCaller, supervisor, useLocalStack } from '../support/api.ts';
import type { S3FileStore } from '../../shared/store/s3-file-store.ts';
import { inspectorBody, validCreditCode } from '../support/fixtures.ts';

const local = useLocalStack();
const device = { role: 'device' as const, deviceId: 'cam-box-1', subject: 'device-cam-box-1' };
const today = () => localDay(new Date(), 'Asia/Shanghai');
const rodentAlert = (reference: string, entityId = 'maker-1') => ({
  reference,
  entityId,
  cameraId: 'kitchen-1',
  type: 'rodent',
  at: new Date(Date.now() - 60_000).toISOString(),
  evidence: { contentType: 'image/jpeg', size: 4 },
});

async function registerMaker(entityId: string, name: string) {
  const { api, stack } = local;
  await api.request('PUT', `/entities/${entityId}`, { as: supervisor, body: { name, creditCode: validCreditCode('91310104MA1K3YJ12'), segment: 'food-production', district: 'Huangpu' } });
  // The grade is the scoring's to give; an A-grade maker is what trigger supervision watches.
  await stack.services.store.setGrade(entityId, 'A');
}

describe('warnings, alerts and trigger inspections', () => {
  it('turns a rodent alert into a clue, and a repeated one into a trigger inspection whose code scans', async () => {
    const { api, stack } = local;
    await registerMaker('maker-1', '东湖食品有限公司 Donghu Foods');
    for (const id of ['fs-1', 'fs-2', 'fs-3']) {
      await api.request('PUT', `/inspectors/${id}`, { as: supervisor, body: { ...inspectorBody(`Food ${id}`), qualifications: ['food-production'] } });
    }
    const registered = await api.request('PUT', '/devices/cam-box-1', { as: supervisor, body: { name: 'Kitchen AI box', entityId: 'maker-1', cameras: ['kitchen-1'] } });
    expect(registered.status).toBe(201);

    const first = await api.request('POST', '/alerts', { as: device, body: rodentAlert('evt-0001') });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ status: 'open', deferred: false, upload: { method: 'PUT' } });
    const uploaded = await fetch(first.body.upload.url, { method: 'PUT', headers: first.body.upload.headers, body: 'jpeg' });
    expect(uploaded.status).toBe(200);
    await stack.jobs.idle();

    const queue = await api.request('GET', '/warnings?model=rodent-sighting', { as: supervisor });
    expect(queue.status).toBe(200);
    const [clue] = queue.body.items.filter((c: { entityId: string }) => c.entityId === 'maker-1');
    expect(clue).toMatchObject({ status: 'open', severity: 'high', modelName: { en: 'Rodent in the kitchen' }, evidence: [{ facts: [{ kind: 'alert', detail: 'rodent' }] }] });
    expect(stack.events.published.some((e) => e.type === 'clue.opened' && e.detail.id === clue.id)).toBe(true);
    // One alert is not yet a trigger.
    expect((await api.request('GET', '/inspections?entityId=maker-1', { as: supervisor })).body.items).toHaveLength(0);

    const replay = await api.request('POST', '/alerts', { as: device, body: rodentAlert('evt-0001') });
    expect(replay.status).toBe(200);
    expect(replay.body.id).toBe(first.body.id);

    const second = await api.request('POST', '/alerts', { as: device, body: rodentAlert('evt-0002') });
    expect(second.status).toBe(201);
    await stack.jobs.idle();

    const { body: planned } = await api.request('GET', '/inspections?entityId=maker-1', { as: supervisor });
    expect(planned.items).toHaveLength(1);
    // The company's list says why this visit happens: the trigger that fired, and when.
    expect(planned.items[0].trigger).toEqual({ id: 'repeated-kitchen-alerts', name: expect.objectContaining({ en: 'Repeated smart-kitchen alerts' }), firedOn: today() });
    const inspection = (await api.request('GET', `/inspections/${planned.items[0].id}`, { as: supervisor })).body;
    expect(inspection).toMatchObject({ status: 'scheduled', departments: ['food-safety'], trigger: { id: 'repeated-kitchen-alerts' }, createdBy: 'trigger:repeated-kitchen-alerts' });
    expect(inspection.inspectors).toHaveLength(2);
    expect(inspection.window.start > today()).toBe(true);
    const scan = await api.request('GET', `/c/${inspection.code}`, { headers: { accept: 'application/json' } });
    expect(scan.status).toBe(200);
    expect(scan.body.inspection.entityName).toContain('Donghu Foods');
    expect(stack.events.published.some((e) => e.type === 'trigger.fired' && e.detail.inspectionId === inspection.id)).toBe(true);

    // Still one clue for the week (the replay and the second alert did not add any), and one alert counted per alert.
    const clues = (await api.request('GET', '/warnings?model=rodent-sighting', { as: supervisor })).body.items.filter((c: { entityId: string }) => c.entityId === 'maker-1');
    expect(clues).toHaveLength(1);
    // ...but the clue shows both sightings: it opened on the first, and the second is evidence of the same case.
    expect(clues[0].evidence).toEqual([expect.objectContaining({ said: expect.objectContaining({ code: 'events', count: 2 }), facts: [expect.anything(), expect.anything()] })]);
    expect(clues[0].history).toHaveLength(1);
    const stats = (await api.request('GET', '/stats')).body;
    expect(stats.alerts.byType.rodent).toBe(2);
    expect(stats.triggerInspections).toMatchObject({ total: 1, byTrigger: { 'repeated-kitchen-alerts': 1 } });
    expect(stats.clues.byModel['rodent-sighting']).toBe(1);
  });

  it('makes one trigger inspection however often and however concurrently the event path and the sweep look', async () => {
    const { api, stack } = local;
    const services = stack.riskServices;
    await Promise.all([
      ...Array.from({ length: 4 }, () => evaluateEntities(services, ['maker-1'], today())),
      runRiskJob(services, { kind: 'sweep-start', sweep: 'triggers', segments: 3 }),
      runRiskJob(services, { kind: 'sweep-start', sweep: 'warnings', segments: 2 }),
    ]);
    await stack.jobs.idle();
    expect((await api.request('GET', '/inspections?entityId=maker-1', { as: supervisor })).body.items).toHaveLength(1);
    const stats = (await api.request('GET', '/stats')).body;
    expect(stats.triggerInspections.total).toBe(1);
    expect(stack.events.published.filter((e) => e.type === 'trigger.fired')).toHaveLength(1);
    expect(stats.clues.byModel['rodent-sighting']).toBe(1);
  });

  it('evaluates imported facts as each chunk lands: a failed sample opens a clue and a trigger inspection at once', async () => {
    const { api, stack } = local;
    await (stack.services.files as S3FileStore).putText(
      'imports/sampling-results/lab-2030.csv',
      `entityId,sampleNo,product,date,result\nmaker-1,S-77,酸奶 Yoghurt,${today()},fail\n`,
      'text/csv',
    );
    await stack.jobs.send([{ kind: 'import', key: 'imports/sampling-results/lab-2030.csv' }]);
    await stack.jobs.idle();
    const clues = (await api.request('GET', '/warnings?model=sampling-failure', { as: supervisor })).body.items;
    expect(clues.map((c: { entityId: string }) => c.entityId)).toContain('maker-1');
    const planned = (await api.request('GET', '/inspections?entityId=maker-1', { as: supervisor })).body.items;
    expect(planned).toHaveLength(2);
    const triggered = await Promise.all(planned.map(async (i: { id: string }) => (await api.request('GET', `/inspections/${i.id}`, { as: supervisor })).body.trigger.id));
    expect(triggered.sort()).toEqual(['repeated-kitchen-alerts', 'sampling-failure']);
  });

  it('lets a supervisor work a clue to closed, refusing moves the lifecycle does not have', async () => {
    const { api } = local;
    const [clue] = (await api.request('GET', '/warnings?model=rodent-sighting&district=Huangpu', { as: supervisor })).body.items;
    const move = (body: object) => api.request('POST', `/warnings/${clue.id}/transition`, { as: supervisor, body });
    const openBefore = (await api.request('GET', '/stats')).body.clues.byStatus.open;

    const skipped = await move({ to: 'handled', note: 'done' });
    expect(skipped.status).toBe(409);
    expect(skipped.body.error.message).toContain('From open it can move to: assigned');
    expect((await move({ to: 'assigned' })).status).toBe(422);
    // Handed to a person the directory knows, by name; someone who is not one of the clue's department's is refused.
    const stranger = await move({ to: 'assigned', assignee: 'nobody-here' });
    expect(stranger.status).toBe(422);
    expect(stranger.body.error.code).toBe('assignee_not_eligible');
    const assigned = await move({ to: 'assigned', assignee: 'fs-1' });
    expect(assigned.body).toMatchObject({ status: 'assigned', assignee: 'fs-1', assigneeName: 'Food fs-1' });
    expect(assigned.body.history.at(-1)).toMatchObject({ assignee: 'fs-1', assigneeName: 'Food fs-1' });
    const mine = await api.request('GET', '/warnings?status=assigned&assignee=fs-1', { as: supervisor });
    expect(mine.body.items.map((c: { id: string }) => c.id)).toEqual([clue.id]);
    expect((await api.request('GET', '/warnings?status=assigned&assignee=fs-2', { as: supervisor })).body.items).toEqual([]);
    expect((await move({ to: 'handled', note: 'Pest control on site; traps and sealing done' })).body.status).toBe('handled');
    const closed = await move({ to: 'closed' });
    expect(closed.body.status).toBe('closed');
    expect(closed.body.history.map((s: { status: string }) => s.status)).toEqual(['open', 'assigned', 'handled', 'closed']);
    expect((await move({ to: 'assigned', assignee: 'fs-2' })).status).toBe(409);

    const queue = await api.request('GET', '/warnings?status=closed&model=rodent-sighting', { as: supervisor });
    expect(queue.body.items.map((c: { id: string }) => c.id)).toContain(clue.id);
    expect((await api.request('GET', '/stats')).body.clues.byStatus).toMatchObject({ open: openBefore - 1, assigned: 0, handled: 0, closed: 1 });
    expect((await api.request('GET', '/warnings', { as: companyCaller('maker-1') })).status).toBe(403);
  });

  it("lists a department's people a page at a time, those of one district when asked, to its own supervisors only", async () => {
    const { api } = local;
    const foodChief = { role: 'supervisor' as const, subject: 'chief-food', department: 'food-safety' };
    const equipmentChief = { role: 'supervisor' as const, subject: 'chief-lifts', department: 'special-equipment' };
    await api.request('PUT', '/inspectors/fs-xuhui', { as: supervisor, body: { ...inspectorBody('Food Xuhui'), district: 'Xuhui' } });
    const first = await api.request('GET', '/inspectors?department=food-safety&district=Huangpu&limit=2', { as: foodChief });
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.items[0]).toEqual({ id: 'fs-1', name: 'Food fs-1', department: 'food-safety', district: 'Huangpu', qualifications: ['food-production'], active: true });
    const rest = await api.request('GET', `/inspectors?department=food-safety&district=Huangpu&limit=2&cursor=${encodeURIComponent(first.body.cursor)}`, { as: foodChief });
    const names = [...first.body.items, ...rest.body.items].map((person: { name: string }) => person.name);
    expect(names).toContain('Food fs-3');
    expect(names).not.toContain('Food Xuhui');
    expect((await api.request('GET', '/inspectors?department=food-safety', { as: equipmentChief })).status).toBe(403);
    expect((await api.request('GET', '/inspectors', { as: foodChief })).status).toBe(400);
  });

  it('escalates a clue left open past its due day, and tells the subscribers', async () => {
    const { stack } = local;
    await registerMaker('maker-2', '西湖食品有限公司 Xihu Foods');
    await stack.services.store.setGrade('maker-2', 'A');
    await local.api.request('PUT', '/devices/cam-box-2', { as: supervisor, body: { name: 'Box 2', entityId: 'maker-2', cameras: ['kitchen-1'] } });
    await local.api.request('POST', '/alerts', { as: { ...device, deviceId: 'cam-box-2' }, body: rodentAlert('evt-9', 'maker-2') });
    await stack.jobs.idle();
    const escalated = await escalateOverdue(stack.riskServices, '2099-01-01');
    expect(escalated).toBeGreaterThanOrEqual(1);
    expect(await escalateOverdue(stack.riskServices, '2099-01-01')).toBe(0);
    const event = stack.events.published.find((e) => e.type === 'clue.escalated' && e.detail.entityId === 'maker-2');
    expect(event?.detail).toMatchObject({ escalations: 1, model: 'rodent-sighting' });
  });

  it("refuses a supervisor reporting handled a clue a colleague took on, until they take it over (which the steps keep)", async () => {
    const { api } = local;
    const chief = { role: 'supervisor' as const, subject: 'chief-food', name: 'Chief Wang', department: 'food-safety' };
    const deputy = { role: 'supervisor' as const, subject: 'deputy-food', name: 'Deputy Li', department: 'food-safety' };
    const [clue] = (await api.request('GET', '/warnings?status=open&model=rodent-sighting', { as: chief })).body.items.filter((c: { entityId: string }) => c.entityId === 'maker-2');
    const move = (as: typeof chief, body: object) => api.request('POST', `/warnings/${clue.id}/transition`, { as, body });
    expect((await move(chief, { to: 'assigned', assignee: 'chief-food' })).body).toMatchObject({ status: 'assigned', assignee: 'chief-food' });

    const refused = await move(deputy, { to: 'handled', note: 'closing it for her' });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: 'not_assignee' });
    expect(refused.body.error.message).toContain('Chief Wang took this clue on');
    // Taking it over is allowed, and the steps say who took it from whom; then it is the deputy's to report.
    expect((await move(deputy, { to: 'assigned', assignee: 'deputy-food' })).body.assignee).toBe('deputy-food');
    expect((await move(chief, { to: 'handled', note: 'mine again?' })).status).toBe(403);
    const handled = await move(deputy, { to: 'handled', note: 'Traps set, drain sealed' });
    expect(handled.body.status).toBe('handled');
    expect(handled.body.history.slice(-3)).toMatchObject([
      { status: 'assigned', by: 'chief-food', assignee: 'chief-food' },
      { status: 'assigned', by: 'deputy-food', assignee: 'deputy-food' },
      { status: 'handled', by: 'deputy-food' },
    ]);
    // Accepting the handling is a supervisor's review: the chief closes it.
    expect((await move(chief, { to: 'closed' })).body.status).toBe('closed');
  });

  it('refuses alerts from devices not bound to the company, for unknown cameras, and malformed ones', async () => {
    const { api } = local;
    expect((await api.request('POST', '/alerts', { as: device, body: rodentAlert('evt-x', 'maker-2') })).body.error.code).toBe('device_not_bound');
    expect((await api.request('POST', '/alerts', { as: { ...device, deviceId: 'nobody' }, body: rodentAlert('evt-x') })).status).toBe(403);
    expect((await api.request('POST', '/alerts', { as: device, body: { ...rodentAlert('evt-x'), cameraId: 'hall-9' } })).status).toBe(422);
    expect((await api.request('POST', '/alerts', { as: device, body: { ...rodentAlert('evt-x'), type: 'ghost' } })).status).toBe(400);
    expect((await api.request('POST', '/alerts', { as: device, body: { ...rodentAlert('evt-x'), at: '2999-01-01T00:00:00Z' } })).status).toBe(422);
    expect((await api.request('POST', '/alerts', { as: supervisor, body: rodentAlert('evt-x') })).status).toBe(403);
  });

  it('shows a company its own alerts, and takes its answer with evidence uploads', async () => {
    const { api } = local;
    const own = await api.request('GET', '/alerts', { as: companyCaller('maker-1') });
    expect(own.body.items).toHaveLength(2);
    expect(own.body.items[0].evidence.downloadUrl).toMatch(/^http/);
    expect((await api.request('GET', '/alerts', { as: companyCaller('maker-2') })).body.items.every((a: { entityId: string }) => a.entityId === 'maker-2')).toBe(true);
    const answer = { note: 'Sealed the drain, pest control contract signed', files: [{ name: 'contract.pdf', contentType: 'application/pdf', size: 1200 }] };
    const answered = await api.request('POST', `/alerts/${own.body.items[0].id}/response`, { as: companyCaller('maker-1'), body: answer });
    expect(answered.status).toBe(201);
    expect(answered.body).toMatchObject({ status: 'answered', uploads: [{ name: 'contract.pdf', method: 'PUT' }] });
    expect((await api.request('POST', `/alerts/${own.body.items[0].id}/response`, { as: companyCaller('maker-1'), body: answer })).status).toBe(200);
    expect((await api.request('POST', `/alerts/${own.body.items[0].id}/response`, { as: companyCaller('maker-2'), body: answer })).status).toBe(404);
  });

  it('keeps a flood from one device, but leaves all past the rate to the sweep', async () => {
    const { api, stack } = local;
    await registerMaker('maker-3', '北湖食品有限公司 Beihu Foods');
    await api.request('PUT', '/devices/cam-box-3', { as: supervisor, body: { name: 'Box 3', entityId: 'maker-3', cameras: ['kitchen-1'] } });
    const replies = [];
    for (let i = 0; i < 70; i++) replies.push(await api.request('POST', '/alerts', { as: { ...device, deviceId: 'cam-box-3' }, body: { ...rodentAlert(`flood-${i}`, 'maker-3'), type: 'no-mask', evidence: undefined } }));
    await stack.jobs.idle();
    expect(replies.every((r) => r.status === 201)).toBe(true);
    // 70 alerts fall in at most two minutes, so one of them holds 35 or more: those past 30 are deferred.
    expect(replies.filter((r) => r.body.deferred).length).toBeGreaterThanOrEqual(1);
    expect((await api.request('GET', '/alerts?entityId=maker-3&limit=100', { as: supervisor })).body.items).toHaveLength(70);
  });
});
