import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignInspectors } from '../../shared/draws/assign.ts';
import { unassignedProblems } from '../../shared/draws/unassigned.ts';
import { commitmentOf, drawKey, idDigest, keyHex, mixKey, weightedKey, type KeyWords } from '../../shared/draws/keys.ts';
import type { DrawParameters, Grade, PoolEntity, PoolInspector } from '../../shared/draws/model.ts';
import { runDraw } from '../../shared/draws/run.ts';
import { quota, selectEntities, SmallestKeys } from '../../shared/draws/select.ts';
import { parseInspectors, parsePool, poolDigests, serializeInspectors, serializePool, snapshotHash } from '../../shared/draws/snapshot.ts';
import { canonicalJson, checkInspections, verifyDraw, type IssuedInspection, type PublishedDraw } from '../../shared/draws/verify.ts';
import { disclosure } from '../../shared/draws/publication.ts';
import { vectorsPath, vectorsText } from '../../bin/draw-vectors.ts';
import { announceDrawBody } from '../../shared/api/schemas.ts';
import { checkReceipt, parseReceipt, receiptOf } from '../../shared/draws/receipt.ts';
import { beaconEntropy, beaconProblem, beaconSpecProblem, drandChains, drandRoundAt, drandSignatureValid, fixBeacon, type BeaconSpec } from '../../shared/draws/beacon.ts';

const seed = '00'.repeat(31) + '01';
const gradesCycle: (Grade | undefined)[] = ['A', 'B', 'C', 'D', undefined];
const makePool = (n: number, districts = ['Huangpu']): PoolEntity[] =>
  Array.from({ length: n }, (_, i) => {
    const grade = gradesCycle[i % 5];
    return { id: `ent-${i}`, ...(grade ? { grade } : {}), district: districts[i % districts.length]!, lastInspectorIds: [] };
  });
const ratioRule = { kind: 'ratio' as const, basisPoints: { A: 500, B: 1_000, C: 3_000, D: 7_000 }, ungradedAs: 'B' as const };
const parameters = (overrides: Partial<DrawParameters> = {}): DrawParameters => ({
  title: 'Catering, Q1',
  department: 'food',
  jointDepartments: [],
  segment: 'catering',
  districts: [],
  rule: ratioRule,
  window: { start: '2030-03-01', end: '2030-03-31' },
  items: ['Kitchen hygiene'],
  contact: { name: 'Duty office', phone: '+86 21 6000 1234' },
  inspectorsPerCompany: 2,
  crossDistrict: false,
  workloadCap: 5,
  ...overrides,
});
const makeInspectors = (n: number, department = 'food', districts = ['Huangpu']): PoolInspector[] =>
  Array.from({ length: n }, (_, i) => ({ id: `${department}-${i}`, department, district: districts[i % districts.length]!, qualifications: ['catering'], recusals: [], load: 0 }));

const draw = (pool: PoolEntity[], overrides: { seed?: string; beacon?: string; id?: string; parameters?: DrawParameters; inspectors?: PoolInspector[] } = {}) =>
  runDraw(
    { id: overrides.id ?? 'draw-1', parameters: overrides.parameters ?? parameters(), seed: overrides.seed ?? seed, beacon: overrides.beacon ?? '' },
    pool,
    poolDigests(pool),
    overrides.inspectors ?? makeInspectors(40),
  );
const ids = (outcome: { selected: { entityId: string }[] }) => outcome.selected.map((s) => s.entityId);

