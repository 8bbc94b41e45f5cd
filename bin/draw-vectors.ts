/**
 * `npm run draw-vectors`: writes docs/sc-draw-1-vectors.json, the test vectors of the sc-draw/1 specification, from
 * this implementation. Everything is derived from the fixed inputs below, so running it again gives the same bytes
 * (test/unit/draws.test.ts checks that the committed file is what this produces). `--check` only compares.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { bls12_381 } from '@noble/curves/bls12-381.js';
import { beaconEntropy, drandChains, fixBeacon, type BeaconSpec } from '../shared/draws/beacon.ts';
import { commitmentOf, drawKey, idDigest, keyHex, mixKey, weightedKey, type KeyWords } from '../shared/draws/keys.ts';
import type { CountedLoads, DrawParameters, Grade, PoolEntity, PoolInspector } from '../shared/draws/model.ts';
import { receiptOf } from '../shared/draws/receipt.ts';
import { runDraw } from '../shared/draws/run.ts';
import { quota } from '../shared/draws/select.ts';
import { parseInspectors, parsePool, poolDigests, serializeInspectors, serializePool, snapshotHash } from '../shared/draws/snapshot.ts';
import type { PublishedDraw } from '../shared/draws/verify.ts';

export const vectorsPath = fileURLToPath(new URL('../docs/sc-draw-1-vectors.json', import.meta.url));

const seeds = ['00'.repeat(31) + '01', 'c0ffee'.repeat(10) + 'beef'] as const;
const hexWords = (w: KeyWords) => w.map((x) => x.toString(16).padStart(8, '0'));

/** A real quicknet round and its signature (https://api.drand.sh/52db…e971/public/657413). */
const drandRound = { round: 657_413, signature: 'b713718a38ae728dfd477991af2822e08d2f305e47718cef9f7848ce4050e7be41076862b98fad56e91a6b85b89cd97b' };
/** An announcement whose beacon is that round: round 657413 is published at 11:00:03, the first at or after 10:59:02 + 60 s. */
const drandAnnouncedAt = '2023-09-15T10:59:02.000Z';
const operatorAnnouncedAt = '2030-02-01T08:00:00.000Z';

const districts = ['Huangpu', 'Jing’an', '静安'];
const gradeCycle: (Grade | undefined)[] = ['A', 'B', 'C', 'D', undefined];
/** Sixty companies, some with non-ASCII ids, every grade and ungraded, three districts, some with last inspectors. */
const pool: PoolEntity[] = Array.from({ length: 60 }, (_, i) => {
  const grade = gradeCycle[i % 5];
  return {
    id: `ent-${String(i).padStart(3, '0')}${i % 7 === 0 ? '-餐饮' : ''}`,
    ...(grade ? { grade } : {}),
    district: districts[i % 3]!,
    lastInspectorIds: i % 4 === 0 ? [`food-${i % 6}`] : [],
  };
});
const foodInspectors: PoolInspector[] = Array.from({ length: 18 }, (_, i) => ({
  id: `food-${i}`,
  department: 'food',
  district: districts[i % 3]!,
  qualifications: i % 2 === 1 ? ['bakery', 'catering'] : ['catering'],
  recusals: i === 2 ? ['ent-001', 'ent-010'] : [],
  load: i % 4,
}));
const equipmentInspectors: PoolInspector[] = Array.from({ length: 4 }, (_, i) => ({
  id: `equip-${i}`,
  department: 'equipment',
  district: districts[i % 3]!,
  qualifications: i === 3 ? ['lifts'] : ['catering'],
  recusals: [],
  load: 0,
}));

const parameters = (overrides: Partial<DrawParameters>): DrawParameters => ({
  title: 'Vectors',
  department: 'food',
  jointDepartments: [],
  segment: 'catering',
  districts: [],
  rule: { kind: 'ratio', basisPoints: { A: 500, B: 2000, C: 5000, D: 10000 }, ungradedAs: 'B' },
  window: { start: '2030-03-01', end: '2030-03-31' },
  items: ['Kitchen hygiene'],
  contact: { name: 'Duty office', phone: '+86 21 6000 1234' },
  inspectorsPerCompany: 2,
  crossDistrict: false,
  workloadCap: 4,
  ...overrides,
});

interface DrawInput {
  name: string;
  id: string;
  parameters: DrawParameters;
  seed: string;
  announcedAt?: string;
  beaconSpec?: BeaconSpec;
  beacon: string;
  pool: PoolEntity[];
  inspectors: PoolInspector[];
  counted?: CountedLoads;
}

