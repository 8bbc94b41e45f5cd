import { routesByKey } from '../api/routes.ts';
import { principalToContext } from './principal.ts';
import type { TokenVerifier } from './verify-token.ts';

export interface AuthorizerDecision {
  isAuthorized: boolean;
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
  if (check.outcome !== 'valid' || !route.access.includes(check.principal.role)) return { isAuthorized: false };
  return { isAuthorized: true, context: principalToContext(check.principal) };
}
