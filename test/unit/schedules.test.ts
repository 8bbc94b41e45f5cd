import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dailyTime, dueOn, startLocalSchedules } from '../../local/schedules.ts';
import { scheduledJobs, schedulesFrom } from '../../shared/schedules.ts';

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

describe('the schedules of cdk.json', () => {
  it('are the scoring, the warning sweep and the trigger sweep, each over its defaults', () => {
    const schedules = schedulesFrom({ warnings: { cron: 'cron(15 3 * * ? *)' } });
    expect(Object.keys(schedules)).toEqual(['scoring', 'warnings', 'triggers']);
    expect(schedules.warnings).toEqual({ cron: 'cron(15 3 * * ? *)', timeZone: 'Asia/Shanghai', segments: 16 });
    expect(scheduledJobs.triggers.job(schedules.triggers)).toEqual({ kind: 'sweep-start', sweep: 'triggers', segments: 16 });
  });

  it('run locally as configured, and say how to run one on demand when its cron is not daily', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'cdk-json-')), 'cdk.json');
    writeFileSync(file, JSON.stringify({ context: { schedules: { triggers: { cron: 'rate(6 hours)' } } } }));
    const lines: string[] = [];
    startLocalSchedules({ send: async () => undefined }, (line) => lines.push(line), file).stop();
    expect(lines).toEqual([
      'Schedule scoring runs at 02:00 Asia/Shanghai (cdk.json context "schedules").',
      'Schedule warnings runs at 04:00 Asia/Shanghai (cdk.json context "schedules").',
      'Schedule triggers: rate(6 hours) is not a daily cron the local stack runs; use npm run job -- trigger.',
    ]);
  });
});
