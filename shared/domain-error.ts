/**
 * A rule of the domain said no. The kind says which sort of no, so the HTTP edge can choose the status
 * (not-found 404, forbidden 403, conflict 409, gone 410, too-large 413, invalid 422) without the domain knowing about HTTP.
 */
export type DomainErrorKind = 'not-found' | 'forbidden' | 'conflict' | 'gone' | 'too-large' | 'invalid';

export class DomainError extends Error {
  readonly kind: DomainErrorKind;
  readonly code: string;
  readonly details?: unknown;

  constructor(kind: DomainErrorKind, code: string, message: string, details?: unknown) {
    super(message);
    this.name = 'DomainError';
    this.kind = kind;
    this.code = code;
    this.details = details;
  }
}

export const notFound = (what: string, id: string) => new DomainError('not-found', 'not_found', `No ${what} with id "${id}".`);
