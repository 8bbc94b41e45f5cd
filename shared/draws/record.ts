import type { BeaconSpec } from './beacon.ts';
import type { BeaconSource, DrawOutcome, DrawParameters } from './model.ts';

/**
 * preparing (seed committed, pool being snapshotted) → announced (pool and inspectors frozen and hashed)
 * → executing (seed revealed, beacon mixed in, codes being issued) → executed. Any draw before execution may be
 * abandoned; none is ever deleted, so a re-draw until a wanted result shows on the public list.
 */
export type DrawStatus = 'preparing' | 'announced' | 'executing' | 'executed' | 'abandoned';

export interface DrawRecord {
  id: string;
  algorithm: string;
  parameters: DrawParameters;
  status: DrawStatus;
  createdBy: string;
  createdAt: string;
  /** SHA-256 of the secret seed, public from the first moment. */
  commitment: string;
  announcedAt?: string;
  poolHash?: string;
  poolSize?: number;
  inspectorsHash?: string;
  inspectorCount?: number;
  executedBy?: string;
  executedAt?: string;
  /** Revealed at execution. */
  seed?: string;
  /** The source of public randomness named at announcement (absent on draws announced before it was named). */
  beaconSource?: BeaconSource;
  /** The beacon fixed when the pool is frozen: the drand round (or the operator's earliest time) execution must use. */
  beaconSpec?: BeaconSpec;
  /** The beacon's value given at execution: drand's round signature (hex), or the operator's text. */
  beacon?: string;
  /** SHA-256 (hex) of the outcome file, recorded when it is written: public at once, the file itself later. */
  outcomeHash?: string;
  strata?: DrawOutcome['strata'];
  summary?: { selected: number; assigned: number; unassigned: number };
  issuance?: { total: number; done: number; joined: number };
  abandoned?: { by: string; at: string; reason: string };
  version: number;
}

/** The jobs behind a draw, run by the draw worker from a queue (SQS on AWS, in-process locally). */
export type DrawJob =
  | { kind: 'snapshot'; drawId: string }
  | { kind: 'run'; drawId: string }
  | { kind: 'issue'; drawId: string; batch: number; entityIds: string[] };

export const issueBatchSize = 50;
