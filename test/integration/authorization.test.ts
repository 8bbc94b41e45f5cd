/** Who may do what: enforced by the authorizer (401/403 before any handler runs) and again by the handlers. */
import { describe, expect, it } from 'vitest';
import { companyCaller, inspectorCaller, supervisor, useLocalStack } from '../support/api.ts';
import { equipment, planned } from '../support/fixtures.ts';

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