describe('selection', () => {
  const pool = makePool(1_000);

  it('gives the same result for the same record, every time', () => {
    expect(draw(pool)).toEqual(draw(pool));
  });

  it('changes when one byte of the seed or the beacon changes', () => {
    const base = ids(draw(pool));
    expect(ids(draw(pool, { seed: '00'.repeat(31) + '02' }))).not.toEqual(base);
    expect(ids(draw(pool, { beacon: 'x' }))).not.toEqual(base);
    expect(ids(draw(pool, { id: 'draw-2' }))).not.toEqual(base);
  });

  it('does not depend on the order of the pool', () => {
    const shuffled = [...pool].reverse().sort((a, b) => (a.id.length % 3) - (b.id.length % 3));
    expect(draw(shuffled).selected).toEqual(draw(pool).selected);
  });

  it('takes ceil(n × ratio) of every grade, with ungraded entities in the stated stratum', () => {
    const { strata, selected } = draw(pool);
    // 200 of each grade, plus 200 ungraded counted as B.
    expect(strata).toEqual({ A: { pool: 200, quota: 10 }, B: { pool: 400, quota: 40 }, C: { pool: 200, quota: 60 }, D: { pool: 200, quota: 140 } });
    expect(selected).toHaveLength(250);
  });

  it('computes quotas in integers, rounding up', () => {
    expect([quota(0, 500), quota(1, 1), quota(19, 500), quota(20, 500), quota(21, 500), quota(2_900_000, 10_000)]).toEqual([0, 1, 1, 1, 2, 2_900_000]);
  });

  it('takes exactly the count asked for under a fixed-count rule', () => {
    const rule = { kind: 'count' as const, count: 37, weights: { A: 1, B: 2, C: 4, D: 8, ungraded: 2 } };
    expect(draw(pool, { parameters: parameters({ rule }) }).selected).toHaveLength(37);
  });

  it('selects under an unweighted fixed count exactly the entities with the smallest keys of all, as a verifier sorting every key does', () => {
    const key = drawKey('select', seed, 'beacon', 'draw-unweighted');
    const digests = poolDigests(pool);
    const rule = { kind: 'count' as const, count: 25, weights: { A: 1, B: 1, C: 1, D: 1, ungraded: 1 } };
    const sortedAll = pool
      .map((entity) => ({ entityId: entity.id, key: keyHex(mixKey(key, idDigest(entity.id))) }))
      .sort((a, b) => (a.key < b.key ? -1 : 1))
      .slice(0, 25);
    expect(selectEntities(pool, digests, rule, key).selected).toEqual(sortedAll.map((s) => ({ ...s, stratum: 'all' })));
    expect(selectEntities([], new Uint32Array(0), rule, key)).toEqual({ selected: [], strata: {} });
  });

  it('keeps the k smallest keys exactly as a full sort would', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(50), fc.nat(50)), { maxLength: 300 }), fc.nat(40), (keys, k) => {
        const heap = new SmallestKeys(k);
        keys.forEach(([hi, lo], i) => heap.offer(hi, lo, i));
        const expected = keys
          .map(([hi, lo], index) => ({ hi, lo, index }))
          .sort((a, b) => a.hi - b.hi || a.lo - b.lo || 0)
          .slice(0, k)
          .map(({ hi, lo }) => `${hi}.${lo}`);
        expect(heap.drain().map(({ key }) => `${key.hi}.${key.lo}`)).toEqual(expected);
      }),
    );
  });

  it('is pinned bit for bit: these keys must never change, or published draws stop verifying', () => {
    expect(keyHex(mixKey(drawKey('select', seed, 'beacon-2030-03-01', 'draw-golden'), idDigest('ent-0')))).toBe('eba0177cd870b67e');
    // The commitment is plain SHA-256 of the seed's bytes: `printf '00…01' | xxd -r -p | sha256sum` gives the same.
    expect(commitmentOf(seed)).toBe('ec4916dd28fc4c10d78e287ca5d9cc51ee1ae73cbfde08c6b37324cbfaac8bc5');
  });
});

describe('selection frequencies', () => {
  it('selects every entity of a stratum equally often (chi-square over 4,000 seeds)', () => {
    const pool = makePool(100).map((e) => ({ ...e, grade: 'C' as const }));
    const digests = poolDigests(pool);
    const rule = { kind: 'ratio' as const, basisPoints: { A: 0, B: 0, C: 1_000, D: 0 }, ungradedAs: 'C' as const };
    const counts = new Map<string, number>();
    const seeds = 4_000;
    for (let s = 0; s < seeds; s++) {
      const { selected } = selectEntities(pool, digests, rule, drawKey('select', s.toString(16).padStart(64, '0'), '', 'freq'));
      for (const { entityId } of selected) counts.set(entityId, (counts.get(entityId) ?? 0) + 1);
    }
    const expected = (seeds * 10) / 100;
    const chiSquare = pool.reduce((sum, e) => sum + ((counts.get(e.id) ?? 0) - expected) ** 2 / expected, 0);
    // 99 degrees of freedom: the 0.1% critical value is 148.2.
    expect(chiSquare).toBeLessThan(148.2);
  });

  it('draws by weight: with weights 1 and 4, a single pick falls on the heavier half 80% of the time', () => {
    const pool = makePool(100).map((e, i) => ({ ...e, grade: (i < 50 ? 'A' : 'D') as Grade }));
    const digests = poolDigests(pool);
    const rule = { kind: 'count' as const, count: 1, weights: { A: 1, B: 1, C: 1, D: 4, ungraded: 1 } };
    let heavy = 0;
    const seeds = 4_000;
    for (let s = 0; s < seeds; s++) {
      const [picked] = selectEntities(pool, digests, rule, drawKey('select', s.toString(16).padStart(64, '0'), '', 'weights')).selected;
      if (pool.find((e) => e.id === picked!.entityId)!.grade === 'D') heavy++;
    }
    const expectedHeavy = seeds * 0.8;
    const chiSquare = (heavy - expectedHeavy) ** 2 / expectedHeavy + (seeds - heavy - (seeds - expectedHeavy)) ** 2 / (seeds - expectedHeavy);
    // 1 degree of freedom: the 0.1% critical value is 10.83.
    expect(chiSquare).toBeLessThan(10.83);
  });
});

