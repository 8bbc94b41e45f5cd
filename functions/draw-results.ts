import { routes } from '#shared/api/routes.ts';
import { optionalPrincipalFromEnvironment } from '#shared/auth/verify-token.ts';
import { drawResults } from '#shared/draws/service.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { json } from '#shared/http/responses.ts';
import { drawServicesFromEnvironment } from '#shared/store/draw-services.ts';

const services = drawServicesFromEnvironment();
/** Public, but a supervisor's token reads the draw's files before they are published (see shared/draws/publication.ts). */
const readerOf = optionalPrincipalFromEnvironment();

export const handler = apiHandler(routes.drawResults, async ({ params, query, header }) =>
  json(200, await drawResults(services, params.id, await readerOf(header('authorization')), query)),
);
