import { afterEach, describe, expect, it, vi } from 'vitest';
import { cdkContext, settingsEnvironment } from '../../local/cdk-context.ts';

afterEach(() => vi.unstubAllEnvs());

describe('the local stack settings', () => {
  it("give the functions cdk.json's time zone and grace days, as the deployed stack does", () => {
    vi.stubEnv('TIME_ZONE', undefined);
    vi.stubEnv('CODE_GRACE_DAYS', undefined);
    const { timeZone, codeGraceDays } = cdkContext();
    expect(settingsEnvironment()).toEqual({ TIME_ZONE: timeZone, CODE_GRACE_DAYS: String(codeGraceDays) });
    expect(settingsEnvironment({ timeZone: 'Europe/Berlin', codeGraceDays: 7 })).toEqual({ TIME_ZONE: 'Europe/Berlin', CODE_GRACE_DAYS: '7' });
  });

  it('leave a zone chosen in the environment alone', () => {
    vi.stubEnv('TIME_ZONE', 'UTC');
    expect(settingsEnvironment({ timeZone: 'Europe/Berlin' }).TIME_ZONE).toBe('UTC');
  });
});
