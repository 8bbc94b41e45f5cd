import { routes } from '#shared/api/routes.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { json } from '#shared/http/responses.ts';
import { reviewRectification } from '#shared/inspections/service.ts';
import { runtimeSettings } from '#shared/services.ts';
import { DynamoStore } from '#shared/store/dynamodb-store.ts';

const services = { store: DynamoStore.fromEnvironment(), ...runtimeSettings() };

export const handler = apiHandler(routes.reviewRectification, async ({ params, body, principal }) => {
  const { inspection } = await reviewRectification(services, principal, params.id, params.submissionId, body);
  return json(200, { id: inspection.id, status: inspection.status, rectifications: inspection.rectifications });
});
