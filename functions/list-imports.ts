import { routes } from '#shared/api/routes.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { json } from '#shared/http/responses.ts';
import { listImports } from '#shared/imports/service.ts';
import { importDeskServicesFromEnvironment } from '#shared/store/dynamodb-import-progress.ts';

const services = importDeskServicesFromEnvironment();

export const handler = apiHandler(routes.listImports, async ({ query, principal }) => json(200, await listImports(services, principal, query)));
