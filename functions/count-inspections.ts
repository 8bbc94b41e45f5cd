import { routes } from '#shared/api/routes.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { json } from '#shared/http/responses.ts';
import { countInspectionsDue } from '#shared/inspections/service.ts';
import { runtimeSettings } from '#shared/services.ts';
import { DynamoStore } from '#shared/store/dynamodb-store.ts';

const services = { store: DynamoStore.fromEnvironment(), ...runtimeSettings() };

export const handler = apiHandler(routes.inspectionCounts, async ({ query, principal }) => json(200, await countInspectionsDue(services, principal, query)));
