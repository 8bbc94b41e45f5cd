/**
 * The scheduled sweeps over generated city data on the local stack: clues from the warning models, trigger
 * inspections whose codes scan, and nothing new when a sweep runs again.
 */
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { referenceDay, syntheticEntities, syntheticFactKinds, syntheticFacts, syntheticInspectors } from '../../shared/generate/synthetic.ts';
import { importKinds, type ImportKindName } from '../../shared/imports/kinds.ts';
import { readRows } from '../../shared/imports/read-rows.ts';
import { runImport } from '../../shared/imports/run-import.ts';
import { sweepEntities } from '../../shared/risk/jobs.ts';
import { DynamoImportSink } from '../../shared/store/dynamodb-import-sink.ts';
import type { DynamoStore } from '../../shared/store/dynamodb-store.ts';
import { installMetricSink } from '../../shared/telemetry/metrics.ts';
import { supervisor, useLocalStack } from '../support/api.ts';

const local = useLocalStack();
const ndjson = (rows: Iterable<unknown>) => Readable.from([...rows].map((r) => `${JSON.stringify(r)}\n`));
const entityCount = 1_500;

describe('the warning and trigger sweeps over generated data', () => {
  it('raise clues and trigger inspections once, with codes that scan', async () => {
    const { stack, api } = local;
    const store = stack.services.store as DynamoStore;
    const sink = new DynamoImportSink(store.client, store.tableName, stack.services.now);
    const entities = [...syntheticEntities(entityCount, 5)];
    const facts = [...syntheticFacts(entities, 5)];
    // Inspectors of a city-sized register, so that every district has food inspectors.
    const batches: [ImportKindName, Iterable<unknown>][] = [
      ['entities', entities],
      ['inspectors', syntheticInspectors(200_000, 5)],
      ...syntheticFactKinds.map((kind): [ImportKindName, unknown[]] => [kind, facts.filter((f) => f.kind === kind).map((f) => f.row)]),
    ];
    for (const [kind, rows] of batches) await runImport({ kind: importKinds[kind], rows: readRows('ndjson', ndjson(rows)), sink, onCommitted: () => undefined });
    // No scoring run here: the food makers are graded A directly, which puts them under trigger supervision.
    for (const maker of entities.filter((e) => e.segment === 'food-production')) await store.setGrade(maker.id, 'A');

    // What the operators' "run did not complete" alarms count: one completion per sweep, once its last segment is done.
    const completions: string[] = [];
    installMetricSink({ record: (name, _value, _unit, dimensions) => void (name === 'ScheduledRunsCompleted' && completions.push(dimensions!.schedule!)) });
    const sweep = async () => {
      await stack.jobs.send([
        { kind: 'sweep-start', sweep: 'warnings', asOf: referenceDay, segments: 3 },
        { kind: 'sweep-start', sweep: 'triggers', asOf: referenceDay, segments: 3 },
      ]);
      await stack.jobs.idle();
      return (await api.request('GET', '/stats', { as: supervisor })).body;
    };
    // Once directly, to see what the sweep itself reports, then as the schedules run it, through the job queue.
    const direct = await sweepEntities(stack.riskServices, { sweep: 'warnings', asOf: referenceDay });
    const first = await sweep();
    const raised = Object.values(first.clues.byModel as Record<string, number>).reduce((a, b) => a + b, 0);
    expect(direct).toMatchObject({ entities: entityCount, skipped: 0, clues: raised });
    const models = Object.keys(first.clues.byModel);
    expect(models.length).toBeGreaterThanOrEqual(4);
    expect(first.clues.byStatus.open).toBeGreaterThan(20);
    expect(first.triggerInspections.total).toBeGreaterThan(0);
    expect(stack.jobs.deadLetters).toEqual([]);
    expect(completions.sort()).toEqual(['triggers', 'warnings']);

    const fired = stack.events.published.filter((e) => e.type === 'trigger.fired');
    expect(fired).toHaveLength(first.triggerInspections.total);
    const scan = await api.request('GET', new URL(fired[0]!.detail.url as string).pathname, { headers: { accept: 'application/json' } });
    expect(scan.status).toBe(200);
    expect(scan.body.inspection.items.length).toBeGreaterThan(0);

    const again = await sweep();
    expect(again.clues).toEqual(first.clues);
    expect(again.triggerInspections).toEqual(first.triggerInspections);

    const queue = await api.request('GET', '/warnings?limit=10', { as: supervisor });
    expect(queue.body.items).toHaveLength(10);
    const dueDays = queue.body.items.map((c: { dueBy: string }) => c.dueBy);
    expect(dueDays).toEqual([...dueDays].sort());
    installMetricSink({ record: () => undefined });
  }, 180_000);
});
