/**
 * The local stack's signing key and `POST /dev/tokens`. One ES256 key pair, kept in the data folder so tokens
 * survive a restart, signs both the OpenID provider's ID tokens (local/oidc-provider.ts) and the tokens scripts ask
 * for: same issuer, same audience (the web app's client id), same JWKS at `<issuer>/.well-known/jwks.json`
 * (Cognito's layout). The functions verify them with exactly the code that verifies Cognito's when deployed.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import type * as z from 'zod/mini';
import type { devTokenBody } from '../shared/api/schemas.ts';

/** Where the OpenID provider is mounted: the issuer is `<baseUrl>/oidc`. */
export const issuerPath = '/oidc';
/** The web app's (public) client: the audience of every local ID token. */
export const webClientId = 'supervision-code-web';
/** What the web app asks for (`config.json`); the provider issues refresh tokens without `offline_access`. */
export const webScope = 'openid profile';

export interface LocalIssuer {
  issuer: string;
  /** The private key (JWK with `kid` and `alg`), for the OpenID provider to sign with. */
  signingKey: JWK;
  sign(claims: z.infer<typeof devTokenBody>, lifetimeSeconds?: number): Promise<string>;
}

async function loadOrCreateKey(keyFile: string | undefined): Promise<JWK> {
  if (keyFile && existsSync(keyFile)) return JSON.parse(readFileSync(keyFile, 'utf8')) as JWK;
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid: `local-${Date.now().toString(36)}`, alg: 'ES256', use: 'sig' };
  if (keyFile) {
    mkdirSync(dirname(keyFile), { recursive: true });
    writeFileSync(keyFile, JSON.stringify(jwk), { mode: 0o600 });
  }
  return jwk;
}

export async function createLocalIssuer(baseUrl: string, keyFile?: string): Promise<LocalIssuer> {
  const signingKey = await loadOrCreateKey(keyFile);
  const key = await importJWK(signingKey, 'ES256');
  const issuer = baseUrl + issuerPath;
  return {
    issuer,
    signingKey,
    sign: ({ subject, ...claims }, lifetimeSeconds = 12 * 3600) =>
      new SignJWT({ ...claims, token_use: 'id' })
        .setProtectedHeader({ alg: 'ES256', kid: signingKey.kid! })
        .setSubject(subject)
        .setIssuer(issuer)
        .setAudience(webClientId)
        .setIssuedAt()
        .setExpirationTime(`${lifetimeSeconds}s`)
        .sign(key),
  };
}
