import type { APIGatewayRequestAuthorizerEventV2, APIGatewaySimpleAuthorizerWithContextResult } from 'aws-lambda';
import { authorizeRequest, unauthorizedSignal } from '#shared/auth/authorize.ts';
import { tokenVerifier } from '#shared/auth/verify-token.ts';
import { env, requiredEnv } from '#shared/store/resources.ts';

const verify = tokenVerifier({ issuer: requiredEnv(env.authIssuer), audience: requiredEnv(env.authAudience) });

/**
 * HTTP API Lambda authorizer (simple responses): verifies the JWT and admits only the roles the route lists.
 * A token that does not verify is a 401 (thrown "Unauthorized"), a valid token of the wrong role a 403.
 */
export const handler = async (event: APIGatewayRequestAuthorizerEventV2): Promise<APIGatewaySimpleAuthorizerWithContextResult<Record<string, string>>> => {
  const decision = await authorizeRequest(verify, event.routeKey, event.headers?.authorization);
  if (decision.unauthenticated) throw new Error(unauthorizedSignal);
  return { isAuthorized: decision.isAuthorized, context: decision.context ?? {} };
};
