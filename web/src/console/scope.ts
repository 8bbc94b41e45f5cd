/**
 * What this supervisor may act on, by the API's own rule (shared/auth/scope.ts): the console offers a move only
 * where the API would accept it, and lists only the segments a department works.
 */
import { actsFor, departmentsOfSegment } from '#shared/auth/scope.ts';
import { segmentNames } from '#shared/labels.ts';
import { useAuth } from '../app/auth.tsx';

export function useScope() {
  const { principal } = useAuth();
  return {
    /** Whether a company of this segment is in the supervisor's scope: they work its clues and plan its inspections. */
    worksSegment: (segment: string) => actsFor(principal, departmentsOfSegment(segment)),
    /** The segments whose clues this supervisor works (every one, city-wide). */
    segments: Object.keys(segmentNames).filter((segment) => actsFor(principal, departmentsOfSegment(segment))),
    /** The departments supervising this segment that this supervisor acts for: whose people a clue can go to. */
    departmentsOf: (segment: string) => departmentsOfSegment(segment).filter((department) => actsFor(principal, [department])),
    subject: principal?.subject ?? '',
    /** Imports write every segment's registry and facts: no department's, so city-wide supervisors only. */
    importsData: actsFor(principal, []),
  };
}
