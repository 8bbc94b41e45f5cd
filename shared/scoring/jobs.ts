/**
 * Scoring as jobs, for the nightly schedule: `score-start` opens a run and fans it out over parallel-scan segments
 * of the table; each `score-segment` grades its share. Either may run twice: a segment writes only grades that
 * changed and overwrites its share of the run's grade distribution.
 */
import { localDay } from '../dates.ts';
import type { JobQueue, ScoringStore } from '../store/ports.ts';
import { countMetric, metricDimensions, metricNames } from '../telemetry/metrics.ts';
import { scoreAll } from './job.ts';
import type { ModelSet } from './models.ts';

export type ScoringJob =
  | { kind: 'score-start'; asOf?: string }
  | { kind: 'score-segment'; runId: string; asOf: string; segment: number; segments: number };

export interface ScoringServices {
  scoring: ScoringStore;
  jobs: JobQueue;
  models: ModelSet;
  now: () => string;
  /** The authority's time zone: a run started at 02:30 in Shanghai scores as of that Shanghai day. */
  timeZone: string;
  /** Parallel-scan segments per run: each one worker's share of the city. */
  segments: number;
  log?: (line: string) => void;
}

export async function runScoringJob(services: ScoringServices, job: ScoringJob): Promise<void> {
  if (job.kind === 'score-start') {
    const runId = services.now();
    const asOf = job.asOf ?? localDay(runId, services.timeZone);
    await services.scoring.startRun({ runId, asOf, segments: services.segments });
    await services.jobs.send(Array.from({ length: services.segments }, (_, segment) => ({ kind: 'score-segment' as const, runId, asOf, segment, segments: services.segments })));
    services.log?.(`scoring run ${runId}: ${services.segments} segments as of ${asOf}`);
    return;
  }
  const { scored, changed, completed } = await scoreAll({
    store: services.scoring,
    models: services.models,
    asOf: job.asOf,
    runId: job.runId,
    partition: { segment: job.segment, segments: job.segments },
    now: services.now,
  });
  services.log?.(`scoring run ${job.runId}, segment ${job.segment + 1}/${job.segments}: ${scored} scored, ${changed} grades changed`);
  if (completed) countMetric(metricNames.scheduledRunsCompleted, 1, { [metricDimensions.schedule]: 'scoring' });
}
