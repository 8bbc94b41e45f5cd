import { routes } from '#shared/api/routes.ts';
import { tokenVerifier } from '#shared/auth/verify-token.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { HttpError, json } from '#shared/http/responses.ts';
import { runtimeSettings } from '#shared/services.ts';
import { readStats } from '#shared/stats/stats.ts';
import { DynamoStore } from '#shared/store/dynamodb-store.ts';
import { env, requiredEnv } from '#shared/store/resources.ts';

const services = { store: DynamoStore.fromEnvironment(), ...runtimeSettings() };
const verify = tokenVerifier({ issuer: requiredEnv(env.authIssuer), audience: requiredEnv(env.authAudience) });

/** Public figures; a token (optional, as on the scan) widens them for supervisors. */
export const handler = apiHandler(routes.stats, async ({ header }) => {
  const token = await verify(header('authorization'));
  if (token.outcome === 'invalid') throw new HttpError(401, 'invalid_token', token.reason);
  return json(200, await readStats(services, token.outcome === 'valid' ? token.principal : undefined));
});
