import { describe, expect, it } from 'vitest';
import { scanRateLimit, tooManyScansMessage } from '../../shared/api/limits.ts';
import { perAddressLimit } from '../../local/rate-limit.ts';

describe('the local per-address scan limit (what the WAF rule does on AWS)', () => {
  it('lets the declared number of scans through, then answers 429 with Retry-After within the window', async () => {
    const take = perAddressLimit(scanRateLimit);
    for (let i = 0; i < scanRateLimit.requests; i++) expect(await take('203.0.113.7')).toBeUndefined();
    const refusal = await take('203.0.113.7');
    expect(refusal?.statusCode).toBe(429);
    expect(refusal?.body).toBe(tooManyScansMessage);
    const wait = Number(refusal?.headers?.['retry-after']);
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(scanRateLimit.windowSeconds);
  });

  it('counts each address on its own', async () => {
    const take = perAddressLimit({ requests: 1, windowSeconds: 60 });
    expect(await take('203.0.113.7')).toBeUndefined();
    expect((await take('203.0.113.7'))?.statusCode).toBe(429);
    expect(await take('198.51.100.2')).toBeUndefined();
  });

  it('lets the address scan again once the window has passed', async () => {
    const take = perAddressLimit({ requests: 2, windowSeconds: 1 });
    await take('203.0.113.7');
    await take('203.0.113.7');
    const refusal = await take('203.0.113.7');
    expect(refusal?.headers?.['retry-after']).toBe('1');
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await take('203.0.113.7')).toBeUndefined();
  });
});
