/** The scoring job on the local stack: metrics from imported facts, grades with explanations, only changes written. */
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { importKinds } from '../../shared/imports/kinds.ts';
import { readRows } from '../../shared/imports/read-rows.ts';
import { runImport } from '../../shared/imports/run-import.ts';
import { scoreAll } from '../../shared/scoring/job.ts';
import { loadModels, shippedLearnedFiles, shippedModelFiles } from '../../shared/scoring/models.ts';
import { DynamoImportSink } from '../../shared/store/dynamodb-import-sink.ts';
import { DynamoScoringStore } from '../../shared/store/dynamodb-scoring-store.ts';
import type { DynamoStore } from '../../shared/store/dynamodb-store.ts';
import { installMetricSink } from '../../shared/telemetry/metrics.ts';
import { supervisor, useLocalStack } from '../support/api.ts';

const local = useLocalStack();

const csv = (text: string) => readRows('csv', Readable.from([Buffer.from(text)]));

describe('the scoring job', () => {
  it('grades from facts, explains each grade, keeps history, and writes nothing when nothing changed', async () => {
    const store = local.stack.services.store as DynamoStore;
    const sink = new DynamoImportSink(store.client, store.tableName, () => '2018-01-01T00:00:00.000Z');
    const load = (kind: keyof typeof importKinds, text: string) => runImport({ kind: importKinds[kind], rows: csv(text), sink, onCommitted: () => undefined });
    await load('lives-businesses', 'business_id,name,postal_code\n1,CLEAN CAFE,94103\n2,RISKY GRILL,94103\n3,NEW KIOSK,94103\n');
    await load('lives-inspections', 'business_id,score,date,type\n1,98,20170601,routine\n2,71,20170601,routine\n2,68,20171101,routine\n');
    await load(
      'lives-violations',
      [
        'business_id,date,description',
        '2,20170601,High risk food holding temperature',
        '2,20171101,High risk food holding temperature  [ date violation corrected: 12/01/2017 ]',
        '2,20171101,High risk vermin infestation',
        '2,20171101,Unclean or degraded floors walls or ceilings',
      ].join('\n'),
    );

    const scoringStore = new DynamoScoringStore(store.client, store.tableName);
    const run = async (asOf = '2018-01-01') => {
      const runId = new Date().toISOString();
      await scoringStore.startRun({ runId, asOf, segments: 1 });
      // The weighted model: the registry's learned one is tested below.
      return scoreAll({ store: scoringStore, models: loadModels(shippedModelFiles, shippedLearnedFiles, { segments: {} }), asOf, runId, now: () => new Date().toISOString() });
    };
    const first = await run();
    expect(first.scored).toBeGreaterThanOrEqual(2);
    expect(first.changed).toBe(first.scored);

    const clean = (await local.api.request('GET', '/entities/sf-1', { as: supervisor })).body;
    const risky = (await local.api.request('GET', '/entities/sf-2', { as: supervisor })).body;
    expect(clean).toMatchObject({ model: 'catering@1.2.0', grade: 'A', asOf: '2018-01-01' });
    // Missing data is missing: listed apart, never a reason, and the coverage says how much is known.
    expect(clean.explanation.noData).toContain('abnormal-operation');
    expect(clean.explanation.costliest.map((c: { id: string }) => c.id)).not.toContain('abnormal-operation');
    expect(clean.coverage).toBeGreaterThan(0.05);
    expect(clean.coverage).toBeLessThan(0.2);
    expect(risky.score).toBeLessThan(clean.score);
    expect(risky.explanation.costliest.map((c: { id: string }) => c.id)).toContain('high-risk-violations');
    const violations = risky.explanation.costliest.find((c: { id: string }) => c.id === 'high-risk-violations');
    expect(violations.value).toBe(3);

    // Never inspected: nothing is known, so it is ungraded (a draw's "ungraded" stratum), not scored best or worst.
    const unknown = (await local.api.request('GET', '/entities/sf-3', { as: supervisor })).body;
    expect(unknown).toMatchObject({ coverage: 0, asOf: '2018-01-01', explanation: { costliest: [], categories: [] } });
    expect(unknown).not.toHaveProperty('grade');
    expect(unknown).not.toHaveProperty('score');
    expect(unknown.explanation.noData).toHaveLength(91);

    // The company sees its own grade and why; another company's is "not found".
    const own = (await local.api.request('GET', '/entities/sf-2', { as: { role: 'company', entityId: 'sf-2' } })).body;
    expect(own).toMatchObject({ grade: risky.grade, explanation: { costliest: expect.any(Array) } });
    expect((await local.api.request('GET', '/entities/sf-1', { as: { role: 'company', entityId: 'sf-2' } })).status).toBe(404);

    const second = await run();
    expect(second.changed).toBe(0);
    const { grades } = (await local.api.request('GET', '/stats')).body;
    expect(grades.asOf).toBe('2018-01-01');
    const catering = grades.bySegment.catering;
    expect(catering).toMatchObject({ ungraded: 1 });
    expect(catering.A + catering.B + catering.C + catering.D).toBe(2);
    expect(grades.byDistrict['94103']).toEqual(catering);
    const historyOf = (id: string) => scoringStore.queryAll({ KeyConditionExpression: 'pk = :pk AND begins_with(sk, :g)', ExpressionAttributeValues: { ':pk': `ENTITY#${id}`, ':g': 'GRADE#' } });
    expect(await historyOf('sf-2')).toHaveLength(1);

    // Fresh every run: a later run that changes nothing writes nothing, yet every entity reads as of it.
    expect((await run('2018-01-02')).changed).toBe(0);
    expect((await local.api.request('GET', '/entities/sf-1', { as: supervisor })).body).toMatchObject({ asOf: '2018-01-02', score: clean.score });

    // A new finding moves the score: the entity is rewritten with its new explanation; history only if the grade moved.
    await load('lives-violations', 'business_id,date,description\n2,20180102,Moderate risk food holding temperature\n');
    expect((await run('2018-01-03')).changed).toBe(1);
    const after = (await local.api.request('GET', '/entities/sf-2', { as: supervisor })).body;
    expect(after.asOf).toBe('2018-01-03');
    expect(after.explanation).not.toEqual(risky.explanation);
    expect(await historyOf('sf-2')).toHaveLength(after.grade === risky.grade ? 1 : 2);
  });
});

