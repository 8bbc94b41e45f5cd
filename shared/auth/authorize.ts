import { routesByKey } from '../api/routes.ts';
import { principalToContext } from './principal.ts';
import type { TokenVerifier } from './verify-token.ts';

/**
 * What the authorizer decided. `unauthenticated` (no token, or one that does not verify: forged, malformed,
 * expired, without `exp`) becomes 401; `isAuthorized: false` for a valid token whose role the route does not admit
 * becomes 403.
 */
export interface AuthorizerDecision {
  isAuthorized: boolean;
  unauthenticated?: true;
  context?: Record<string, string>;
}

/**
 * The authorizer's decision for one request: the token must verify, and its role must be one the route
 * admits. The principal travels to the handler as authorizer context.
 */
export async function authorizeRequest(verify: TokenVerifier, routeKey: string, authorization: string | undefined): Promise<AuthorizerDecision> {
  const route = routesByKey.get(routeKey);
  if (!route || route.localOnly) return { isAuthorized: false };
  if (route.access === 'public') return { isAuthorized: true };
  const check = await verify(authorization);
  if (check.outcome !== 'valid') return { isAuthorized: false, unauthenticated: true };
  if (!route.access.includes(check.principal.role)) return { isAuthorized: false };
  return { isAuthorized: true, context: principalToContext(check.principal) };
}

/**
 * The one error message by which a Lambda authorizer makes API Gateway answer 401 `{"message":"Unauthorized"}`
 * instead of 403 (any other thrown error is a 500). The local server honours it the same way.
 */
export const unauthorizedSignal = 'Unauthorized';