/** A whole executed draw as published: the record, the snapshot files, the outcome, outcome.json's bytes and a receipt. */
function wholeDraw(input: DrawInput) {
  const poolText = serializePool(input.pool);
  const inspectorsText = serializeInspectors(input.inspectors);
  const parsedPool = parsePool(poolText);
  const outcome = runDraw(
    { id: input.id, parameters: input.parameters, seed: input.seed, beacon: beaconEntropy(input.beaconSpec, input.beacon) },
    parsedPool,
    poolDigests(parsedPool),
    parseInspectors(inspectorsText),
    input.counted,
  );
  // outcome.json as execution writes it (service.ts): JSON.stringify of the outcome, members in runDraw's order.
  const outcomeText = JSON.stringify(outcome);
  const record: PublishedDraw = {
    id: input.id,
    algorithm: 'sc-draw/1',
    parameters: input.parameters,
    commitment: commitmentOf(input.seed),
    seed: input.seed,
    ...(input.announcedAt ? { announcedAt: input.announcedAt } : {}),
    ...(input.beaconSpec ? { beaconSpec: input.beaconSpec } : {}),
    beacon: input.beacon,
    poolHash: snapshotHash(poolText),
    poolSize: input.pool.length,
    inspectorsHash: snapshotHash(inspectorsText),
    inspectorCount: input.inspectors.length,
    outcomeHash: snapshotHash(outcomeText),
    strata: outcome.strata,
    summary: { selected: outcome.selected.length, assigned: outcome.assignments.length, unassigned: outcome.unassigned.length },
  };
  const receipt = record.announcedAt ? { receipt: receiptOf(record, '2030-02-01T09:00:00.000Z') } : {};
  return { name: input.name, record, pool: poolText, inspectors: inspectorsText, outcome, outcomeText, ...receipt };
}

function beacons() {
  const drand = fixBeacon('drand-quicknet', drandAnnouncedAt) as Extract<BeaconSpec, { source: 'drand-quicknet' }>;
  const next = fixBeacon('drand-quicknet', '2023-09-15T10:59:05.000Z');
  const chain = drandChains['drand-quicknet'];
  const valid = (announcedAt: string, spec: BeaconSpec, value: string) => ({ announcedAt, beaconSpec: spec, value, valid: true, entropy: beaconEntropy(spec, value) });
  const invalid = (why: string, announcedAt: string | undefined, spec: BeaconSpec, value: string) => ({ why, ...(announcedAt ? { announcedAt } : {}), beaconSpec: spec, value, valid: false });
  const operator = fixBeacon('operator', operatorAnnouncedAt);
  return [
    valid(drandAnnouncedAt, drand, drandRound.signature),
    invalid('the next round, with this round’s signature', '2023-09-15T10:59:05.000Z', next, drandRound.signature),
    invalid('`at` is not the round’s publication time', drandAnnouncedAt, { ...drand, at: '2023-10-28T23:12:27.000Z' }, drandRound.signature),
    invalid('`url` names another round', drandAnnouncedAt, { ...drand, url: `${chain.url}${drand.round + 1}` }, drandRound.signature),
    invalid('not the first round at or after announcedAt + 60 s (announced 3 s earlier: that is round 657412)', '2023-09-15T10:58:59.000Z', drand, drandRound.signature),
    invalid('the round is published less than 60 s after announcedAt', '2023-09-15T10:59:04.000Z', drand, drandRound.signature),
    invalid('no announcedAt', undefined, drand, drandRound.signature),
    // On the curve but outside the order-r subgroup: refused by the subgroup check of §4.3.
    invalid('the signature with one bit flipped (not in the subgroup)', drandAnnouncedAt, drand, `${drandRound.signature.slice(0, 95)}a`),
    // Twice the signature: a valid point of the subgroup, so only the pairing equation refuses it.
    invalid('twice the signature: in the subgroup, but the pairing equation fails', drandAnnouncedAt, drand, bls12_381.G1.Point.fromHex(drandRound.signature).double().toHex(true)),
    valid(operatorAnnouncedAt, operator, 'lottery 07 12 19'),
    invalid('an operator beacon fixed after announcedAt', operatorAnnouncedAt, { source: 'operator', at: '2030-02-01T08:01:00.000Z' }, 'lottery 07 12 19'),
    // Entropy is the value as given, untrimmed; only whether it is blank uses String.prototype.trim's set.
    valid(operatorAnnouncedAt, operator, ' lottery 07 12 19 '),
    valid(operatorAnnouncedAt, operator, '\u0085'),
    invalid('an operator beacon with no value', operatorAnnouncedAt, operator, ' '),
    invalid('an operator beacon of white space only (U+FEFF, U+3000, tab)', operatorAnnouncedAt, operator, '\ufeff\u3000\t'),
  ];
}

