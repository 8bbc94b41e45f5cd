/**
 * The local stack's stand-in for Cognito: an ES256 key pair kept in the data folder, a JWKS served at the same
 * path Cognito uses, and `POST /dev/tokens` to sign tokens. The functions verify these tokens with exactly the
 * code that verifies Cognito's when deployed.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import type * as z from 'zod/mini';
import type { devTokenBody } from '../shared/api/schemas.ts';

export const localAudience = 'supervision-code-local';
export const issuerPath = '/local-issuer';

export interface LocalIssuer {
  issuer: string;
  jwks: { keys: JWK[] };
  sign(claims: z.infer<typeof devTokenBody>, lifetimeSeconds?: number): Promise<string>;
}

async function loadOrCreateKey(keyFile: string | undefined): Promise<JWK> {
  if (keyFile && existsSync(keyFile)) return JSON.parse(readFileSync(keyFile, 'utf8')) as JWK;
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid: `local-${Date.now().toString(36)}`, alg: 'ES256' };
  if (keyFile) {
    mkdirSync(dirname(keyFile), { recursive: true });
    writeFileSync(keyFile, JSON.stringify(jwk), { mode: 0o600 });
  }
  return jwk;
}

export async function createLocalIssuer(baseUrl: string, keyFile?: string): Promise<LocalIssuer> {
  const privateJwk = await loadOrCreateKey(keyFile);
  const { d: _private, ...publicJwk } = privateJwk;
  const key = await importJWK(privateJwk, 'ES256');
  const issuer = baseUrl + issuerPath;
  return {
    issuer,
    jwks: { keys: [{ ...publicJwk, use: 'sig' }] },
    sign: ({ subject, ...claims }, lifetimeSeconds = 12 * 3600) =>
      new SignJWT({ ...claims, token_use: 'id' })
        .setProtectedHeader({ alg: 'ES256', kid: privateJwk.kid! })
        .setSubject(subject)
        .setIssuer(issuer)
        .setAudience(localAudience)
        .setIssuedAt()
        .setExpirationTime(`${lifetimeSeconds}s`)
        .sign(key),
  };
}
