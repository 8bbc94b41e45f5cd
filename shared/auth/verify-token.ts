import { createRemoteJWKSet, jwtVerify } from 'jose';
import { principalFromClaims, type Principal } from './principal.ts';

export interface TokenIssuer {
  /** `iss` of accepted tokens; its JWKS is read from `<issuer>/.well-known/jwks.json` (Cognito's layout). */
  issuer: string;
  /** `aud` of accepted tokens: the Cognito app client id, or the local stack's audience. */
  audience: string;
}

export type TokenVerifier = (authorizationHeader: string | undefined) => Promise<TokenCheck>;

export type TokenCheck =
  | { outcome: 'missing' }
  | { outcome: 'invalid'; reason: string }
  | { outcome: 'valid'; principal: Principal };

/**
 * Builds a verifier for `Authorization: Bearer <JWT>` headers. The key set is fetched once and cached by jose,
 * so a warm function verifies without a network call.
 */
export function tokenVerifier({ issuer, audience }: TokenIssuer): TokenVerifier {
  const keys = createRemoteJWKSet(new URL(`${issuer}/.well-known/jwks.json`));
  return async (header) => {
    const token = /^Bearer\s+(\S+)$/i.exec(header?.trim() ?? '')?.[1];
    if (!token) return header ? { outcome: 'invalid', reason: 'Authorization must be "Bearer <token>".' } : { outcome: 'missing' };
    try {
      const { payload } = await jwtVerify(token, keys, { issuer, audience });
      const principal = principalFromClaims(payload);
      return principal
        ? { outcome: 'valid', principal }
        : { outcome: 'invalid', reason: 'The token carries no role, or a company/inspector role without its id.' };
    } catch (error) {
      return { outcome: 'invalid', reason: `The token was rejected: ${(error as Error).message}` };
    }
  };
}
