import type { Principal } from '../auth/principal.ts';
import { actsFor, actsForAll } from '../auth/scope.ts';
import { DomainError } from '../domain-error.ts';
import type { Inspection } from './model.ts';

/** A supervisor acts for the inspections that include their own department; one without a department acts city-wide. */
export const supervisesInspection = (inspection: Pick<Inspection, 'departments'>, principal: Principal | undefined) => actsFor(principal, inspection.departments);

/** What binds every department of a (joint) visit at once needs the authority of all of them. */
export const supervisesWholeVisit = (inspection: Pick<Inspection, 'departments'>, principal: Principal | undefined) => actsForAll(principal, inspection.departments);

export const isAssignedInspector = (inspection: Inspection, principal: Principal | undefined) =>
  principal?.role === 'inspector' && inspection.inspectors.some((i) => i.id === principal.inspectorId);

export const isInspectedCompany = (inspection: Inspection, principal: Principal | undefined) =>
  principal?.role === 'company' && principal.entityId === inspection.entityId;

/** Who sees findings, rectification guidance and evidence: the company itself and the staff in charge. */
export const seesDetails = (inspection: Inspection, principal: Principal | undefined) =>
  supervisesInspection(inspection, principal) || isAssignedInspector(inspection, principal) || isInspectedCompany(inspection, principal);

export function requireAccess(allowed: boolean, message: string): void {
  if (!allowed) throw new DomainError('forbidden', 'forbidden', message);
}
