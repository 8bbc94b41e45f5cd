import { routes } from '#shared/api/routes.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { json } from '#shared/http/responses.ts';
import { planningOptions } from '#shared/inspections/planning.ts';
import { runtimeSettings } from '#shared/services.ts';
import { DynamoDrawStore } from '#shared/store/dynamodb-draw-store.ts';

const store = DynamoDrawStore.fromEnvironment();
const services = { store, draws: store, now: runtimeSettings().now };

export const handler = apiHandler(routes.eligibleInspectors, async ({ params, query, principal }) => json(200, await planningOptions(services, principal, params.id, query)));