export function drawVectors() {
  const selectKey = drawKey('select', seeds[0], 'beacon-2030-03-01', 'draw-golden');
  const keyInputs = [
    ['select', seeds[0], 'beacon-2030-03-01', 'draw-golden'],
    ['assign', seeds[0], 'beacon-2030-03-01', 'draw-golden'],
    ['select', seeds[1], '', '抽查-1'],
  ] as const;
  const ent0 = idDigest('ent-0');
  const ent1 = idDigest('food-1');
  return {
    algorithm: 'sc-draw/1',
    note: 'Generated by `npm run draw-vectors` (bin/draw-vectors.ts); every value is checked by test/unit/draws.test.ts (TypeScript) and conformance/verify_draw.py (Python). Hex is lowercase; words are unsigned 32-bit, big-endian from the digest.',
    commitments: seeds.map((seed) => ({ seed, commitment: commitmentOf(seed) })),
    drawKeys: keyInputs.map(([purpose, seed, entropy, drawId]) => ({ purpose, seed, entropy, drawId, words: hexWords(drawKey(purpose, seed, entropy, drawId)) })),
    idDigests: ['ent-0', 'food-1', '餐饮企业', ''].map((id) => ({ id, words: hexWords(idDigest(id)) })),
    mixes: [0, 1, 7].map((round) => ({ keyWords: hexWords(selectKey), digestWords: hexWords(ent0), round, key: keyHex(mixKey(selectKey, ent0, round)) })),
    // Weights that move the minimum: ent-0 at 2 (round 1 beats round 0) and 8, food-1 at 4 and 16; equal at 3 and 2.
    weightedKeys: [
      ...[1, 2, 3, 8].map((weight) => ({ keyWords: hexWords(selectKey), digestWords: hexWords(ent0), weight, key: keyHex(weightedKey(selectKey, ent0, weight)) })),
      ...[1, 2, 4, 16].map((weight) => ({ keyWords: hexWords(selectKey), digestWords: hexWords(ent1), weight, key: keyHex(weightedKey(selectKey, ent1, weight)) })),
    ],
    quotas: [
      [0, 500],
      [1, 1],
      [19, 500],
      [20, 500],
      [21, 500],
      [2_900_000, 10_000],
      [7, 3333],
    ].map(([n, basisPoints]) => ({ n, basisPoints, quota: quota(n!, basisPoints!) })),
    beacons: beacons(),
    draws: [
      wholeDraw({
        name: 'ratio rule, one department, districts kept apart',
        id: 'drw-vector-1',
        parameters: parameters({}),
        seed: seeds[0],
        announcedAt: operatorAnnouncedAt,
        beaconSpec: fixBeacon('operator', operatorAnnouncedAt),
        beacon: 'lottery 2030-03-01: 07 12 19 23 31 +05',
        pool,
        inspectors: foodInspectors,
      }),
      wholeDraw({
        name: 'weighted fixed count, joint departments, any district, three inspectors, a drand beacon, other draws counted',
        id: 'drw-vector-2',
        parameters: parameters({ jointDepartments: ['equipment'], rule: { kind: 'count', count: 12, weights: { A: 1, B: 2, C: 4, D: 8, ungraded: 2 } }, inspectorsPerCompany: 3, crossDistrict: true }),
        seed: seeds[1],
        announcedAt: drandAnnouncedAt,
        beaconSpec: fixBeacon('drand-quicknet', drandAnnouncedAt),
        beacon: drandRound.signature,
        pool,
        inspectors: [...equipmentInspectors, ...foodInspectors],
        counted: { draws: ['drw-earlier'], loads: { 'equip-0': 3, 'food-1': 2 } },
      }),
      wholeDraw({
        name: 'unweighted fixed count, legacy free-text beacon (no beaconSpec)',
        id: 'drw-vector-3',
        parameters: parameters({ districts: ['Huangpu'], rule: { kind: 'count', count: 7, weights: { A: 1, B: 1, C: 1, D: 1, ungraded: 1 } } }),
        seed: seeds[0],
        beacon: '',
        pool: pool.filter((e) => e.district === 'Huangpu'),
        inspectors: foodInspectors,
      }),
    ],
  };
}

export const vectorsText = () => `${JSON.stringify(drawVectors(), null, 2)}\n`;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--check')) {
    const same = readFileSync(vectorsPath, 'utf8') === vectorsText();
    console.log(same ? 'docs/sc-draw-1-vectors.json is up to date.' : 'docs/sc-draw-1-vectors.json differs from what bin/draw-vectors.ts generates: run npm run draw-vectors.');
    process.exitCode = same ? 0 : 1;
  } else {
    writeFileSync(vectorsPath, vectorsText());
    console.log(`Wrote ${vectorsPath}.`);
  }
}
