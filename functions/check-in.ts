import { routes } from '#shared/api/routes.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { json } from '#shared/http/responses.ts';
import { checkIn } from '#shared/inspections/service.ts';
import { runtimeSettings } from '#shared/services.ts';
import { DynamoStore } from '#shared/store/dynamodb-store.ts';

const services = { store: DynamoStore.fromEnvironment(), ...runtimeSettings() };

export const handler = apiHandler(routes.checkIn, async ({ params, principal }) => {
  const { inspection } = await checkIn(services, principal, params.id);
  return json(200, { id: inspection.id, status: inspection.status, checkedIn: inspection.checkedIn });
});
