import { registerDevice } from '#shared/alerts/service.ts';
import { routes } from '#shared/api/routes.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { json } from '#shared/http/responses.ts';
import { riskServicesFromEnvironment } from '#shared/store/risk-services.ts';

const services = riskServicesFromEnvironment();

export const handler = apiHandler(routes.putDevice, async ({ params, body, principal }) => {
  const { device, created } = await registerDevice(services, principal, params.id, body);
  return json(created ? 201 : 200, device);
});
