import { listAlerts } from '#shared/alerts/service.ts';
import { routes } from '#shared/api/routes.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { json } from '#shared/http/responses.ts';
import { riskServicesFromEnvironment } from '#shared/store/risk-services.ts';

const services = riskServicesFromEnvironment();

export const handler = apiHandler(routes.listAlerts, async ({ query, principal }) => json(200, await listAlerts(services, principal, query)));
