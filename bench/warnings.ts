/**
 * The warning sweep over 100,000 generated entities with their facts, on DynamoDB Local: first run (clues new),
 * second run (nothing new: the nightly case), and the trigger sweep, each beside a baseline from the same run:
 * reading the same entity views with nothing evaluated (what the sweep cannot go below), and the rules alone over
 * those views in memory (what they cost without storage).
 */
import { referenceDay } from '../shared/generate/synthetic.ts';
import { evaluateRule, type EntityView } from '../shared/rules/evaluate.ts';
import { sweepEntities, type EvaluationCounts } from '../shared/risk/jobs.ts';
import type { DynamoStore } from '../shared/store/dynamodb-store.ts';
import { startLocalStack } from '../local/stack.ts';
import { assertInvariants, round } from './measure.ts';
import { importGeneratedCity } from './seed.ts';

const count = 100_000;

export async function benchWarnings(log: (line: string) => void) {
  const stack = await startLocalStack({ port: 0 });
  try {
    log(`warnings: importing ${count.toLocaleString()} generated entities and their facts ...`);
    const { facts } = await importGeneratedCity(stack.services.store as DynamoStore, count, 2026);
    const services = stack.riskServices;

    log('warnings: baseline, reading every entity view with nothing evaluated ...');
    let started = performance.now();
    const views: EntityView[] = [];
    for await (const page of services.risk.entityPages({ segment: 0, segments: 1 })) views.push(...(await services.risk.entityViews(page.map((e) => e.id), services.timeZone)));
    const readSeconds = (performance.now() - started) / 1000;

    log('warnings: the 23 models over the same views, in memory ...');
    started = performance.now();
    let firings = 0;
    for (const view of views) for (const model of services.warningModels) if (evaluateRule(model, view, referenceDay)) firings++;
    const rulesSeconds = (performance.now() - started) / 1000;

    const sweep = async (which: 'warnings' | 'triggers', label: string) => {
      log(`warnings: ${label} ...`);
      const begun = performance.now();
      let last = 0;
      const counts: EvaluationCounts = await sweepEntities(services, {
        sweep: which,
        asOf: referenceDay,
        onProgress: ({ entities: evaluated, skipped }) => {
          if (evaluated + skipped - last >= 25_000) log(`warnings: ${label}: ${(last = evaluated + skipped).toLocaleString()}`);
        },
      });
      const seconds = (performance.now() - begun) / 1000;
      // Per entity of the registry, whether evaluated or passed over as out of the sweep's scope.
      const swept = counts.entities + counts.skipped;
      return { seconds: round(seconds, 1), entitiesPerSecond: round(swept / seconds, 0), ratioToReading: round(readSeconds / seconds, 2), ...counts };
    };
    const first = await sweep('warnings', 'warning sweep, first run (clues new)');
    const second = await sweep('warnings', 'warning sweep, second run (nothing new)');
    const triggers = await sweep('triggers', 'trigger sweep');
    assertInvariants('warnings', {
      viewsRead: [views.length, count],
      // Every entity of the registry is evaluated or passed over, by each sweep.
      firstRunSwept: [first.entities + first.skipped, count],
      secondRunSwept: [second.entities + second.skipped, count],
      triggerSweepSwept: [triggers.entities + triggers.skipped, count],
      // The nightly case: nothing new, so no clue is opened twice.
      secondRunClues: [second.clues, 0],
    });
    return {
      entities: count,
      facts,
      asOf: referenceDay,
      readingViews: { seconds: round(readSeconds, 1), entitiesPerSecond: round(count / readSeconds, 0) },
      rulesInMemory: { seconds: round(rulesSeconds, 2), entitiesPerSecond: round(count / rulesSeconds, 0), modelEvaluationsPerSecond: round((count * services.warningModels.length) / rulesSeconds, 0), firings },
      warningSweepFirstRun: first,
      warningSweepSecondRun: second,
      triggerSweep: triggers,
      engine: 'DynamoDB Local 1.25, in memory; one sweep segment, 16 entity queries in flight',
    };
  } finally {
    await stack.stop();
  }
}
