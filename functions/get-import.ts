import { routes } from '#shared/api/routes.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { json } from '#shared/http/responses.ts';
import { importStatus } from '#shared/imports/service.ts';
import { importDeskServicesFromEnvironment } from '#shared/store/dynamodb-import-progress.ts';

const services = importDeskServicesFromEnvironment();

export const handler = apiHandler(routes.getImport, async ({ params, principal }) => json(200, await importStatus(services, principal, params.id)));