describe('inspector assignment', () => {
  const arbitraryWorld = fc.record({
    entities: fc.integer({ min: 1, max: 40 }),
    inspectors: fc.integer({ min: 0, max: 12 }),
    cap: fc.integer({ min: 1, max: 4 }),
    perCompany: fc.integer({ min: 2, max: 3 }),
    joint: fc.boolean(),
    crossDistrict: fc.boolean(),
    recusalEvery: fc.integer({ min: 2, max: 7 }),
    lastEvery: fc.integer({ min: 2, max: 7 }),
    seed: fc.integer({ min: 0, max: 1_000_000 }),
  });

  it('never assigns a recused inspector, last time’s inspector, a wrong department or one above the cap', () => {
    fc.assert(
      fc.property(arbitraryWorld, (w) => {
        const districts = ['Huangpu', 'Xuhui'];
        const inspectors = [...makeInspectors(w.inspectors, 'food', districts), ...makeInspectors(w.joint ? Math.ceil(w.inspectors / 2) : 0, 'equipment', districts)].map(
          (inspector, i) => ({ ...inspector, recusals: i % w.recusalEvery === 0 ? [`ent-${i % w.entities}`] : [], load: i % 3 === 0 ? 1 : 0 }),
        );
        const pool = makePool(w.entities, districts).map((e, i) => ({ ...e, lastInspectorIds: i % w.lastEvery === 0 ? [`food-${i % Math.max(1, w.inspectors)}`] : [] }));
        const params = parameters({
          rule: { kind: 'count', count: w.entities, weights: { A: 1, B: 1, C: 1, D: 1, ungraded: 1 } },
          jointDepartments: w.joint ? ['equipment'] : [],
          workloadCap: w.cap,
          inspectorsPerCompany: w.perCompany,
          crossDistrict: w.crossDistrict,
        });
        const outcome = draw(pool, { parameters: params, inspectors, seed: w.seed.toString(16).padStart(64, '0') });
        const byId = new Map(inspectors.map((i) => [i.id, i]));
        const entities = new Map(pool.map((e) => [e.id, e]));
        const load = new Map(inspectors.map((i) => [i.id, i.load]));
        for (const { entityId, inspectorIds } of outcome.assignments) {
          const entity = entities.get(entityId)!;
          expect(new Set(inspectorIds).size).toBe(inspectorIds.length);
          expect(inspectorIds.length).toBeGreaterThanOrEqual(params.inspectorsPerCompany);
          for (const department of [params.department, ...params.jointDepartments]) {
            expect(inspectorIds.some((id) => byId.get(id)!.department === department)).toBe(true);
          }
          for (const id of inspectorIds) {
            const inspector = byId.get(id)!;
            expect(inspector.recusals).not.toContain(entityId);
            expect(entity.lastInspectorIds).not.toContain(id);
            if (!params.crossDistrict) expect(inspector.district).toBe(entity.district);
            load.set(id, load.get(id)! + 1);
          }
        }
        for (const [, n] of load) expect(n).toBeLessThanOrEqual(Math.max(params.workloadCap, 1));
        const accounted = [...outcome.assignments.map((a) => a.entityId), ...outcome.unassigned.map((u) => u.entityId)].sort();
        expect(accounted).toEqual(ids(outcome).sort());
        for (const { reason } of outcome.unassigned) expect(reason.length).toBeGreaterThan(10);
      }),
      { numRuns: 300 },
    );
  });

  it('replaces a recused inspector with the next key', () => {
    const pool = makePool(1);
    const inspectors = makeInspectors(6);
    const params = parameters({ rule: { kind: 'count', count: 1, weights: { A: 1, B: 1, C: 1, D: 1, ungraded: 1 } } });
    const [first] = draw(pool, { parameters: params, inspectors }).assignments;
    const recused = inspectors.map((i) => (i.id === first!.inspectorIds[0] ? { ...i, recusals: ['ent-0'] } : i));
    const [second] = draw(pool, { parameters: params, inspectors: recused }).assignments;
    expect(second!.inspectorIds).not.toContain(first!.inspectorIds[0]);
    expect(second!.inspectorIds).toContain(first!.inspectorIds[1]);
  });

  it('says why a company could not be served', () => {
    const pool = makePool(1);
    const inspectors = makeInspectors(2).map((i, n) => (n === 0 ? { ...i, recusals: ['ent-0'] } : { ...i, load: 5 }));
    const { unassigned } = assignInspectors(
      [{ entityId: 'ent-0', stratum: 'A', key: '0' }],
      new Map(pool.map((e) => [e.id, { entity: e, digest: idDigest(e.id) }])),
      inspectors,
      parameters(),
      drawKey('assign', seed, '', 'd'),
    );
    expect(unassigned).toEqual([{ entityId: 'ent-0', reason: 'no eligible food inspector qualified for catering in Huangpu (1 recused, 1 at the workload cap)' }]);
    // The published sentence is frozen by the outcome's hash; readers get it back as codes for their language.
    expect(unassignedProblems(unassigned[0]!.reason)).toEqual([
      { code: 'noEligible', department: 'food', segment: 'catering', district: 'Huangpu', excluded: [{ code: 'recused', count: 1 }, { code: 'workloadCap', count: 1 }] },
    ]);
  });

  it('reads every sentence of why a company went unserved back into codes, and leaves an unknown one alone', () => {
    expect(unassignedProblems("no eligible food-safety inspector qualified for drugs in Jing'an; only 1 eligible inspector(s), 2 required")).toEqual([
      { code: 'noEligible', department: 'food-safety', segment: 'drugs', district: "Jing'an", excluded: [] },
      { code: 'tooFew', eligible: 1, required: 2 },
    ]);
    expect(unassignedProblems('no eligible quality inspector qualified for drugs (2 inspected it last time)')).toEqual([
      { code: 'noEligible', department: 'quality', segment: 'drugs', excluded: [{ code: 'lastTime', count: 2 }] },
    ]);
    expect(unassignedProblems('the moon was in the wrong phase')).toBeUndefined();
  });
});

