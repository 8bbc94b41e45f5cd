import { routes } from '#shared/api/routes.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { json } from '#shared/http/responses.ts';
import { riskServicesFromEnvironment } from '#shared/store/risk-services.ts';
import { listWarnings } from '#shared/warnings/service.ts';

const services = riskServicesFromEnvironment();

export const handler = apiHandler(routes.listWarnings, async ({ query, principal }) => json(200, await listWarnings(services, principal, query)));
