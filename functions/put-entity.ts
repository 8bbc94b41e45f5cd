import { routes } from '#shared/api/routes.ts';
import { upsertEntity } from '#shared/entities/registry.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { json } from '#shared/http/responses.ts';
import { runtimeSettings } from '#shared/services.ts';
import { DynamoStore } from '#shared/store/dynamodb-store.ts';

const services = { store: DynamoStore.fromEnvironment(), ...runtimeSettings() };

export const handler = apiHandler(routes.putEntity, async ({ params, body, principal }) => {
  const { entity, created } = await upsertEntity(services, principal, params.id, body);
  return json(created ? 201 : 200, entity);
});
