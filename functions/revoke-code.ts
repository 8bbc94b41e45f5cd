import { routes } from '#shared/api/routes.ts';
import { revokeCode } from '#shared/codes/revocation.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { json } from '#shared/http/responses.ts';
import { runtimeSettings } from '#shared/services.ts';
import { DynamoStore } from '#shared/store/dynamodb-store.ts';

const services = { store: DynamoStore.fromEnvironment(), ...runtimeSettings() };

export const handler = apiHandler(routes.revokeCode, async ({ params, body, principal }) => {
  const { code, state, revokedAt, revokedReason } = await revokeCode(services, principal, params.id, body.reason);
  return json(200, { code, state, revokedAt, revokedReason });
});
