import { routes } from '#shared/api/routes.ts';
import { executeDraw, published } from '#shared/draws/service.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { json } from '#shared/http/responses.ts';
import { drawServicesFromEnvironment } from '#shared/store/draw-services.ts';

const services = drawServicesFromEnvironment();

export const handler = apiHandler(routes.executeDraw, async ({ params, body, principal }) => {
  const { record, started } = await executeDraw(services, principal, params.id, body.beacon);
  return json(started ? 202 : 200, published(record));
});
