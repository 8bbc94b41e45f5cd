/**
 * Independent re-computation of a draw from its public record and snapshots, trusting nothing the server says
 * about the result: the commitment must match the revealed seed, the snapshots their published hashes, the beacon
 * the one the announcement fixed, and every published figure — pool and inspector counts, districts, strata and
 * quotas, the summary, the outcome's strata, the selection and the assignment — must come out identical. Values are
 * compared as canonical JSON (keys sorted), never by the order a file happens to list them in. What a record could
 * change consistently with itself (the rule, window, items) is checked against a receipt kept at announcement
 * (receipt.ts) and, on the server, against the inspections the draw issued (checkInspections).
 */
import { beaconEntropy, beaconFixed, beaconProblem, beaconSpecProblem, type BeaconSpec } from './beacon.ts';
import { commitmentOf } from './keys.ts';
import type { DrawOutcome, DrawParameters, PoolEntity, PoolInspector } from './model.ts';
import { runDraw } from './run.ts';
import { parseInspectors, parsePool, poolDigests, snapshotHash } from './snapshot.ts';

export interface PublishedDraw {
  id: string;
  algorithm: string;
  parameters: DrawParameters;
  commitment: string;
  poolHash: string;
  poolSize: number;
  inspectorsHash: string;
  inspectorCount?: number;
  announcedAt?: string;
  /** SHA-256 of the outcome file, published at execution (absent on draws executed before it was recorded). */
  outcomeHash?: string;
  seed?: string;
  /** The beacon fixed at announcement (absent on draws announced before beacons were fixed). */
  beaconSpec?: BeaconSpec;
  beacon?: string;
  strata?: DrawOutcome['strata'];
  summary?: { selected: number; assigned: number; unassigned: number };
  outcome?: DrawOutcome;
}

export interface Check {
  name: string;
  passed: boolean;
  /** What was found, in English (the command line, the spec's examples). */
  detail: string;
  /**
   * The same finding as a message id and its values, for a reader in another language (the web page's catalogue has
   * `checkDetail_<key>`); lists are given as lists, so each page lists them its own way.
   */
  said?: { key: string; values: Record<string, string | number | string[]> };
}

/** A check with its finding in English and as a message id with values (see {@link Check.said}). */
const finding = (name: string, passed: boolean, detail: string, key: string, values: Record<string, string | number | string[]> = {}): Check => ({
  name,
  passed,
  detail,
  said: { key, values },
});

/** JSON with every object's keys sorted and no whitespace: equal data, equal text, whatever order it was written in. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

export const sameData = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);

const firstDifference = (a: unknown[], b: unknown[]) => {
  const i = a.findIndex((value, n) => !sameData(value, b[n]));
  return i >= 0 ? i : a.length !== b.length ? Math.min(a.length, b.length) : -1;
};

const departmentsOf = (p: Pick<DrawParameters, 'department' | 'jointDepartments'>) => [p.department, ...p.jointDepartments];

/** The 1-based line whose id is not above the previous one (snapshots are sorted by id, spec section 3), if any. */
const firstUnsorted = (rows: readonly { id: string }[]) => {
  const at = rows.findIndex((row, n) => n > 0 && !(rows[n - 1]!.id < row.id));
  return at < 0 ? undefined : at + 1;
};

/** The snapshots against what was announced: counts, districts and departments. */
function snapshotChecks(draw: PublishedDraw, pool: PoolEntity[], inspectors: PoolInspector[]): Check[] {
  const { districts } = draw.parameters;
  const outside = districts.length === 0 ? [] : pool.filter((e) => !districts.includes(e.district));
  const departments = departmentsOf(draw.parameters);
  const strangers = inspectors.filter((i) => !departments.includes(i.department));
  const countsMatch = pool.length === draw.poolSize && (draw.inspectorCount === undefined || inspectors.length === draw.inspectorCount);
  const unsorted = [
    ['pool', firstUnsorted(pool)],
    ['inspector', firstUnsorted(inspectors)],
  ].filter(([, line]) => line !== undefined);
  const clean = outside.length + strangers.length === 0;
  return [
    finding(
      'counts',
      countsMatch,
      `The snapshots hold ${pool.length} companies and ${inspectors.length} inspectors; the record publishes ${draw.poolSize} and ${draw.inspectorCount ?? 'no count'}.`,
      'counts',
      { companies: pool.length, inspectors: inspectors.length, poolSize: draw.poolSize ?? '-', inspectorCount: draw.inspectorCount ?? '-' },
    ),
    unsorted.length === 0
      ? finding('order', true, 'Both snapshots list their lines by ascending id, each id once, as they are written.', 'order', {})
      : finding(
          'order',
          false,
          `Snapshot lines out of id order (spec section 3): ${unsorted.map(([file, line]) => `${file} line ${line}`).join(', ')}.`,
          'orderBroken',
          { lines: unsorted.map(([file, line]) => `${file} ${line}`) },
        ),
    clean
      ? finding(
          'districts',
          true,
          `Every company lies in ${districts.length ? `the announced districts (${districts.join(', ')})` : 'any district, as announced'}; every inspector belongs to ${departments.join(', ')}.`,
          districts.length ? 'districts' : 'districtsAny',
          { districts, departments },
        )
      : finding(
          'districts',
          false,
          `${outside.length} compan${outside.length === 1 ? 'y lies' : 'ies lie'} outside the announced districts (first: ${outside[0]?.id ?? '-'}); ${strangers.length} inspector(s) of another department (first: ${strangers[0]?.id ?? '-'}).`,
          'districtsOutside',
          { outside: outside.length, firstOutside: outside[0]?.id ?? '-', strangers: strangers.length, firstStranger: strangers[0]?.id ?? '-' },
        ),
  ];
}

