import { apiHandler } from '#shared/http/api-handler.ts';
import { json } from '#shared/http/responses.ts';
import { readInspection } from '#shared/inspections/service.ts';
import { runtimeSettings } from '#shared/services.ts';
import { DynamoStore } from '#shared/store/dynamodb-store.ts';

const services = { store: DynamoStore.fromEnvironment(), ...runtimeSettings() };

export const handler = apiHandler('getInspection', async ({ params, principal }) => json(200, await readInspection(services, principal, params.id)));
