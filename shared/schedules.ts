/**
 * The scheduled jobs, declared once: what each puts on the job queue. The stack makes one EventBridge Scheduler
 * rule per entry and the local stack runs the same entries; when is set by the operator in cdk.json
 * (`context.schedules.<name>`: `cron`, `timeZone`, `segments`).
 */
import type { Job } from './jobs.ts';

export interface JobSchedule {
  /** An EventBridge Scheduler cron expression, e.g. `cron(0 2 * * ? *)`. */
  cron: string;
  /** IANA time zone the cron is read in. */
  timeZone: string;
  /** Parallel-scan segments a run fans out over: each one worker's share of the city. */
  segments: number;
}

export const scheduledJobs = {
  scoring: {
    description: 'Grades every entity: fans out over parallel-scan segments of the table',
    job: (_schedule: JobSchedule): Job => ({ kind: 'score-start' }),
    default: { cron: 'cron(0 2 * * ? *)', timeZone: 'Asia/Shanghai', segments: 16 },
  },
  warnings: {
    description: 'Runs the warning models over every entity and escalates overdue clues',
    job: (schedule: JobSchedule): Job => ({ kind: 'sweep-start', sweep: 'warnings', segments: schedule.segments }),
    default: { cron: 'cron(0 4 * * ? *)', timeZone: 'Asia/Shanghai', segments: 16 },
  },
  triggers: {
    description: 'Runs the triggers over the food manufacturers: catches any fact the event path missed',
    job: (schedule: JobSchedule): Job => ({ kind: 'sweep-start', sweep: 'triggers', segments: schedule.segments }),
    default: { cron: 'cron(30 4 * * ? *)', timeZone: 'Asia/Shanghai', segments: 16 },
  },
} as const satisfies Record<string, { description: string; job: (schedule: JobSchedule) => Job; default: JobSchedule }>;

export type ScheduleName = keyof typeof scheduledJobs;

/** The schedules as configured (cdk.json `context.schedules`), each entry over its defaults. */
export function schedulesFrom(configured: unknown): Record<ScheduleName, JobSchedule> {
  const given = (configured ?? {}) as Partial<Record<ScheduleName, Partial<JobSchedule>>>;
  return Object.fromEntries(
    (Object.keys(scheduledJobs) as ScheduleName[]).map((name) => [name, { ...scheduledJobs[name].default, ...given[name] }]),
  ) as Record<ScheduleName, JobSchedule>;
}
