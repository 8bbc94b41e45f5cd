import type { APIGatewayRequestAuthorizerEventV2, APIGatewaySimpleAuthorizerWithContextResult } from 'aws-lambda';
import { authorizeRequest } from '#shared/auth/authorize.ts';
import { tokenVerifier } from '#shared/auth/verify-token.ts';
import { env, requiredEnv } from '#shared/store/resources.ts';

const verify = tokenVerifier({ issuer: requiredEnv(env.authIssuer), audience: requiredEnv(env.authAudience) });

/** HTTP API Lambda authorizer (simple responses): verifies the JWT and admits only the roles the route lists. */
export const handler = async (event: APIGatewayRequestAuthorizerEventV2): Promise<APIGatewaySimpleAuthorizerWithContextResult<Record<string, string>>> => {
  const decision = await authorizeRequest(verify, event.routeKey, event.headers?.authorization);
  return { isAuthorized: decision.isAuthorized, context: decision.context ?? {} };
};
