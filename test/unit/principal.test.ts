import { describe, expect, it } from 'vitest';
import { deviceFromAccessToken, principalFromClaims, principalFromContext, principalToContext } from '../../shared/auth/principal.ts';

describe('reading a principal from token claims', () => {
  it('reads the local issuer’s flat claims', () => {
    expect(principalFromClaims({ sub: 'u1', role: 'company', entityId: 'ent-1' })).toEqual({ subject: 'u1', role: 'company', entityId: 'ent-1' });
  });

  it('reads a Cognito ID token: the single group is the role, custom attributes scope it', () => {
    expect(principalFromClaims({ sub: 'u2', 'cognito:groups': ['inspector'], 'custom:inspectorId': 'insp-7', 'custom:department': 'food-safety' })).toEqual({
      subject: 'u2',
      role: 'inspector',
      inspectorId: 'insp-7',
      department: 'food-safety',
    });
  });

  it("keeps the person's name (the standard name claim) to show who did what", () => {
    expect(principalFromClaims({ sub: 'u9', 'cognito:groups': ['supervisor'], name: '林芳 Lin Fang', 'custom:department': 'food-safety' })).toEqual({
      subject: 'u9',
      role: 'supervisor',
      name: '林芳 Lin Fang',
      department: 'food-safety',
    });
  });

  it('refuses ambiguous or unscoped roles', () => {
    expect(principalFromClaims({ sub: 'u3', 'cognito:groups': ['supervisor', 'inspector'] })).toBeUndefined();
    expect(principalFromClaims({ sub: 'u4', role: 'company' })).toBeUndefined();
    expect(principalFromClaims({ sub: 'u5', role: 'admin' })).toBeUndefined();
    expect(principalFromClaims({ role: 'supervisor' })).toBeUndefined();
  });

  it('survives the trip through the authorizer context', () => {
    const principal = { subject: 'u6', role: 'inspector' as const, inspectorId: 'insp-1', department: 'food-safety' };
    expect(principalFromContext(principalToContext(principal))).toEqual(principal);
  });

  it('reads a device from a client-credentials access token carrying the device scope, and nothing else from access tokens', () => {
    const access = { token_use: 'access', client_id: '3n4b5urk1ft4fl3mg5e62d9ado', scope: 'supervision-code/alerts.write' };
    expect(deviceFromAccessToken(access)).toEqual({ subject: access.client_id, role: 'device', deviceId: access.client_id });
    expect(deviceFromAccessToken({ ...access, scope: 'aws.cognito.signin.user.admin' })).toBeUndefined();
    expect(deviceFromAccessToken({ ...access, token_use: 'id' })).toBeUndefined();
  });

  it('wants the device id with the device role', () => {
    expect(principalFromClaims({ sub: 'd1', role: 'device' })).toBeUndefined();
    expect(principalFromClaims({ sub: 'd1', role: 'device', deviceId: 'box-1' })).toMatchObject({ role: 'device', deviceId: 'box-1' });
  });
});
