/**
 * The draw at city scale: 10,000 companies of 2.9M, against sorting every key (the obvious way) in the same run;
 * inspector assignment for those 10,000; the whole draw as execution runs it; and the one-off SHA-256 of every id
 * when a pool is snapshotted.
 */
import { assignInspectors } from '../shared/draws/assign.ts';
import { compareKeys, drawKey, mixKey, type KeyWords } from '../shared/draws/keys.ts';
import type { DrawParameters, PoolEntity, PoolInspector } from '../shared/draws/model.ts';
import { runDraw } from '../shared/draws/run.ts';
import { digestAt, selectEntities } from '../shared/draws/select.ts';
import { poolDigests } from '../shared/draws/snapshot.ts';
import { assertInvariants, median, round } from './measure.ts';

const poolSize = 2_900_000;
const wanted = 10_000;
const districts = Array.from({ length: 16 }, (_, i) => `district-${i}`);
const grades = ['A', 'B', 'C', 'D'] as const;

export async function benchDraw(log: (line: string) => void) {
  log(`draw: building a pool of ${poolSize.toLocaleString()} entities ...`);
  const pool: PoolEntity[] = Array.from({ length: poolSize }, (_, i) => ({
    id: `9131${i.toString().padStart(14, '0')}`,
    grade: grades[i % 4]!,
    district: districts[i % districts.length]!,
    lastInspectorIds: [],
  }));
  log('draw: SHA-256 of every id (once per pool snapshot) ...');
  const digestStarted = performance.now();
  const digests = poolDigests(pool);
  const digestSeconds = (performance.now() - digestStarted) / 1000;

  const rule = { kind: 'count' as const, count: wanted, weights: { A: 1, B: 1, C: 1, D: 1, ungraded: 1 } };
  const seeds = Array.from({ length: 5 }, (_, i) => drawKey('select', i.toString(16).padStart(64, '0'), '', 'bench'));
  log('draw: selecting 10,000 (5 seeds) ...');
  // CPU time beside the wall time: on a shared machine the wall time is mostly waiting for a core.
  const selectCpu: number[] = [];
  const selectTimes = seeds.map((key) => {
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    const { selected } = selectEntities(pool, digests, rule, key);
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuStarted);
    selectCpu.push((cpu.user + cpu.system) / 1e6);
    assertInvariants('draw', { selected: [selected.length, wanted], distinctSelected: [new Set(selected.map((s) => s.entityId)).size, wanted] });
    return seconds;
  });

  log('draw: baseline, computing every key and sorting them all (2 seeds) ...');
  const sortTimes = seeds.slice(0, 2).map((key) => {
    const started = performance.now();
    const keyed = pool.map((_, i) => ({ i, key: mixKey(key, [digests[4 * i]!, digests[4 * i + 1]!, digests[4 * i + 2]!, digests[4 * i + 3]!] as KeyWords) }));
    keyed.sort((a, b) => compareKeys(a.key, b.key));
    keyed.length = wanted;
    return (performance.now() - started) / 1000;
  });

  const { selected } = selectEntities(pool, digests, rule, seeds[0]!);
  const inspectors: PoolInspector[] = Array.from({ length: 2_000 }, (_, i) => ({
    id: `insp-${i}`,
    // A quarter of each district's inspectors are from the equipment department.
    department: Math.floor(i / districts.length) % 4 === 0 ? 'equipment' : 'food',
    district: districts[i % districts.length]!,
    qualifications: ['catering'],
    recusals: i % 50 === 0 ? [selected[i]!.entityId] : [],
    load: i % 7,
  }));
  const companies = new Map(selected.map(({ entityId }) => [entityId, { entity: pool[Number(entityId.slice(4))]!, digest: digestAt(digests, Number(entityId.slice(4))) }]));
  const parameters = { department: 'food', jointDepartments: ['equipment'], segment: 'catering', inspectorsPerCompany: 2, crossDistrict: false, workloadCap: 30 };
  log('draw: assigning inspectors to 10,000 (joint: one food and one equipment inspector each) ...');
  const assignCpu: number[] = [];
  const assignTimes = Array.from({ length: 3 }, () => {
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    const result = assignInspectors(selected, companies, inspectors, parameters, drawKey('assign', '00', '', 'bench'));
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuStarted);
    assignCpu.push((cpu.user + cpu.system) / 1e6);
    assertInvariants('draw', { assignedOrUnassigned: [result.assignments.length + result.unassigned.length, wanted] });
    return seconds;
  });
  const assigned = assignInspectors(selected, companies, inspectors, parameters, drawKey('assign', '00', '', 'bench'));

  // What an execution computes: selection, the selected companies looked up in the pool, assignment.
  log('draw: the whole draw as execution runs it (selection, lookup, assignment) ...');
  const drawParameters: DrawParameters = { ...parameters, title: 'bench', districts: [], rule, window: { start: '2030-03-01', end: '2030-03-31' }, items: [], contact: { name: 'bench', phone: '0' } };
  const wholeStarted = performance.now();
  const wholeCpuStarted = process.cpuUsage();
  const outcome = runDraw({ id: 'bench', parameters: drawParameters, seed: '00'.repeat(32), beacon: '' }, pool, digests, inspectors);
  const wholeSeconds = (performance.now() - wholeStarted) / 1000;
  const wholeCpu = process.cpuUsage(wholeCpuStarted);
  assertInvariants('draw', { wholeDrawAssignedOrUnassigned: [outcome.assignments.length + outcome.unassigned.length, wanted] });

  return {
    poolSize,
    selected: wanted,
    selectSeconds: round(median(selectTimes), 3),
    selectSecondsEachRun: selectTimes.map((t) => round(t, 3)),
    selectCpuSeconds: round(median(selectCpu), 3),
    baselineSortAllSeconds: round(median(sortTimes), 3),
    speedupOverSortAll: round(median(sortTimes) / median(selectTimes), 1),
    assignSeconds: round(median(assignTimes), 3),
    assignSecondsEachRun: assignTimes.map((t) => round(t, 3)),
    assignCpuSeconds: round(median(assignCpu), 3),
    assignCpuEachRun: assignCpu.map((t) => round(t, 3)),
    assigned: assigned.assignments.length,
    unassigned: assigned.unassigned.length,
    wholeDrawSeconds: round(wholeSeconds, 3),
    wholeDrawCpuSeconds: round((wholeCpu.user + wholeCpu.system) / 1e6, 3),
    idDigestSecondsOncePerPool: round(digestSeconds, 2),
    target: 'select 10,000 of 2.9M ≤ 0.3 s on one core; assign 10,000 ≤ 1 s',
  };
}
