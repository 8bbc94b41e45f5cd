import type { Principal } from '../auth/principal.ts';
import { DomainError, notFound } from '../domain-error.ts';
import { requireAccess, supervisesInspection } from '../inspections/access.ts';
import type { Services } from '../services.ts';

/** Revokes the inspection's current code: scans answer 410 from now on. Revoking again changes nothing. */
export async function revokeCode(services: Services, principal: Principal, inspectionId: string, reason: string) {
  const inspection = await services.store.getInspection(inspectionId);
  if (!inspection) throw notFound('inspection', inspectionId);
  requireAccess(supervisesInspection(inspection, principal), "Only a supervisor of the inspection's departments revokes its code.");
  if (!inspection.code) throw new DomainError('conflict', 'no_code', 'This inspection has no code to revoke.');
  await services.store.revokeCode(inspection.code, reason, services.now());
  return (await services.store.getCode(inspection.code))!;
}
