/**
 * The warning models and triggers at work. `evaluate` looks at a few entities at once, when facts about them
 * arrive (an import chunk, a device alert); the sweeps look at every entity on a schedule, fanned out over
 * parallel-scan segments like the scoring, and catch whatever the event path missed. Both may run twice or at
 * the same time: clue ids and trigger-inspection ids are derived from entity, rule and window, and created only
 * if absent.
 */
import { mapInParallel } from '../concurrency.ts';
import { localDay } from '../dates.ts';
import type { ImportSink } from '../imports/run-import.ts';
import type { JobQueue } from '../store/ports.ts';
import { countMetric, metricDimensions, metricNames } from '../telemetry/metrics.ts';
import { fireTriggers } from '../triggers/fire.ts';
import { escalateOverdue, raiseClues } from '../warnings/service.ts';
import type { RiskServices } from './services.ts';

export type Sweep = 'warnings' | 'triggers';

export type RiskJob =
  | { kind: 'evaluate'; entityIds: string[]; asOf?: string }
  | { kind: 'sweep-start'; sweep: Sweep; asOf?: string; segments?: number }
  | { kind: 'sweep-segment'; sweep: Sweep; asOf: string; segment: number; segments: number };

export interface EvaluationCounts {
  /** Entities evaluated. */
  entities: number;
  /** Entities of a sweep's page that no rule of the sweep applies to, by segment: passed over unread. */
  skipped: number;
  clues: number;
  triggerInspections: number;
  unassigned: number;
}

const emptyCounts = (): EvaluationCounts => ({ entities: 0, skipped: 0, clues: 0, triggerInspections: 0, unassigned: 0 });

/** Runs the warning models, the triggers, or both over these entities on `asOf`. */
export async function evaluateEntities(services: RiskServices, entityIds: string[], asOf: string, sweeps: readonly Sweep[] = ['warnings', 'triggers']): Promise<EvaluationCounts> {
  const counts = emptyCounts();
  // A few entities at a time: most fire nothing, and those that do wait on their writes, not on each other's.
  await mapInParallel(await services.risk.entityViews(entityIds, services.timeZone), 8, async (view) => {
    counts.entities++;
    // Awaited before adding: `counts.clues += await ...` would add to the total as it was before the wait.
    const raised = sweeps.includes('warnings') ? await raiseClues(services, view, asOf) : 0;
    counts.clues += raised;
    if (sweeps.includes('triggers')) {
      for (const outcome of await fireTriggers(services, view, asOf)) {
        if (outcome === 'created') counts.triggerInspections++;
        if (outcome === 'unassigned') counts.unassigned++;
      }
    }
  });
  return counts;
}

/** One share of a sweep (or all of it, with one segment), page by page, with progress after each page. */
export async function sweepEntities(
  services: RiskServices,
  run: { sweep: Sweep; asOf: string; partition?: { segment: number; segments: number }; onProgress?: (counts: EvaluationCounts) => void },
): Promise<EvaluationCounts> {
  const total = emptyCounts();
  // Entities of segments no rule of the sweep looks at are not read at all (the triggers watch three segments).
  const rules = run.sweep === 'warnings' ? services.warningModels : services.triggers.triggers;
  const segments = rules.every((rule) => rule.appliesTo?.segments) ? new Set(rules.flatMap((rule) => rule.appliesTo!.segments!)) : undefined;
  for await (const page of services.risk.entityPages(run.partition ?? { segment: 0, segments: 1 })) {
    const inScope = segments ? page.filter((e) => segments.has(e.segment)) : page;
    const counts = await evaluateEntities(services, inScope.map((e) => e.id), run.asOf, [run.sweep]);
    for (const key of Object.keys(total) as (keyof EvaluationCounts)[]) total[key] += counts[key];
    total.skipped += page.length - inScope.length;
    run.onProgress?.({ ...total });
  }
  return total;
}

export async function runRiskJob(services: RiskServices, job: RiskJob): Promise<void> {
  const asOf = job.asOf ?? localDay(services.now(), services.timeZone);
  if (job.kind === 'evaluate') {
    const counts = await evaluateEntities(services, job.entityIds, asOf);
    if (counts.clues || counts.triggerInspections) services.log?.(`evaluated ${job.entityIds.length} entities as facts arrived: ${counts.clues} clues, ${counts.triggerInspections} trigger inspections`);
    return;
  }
  if (job.kind === 'sweep-start') {
    if (job.sweep === 'warnings') {
      const escalated = await escalateOverdue(services, asOf);
      services.log?.(`warning sweep ${asOf}: ${escalated} overdue clues escalated`);
    }
    const segments = job.segments ?? services.segments;
    await services.jobs.send(Array.from({ length: segments }, (_, segment) => ({ kind: 'sweep-segment' as const, sweep: job.sweep, asOf, segment, segments })));
    services.log?.(`${job.sweep} sweep ${asOf}: ${segments} segments`);
    return;
  }
  const counts = await sweepEntities(services, { sweep: job.sweep, asOf, partition: { segment: job.segment, segments: job.segments } });
  services.log?.(
    `${job.sweep} sweep ${asOf}, segment ${job.segment + 1}/${job.segments}: ${counts.entities} entities evaluated (${counts.skipped} out of scope), ${counts.clues} clues, ${counts.triggerInspections} trigger inspections`,
  );
  if (await services.risk.sweepSegmentDone({ sweep: job.sweep, asOf, segments: job.segments }, job.segment)) {
    countMetric(metricNames.scheduledRunsCompleted, 1, { [metricDimensions.schedule]: job.sweep });
  }
}

/**
 * An import sink that, after each chunk is written, asks for the entities whose facts it brought to be evaluated:
 * the event path of the warning models and triggers for imported facts. One job per chunk, not per fact.
 */
export const evaluatingAfterWrite = (sink: ImportSink, jobs: JobQueue): ImportSink => ({
  missingEntities: (entityIds) => sink.missingEntities(entityIds),
  async write(records) {
    await sink.write(records);
    const entityIds = [...new Set(records.flatMap((record) => (record.type === 'fact' ? [record.fact.entityId] : [])))];
    if (entityIds.length) await jobs.send([{ kind: 'evaluate', entityIds }]);
  },
});