describe('the nightly scoring run', () => {
  it('fans out over segments through the job queue, and /stats adds up every segment', async () => {
    const { stack, api } = local;
    // The operators' "scoring did not complete" alarm counts this: once, when the last of the segments is done.
    const completions: string[] = [];
    installMetricSink({ record: (name, _value, _unit, dimensions) => void (name === 'ScheduledRunsCompleted' && completions.push(dimensions!.schedule!)) });
    await stack.jobs.send([{ kind: 'score-start', asOf: '2018-01-01' }]);
    await stack.jobs.idle();
    installMetricSink({ record: () => undefined });
    expect(completions).toEqual(['scoring']);
    const { grades } = (await api.request('GET', '/stats')).body;
    expect(grades.segments).toBe(16);
    expect(grades.segmentsDone).toBe(16);
    const total = grades.total.A + grades.total.B + grades.total.C + grades.total.D + grades.total.ungraded;
    const store = stack.services.store as DynamoStore;
    const registry = await store.queryAll({ IndexName: 'byParent', KeyConditionExpression: 'gsi1pk = :s', ExpressionAttributeValues: { ':s': 'SEGMENT#catering' } });
    expect(total).toBe(registry.length);
    expect(stack.jobs.deadLetters).toEqual([]);
    // The last of the 16 segments marked the run completed: every entity reads as of it, written this run or not.
    for (const { id } of registry.slice(0, 3) as { id: string }[]) {
      expect((await api.request('GET', `/entities/${id}`, { as: supervisor })).body.asOf, id).toBe('2018-01-01');
    }
  });
});

