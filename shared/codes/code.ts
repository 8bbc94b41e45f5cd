import type { DateWindow } from '../api/schemas.ts';

/**
 * A code record. `pending` exists only between reserving the code and storing its QR images: scans treat it as
 * unknown, and the next issuance call finishes it, so a failure half-way leaves nothing a company could see.
 */
export interface CodeRecord {
  code: string;
  inspectionId: string;
  state: 'pending' | 'active' | 'revoked';
  issuedAt: string;
  expiresAt: string;
  revokedAt?: string;
  revokedReason?: string;
}

export type CodeStatus = 'pending' | 'active' | 'revoked' | 'expired';

const dayMs = 86_400_000;

/** 128 random bits, base64url: 22 characters, unguessable and safe in a URL path. */
export function newCodeValue(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Buffer.from(bytes).toString('base64url');
}

/** A code stays valid until the end of the window's last day (UTC) plus the grace days for results and rectification. */
export function codeExpiry(window: DateWindow, graceDays: number): string {
  return new Date(Date.parse(`${window.end}T00:00:00Z`) + (graceDays + 1) * dayMs).toISOString();
}

/**
 * Until when a scan's log entry is kept: the log period after the later of the scan and the code's expiry, so every
 * scan of a code stays at least that long after the code could last have been used.
 */
export function scanLogKeptUntil(codeExpiresAt: string, scannedAt: string, logDays: number): string {
  return new Date(Math.max(Date.parse(codeExpiresAt), Date.parse(scannedAt)) + logDays * dayMs).toISOString();
}

export function codeStatus(record: CodeRecord, now: string): CodeStatus {
  if (record.state !== 'active') return record.state;
  return now >= record.expiresAt ? 'expired' : 'active';
}

export const scanPath = (code: string) => `/c/${code}`;
