/**
 * The department-scope rule, declared once and used by every route where a supervisor acts on something a
 * department owns: an inspection (its departments), an inspector (their department), a company, its devices and
 * its warning clues (the departments that supervise its segment, see `models/jurisdiction/`), a draw (the drawing
 * department). A supervisor with a `department` claim acts only for what that department owns; one without acts
 * city-wide. Something no department owns is therefore left to city-wide supervisors.
 */
import * as z from 'zod/mini';
import shipped from '../../models/jurisdiction/jurisdiction.v1.json' with { type: 'json' };
import { DomainError } from '../domain-error.ts';
import type { Principal } from './principal.ts';

/** Whether this caller is a supervisor acting for at least one of the owning departments (or city-wide). */
export const actsFor = (principal: Principal | undefined, owners: readonly string[]): boolean =>
  principal?.role === 'supervisor' && (!principal.department || owners.includes(principal.department));

/**
 * Whether this caller holds the authority of every owning department at once: a city-wide supervisor, or a
 * supervisor of the only owning department. What binds several departments (revoking a joint visit's code) needs it.
 */
export const actsForAll = (principal: Principal | undefined, owners: readonly string[]): boolean =>
  principal?.role === 'supervisor' && (!principal.department || owners.every((owner) => owner === principal.department));

/** Refuses (403) a supervisor acting outside their department; `what` names the thing, e.g. `inspector insp-1`. */
export function requireScope(principal: Principal, owners: readonly string[], what: string): void {
  if (actsFor(principal, owners)) return;
  const ownedBy = owners.length ? `owned by ${owners.join(', ')}` : 'owned by no department (city-wide supervisors only)';
  throw new DomainError(
    'forbidden',
    'out_of_scope',
    principal.role === 'supervisor' && principal.department
      ? `A supervisor of ${principal.department} cannot act on ${what}, ${ownedBy}.`
      : `Only a supervisor acts on ${what}, ${ownedBy}.`,
    { owners },
  );
}

const jurisdiction = z.strictObject({
  id: z.literal('jurisdiction'),
  version: z.int(),
  description: z.string(),
  segments: z.record(z.string(), z.array(z.string().check(z.minLength(1))).check(z.minLength(1))),
});

let loaded: Record<string, string[]> | undefined;
const segmentsClaimed = () => (loaded ??= jurisdiction.parse(shipped).segments);

/** The departments supervising a segment's companies (none for a segment no department claims). */
export function departmentsOfSegment(segment: string): string[] {
  const claimed = segmentsClaimed();
  return Object.hasOwn(claimed, segment) ? claimed[segment]! : [];
}

/** The segments some department supervises. */
export const supervisedSegments = (): string[] => Object.keys(segmentsClaimed());
