import { drawResults } from '#shared/draws/service.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { json } from '#shared/http/responses.ts';
import { drawServicesFromEnvironment } from '#shared/store/draw-services.ts';

const services = drawServicesFromEnvironment();

export const handler = apiHandler('drawResults', async ({ params }) => json(200, await drawResults(services, params.id)));
