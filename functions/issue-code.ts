import { routes } from '#shared/api/routes.ts';
import { issueCode } from '#shared/codes/issuance.ts';
import { apiHandler, publicBaseUrl } from '#shared/http/api-handler.ts';
import { json } from '#shared/http/responses.ts';
import { runtimeSettings } from '#shared/services.ts';
import { DynamoStore } from '#shared/store/dynamodb-store.ts';
import { S3FileStore } from '#shared/store/s3-file-store.ts';

const services = { store: DynamoStore.fromEnvironment(), files: S3FileStore.fromEnvironment(), ...runtimeSettings() };

export const handler = apiHandler(routes.issueCode, async ({ params, body, principal, event }) => {
  const { issued, created } = await issueCode(services, principal, params.id, publicBaseUrl(event), body);
  return json(created ? 201 : 200, issued);
});
