import { routes } from '#shared/api/routes.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { json } from '#shared/http/responses.ts';
import { riskServicesFromEnvironment } from '#shared/store/risk-services.ts';
import { transitionClue } from '#shared/warnings/service.ts';

const services = riskServicesFromEnvironment();

export const handler = apiHandler(routes.transitionWarning, async ({ params, body, principal }) => {
  const { clue } = await transitionClue(services, principal, params.id, body);
  return json(200, clue);
});
