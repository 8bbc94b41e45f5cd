import { describe, expect, it } from 'vitest';
import { dailyTime, dueOn } from '../../local/schedules.ts';

describe('the local schedule of the nightly scoring', () => {
  const time = dailyTime('cron(0 2 * * ? *)', 'Asia/Shanghai')!;

  it('reads a daily cron', () => {
    expect(time).toEqual({ hour: 2, minute: 0, timeZone: 'Asia/Shanghai' });
    expect(dailyTime('cron(0 2 ? * MON *)', 'UTC')).toBeUndefined();
    expect(dailyTime('rate(1 day)', 'UTC')).toBeUndefined();
  });

  it('is due at 02:00 in Shanghai, which is 18:00 UTC the day before, and not a minute later', () => {
    expect(dueOn(time, new Date('2030-03-01T18:00:30Z'))).toBe('2030-03-02');
    expect(dueOn(time, new Date('2030-03-01T18:01:00Z'))).toBeUndefined();
    expect(dueOn(time, new Date('2030-03-02T02:00:00Z'))).toBeUndefined();
  });
});