/**
 * Verifies a draw from its record and the text of its files. With `outcomeText` (the outcome file as published) and
 * an `outcomeHash` on the record, the outcome must also hash to what was published at execution.
 */
export function verifyDraw(draw: PublishedDraw, poolText: string, inspectorsText: string, outcomeText?: string): { verified: boolean; checks: Check[] } {
  const checks: Check[] = [];
  const check = (...args: Parameters<typeof finding>) => checks.push(finding(...args));
  if (!draw.seed || !draw.outcome) {
    check('executed', false, 'The draw has not been executed: there is no revealed seed or result to verify yet.', 'notExecuted');
    return { verified: false, checks };
  }
  check('algorithm', draw.algorithm === 'sc-draw/1', `The record names algorithm ${draw.algorithm}; this verifier implements sc-draw/1.`, 'algorithm', {
    algorithm: draw.algorithm,
  });
  const commitment = commitmentOf(draw.seed);
  check('commitment', commitment === draw.commitment, `SHA-256 of the revealed seed is ${commitment}; the announcement committed to ${draw.commitment}.`, 'commitment', {
    computed: commitment,
    published: draw.commitment,
  });
  const poolHash = snapshotHash(poolText);
  check('pool', poolHash === draw.poolHash, `The pool snapshot hashes to ${poolHash}; the announcement published ${draw.poolHash}.`, 'hash', {
    computed: poolHash,
    published: draw.poolHash,
  });
  const inspectorsHash = snapshotHash(inspectorsText);
  check('inspectors', inspectorsHash === draw.inspectorsHash, `The inspector snapshot hashes to ${inspectorsHash}; the announcement published ${draw.inspectorsHash}.`, 'hash', {
    computed: inspectorsHash,
    published: draw.inspectorsHash,
  });
  if (draw.outcomeHash && outcomeText !== undefined) {
    const outcomeHash = snapshotHash(outcomeText);
    check('outcome', outcomeHash === draw.outcomeHash, `The outcome file hashes to ${outcomeHash}; the execution published ${draw.outcomeHash}.`, 'hash', {
      computed: outcomeHash,
      published: draw.outcomeHash,
    });
  }
  if (draw.beaconSpec) {
    const spec = draw.beaconSpec;
    const problem = beaconSpecProblem(spec, draw.announcedAt) ?? beaconProblem(spec, draw.beacon ?? '');
    if (problem) check('beacon', false, problem, 'beaconWrong', { at: spec.at });
    else if (spec.source === 'operator') check('beacon', true, `The beacon is the one the announcement fixed (${beaconFixed(spec)}).`, 'beaconOperator', { at: spec.at });
    else check('beacon', true, `The beacon is the one the announcement fixed (${beaconFixed(spec)}).`, 'beaconDrand', { round: spec.round, at: spec.at });
  }

  const pool = parsePool(poolText);
  const inspectors = parseInspectors(inspectorsText);
  checks.push(...snapshotChecks(draw, pool, inspectors));
  // Other draws' assignments the execution counted are published in the outcome (CountedLoads) and used as such.
  const recomputed = runDraw({ id: draw.id, parameters: draw.parameters, seed: draw.seed, beacon: beaconEntropy(draw.beaconSpec, draw.beacon ?? '') }, pool, poolDigests(pool), inspectors, draw.outcome.counted);
  const summary = { selected: recomputed.selected.length, assigned: recomputed.assignments.length, unassigned: recomputed.unassigned.length };
  const strataHeld = [draw.outcome.strata, ...(draw.strata ? [draw.strata] : [])].every((strata) => sameData(strata, recomputed.strata));
  check(
    'strata',
    strataHeld && (!draw.summary || sameData(draw.summary, summary)),
    `Recomputed strata ${canonicalJson(recomputed.strata)} and counts ${canonicalJson(summary)}; ` +
      `the record publishes ${canonicalJson(draw.strata ?? null)} and ${canonicalJson(draw.summary ?? null)}, the outcome ${canonicalJson(draw.outcome.strata)}.`,
    'strata',
    { ...summary, recordSelected: draw.summary?.selected ?? '-', recordAssigned: draw.summary?.assigned ?? '-' },
  );
  const selectionAt = firstDifference(recomputed.selected, draw.outcome.selected);
  check(
    'selection',
    selectionAt < 0,
    selectionAt < 0
      ? `Recomputed the same ${recomputed.selected.length} companies, in the same order, with the same keys.`
      : `Recomputation differs from the record at selected position ${selectionAt + 1}.`,
    selectionAt < 0 ? 'selectionSame' : 'selectionDiffers',
    { count: recomputed.selected.length, position: selectionAt + 1 },
  );
  if (draw.outcome.counted) {
    const { draws, loads } = draw.outcome.counted;
    const total = Object.values(loads).reduce((a, b) => a + b, 0);
    const known = new Set(inspectors.map((i) => i.id));
    const wellFormed = Object.entries(loads).every(([id, n]) => known.has(id) && Number.isInteger(n) && n > 0) && (total === 0 || draws.length > 0);
    check(
      'workload',
      wellFormed,
      `The cap counted ${total} assignment(s) of ${draws.length} other draw(s) in overlapping windows (${draws.join(', ') || 'none'}), as the outcome publishes; each of those draws verifies on its own.`,
      'workload',
      { total, count: draws.length },
    );
  }
  // Both lists, each on its own: moving a company from assignments to unassigned (or back) is a difference too.
  const assignedAt = firstDifference(recomputed.assignments, draw.outcome.assignments);
  const unassignedAt = firstDifference(recomputed.unassigned, draw.outcome.unassigned);
  check(
    'assignment',
    assignedAt < 0 && unassignedAt < 0,
    assignedAt < 0 && unassignedAt < 0
      ? `Recomputed the same inspectors for ${recomputed.assignments.length} companies and the same ${recomputed.unassigned.length} unassigned.`
      : assignedAt >= 0
        ? `Recomputed inspectors differ from the record at assignment ${assignedAt + 1}.`
        : `Recomputed unassigned companies differ from the record at position ${unassignedAt + 1}.`,
    assignedAt < 0 && unassignedAt < 0 ? 'assignmentSame' : 'assignmentDiffers',
    { assigned: recomputed.assignments.length, unassigned: recomputed.unassigned.length, position: (assignedAt >= 0 ? assignedAt : unassignedAt) + 1 },
  );
  return { verified: checks.every((c) => c.passed), checks };
}

