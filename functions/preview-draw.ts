import { routes } from '#shared/api/routes.ts';
import { previewDraw } from '#shared/draws/service.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { json } from '#shared/http/responses.ts';
import { drawServicesFromEnvironment } from '#shared/store/draw-services.ts';

const services = drawServicesFromEnvironment();

export const handler = apiHandler(routes.previewDraw, async ({ body, principal }) => json(200, await previewDraw(services, principal, body)));
