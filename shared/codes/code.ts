import type { DateWindow } from '../api/schemas.ts';
import { addDays, dayMs, endOfLocalDay, lastDayBefore } from '../dates.ts';

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

/** 128 random bits, base64url: 22 characters, unguessable and safe in a URL path. */
export function newCodeValue(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Buffer.from(bytes).toString('base64url');
}

/**
 * A code is valid until the window's last day plus the grace days for results and rectification, through the end of
 * that day on the authority's calendar: it expires when the next day begins there.
 */
export function codeExpiry(window: DateWindow, graceDays: number, timeZone: string): string {
  return endOfLocalDay(addDays(window.end, graceDays), timeZone);
}

/** The day a scan page shows as "valid until": the last authority day before the instant the check expires the code. */
export const codeValidUntil = (expiresAt: string, timeZone: string) => lastDayBefore(expiresAt, timeZone);
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

const codeAlphabet = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The code in what follows `/c/`, or undefined if there is none. Links pasted from chat carry trailing punctuation,
 * brackets, spaces or a slash; none of them can be part of a code (letters, digits, "-", "_"), so trimming them off
 * either end is unambiguous. Anything else inside makes it no code at all.
 */
export function codeInScanPath(path: string): string | undefined {
  const trimmed = path.replace(/^[^A-Za-z0-9_-]+|[^A-Za-z0-9_-]+$/g, '');
  return codeAlphabet.test(trimmed) ? trimmed : undefined;
}
