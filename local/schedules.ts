/**
 * The stack's schedules, run by the local stack: each job of shared/schedules.ts (scoring, warning sweep, trigger
 * sweep) at the hour and minute of its cron in cdk.json, in its time zone, putting the same job on the local queue
 * that EventBridge Scheduler puts on SQS when deployed. Daily crons (`cron(M H * * ? *)`) are what it understands;
 * others it says it skips.
 */
import { scheduledJobs, schedulesFrom, type JobSchedule, type ScheduleName } from '../shared/schedules.ts';
import type { JobQueue } from '../shared/store/ports.ts';
import { cdkContext } from './cdk-context.ts';

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
  const schedules = schedulesFrom(cdkContext(cdkJson).schedules);
  const running: { name: ScheduleName; schedule: JobSchedule; time: DailyTime; lastRun?: string }[] = [];
  for (const [name, schedule] of Object.entries(schedules) as [ScheduleName, JobSchedule][]) {
    const time = dailyTime(schedule.cron, schedule.timeZone);
    if (!time) {
      log(`Schedule ${name}: ${schedule.cron} is not a daily cron the local stack runs; use npm run job -- ${commandOf[name]}.`);
      continue;
    }
    running.push({ name, schedule, time });
    log(`Schedule ${name} runs at ${String(time.hour).padStart(2, '0')}:${String(time.minute).padStart(2, '0')} ${time.timeZone} (cdk.json context "schedules").`);
  }
  const timer = setInterval(() => {
    for (const entry of running) {
      const day = dueOn(entry.time, new Date());
      if (!day || day === entry.lastRun) continue;
      entry.lastRun = day;
      log(`Schedule ${entry.name} (${entry.schedule.cron} ${entry.time.timeZone}) started.`);
      void queue.send([scheduledJobs[entry.name].job(entry.schedule)]);
    }
  }, 20_000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

/** The `npm run job` command that runs a schedule's job on demand. */
const commandOf: Record<ScheduleName, string> = { scoring: 'score', warnings: 'warn', triggers: 'trigger' };