describe('verification', () => {
  const pool = makePool(300);
  const inspectors = makeInspectors(30);
  const poolText = serializePool(pool);
  const inspectorsText = serializeInspectors(inspectors);
  const record: PublishedDraw = {
    id: 'draw-v',
    algorithm: 'sc-draw/1',
    parameters: parameters(),
    commitment: commitmentOf(seed),
    poolHash: snapshotHash(poolText),
    poolSize: pool.length,
    inspectorsHash: snapshotHash(inspectorsText),
    seed,
    beacon: 'b',
    outcome: runDraw({ id: 'draw-v', parameters: parameters(), seed, beacon: 'b' }, pool, poolDigests(pool), inspectors),
  };

  it('passes every check on an intact record', () => {
    const result = verifyDraw(record, poolText, inspectorsText);
    expect(result.checks.filter((c) => !c.passed)).toEqual([]);
    expect(result.verified).toBe(true);
  });

  it('fails the commitment when the revealed seed is not the committed one', () => {
    const result = verifyDraw({ ...record, seed: 'ff'.repeat(32) }, poolText, inspectorsText);
    expect(result.checks.find((c) => c.name === 'commitment')!.passed).toBe(false);
    expect(result.verified).toBe(false);
  });

  it('fails the pool check when one line of the snapshot changes', () => {
    const altered = poolText.replace('"ent-1"', '"ent-1x"');
    expect(verifyDraw(record, altered, inspectorsText).checks.find((c) => c.name === 'pool')!.passed).toBe(false);
  });

  it('fails the selection check when a selected company is swapped in the stored result', () => {
    const outcome = { ...record.outcome!, selected: [{ ...record.outcome!.selected[0]!, entityId: 'ent-299' }, ...record.outcome!.selected.slice(1)] };
    const result = verifyDraw({ ...record, outcome }, poolText, inspectorsText);
    expect(result.checks.find((c) => c.name === 'selection')!).toMatchObject({ passed: false, detail: expect.stringContaining('position 1') });
  });

  it('fails the assignment check when an inspector is swapped', () => {
    const [first, ...rest] = record.outcome!.assignments;
    const outcome = { ...record.outcome!, assignments: [{ ...first!, inspectorIds: ['food-99', first!.inspectorIds[1]!] }, ...rest] };
    expect(verifyDraw({ ...record, outcome }, poolText, inspectorsText).checks.find((c) => c.name === 'assignment')!.passed).toBe(false);
  });

  // The audit's tamperings of a saved folder's record.json (or the stored record): each must fail a named check.
  const failed = (draw: PublishedDraw, pool = poolText) => verifyDraw(draw, pool, inspectorsText).checks.filter((c) => !c.passed).map((c) => c.name);
  const { selected, assignments, unassigned, strata } = record.outcome!;
  const intact = { ...record, inspectorCount: inspectors.length, strata, summary: { selected: selected.length, assigned: assignments.length, unassigned: unassigned.length } };

  it('fails when the record’s strata and summary are raised (a quota and the selected count)', () => {
    expect(failed(intact)).toEqual([]);
    expect(failed({ ...intact, strata: { ...intact.strata, D: { pool: 60, quota: 400 } } })).toEqual(['strata']);
    expect(failed({ ...intact, summary: { ...intact.summary, selected: 400 } })).toEqual(['strata']);
  });

  it('fails when the outcome’s strata are changed', () => {
    expect(failed({ ...intact, outcome: { ...intact.outcome!, strata: { ...intact.outcome!.strata, A: { pool: 60, quota: 9 } } } })).toEqual(['strata']);
  });

  it('fails when the pool size or the inspector count is changed', () => {
    expect(failed({ ...intact, poolSize: 301 })).toEqual(['counts']);
    expect(failed({ ...intact, inspectorCount: 29 })).toEqual(['counts']);
  });

  it('fails when the announced districts do not hold the pool', () => {
    expect(failed({ ...intact, parameters: { ...intact.parameters, districts: ['Jing’an'] } })).toEqual(['districts']);
    expect(failed({ ...intact, parameters: { ...intact.parameters, districts: ['Huangpu'] } })).toEqual([]);
  });

  it('compares data, not the order keys are written in', () => {
    const reordered = JSON.parse(canonicalJson(intact)) as PublishedDraw;
    const outcome = { ...reordered.outcome!, selected: reordered.outcome!.selected.map(({ key, stratum, entityId }) => ({ key, stratum, entityId })) };
    expect(failed({ ...reordered, outcome })).toEqual([]);
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: 'x' }] })).toBe('{"a":[{"c":"x","d":2}],"b":1}');
  });

  it('counts other draws’ assignments as published in the outcome, and fails when they are changed', () => {
    const busy = inspectors[0]!.id;
    const counted = { draws: ['drw-other'], loads: { [busy]: 5 } };
    const outcome = runDraw({ id: 'draw-v', parameters: parameters(), seed, beacon: 'b' }, pool, poolDigests(pool), inspectors, counted);
    expect(outcome.assignments.some((a) => a.inspectorIds.includes(busy))).toBe(false);
    expect(failed({ ...intact, summary: undefined, outcome })).toEqual([]);
    expect(failed({ ...intact, summary: undefined, outcome: { ...outcome, counted: { draws: ['drw-other'], loads: {} } } })).toContain('assignment');
    expect(failed({ ...intact, outcome: { ...outcome, counted: { draws: [], loads: { 'someone-else': 5 } } } })).toContain('workload');
  });

  describe('against a receipt kept at announcement', () => {
    const announced = { ...intact, announcedAt: '2030-02-01T08:00:00.000Z', beaconSpec: { source: 'operator' as const, at: '2030-02-01T08:00:00.000Z' } };
    const receipt = parseReceipt(JSON.stringify(receiptOf(announced, '2030-02-01T09:00:00.000Z')));
    const changed = (draw: PublishedDraw) => checkReceipt(receipt, draw);

    it('keeps the commitment, hashes, counts, parameters and beacon, and nothing of the outcome', () => {
      expect(Object.keys(receipt)).toEqual(['format', 'keptAt', 'id', 'algorithm', 'parameters', 'commitment', 'beaconSpec', 'poolHash', 'poolSize', 'inspectorsHash', 'inspectorCount', 'announcedAt']);
      expect(changed(announced)).toMatchObject({ passed: true });
      expect(() => parseReceipt('{"id":"x"}')).toThrow(/Not a draw receipt/);
    });

    it('names what changed when a folder is made consistent with itself: a new pool and its hash', () => {
      const pool = poolText.replace('"ent-1"', '"ent-1x"');
      const forged = { ...announced, poolHash: snapshotHash(pool) };
      expect(verifyDraw(forged, pool, inspectorsText).checks.find((c) => c.name === 'pool')!.passed).toBe(true);
      expect(changed(forged)).toMatchObject({ passed: false, detail: expect.stringContaining('poolHash') });
    });

    it('… or a new seed, its commitment and a recomputed outcome', () => {
      const otherSeed = 'ab'.repeat(32);
      const outcome = runDraw({ id: 'draw-v', parameters: parameters(), seed: otherSeed, beacon: 'b' }, pool, poolDigests(pool), inspectors);
      const forged = { ...announced, seed: otherSeed, commitment: commitmentOf(otherSeed), outcome, strata: outcome.strata };
      expect(changed(forged)).toMatchObject({ passed: false, detail: expect.stringMatching(/^Changed since .*: commitment/) });
    });

    it('… or the window, the items, or the rule for a grade absent from the pool', () => {
      expect(changed({ ...announced, parameters: { ...announced.parameters, window: { start: '2030-04-01', end: '2030-04-30' } } }).detail).toContain('parameters');
      expect(changed({ ...announced, parameters: { ...announced.parameters, items: ['Other'] } }).passed).toBe(false);
      const rule = { ...ratioRule, basisPoints: { ...ratioRule.basisPoints, A: 9_000 } };
      expect(changed({ ...announced, parameters: { ...announced.parameters, rule } }).passed).toBe(false);
      expect(changed({ ...announced, beaconSpec: { source: 'operator', at: '2030-03-01T00:00:00.000Z' } }).detail).toContain('beaconSpec');
    });

    it('is indifferent to the order of keys', () => {
      expect(changed(JSON.parse(canonicalJson(announced)) as PublishedDraw).passed).toBe(true);
    });
  });

  it('checks every inspection the draw issued against the outcome: company, departments, items, window, inspectors', () => {
    const outcome = record.outcome!;
    const issued = () =>
      new Map<string, IssuedInspection>(
        outcome.assignments.map((a) => [a.entityId, { entityId: a.entityId, departments: ['food'], items: ['Kitchen hygiene'], window: parameters().window, inspectorIds: a.inspectorIds, joined: false }]),
      );
    expect(checkInspections(record, outcome, issued()).passed).toBe(true);
    const first = outcome.assignments[0]!.entityId;
    const tamper = (change: Partial<IssuedInspection>) => {
      const map = issued();
      map.set(first, { ...map.get(first)!, ...change });
      return checkInspections(record, outcome, map);
    };
    expect(tamper({ inspectorIds: ['food-99', outcome.assignments[0]!.inspectorIds[1]!] })).toMatchObject({ passed: false, detail: expect.stringContaining(`${first}: inspectors`) });
    expect(tamper({ window: { start: '2030-04-01', end: '2030-04-30' } }).detail).toContain('window');
    expect(tamper({ items: ['Something else'] }).detail).toContain('items');
    expect(tamper({ departments: ['equipment'] }).detail).toContain('departments');
    // A visit of another department that the draw joined keeps its own window and may hold more inspectors.
    expect(tamper({ joined: true, window: { start: '2030-03-20', end: '2030-04-10' }, inspectorIds: ['equipment-1', ...outcome.assignments[0]!.inspectorIds] }).passed).toBe(true);
    const missing = issued();
    missing.delete(first);
    expect(checkInspections(record, outcome, missing).detail).toContain(`${first}: no inspection issued`);
  });
});

