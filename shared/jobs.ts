/** Every kind of job the job queue carries (draws, scoring, imports, warnings and triggers); functions/job-worker.ts runs them. */
import type { DrawJob } from './draws/record.ts';
import type { ImportJob } from './imports/job.ts';
import type { RiskJob } from './risk/jobs.ts';
import type { ScoringJob } from './scoring/jobs.ts';

export type Job = DrawJob | ScoringJob | ImportJob | RiskJob;
