import { DomainError } from '../../shared/domain-error.ts';

/** The DomainError a rule throws; fails the test if it throws nothing or something else. */
export function refusal(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}
