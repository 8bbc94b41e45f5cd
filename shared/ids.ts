import { createHash } from 'node:crypto';

/** A new random id such as `ins_3q9VxJ0cT1mK4sLp`: 96 bits, URL-safe. */
export const newId = (prefix: string) => `${prefix}_${Buffer.from(crypto.getRandomValues(new Uint8Array(12))).toString('base64url')}`;

/** The same id for the same caller and Idempotency-Key, so a retried create finds what the first attempt made. */
export const idFromIdempotencyKey = (prefix: string, subject: string, key: string) =>
  `${prefix}_${createHash('sha256').update(`${subject}\n${key}`).digest('base64url').slice(0, 16)}`;
