import { describe, expect, it } from 'vitest';
import { codeExpiry, codeStatus, newCodeValue, scanLogKeptUntil, type CodeRecord } from '../../shared/codes/code.ts';

describe('code values', () => {
  it('are 22 URL-safe characters carrying 128 random bits', () => {
    const code = newCodeValue();
    expect(code).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(Buffer.from(code, 'base64url')).toHaveLength(16);
  });

  it('do not repeat over 100,000 draws', () => {
    const seen = new Set(Array.from({ length: 100_000 }, newCodeValue));
    expect(seen.size).toBe(100_000);
  });
});

describe('code expiry and status', () => {
  const window = { start: '2030-03-01', end: '2030-03-03' };
  const record = (overrides: Partial<CodeRecord> = {}): CodeRecord => ({
    code: 'c',
    inspectionId: 'i',
    state: 'active',
    issuedAt: '2030-02-20T00:00:00.000Z',
    expiresAt: codeExpiry(window, 30),
    ...overrides,
  });

  it('expires at the end of the last window day plus the grace days', () => {
    expect(codeExpiry(window, 30)).toBe('2030-04-03T00:00:00.000Z');
    expect(codeExpiry(window, 0)).toBe('2030-03-04T00:00:00.000Z');
  });

  it('is active until the expiry instant and expired from it', () => {
    expect(codeStatus(record(), '2030-04-02T23:59:59.999Z')).toBe('active');
    expect(codeStatus(record(), '2030-04-03T00:00:00.000Z')).toBe('expired');
  });

  it('stays revoked or pending whatever the time', () => {
    expect(codeStatus(record({ state: 'revoked' }), '2030-03-01T00:00:00.000Z')).toBe('revoked');
    expect(codeStatus(record({ state: 'pending' }), '2030-03-01T00:00:00.000Z')).toBe('pending');
  });
});

describe('how long a scan is logged', () => {
  it('keeps a scan the log period after its code expires, so a code scanned on day one is not forgotten early', () => {
    expect(scanLogKeptUntil('2030-04-04T00:00:00.000Z', '2030-03-01T09:00:00.000Z', 180)).toBe('2030-10-01T00:00:00.000Z');
  });

  it('keeps a scan of an already expired code the log period after the scan itself', () => {
    expect(scanLogKeptUntil('2030-04-04T00:00:00.000Z', '2030-05-01T09:00:00.000Z', 180)).toBe('2030-10-28T09:00:00.000Z');
  });
});
