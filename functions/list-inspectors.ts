import { routes } from '#shared/api/routes.ts';
import { listInspectors } from '#shared/entities/registry.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { json } from '#shared/http/responses.ts';
import { DynamoStore } from '#shared/store/dynamodb-store.ts';

const services = { store: DynamoStore.fromEnvironment() };

export const handler = apiHandler(routes.listInspectors, async ({ query, principal }) => json(200, await listInspectors(services, principal, query)));