/** What of an issued inspection the outcome and the announcement decide. */
export interface IssuedInspection {
  entityId: string;
  departments: string[];
  items: string[];
  window: { start: string; end: string };
  inspectorIds: string[];
  /** Made by this draw, or another department's visit this draw joined (which may hold more). */
  joined: boolean;
}

/**
 * Every inspection a draw issued, against its outcome and parameters: the drawn company, the draw's departments and
 * items, its window (overlapping it, for a visit it joined), and exactly the inspectors drawn (at least them, joined).
 */
export function checkInspections(draw: Pick<PublishedDraw, 'parameters'>, outcome: DrawOutcome, issued: ReadonlyMap<string, IssuedInspection>): Check {
  const { parameters } = draw;
  const wrong: string[] = [];
  for (const { entityId, inspectorIds } of outcome.assignments) {
    const inspection = issued.get(entityId);
    if (!inspection) {
      wrong.push(`${entityId}: no inspection issued`);
      continue;
    }
    const { window } = inspection;
    const problems = [
      inspection.entityId !== entityId && 'another company',
      !departmentsOf(parameters).every((d) => inspection.departments.includes(d)) && 'departments',
      !parameters.items.every((item) => inspection.items.includes(item)) && 'items',
      (inspection.joined ? window.start > parameters.window.end || window.end < parameters.window.start : !sameData(window, parameters.window)) && 'window',
      (inspection.joined ? !inspectorIds.every((id) => inspection.inspectorIds.includes(id)) : !sameData([...inspectorIds].sort(), [...inspection.inspectorIds].sort())) && 'inspectors',
    ].filter(Boolean);
    if (problems.length > 0) wrong.push(`${entityId}: ${problems.join(', ')}`);
  }
  return wrong.length === 0
    ? finding(
        'inspections',
        true,
        `Each of the ${outcome.assignments.length} inspections issued names the drawn company, departments, items, window and inspectors.`,
        'inspectionsMatch',
        { count: outcome.assignments.length },
      )
    : finding('inspections', false, `${wrong.length} issued inspection(s) differ from the outcome: ${wrong.slice(0, 5).join('; ')}.`, 'inspectionsDiffer', {
        count: wrong.length,
        first: wrong.slice(0, 5),
      });
}
