import { routes } from '#shared/api/routes.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { HttpError, json } from '#shared/http/responses.ts';
import { createInspection } from '#shared/inspections/service.ts';
import { runtimeSettings } from '#shared/services.ts';
import { DynamoDrawStore } from '#shared/store/dynamodb-draw-store.ts';

// The draw store reads the inspectors' loads in the window, which the eligibility rule weighs.
const store = DynamoDrawStore.fromEnvironment();
const services = { store, draws: store, ...runtimeSettings() };

export const handler = apiHandler(routes.createInspection, async ({ body, principal, header }) => {
  const idempotencyKey = header('idempotency-key');
  if (idempotencyKey !== undefined && !/^[\x21-\x7e]{1,128}$/.test(idempotencyKey)) {
    throw new HttpError(400, 'invalid_idempotency_key', 'Idempotency-Key is 1-128 visible ASCII characters.');
  }
  const { inspection, created, joined } = await createInspection(services, principal, body, idempotencyKey);
  return json(created ? 201 : 200, { id: inspection.id, status: inspection.status, joined, inspection });
});
