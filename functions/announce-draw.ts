import { routes } from '#shared/api/routes.ts';
import { announceDraw, published } from '#shared/draws/service.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { json } from '#shared/http/responses.ts';
import { drawServicesFromEnvironment } from '#shared/store/draw-services.ts';

const services = drawServicesFromEnvironment();

export const handler = apiHandler(routes.announceDraw, async ({ body, principal, header }) => {
  const { record, created } = await announceDraw(services, principal, body, header('idempotency-key'));
  return json(created ? 202 : 200, published(record));
});