// drand quicknet round 657413 as published (https://api.drand.sh/52db9b…e971/public/657413; the same vector in
// noislabs/drand-verify): its signature, and the randomness drand derives from it.
const quicknet = {
  round: 657_413,
  signature: 'b713718a38ae728dfd477991af2822e08d2f305e47718cef9f7848ce4050e7be41076862b98fad56e91a6b85b89cd97b',
  randomness: 'fc1873a13f3545aeade8401532ef5519920652eee6b0d2b19ca12643b87b3587',
};

const drandSpec = (round: number) => ({ ...(fixBeacon('drand-quicknet', '2023-08-23T00:00:00Z') as Extract<BeaconSpec, { source: 'drand-quicknet' }>), round });

describe('the beacon fixed at announcement', () => {
  it('accepts drand quicknet’s published signature of a round, and mixes in drand’s randomness', () => {
    expect(drandSignatureValid(quicknet.round, quicknet.signature)).toBe(true);
    expect(beaconEntropy(drandSpec(quicknet.round), quicknet.signature)).toBe(quicknet.randomness);
  });

  it('refuses the signature of another round, a flipped bit, another chain’s key, or any text', () => {
    const spec = drandSpec(quicknet.round);
    expect(beaconProblem(spec, quicknet.signature)).toBeUndefined();
    expect(beaconProblem({ ...spec, round: quicknet.round + 1 }, quicknet.signature)).toMatch(/not drand drand-quicknet round 657414/);
    expect(beaconProblem(spec, quicknet.signature.replace(/^b7/, 'b6'))).toBeDefined();
    expect(beaconProblem({ ...spec, publicKey: 'aa'.repeat(96) }, quicknet.signature)).toMatch(/other than drand's/);
    expect(beaconProblem(spec, 'lottery 07 12 19')).toBeDefined();
  });

  it('names a round published strictly after the pool is frozen, with a margin, and refuses to execute before it', () => {
    const announcedAt = '2030-03-01T08:00:00.000Z';
    const spec = fixBeacon('drand-quicknet', announcedAt);
    expect(spec).toMatchObject({ source: 'drand-quicknet', chainHash: drandChains['drand-quicknet'].chainHash, round: 68_593_032, at: '2030-03-01T08:01:00.000Z' });
    expect(spec.source === 'drand-quicknet' && spec.url).toMatch(/\/public\/68593032$/);
    // Round r is published at genesis + (r - 1) × period.
    expect(drandRoundAt('2023-08-23T15:09:27.000Z')).toEqual({ round: 1, at: '2023-08-23T15:09:27.000Z' });
    expect(drandRoundAt('2023-08-23T15:09:28.000Z')).toEqual({ round: 2, at: '2023-08-23T15:09:30.000Z' });
    expect(beaconProblem(spec, quicknet.signature, '2030-03-01T08:00:30.000Z')).toMatch(/execute after it/);
  });

  it('takes an operator value only when one is given: the named, weaker fallback', () => {
    const spec = fixBeacon('operator', '2030-03-01T08:00:00.000Z');
    expect(spec).toEqual({ source: 'operator', at: '2030-03-01T08:00:00.000Z' });
    expect(beaconProblem(spec, '')).toMatch(/give its value/);
    expect(beaconProblem(spec, 'lottery 07 12 19', '2030-03-01T08:00:01.000Z')).toBeUndefined();
    expect(beaconEntropy(spec, 'lottery 07 12 19')).toBe('lottery 07 12 19');
  });
});

describe('when a draw’s files become public', () => {
  const draw = { parameters: parameters({ window: { start: '2030-03-01', end: '2030-03-09' } }) };
  const company = { subject: 'owner', role: 'company' as const, entityId: 'ent-1' };
  const auditor = { subject: 'audit', role: 'supervisor' as const };

  it('publishes them at midnight after the window’s last day on the authority’s calendar, not UTC’s', () => {
    // 15:59:59 UTC on the 9th is 23:59:59 in Shanghai: the visits may still happen.
    expect(disclosure(draw, undefined, '2030-03-09T15:59:59Z', 'Asia/Shanghai')).toEqual({ published: false, readable: false, filesPublicFrom: '2030-03-10', timeZone: 'Asia/Shanghai' });
    expect(disclosure(draw, company, '2030-03-09T15:59:59Z', 'Asia/Shanghai').readable).toBe(false);
    expect(disclosure(draw, undefined, '2030-03-09T16:00:00Z', 'Asia/Shanghai')).toMatchObject({ published: true, readable: true });
  });

  it('lets a supervisor read them before, and nobody else', () => {
    expect(disclosure(draw, auditor, '2030-02-01T00:00:00Z', 'Asia/Shanghai')).toMatchObject({ published: false, readable: true });
  });
});

describe('the specification’s test vectors (docs/sc-draw-1-vectors.json)', () => {
  const vectors = JSON.parse(readFileSync(new URL('../../docs/sc-draw-1-vectors.json', import.meta.url), 'utf8'));
  const words = (w: KeyWords) => w.map((x) => x.toString(16).padStart(8, '0'));
  const fromWords = (w: string[]) => w.map((x) => parseInt(x, 16)) as unknown as KeyWords;

  it('are what this implementation computes, primitive by primitive', () => {
    for (const v of vectors.commitments) expect(commitmentOf(v.seed)).toBe(v.commitment);
    for (const v of vectors.drawKeys) expect(words(drawKey(v.purpose, v.seed, v.entropy, v.drawId))).toEqual(v.words);
    for (const v of vectors.idDigests) expect(words(idDigest(v.id))).toEqual(v.words);
    for (const v of vectors.mixes) expect(keyHex(mixKey(fromWords(v.keyWords), fromWords(v.digestWords), v.round))).toBe(v.key);
    for (const v of vectors.weightedKeys) expect(keyHex(weightedKey(fromWords(v.keyWords), fromWords(v.digestWords), v.weight))).toBe(v.key);
    for (const v of vectors.quotas) expect(quota(v.n, v.basisPoints)).toBe(v.quota);
  });

  it('are beacons whose every field follows from announcedAt, and whose value is the round’s signature', () => {
    for (const v of vectors.beacons) {
      const problem = beaconSpecProblem(v.beaconSpec, v.announcedAt) ?? beaconProblem(v.beaconSpec, v.value);
      expect(problem === undefined, v.why ?? 'valid').toBe(v.valid);
      if (v.valid) expect(beaconEntropy(v.beaconSpec, v.value)).toBe(v.entropy);
    }
    // The drand vector's round is published at genesis + (r − 1) × period, and served at its own URL.
    const [drand] = vectors.beacons;
    expect(drand.beaconSpec.at).toBe(new Date((drandChains['drand-quicknet'].genesisTime + (drand.beaconSpec.round - 1) * 3) * 1000).toISOString());
    expect(drand.beaconSpec.url).toBe(`https://api.drand.sh/${drandChains['drand-quicknet'].chainHash}/public/${drand.beaconSpec.round}`);
  });

  it('are whole draws that recompute to their outcome and verify, outcome.json and receipt included', () => {
    for (const v of vectors.draws) {
      // outcome.json's bytes follow from the data (spec section 6.3): recomputed and written again, they are the same.
      const { pool, inspectors } = { pool: parsePool(v.pool), inspectors: parseInspectors(v.inspectors) };
      const recomputed = runDraw({ ...v.record, beacon: beaconEntropy(v.record.beaconSpec, v.record.beacon) }, pool, poolDigests(pool), inspectors, v.outcome.counted);
      expect(JSON.stringify(recomputed), v.name).toBe(v.outcomeText);
      const result = verifyDraw({ ...v.record, outcome: v.outcome }, v.pool, v.inspectors, v.outcomeText);
      expect(result.checks.filter((c) => !c.passed), v.name).toEqual([]);
      expect(result.checks.some((c) => c.name === 'outcome'), v.name).toBe(true);
      if (v.receipt) expect(checkReceipt(parseReceipt(JSON.stringify(v.receipt)), v.record), v.name).toMatchObject({ passed: true });
    }
  });

  it('fail verification when the beacon’s time, URL or round is not the one its announcement fixes, or announcedAt is gone', () => {
    const v = vectors.draws[1];
    const beaconFails = (record: PublishedDraw) => verifyDraw({ ...record, outcome: v.outcome }, v.pool, v.inspectors).checks.find((c) => c.name === 'beacon')!.passed === false;
    expect(beaconFails(v.record)).toBe(false);
    expect(beaconFails({ ...v.record, beaconSpec: { ...v.record.beaconSpec, at: '2023-10-28T23:12:27.000Z' } })).toBe(true);
    expect(beaconFails({ ...v.record, beaconSpec: { ...v.record.beaconSpec, url: v.record.beaconSpec.url.replace(/\d+$/, '1') } })).toBe(true);
    expect(beaconFails({ ...v.record, announcedAt: '2023-09-15T10:58:59.000Z' })).toBe(true);
    expect(beaconFails({ ...v.record, announcedAt: undefined })).toBe(true);
    expect(beaconFails({ ...vectors.draws[0].record, beaconSpec: { source: 'operator', at: '2030-02-01T08:01:00.000Z' } })).toBe(true);
  });

  it('fail verification when a company moves between assignments and unassigned, even with the joined list unchanged', () => {
    const v = vectors.draws[0];
    const [moved, ...rest] = v.outcome.unassigned;
    const outcome = { ...v.outcome, assignments: [...v.outcome.assignments, moved], unassigned: rest };
    const failedChecks = verifyDraw({ ...v.record, summary: undefined, outcome }, v.pool, v.inspectors).checks.filter((c) => !c.passed).map((c) => c.name);
    expect(failedChecks).toEqual(['assignment']);
  });

  it('fail the order check in both verifiers when a snapshot is not sorted by id, even with its hash re-published', () => {
    const v = vectors.draws[0];
    const [first, second, ...rest] = v.pool.split('\n');
    const pool = [second, first, ...rest].join('\n');
    const record = { ...v.record, poolHash: snapshotHash(pool) };
    expect(verifyDraw({ ...record, outcome: v.outcome }, pool, v.inspectors, v.outcomeText).checks.filter((c) => !c.passed).map((c) => c.name)).toEqual(['order']);
    const folder = mkdtempSync(join(tmpdir(), 'sc-draw-'));
    try {
      for (const [name, text] of [['record.json', JSON.stringify(record)], ['pool.ndjson', pool], ['inspectors.ndjson', v.inspectors], ['outcome.json', v.outcomeText]]) writeFileSync(join(folder, name), text);
      const python = spawnSync('python3', ['conformance/verify_draw.py', folder], { encoding: 'utf8' });
      expect(python.status).toBe(1);
      expect(python.stdout.match(/✗ \w+/g)).toEqual(['✗ order']);
    } finally {
      rmSync(folder, { recursive: true });
    }
  });

  it('rest on §6.2’s promise that one inspector per department always fits: fewer is refused at announcement', () => {
    const { record } = vectors.draws[1];
    const body = { ...record.parameters, beaconSource: 'drand-quicknet' };
    expect(announceDrawBody.safeParse(body).success).toBe(true);
    const refused = announceDrawBody.safeParse({ ...body, jointDepartments: ['equipment', 'lifts', 'fire'] });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues.map((i) => i.message)).toContain('Each company needs at least one inspector per department: raise inspectorsPerCompany');
  });

  it('are what bin/draw-vectors.ts generates (npm run draw-vectors)', () => {
    expect(vectorsText()).toBe(readFileSync(vectorsPath, 'utf8'));
  });

  it('are reproduced by the Python verifier written from the specification alone, BLS signatures included', () => {
    const output = execFileSync('python3', ['conformance/verify_draw.py', '--vectors', 'docs/sc-draw-1-vectors.json'], { encoding: 'utf8' });
    expect(output).toContain(`all ${vectors.draws.length} draws verified`);
    // Every beacon vector gets the same verdict from both verifiers, the ones only the signature refuses included.
    const python = [...output.matchAll(/beacon (\d+): (valid|refused)/g)].map((m) => m[2]);
    const beacons: { beaconSpec: BeaconSpec; announcedAt?: string; value: string; valid: boolean }[] = vectors.beacons;
    const typescript = beacons.map((v) => ((beaconSpecProblem(v.beaconSpec, v.announcedAt) ?? beaconProblem(v.beaconSpec, v.value)) === undefined ? 'valid' : 'refused'));
    expect(python).toEqual(typescript);
    expect(typescript).toEqual(beacons.map((v) => (v.valid ? 'valid' : 'refused')));
  });
});
