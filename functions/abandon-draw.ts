import { routes } from '#shared/api/routes.ts';
import { abandonDraw, published } from '#shared/draws/service.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { json } from '#shared/http/responses.ts';
import { drawServicesFromEnvironment } from '#shared/store/draw-services.ts';

const services = drawServicesFromEnvironment();

export const handler = apiHandler(routes.abandonDraw, async ({ params, body, principal }) => {
  return json(200, published(await abandonDraw(services, principal, params.id, body.reason)));
});
