import { routes } from '#shared/api/routes.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { json } from '#shared/http/responses.ts';
import { submitRectification } from '#shared/inspections/service.ts';
import { runtimeSettings } from '#shared/services.ts';
import { DynamoStore } from '#shared/store/dynamodb-store.ts';
import { S3FileStore } from '#shared/store/s3-file-store.ts';

const services = { store: DynamoStore.fromEnvironment(), files: S3FileStore.fromEnvironment(), ...runtimeSettings() };

export const handler = apiHandler(routes.submitRectification, async ({ params, body, principal }) => {
  const { rectification, created, uploads } = await submitRectification(services, principal, params.id, body);
  return json(created ? 201 : 200, { id: rectification.id, status: rectification.status, uploads });
});
