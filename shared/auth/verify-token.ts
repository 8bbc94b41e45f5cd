import { createRemoteJWKSet, jwtVerify } from 'jose';
import { HttpError } from '../http/responses.ts';
import { env, requiredEnv } from '../store/resources.ts';
import { deviceFromAccessToken, principalFromClaims, type Principal } from './principal.ts';

export interface TokenIssuer {
  /** `iss` of accepted tokens; its JWKS is read from `<issuer>/.well-known/jwks.json` (Cognito's layout). */
  issuer: string;
  /** `aud` of accepted ID tokens: the Cognito app client id, or the local stack's audience. Device access tokens have none. */
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
      // A token without `exp` would never expire: refused, whatever else it says.
      const { payload } = await jwtVerify(token, keys, { issuer, requiredClaims: ['exp'] });
      // People sign in and present ID tokens for our app client; devices present client-credentials access tokens.
      const principal =
        payload.token_use === 'access'
          ? deviceFromAccessToken(payload)
          : payload.aud === audience || (Array.isArray(payload.aud) && payload.aud.includes(audience))
            ? principalFromClaims(payload)
            : undefined;
      return principal
        ? { outcome: 'valid', principal }
        : { outcome: 'invalid', reason: 'The token is for another audience, carries no role, or a company/inspector/device role without its id.' };
    } catch (error) {
      return { outcome: 'invalid', reason: `The token was rejected: ${(error as Error).message}` };
    }
  };
}

/**
 * For public routes where a token only widens what is shown (the draws): no token reads as the public, a valid one
 * as its principal, and a bad one is refused with 401 rather than silently read as the public.
 */
export function optionalPrincipalFromEnvironment(): (authorizationHeader: string | undefined) => Promise<Principal | undefined> {
  const verify = tokenVerifier({ issuer: requiredEnv(env.authIssuer), audience: requiredEnv(env.authAudience) });
  return async (header) => {
    const token = await verify(header);
    if (token.outcome === 'invalid') throw new HttpError(401, 'invalid_token', token.reason);
    return token.outcome === 'valid' ? token.principal : undefined;
  };
}
