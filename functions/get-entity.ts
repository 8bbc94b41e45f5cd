import { routes } from '#shared/api/routes.ts';
import { readEntity } from '#shared/entities/registry.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { json } from '#shared/http/responses.ts';
import { runtimeSettings } from '#shared/services.ts';
import { DynamoStore } from '#shared/store/dynamodb-store.ts';

const services = { store: DynamoStore.fromEnvironment(), ...runtimeSettings() };

export const handler = apiHandler(routes.getEntity, async ({ params, principal }) => json(200, await readEntity(services, principal, params.id)));
