/**
 * The stack's schedules, run by the local stack: the nightly scoring at the hour and minute of the cron in
 * cdk.json, in its time zone, putting the same `score-start` job on the local queue that EventBridge Scheduler
 * puts on SQS when deployed. Daily crons (`cron(M H * * ? *)`) are what it understands; others it says it skips.
 */
import { readFileSync } from 'node:fs';
import type { JobQueue } from '../shared/store/ports.ts';

export interface DailyTime {
  hour: number;
  minute: number;
  timeZone: string;
}

export function dailyTime(cron: string, timeZone: string): DailyTime | undefined {
  const match = /^cron\((\d{1,2}) (\d{1,2}) \* \* \? \*\)$/.exec(cron.trim());
  if (!match) return undefined;
  const [minute, hour] = [Number(match[1]), Number(match[2])];
  return minute < 60 && hour < 24 ? { hour, minute, timeZone } : undefined;
}

/** The local date (YYYY-MM-DD) if the schedule is due at `now` in its time zone, else undefined. */
export function dueOn(time: DailyTime, now: Date): string | undefined {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone: time.timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(now)
      .map((p) => [p.type, p.value]),
  );
  return Number(parts.hour) === time.hour && Number(parts.minute) === time.minute ? `${parts.year}-${parts.month}-${parts.day}` : undefined;
}

export function startLocalSchedules(queue: JobQueue, log: (line: string) => void, cdkJson = 'cdk.json'): { stop(): void } {
  const scoring = (JSON.parse(readFileSync(cdkJson, 'utf8')) as { context?: { scoring?: { cron: string; timeZone: string } } }).context?.scoring;
  const time = scoring && dailyTime(scoring.cron, scoring.timeZone);
  if (!time) {
    log(`Nightly scoring: ${scoring?.cron ?? 'no schedule'} is not a daily cron the local stack runs; use npm run job -- score.`);
    return { stop: () => undefined };
  }
  let lastRun: string | undefined;
  const timer = setInterval(() => {
    const day = dueOn(time, new Date());
    if (!day || day === lastRun) return;
    lastRun = day;
    log(`Nightly scoring (${scoring!.cron} ${time.timeZone}) started.`);
    void queue.send([{ kind: 'score-start' }]);
  }, 20_000);
  timer.unref();
  log(`Nightly scoring runs at ${String(time.hour).padStart(2, '0')}:${String(time.minute).padStart(2, '0')} ${time.timeZone} (cdk.json context "scoring").`);
  return { stop: () => clearInterval(timer) };
}
