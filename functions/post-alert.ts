import { postAlert } from '#shared/alerts/service.ts';
import { routes } from '#shared/api/routes.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { json } from '#shared/http/responses.ts';
import { riskServicesFromEnvironment } from '#shared/store/risk-services.ts';

const services = riskServicesFromEnvironment();

export const handler = apiHandler(routes.postAlert, async ({ body, principal }) => {
  const { alert, created, upload } = await postAlert(services, principal, body);
  return json(created ? 201 : 200, { id: alert.id, status: alert.status, deferred: alert.deferred, ...(upload ? { upload } : {}) });
});
