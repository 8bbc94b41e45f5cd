/** Every kind of job the job queue carries, and the worker that runs them (functions/job-worker.ts). */
import type { DrawJob } from './draws/record.ts';
import type { ScoringJob } from './scoring/jobs.ts';

export type Job = DrawJob | ScoringJob;
