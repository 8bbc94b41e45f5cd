import type { Principal } from '../auth/principal.ts';
import { DomainError, notFound } from '../domain-error.ts';
import { requireAccess, supervisesWholeVisit } from '../inspections/access.ts';
import type { Services } from '../services.ts';

/**
 * Revokes the inspection's current code: scans answer 410 from now on. Revoking again changes nothing. The code is
 * the whole visit's, so on a joint visit this needs the authority of every department on it (a city-wide supervisor).
 */
export async function revokeCode(services: Services, principal: Principal, inspectionId: string, reason: string) {
  const inspection = await services.store.getInspection(inspectionId);
  if (!inspection) throw notFound('inspection', inspectionId);
  requireAccess(
    supervisesWholeVisit(inspection, principal),
    inspection.departments.length > 1
      ? `This joint visit's code binds ${inspection.departments.join(', ')}: only a supervisor acting for all of them (city-wide) revokes it.`
      : "Only a supervisor of the inspection's department revokes its code.",
  );
  if (!inspection.code) throw new DomainError('conflict', 'no_code', 'This inspection has no code to revoke.');
  await services.store.revokeCode(inspection.code, reason, services.now());
  return (await services.store.getCode(inspection.code))!;
}
