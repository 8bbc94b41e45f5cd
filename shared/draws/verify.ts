/**
 * Independent re-computation of a draw from its public record and snapshots, trusting nothing the server says
 * about the result: the commitment must match the revealed seed, the snapshots their published hashes, and the
 * selection and assignment must come out identical.
 */
import { beaconEntropy, beaconProblem, type BeaconSpec } from './beacon.ts';
import { commitmentOf } from './keys.ts';
import type { DrawOutcome, DrawParameters } from './model.ts';
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
  /** SHA-256 of the outcome file, published at execution (absent on draws executed before it was recorded). */
  outcomeHash?: string;
  seed?: string;
  /** The beacon fixed at announcement (absent on draws announced before beacons were fixed). */
  beaconSpec?: BeaconSpec;
  beacon?: string;
  outcome?: DrawOutcome;
}

export interface Check {
  name: string;
  passed: boolean;
  detail: string;
}

/** The beacon an announcement fixed, in words. */
export const beaconFixed = (spec: BeaconSpec) =>
  spec.source === 'operator' ? `a value given by the operator after ${spec.at}, the weaker fallback` : `drand ${spec.source} round ${spec.round}, published ${spec.at}, signature checked`;

const firstDifference = (a: unknown[], b: unknown[]) => {
  const i = a.findIndex((value, n) => JSON.stringify(value) !== JSON.stringify(b[n]));
  return i >= 0 ? i : a.length !== b.length ? Math.min(a.length, b.length) : -1;
};

/**
 * Verifies a draw from its record and the text of its files. With `outcomeText` (the outcome file as published) and
 * an `outcomeHash` on the record, the outcome must also hash to what was published at execution.
 */
export function verifyDraw(draw: PublishedDraw, poolText: string, inspectorsText: string, outcomeText?: string): { verified: boolean; checks: Check[] } {
  const checks: Check[] = [];
  const check = (name: string, passed: boolean, detail: string) => checks.push({ name, passed, detail });
  if (!draw.seed || !draw.outcome) {
    check('executed', false, 'The draw has not been executed: there is no revealed seed or result to verify yet.');
    return { verified: false, checks };
  }
  check('algorithm', draw.algorithm === 'sc-draw/1', `The record names algorithm ${draw.algorithm}; this verifier implements sc-draw/1.`);
  const commitment = commitmentOf(draw.seed);
  check('commitment', commitment === draw.commitment, `SHA-256 of the revealed seed is ${commitment}; the announcement committed to ${draw.commitment}.`);
  const poolHash = snapshotHash(poolText);
  check('pool', poolHash === draw.poolHash, `The pool snapshot hashes to ${poolHash}; the announcement published ${draw.poolHash}.`);
  const inspectorsHash = snapshotHash(inspectorsText);
  check('inspectors', inspectorsHash === draw.inspectorsHash, `The inspector snapshot hashes to ${inspectorsHash}; the announcement published ${draw.inspectorsHash}.`);
  if (draw.outcomeHash && outcomeText !== undefined) {
    const outcomeHash = snapshotHash(outcomeText);
    check('outcome', outcomeHash === draw.outcomeHash, `The outcome file hashes to ${outcomeHash}; the execution published ${draw.outcomeHash}.`);
  }

  if (draw.beaconSpec) {
    const problem = beaconProblem(draw.beaconSpec, draw.beacon ?? '');
    check('beacon', !problem, problem ?? `The beacon is the one the announcement fixed (${beaconFixed(draw.beaconSpec)}).`);
  }

  const pool = parsePool(poolText);
  const recomputed = runDraw({ id: draw.id, parameters: draw.parameters, seed: draw.seed, beacon: beaconEntropy(draw.beaconSpec, draw.beacon ?? '') }, pool, poolDigests(pool), parseInspectors(inspectorsText));
  const selectionAt = firstDifference(recomputed.selected, draw.outcome.selected);
  check(
    'selection',
    selectionAt < 0,
    selectionAt < 0
      ? `Recomputed the same ${recomputed.selected.length} companies, in the same order, with the same keys.`
      : `Recomputation differs from the record at selected position ${selectionAt + 1}.`,
  );
  const assignmentAt = firstDifference([...recomputed.assignments, ...recomputed.unassigned], [...draw.outcome.assignments, ...draw.outcome.unassigned]);
  check(
    'assignment',
    assignmentAt < 0,
    assignmentAt < 0
      ? `Recomputed the same inspectors for ${recomputed.assignments.length} companies and the same ${recomputed.unassigned.length} unassigned.`
      : `Recomputed inspectors differ from the record at position ${assignmentAt + 1}.`,
  );
  return { verified: checks.every((c) => c.passed), checks };
}
