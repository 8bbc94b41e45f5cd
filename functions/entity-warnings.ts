import { routes } from '#shared/api/routes.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { json } from '#shared/http/responses.ts';
import { riskServicesFromEnvironment } from '#shared/store/risk-services.ts';
import { cluesOfEntity } from '#shared/warnings/service.ts';

const services = riskServicesFromEnvironment();

export const handler = apiHandler(routes.entityWarnings, async ({ params, query, principal }) => json(200, await cluesOfEntity(services, principal, params.id, query)));
