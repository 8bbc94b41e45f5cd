import { routes } from '#shared/api/routes.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { json } from '#shared/http/responses.ts';
import { readInspection } from '#shared/inspections/service.ts';
import { runtimeSettings } from '#shared/services.ts';
import { DynamoStore } from '#shared/store/dynamodb-store.ts';
import { S3FileStore } from '#shared/store/s3-file-store.ts';

const services = { store: DynamoStore.fromEnvironment(), files: S3FileStore.fromEnvironment(), ...runtimeSettings() };

export const handler = apiHandler(routes.getInspection, async ({ params, principal }) => json(200, await readInspection(services, principal, params.id)));
