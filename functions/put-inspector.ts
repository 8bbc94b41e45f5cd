import { routes } from '#shared/api/routes.ts';
import { upsertInspector } from '#shared/entities/registry.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { json } from '#shared/http/responses.ts';
import { runtimeSettings } from '#shared/services.ts';
import { DynamoStore } from '#shared/store/dynamodb-store.ts';

const services = { store: DynamoStore.fromEnvironment(), ...runtimeSettings() };

export const handler = apiHandler(routes.putInspector, async ({ params, body, principal }) => {
  const { inspector, created } = await upsertInspector(services, principal, params.id, body);
  return json(created ? 201 : 200, inspector);
});
