import { createServer, type Server } from 'node:http';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorizeRequest } from '../../shared/auth/authorize.ts';
import { tokenVerifier, type TokenVerifier } from '../../shared/auth/verify-token.ts';

const audience = 'test-audience';
let server: Server;
let issuer: string;
let privateKey: CryptoKey;
let verify: TokenVerifier;

beforeAll(async () => {
  const pair = await generateKeyPair('ES256', { extractable: true });
  privateKey = pair.privateKey;
  const jwks = { keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' }] };
  server = createServer((_request, response) => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(jwks)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as { port: number }).port}/issuer`;
  verify = tokenVerifier({ issuer, audience });
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const signed = (build: (jwt: SignJWT) => SignJWT = (jwt) => jwt.setExpirationTime('1h')) =>
  build(new SignJWT({ role: 'supervisor' }).setProtectedHeader({ alg: 'ES256', kid: 'k1' }).setSubject('sup-1').setIssuer(issuer).setAudience(audience).setIssuedAt()).sign(privateKey);

describe('verifying a bearer token', () => {
  it('accepts a token that expires', async () => {
    expect(await verify(`Bearer ${await signed()}`)).toMatchObject({ outcome: 'valid', principal: { role: 'supervisor', subject: 'sup-1' } });
  });

  it('refuses a token without exp: it would never expire', async () => {
    const check = await verify(`Bearer ${await signed((jwt) => jwt)}`);
    expect(check.outcome).toBe('invalid');
    expect(check.outcome === 'invalid' && check.reason).toContain('exp');
  });

  it('refuses an expired token', async () => {
    expect((await verify(`Bearer ${await signed((jwt) => jwt.setExpirationTime(Math.floor(Date.now() / 1000) - 120))}`)).outcome).toBe('invalid');
  });
});

describe('the authorizer’s decision', () => {
  it('tells "not signed in" (401) from "not allowed" (403)', async () => {
    expect(await authorizeRequest(verify, 'PUT /entities/{id}', undefined)).toEqual({ isAuthorized: false, unauthenticated: true });
    expect(await authorizeRequest(verify, 'PUT /entities/{id}', `Bearer ${await signed((jwt) => jwt)}`)).toEqual({ isAuthorized: false, unauthenticated: true });
    expect(await authorizeRequest(verify, 'PUT /entities/{id}', 'Basic abc')).toEqual({ isAuthorized: false, unauthenticated: true });
    expect(await authorizeRequest(verify, 'POST /inspections/{id}/results', `Bearer ${await signed()}`)).toEqual({ isAuthorized: false });
    expect(await authorizeRequest(verify, 'PUT /entities/{id}', `Bearer ${await signed()}`)).toMatchObject({ isAuthorized: true, context: { role: 'supervisor' } });
  });
});
