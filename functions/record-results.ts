import { routes } from '#shared/api/routes.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { json } from '#shared/http/responses.ts';
import { recordResults } from '#shared/inspections/service.ts';
import { runtimeSettings } from '#shared/services.ts';
import { DynamoStore } from '#shared/store/dynamodb-store.ts';
import { S3FileStore } from '#shared/store/s3-file-store.ts';

const services = { store: DynamoStore.fromEnvironment(), files: S3FileStore.fromEnvironment(), ...runtimeSettings() };

export const handler = apiHandler(routes.recordResults, async ({ params, body, principal }) => {
  const { inspection, uploads } = await recordResults(services, principal, params.id, body);
  return json(200, { id: inspection.id, status: inspection.status, result: inspection.result, uploads });
});