describe('a scoring run killed half-way', () => {
  it('finishes on the next run with every entity graded once: nothing lost, nothing doubled', async () => {
    const store = local.stack.services.store as DynamoStore;
    const { syntheticEntities } = await import('../../shared/generate/synthetic.ts');
    const entities = [...syntheticEntities(600, 5)].map((e) => ({ ...e, segment: 'kill-test' }));
    const sink = new DynamoImportSink(store.client, store.tableName, () => '2030-01-01T00:00:00.000Z');
    await runImport({ kind: importKinds.entities, rows: readRows('ndjson', Readable.from(entities.map((e) => `${JSON.stringify(e)}\n`))), sink, onCommitted: () => undefined });

    const scoring = new DynamoScoringStore(store.client, store.tableName);
    scoring.pageSize = 100;
    let writesBeforeCrash = 2;
    const crashing = Object.assign(Object.create(scoring) as DynamoScoringStore, {
      writeGrades: async (changes: Parameters<DynamoScoringStore['writeGrades']>[0]) => {
        if (writesBeforeCrash-- <= 0) throw new Error('killed');
        return scoring.writeGrades(changes);
      },
    });
    const run = (target: DynamoScoringStore) => scoreAll({ store: target, models: loadModels(), asOf: '2030-01-01', runId: new Date().toISOString(), now: () => new Date().toISOString() });
    await expect(run(crashing)).rejects.toThrow('killed');
    const graded = async () => (await scoring.entityStates(entities.map((e) => e.id))).size;
    const partly = await graded();
    expect(partly).toBeGreaterThan(0);
    expect(partly).toBeLessThan(entities.length);

    await run(scoring);
    expect(await graded()).toBe(entities.length);
    for (const { id } of entities) {
      const history = await scoring.queryAll({ KeyConditionExpression: 'pk = :pk AND begins_with(sk, :g)', ExpressionAttributeValues: { ':pk': `ENTITY#${id}`, ':g': 'GRADE#' } });
      expect(history, id).toHaveLength(1);
    }
  }, 60_000);
});

describe('a segment the registry gives to the learned model', () => {
  it('is graded by it on the next run, explained per feature, with the model change in the grade history', async () => {
    const store = local.stack.services.store as DynamoStore;
    const scoringStore = new DynamoScoringStore(store.client, store.tableName);
    // The shipped registry gives catering to its learned model.
    const models = loadModels();
    expect(models.learnedBySegment.get('catering')).toMatchObject({ id: 'learned-catering', version: '1.1.0' });
    const runId = new Date().toISOString();
    await scoringStore.startRun({ runId, asOf: '2018-01-05', segments: 1 });
    await scoreAll({ store: scoringStore, models, asOf: '2018-01-05', runId, now: () => new Date().toISOString() });

    const risky = (await local.api.request('GET', '/entities/sf-2', { as: supervisor })).body;
    expect(risky).toMatchObject({ model: 'learned-catering@1.1.0', grade: 'D', asOf: '2018-01-05', explanation: { categories: [] } });
    expect(risky.explanation.costliest.map((c: { id: string }) => c.id)).toContain('lastInspectionScore');
    expect(risky.explanation.noData).not.toContain('lastInspectionScore');
    const clean = (await local.api.request('GET', '/entities/sf-1', { as: supervisor })).body;
    expect(clean.score).toBeGreaterThan(risky.score);
    // Never inspected: the learned model knows nothing of it, so the weighted model grades it (ungraded: no data at all).
    const unknown = (await local.api.request('GET', '/entities/sf-3', { as: supervisor })).body;
    expect(unknown).toMatchObject({ model: 'catering@1.2.0', coverage: 0 });
    expect(unknown).not.toHaveProperty('grade');
    const history = await scoringStore.queryAll({ KeyConditionExpression: 'pk = :pk AND begins_with(sk, :g)', ExpressionAttributeValues: { ':pk': 'ENTITY#sf-2', ':g': 'GRADE#' } });
    expect(history.at(-1)).toMatchObject({ model: 'learned-catering@1.1.0' });
  });
});
