import { describe, expect, it } from 'vitest';
import { codeExpiry, codeStatus, codeValidUntil, newCodeValue, scanLogKeptUntil, type CodeRecord } from '../../shared/codes/code.ts';

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

const shanghai = 'Asia/Shanghai';

describe('code expiry and status', () => {
  const window = { start: '2030-03-01', end: '2030-03-03' };
  const record = (overrides: Partial<CodeRecord> = {}): CodeRecord => ({
    code: 'c',
    inspectionId: 'i',
    state: 'active',
    issuedAt: '2030-02-20T00:00:00.000Z',
    expiresAt: codeExpiry(window, 30, shanghai),
    ...overrides,
  });

  it('expires when the day after the last valid day begins on the authority\'s calendar, not in UTC', () => {
    // Valid until 2030-04-02 (window end + 30 days): through 23:59:59 of 04-02 in Shanghai, i.e. 15:59:59Z.
    expect(codeExpiry(window, 30, shanghai)).toBe('2030-04-02T16:00:00.000Z');
    expect(codeExpiry(window, 0, shanghai)).toBe('2030-03-03T16:00:00.000Z');
    expect(codeExpiry(window, 0, 'UTC')).toBe('2030-03-04T00:00:00.000Z');
  });

  it('is active through the end of the day the page shows, and expired from the next', () => {
    const validUntil = codeValidUntil(record().expiresAt, shanghai);
    expect(validUntil).toBe('2030-04-02');
    expect(codeStatus(record(), '2030-04-02T15:59:59.999Z')).toBe('active'); // 23:59:59 on 04-02 in Shanghai
    expect(codeStatus(record(), '2030-04-02T16:00:00.000Z')).toBe('expired'); // 00:00 on 04-03 in Shanghai
    // At 08:00 Shanghai on the day shown (midnight UTC), the code still works.
    expect(codeStatus(record(), `${validUntil}T00:00:00.000Z`)).toBe('active');
  });

  it('shows as "valid until" the day its expiry check ends, in every zone', () => {
    for (const timeZone of [shanghai, 'UTC', 'America/New_York', 'Pacific/Kiritimati']) {
      expect(codeValidUntil(codeExpiry({ start: '2024-03-08', end: '2024-03-10' }, 0, timeZone), timeZone)).toBe('2024-03-10');
    }
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
