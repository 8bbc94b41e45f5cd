/** Who may do what: enforced by the authorizer (401/403 before any handler runs) and again by the handlers. */
import { describe, expect, it } from 'vitest';
import { companyCaller, inspectorCaller, supervisor, useLocalStack } from '../support/api.ts';
import { warningModels } from '../../shared/warnings/models.ts';
import { newClue } from '../../shared/warnings/clue.ts';
import { entityBody, equipment, food, inspectionBody, inspectorBody, planned } from '../support/fixtures.ts';
import { drawBody } from '../support/draws.ts';
import { view } from '../support/views.ts';

const local = useLocalStack();

describe('authorization', () => {
  it('answers 401 without a token and 403 with a token of the wrong role', async () => {
    const { api } = local;
    expect((await api.request('PUT', '/entities/e1', { body: {} })).status).toBe(401);
    expect((await api.request('PUT', '/entities/e1', { as: companyCaller('e1'), body: {} })).status).toBe(403);
    expect((await api.request('POST', '/inspections/x/results', { as: supervisor, body: {} })).status).toBe(403);
  });

  it('answers 401, not 403, to a forged token (signed by another key) and a malformed one: the caller is not signed in', async () => {
    const { api } = local;
    const { SignJWT, generateKeyPair } = await import('jose');
    const { privateKey } = await generateKeyPair('ES256');
    const forged = await new SignJWT({ role: 'supervisor' })
      .setProtectedHeader({ alg: 'ES256', kid: 'forged' })
      .setSubject('mallory')
      .setIssuer(process.env.AUTH_ISSUER!)
      .setAudience(process.env.AUTH_AUDIENCE!)
      .setExpirationTime('1h')
      .sign(privateKey);
    expect((await api.request('GET', '/entities/e1', { headers: { authorization: `Bearer ${forged}` } })).status).toBe(401);
    expect((await api.request('GET', '/entities/e1', { headers: { authorization: 'Basic abc' } })).status).toBe(401);
    expect((await api.request('GET', '/entities/e1', { headers: { authorization: 'Bearer not.a.jwt' } })).body).toEqual({ message: 'Unauthorized' });
  });

  it("masks the inspectors' certificate numbers for the company exactly as the scan page does; staff read them whole", async () => {
    const { api } = local;
    const { entityId, inspectionId, inspectorIds } = await planned(api);
    const { body: code } = await api.request('POST', `/inspections/${inspectionId}/code`, { as: supervisor });
    const scan = await api.request('GET', `/c/${code.code}`, { headers: { accept: 'application/json' } });
    const asCompany = await api.request('GET', `/inspections/${inspectionId}`, { as: companyCaller(entityId) });
    expect(asCompany.status).toBe(200);
    expect(asCompany.body.inspectors.map((i: { certificateNo: string }) => i.certificateNo)).toEqual(scan.body.inspection.inspectors.map((i: { certificateNo: string }) => i.certificateNo));
    expect(asCompany.body.inspectors[0].certificateNo).toMatch(/^SH\*+01$/);
    const asStaff = await api.request('GET', `/inspections/${inspectionId}`, { as: inspectorCaller(inspectorIds[0]!) });
    expect(asStaff.body.inspectors[0].certificateNo).toMatch(/^SH-.+-0001$/);
  });

  it("does not show a company another company's findings, on the scan or through the API", async () => {
    const { api } = local;
    const { inspectionId, inspectorIds } = await planned(api);
    const { body: code } = await api.request('POST', `/inspections/${inspectionId}/code`, { as: supervisor });
    await api.request('POST', `/inspections/${inspectionId}/results`, {
      as: inspectorCaller(inspectorIds[0]!),
      body: { outcome: 'rectify', findings: [{ item: 'x', description: 'secret finding', severity: 'minor', guidance: 'fix it', deadline: '2030-01-01' }] },
    });
    const rival = companyCaller('some-other-company');
    const scan = await api.request('GET', `/c/${code.code}`, { as: rival, headers: { accept: 'application/json' } });
    expect(scan.status).toBe(200);
    expect(scan.body.viewer).toBe('public');
    expect(scan.text).not.toContain('secret finding');
    expect((await api.request('GET', `/inspections/${inspectionId}`, { as: rival })).status).toBe(404);
    expect((await api.request('POST', `/inspections/${inspectionId}/check-in`, { as: rival })).status).toBe(404);
  });

  it('lets only an assigned inspector record results', async () => {
    const { api } = local;
    const { inspectionId } = await planned(api);
    const stranger = await api.request('POST', `/inspections/${inspectionId}/results`, {
      as: inspectorCaller('insp-not-assigned'),
      body: { outcome: 'compliant', findings: [] },
    });
    expect(stranger.status).toBe(403);
    expect(stranger.body.error.message).toContain('assigned');
  });

  it("keeps a supervisor to their own department's inspections", async () => {
    const { api } = local;
    const { inspectionId } = await planned(api);
    const otherDepartment = { role: 'supervisor' as const, department: equipment };
    expect((await api.request('POST', `/inspections/${inspectionId}/code`, { as: otherDepartment })).status).toBe(403);
    expect((await api.request('POST', `/inspections/${inspectionId}/code/revoke`, { as: otherDepartment, body: { reason: 'x' } })).status).toBe(403);
  });

  it('lets only a supervisor issue a new code after a revocation, not an assigned inspector', async () => {
    const { api } = local;
    const { inspectionId, inspectorIds } = await planned(api);
    const { body: first } = await api.request('POST', `/inspections/${inspectionId}/code`, { as: inspectorCaller(inspectorIds[0]!) });
    expect((await api.request('POST', `/inspections/${inspectionId}/code/revoke`, { as: supervisor, body: { reason: 'leaked' } })).status).toBe(200);
    const undo = await api.request('POST', `/inspections/${inspectionId}/code`, { as: inspectorCaller(inspectorIds[0]!) });
    expect(undo.status).toBe(403);
    expect(undo.body.error.message).toContain('revoked');
    expect((await api.request('GET', `/c/${first.code}`, { headers: { accept: 'application/json' } })).status).toBe(410);
    // A supervisor who merely opens or prints the code does not undo the revocation: only asking for it does.
    const shown = await api.request('POST', `/inspections/${inspectionId}/code`, { as: { role: 'supervisor', department: food } });
    expect(shown.status).toBe(409);
    expect(shown.body.error.code).toBe('code_revoked');
    expect((await api.request('GET', `/c/${first.code}`, { headers: { accept: 'application/json' } })).status).toBe(410);
    const reissued = await api.request('POST', `/inspections/${inspectionId}/code`, { as: { role: 'supervisor', department: food }, body: { reissue: true } });
    expect(reissued.status).toBe(201);
    expect(reissued.body.code).not.toBe(first.code);
  });

  describe('a joint visit', () => {
    const foodChief = { role: 'supervisor' as const, department: food, subject: 'food-chief' };
    const equipmentChief = { role: 'supervisor' as const, department: equipment, subject: 'equipment-chief' };

    /** Food safety plans a visit; special equipment plans an overlapping one and is joined into it. */
    async function jointVisit() {
      const { api } = local;
      const n = `${Date.now()}-${Math.random().toString(36).slice(2, 6)}`;
      const entityId = `joint-${n}`;
      const foodIds = [`jf-${n}-a`, `jf-${n}-b`];
      const liftIds = [`je-${n}-a`, `je-${n}-b`];
      await api.request('PUT', `/entities/${entityId}`, { as: supervisor, body: entityBody('Joint Co.') });
      for (const id of foodIds) await api.request('PUT', `/inspectors/${id}`, { as: supervisor, body: inspectorBody(id, food) });
      for (const id of liftIds) await api.request('PUT', `/inspectors/${id}`, { as: supervisor, body: inspectorBody(id, equipment) });
      const own = await api.request('POST', '/inspections', { as: foodChief, body: inspectionBody(entityId, foodIds, [food]) });
      const joined = await api.request('POST', '/inspections', { as: equipmentChief, body: { ...inspectionBody(entityId, liftIds, [equipment]), items: ['Lift certificates'] } });
      expect(joined.body).toMatchObject({ id: own.body.id, joined: true });
      const { body: code } = await api.request('POST', `/inspections/${own.body.id}/code`, { as: foodChief });
      return { entityId, id: own.body.id as string, code: code.code as string, foodIds, liftIds };
    }

    it("is not handed to the department that joined: its inspector's compliant result does not close the visit", async () => {
      const { api } = local;
      const visit = await jointVisit();
      const theirs = await api.request('POST', `/inspections/${visit.id}/results`, { as: inspectorCaller(visit.liftIds[0]!), body: { outcome: 'compliant', findings: [] } });
      expect(theirs.status).toBe(200);
      expect(theirs.body.status).toBe('scheduled');
      expect(theirs.body.result).toBeUndefined();
      const company = await api.request('GET', `/inspections/${visit.id}`, { as: companyCaller(visit.entityId) });
      expect(company.body).toMatchObject({ status: 'scheduled', departments: [food, equipment] });
      expect(company.body.parts).toEqual([
        { department: food, items: ['Kitchen hygiene', 'Food storage'] },
        expect.objectContaining({ department: equipment, items: ['Lift certificates'], result: expect.objectContaining({ outcome: 'compliant' }) }),
      ]);

      const finding = { item: 'Food storage', description: 'Raw over cooked', severity: 'major', guidance: 'Separate', deadline: '2030-01-01' };
      const ours = await api.request('POST', `/inspections/${visit.id}/results`, { as: inspectorCaller(visit.foodIds[0]!), body: { outcome: 'rectify', findings: [finding] } });
      expect(ours.body).toMatchObject({ status: 'rectifying', result: { outcome: 'rectify', findings: [finding] } });

      const submitted = await api.request('POST', `/inspections/${visit.id}/rectifications`, { as: companyCaller(visit.entityId), body: { note: 'Separated', files: [] } });
      const review = (inspectorId: string) =>
        api.request('POST', `/inspections/${visit.id}/rectifications/${submitted.body.id}/review`, { as: inspectorCaller(inspectorId), body: { decision: 'accepted' } });
      expect((await review(visit.liftIds[0]!)).status).toBe(403);
      expect((await review(visit.foodIds[1]!)).body.status).toBe('closed');
    });

    it("lets no department plan another's part: not in a joint plan, nor in a joint draw", async () => {
      const { api } = local;
      const { entityId, inspectorIds } = await planned(api);
      const jointPlan = { ...inspectionBody(entityId, inspectorIds, [food, equipment]), window: { start: '2031-01-01', end: '2031-01-02' } };
      expect((await api.request('POST', '/inspections', { as: foodChief, body: jointPlan })).status).toBe(403);
      const jointDraw = drawBody('joint-scope', { jointDepartments: [equipment], inspectorsPerCompany: 2 });
      expect((await api.request('POST', '/draws', { as: foodChief, body: jointDraw })).status).toBe(403);
    });

    it("needs every department's authority to revoke its one code, which the company still scans as one visit", async () => {
      const { api } = local;
      const visit = await jointVisit();
      for (const chief of [equipmentChief, foodChief]) {
        const refused = await api.request('POST', `/inspections/${visit.id}/code/revoke`, { as: chief, body: { reason: 'take over' } });
        expect(refused.status).toBe(403);
      }
      const scan = await api.request('GET', `/c/${visit.code}`, { headers: { accept: 'application/json' } });
      expect(scan.status).toBe(200);
      expect(scan.body.inspection.departments).toEqual([food, equipment]);
      expect((await api.request('GET', `/inspections?entityId=${visit.entityId}`, { as: companyCaller(visit.entityId) })).body.items).toHaveLength(1);

      expect((await api.request('POST', `/inspections/${visit.id}/code/revoke`, { as: supervisor, body: { reason: 'reissue' } })).status).toBe(200);
      expect((await api.request('POST', `/inspections/${visit.id}/code`, { as: equipmentChief, body: { reissue: true } })).status).toBe(403);
      expect((await api.request('POST', `/inspections/${visit.id}/code`, { as: supervisor, body: { reissue: true } })).status).toBe(201);
    });
  });

  describe('department scope on the registry and the risk routes', () => {
    const foodChief = { role: 'supervisor' as const, department: food };
    const equipmentChief = { role: 'supervisor' as const, department: equipment };

    it('lets a supervisor register and replace only inspectors of their own department', async () => {
      const { api } = local;
      const id = `insp-scope-${Date.now()}`;
      expect((await api.request('PUT', `/inspectors/${id}`, { as: equipmentChief, body: inspectorBody(id, food) })).status).toBe(403);
      expect((await api.request('PUT', `/inspectors/${id}`, { as: foodChief, body: inspectorBody(id, food) })).status).toBe(201);
      // Another department can neither deactivate them nor move them over to itself.
      const deactivate = await api.request('PUT', `/inspectors/${id}`, { as: equipmentChief, body: { ...inspectorBody(id, food), active: false } });
      expect(deactivate.status).toBe(403);
      expect(deactivate.body.error.code).toBe('out_of_scope');
      expect((await api.request('PUT', `/inspectors/${id}`, { as: equipmentChief, body: inspectorBody(id, equipment) })).status).toBe(403);
      expect((await api.request('PUT', `/inspectors/${id}`, { as: foodChief, body: { ...inspectorBody(id, food), active: false } })).status).toBe(200);
      expect((await api.request('PUT', `/inspectors/${id}`, { as: supervisor, body: inspectorBody(id, equipment) })).status).toBe(200);
    });

    it("keeps a company's registration and its kitchen devices to the departments supervising its segment", async () => {
      const { api } = local;
      const canteen = `canteen-${Date.now()}`;
      const lifts = `lifts-${Date.now()}`;
      expect((await api.request('PUT', `/entities/${canteen}`, { as: equipmentChief, body: entityBody('Canteen') })).status).toBe(403);
      expect((await api.request('PUT', `/entities/${canteen}`, { as: foodChief, body: entityBody('Canteen') })).status).toBe(201);
      expect((await api.request('PUT', `/entities/${lifts}`, { as: equipmentChief, body: { ...entityBody('Lifts'), segment: 'special-equipment' } })).status).toBe(201);
      // Re-segmenting another department's company to take it over is refused too.
      expect((await api.request('PUT', `/entities/${canteen}`, { as: equipmentChief, body: { ...entityBody('Canteen'), segment: 'special-equipment' } })).status).toBe(403);

      const box = `box-${Date.now()}`;
      const device = (entityId: string) => ({ name: 'Kitchen AI box', entityId, cameras: ['kitchen-1'] });
      expect((await api.request('PUT', `/devices/${box}`, { as: equipmentChief, body: device(canteen) })).status).toBe(403);
      expect((await api.request('PUT', `/devices/${box}`, { as: foodChief, body: device(canteen) })).status).toBe(201);
      // Re-pointing another department's camera, even at a company of one's own, is refused.
      expect((await api.request('PUT', `/devices/${box}`, { as: equipmentChief, body: device(lifts) })).status).toBe(403);
      expect((await api.request('PUT', `/devices/${box}`, { as: foodChief, body: device(lifts) })).status).toBe(403);
      expect((await api.request('PUT', `/devices/${box}`, { as: foodChief, body: { ...device(canteen), active: false } })).status).toBe(200);
      expect((await api.request('PUT', `/devices/${box}`, { as: foodChief, body: device('nobody-registered-this') })).status).toBe(403);
      expect((await api.request('PUT', `/devices/${box}`, { as: supervisor, body: device('nobody-registered-this') })).status).toBe(422);
      expect((await api.request('GET', `/alerts?entityId=${canteen}`, { as: equipmentChief })).status).toBe(403);
      expect((await api.request('GET', `/alerts?entityId=${canteen}`, { as: foodChief })).status).toBe(200);
    });

    it("lets only the supervisors of a clue's segment read, move or dismiss it, and shows each their own queue", async () => {
      const { api, stack } = local;
      const model = warningModels().find((m) => m.id === 'licence-lapsed')!;
      const raise = (entityId: string, segment: string) => newClue(model, view({ id: entityId, segment }), [], '2030-03-15', new Date().toISOString());
      const foodClue = raise(`clue-food-${Date.now()}`, 'catering');
      const liftClue = raise(`clue-lift-${Date.now()}`, 'special-equipment');
      for (const clue of [foodClue, liftClue]) await stack.riskServices.risk.createClue(clue);

      const dismiss = { to: 'closed', note: 'not ours to dismiss' };
      const refused = await api.request('POST', `/warnings/${foodClue.id}/transition`, { as: equipmentChief, body: dismiss });
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toContain('food-safety');
      expect((await api.request('GET', `/warnings/${foodClue.id}`, { as: equipmentChief })).status).toBe(403);
      await api.request('PUT', '/inspectors/clue-taker', { as: supervisor, body: inspectorBody('clue-taker', food) });
      expect((await api.request('POST', `/warnings/${foodClue.id}/transition`, { as: foodChief, body: { to: 'assigned', assignee: 'clue-taker' } })).status).toBe(200);
      expect((await api.request('POST', `/warnings/${liftClue.id}/transition`, { as: equipmentChief, body: dismiss })).status).toBe(200);

      const queue = async (as: typeof foodChief) => (await api.request('GET', `/warnings?status=assigned&model=${model.id}&limit=100`, { as })).body.items.map((c: { id: string }) => c.id);
      expect(await queue(foodChief)).toContain(foodClue.id);
      expect(await queue(equipmentChief)).not.toContain(foodClue.id);
    });
  });

  it('refuses an invalid token on the public scan rather than quietly showing less', async () => {
    const { api } = local;
    const { inspectionId } = await planned(api);
    const { body } = await api.request('POST', `/inspections/${inspectionId}/code`, { as: supervisor });
    const reply = await api.request('GET', `/c/${body.code}`, { headers: { authorization: 'Bearer not.a.jwt', accept: 'application/json' } });
    expect(reply.status).toBe(401);
    expect(reply.body.error.code).toBe('invalid_token');
  });

  it('does not serve /dev/tokens to a deployed stack: the authorizer refuses local-only routes', async () => {
    const { authorizeRequest } = await import('../../shared/auth/authorize.ts');
    const decision = await authorizeRequest(async () => ({ outcome: 'missing' }), 'POST /dev/tokens', undefined);
    expect(decision.isAuthorized).toBe(false);
  });
});
