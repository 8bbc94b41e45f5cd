import type { Principal } from '../auth/principal.ts';
import { DomainError, notFound } from '../domain-error.ts';
import { requireAccess, supervisesWholeVisit } from '../inspections/access.ts';
import type { Services } from '../services.ts';
import { changeVersioned } from '../versioned.ts';

/**
 * Revokes the inspection's current code: scans answer 410 from now on. Revoking again changes nothing. The code is
 * the whole visit's, so on a joint visit this needs the authority of every department on it (a city-wide supervisor).
 * A visit without results yet is then cancelled: off the open lists and the due and overdue counts.
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
  const code = inspection.code;
  await services.store.revokeCode(code, reason, services.now());
  // Also on a retry: an earlier attempt may have revoked the code and failed before this.
  await changeVersioned(
    async () => (await services.store.getInspection(inspectionId))!,
    (next, current) => services.store.saveInspection(next, current),
    (current) =>
      current.code !== code || current.cancelled || (current.status !== 'scheduled' && current.status !== 'on-site')
        ? current
        : { ...current, cancelled: { at: services.now(), reason }, updatedAt: services.now() },
  );
  return (await services.store.getCode(inspection.code))!;
}
