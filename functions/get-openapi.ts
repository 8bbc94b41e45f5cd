import { openApiDocument } from '#shared/api/openapi.ts';
import { routes } from '#shared/api/routes.ts';
import { apiHandler, requestBaseUrl } from '#shared/http/api-handler.ts';
import { json } from '#shared/http/responses.ts';

export const handler = apiHandler(routes.openApi, async ({ event }) =>
  json(200, openApiDocument({ includeLocalOnly: false, serverUrl: requestBaseUrl(event) }), { 'cache-control': 'public, max-age=300' }),
);
