import type { DateWindow } from '../api/schemas.ts';

export const grades = ['A', 'B', 'C', 'D'] as const;

/** Where a draw's public randomness comes from (see beacon.ts). */
export const beaconSources = ['drand-quicknet', 'operator'] as const;
export type BeaconSource = (typeof beaconSources)[number];
export type Grade = (typeof grades)[number];

/**
 * Who may be drawn and how many. `ratio`: a share of each credit grade, in basis points (1/100 of a percent), so
 * quotas are integer arithmetic; entities without a grade count as `ungradedAs`. `count`: a fixed number from the
 * whole pool, weighted by grade (integer weights).
 */
export type SelectionRule =
  | { kind: 'ratio'; basisPoints: Record<Grade, number>; ungradedAs: Grade }
  | { kind: 'count'; count: number; weights: Record<Grade | 'ungraded', number> };

export interface DrawParameters {
  title: string;
  /** The department that draws; its inspectors lead. */
  department: string;
  /** Other departments inspecting jointly: at least one inspector from each. */
  jointDepartments: string[];
  segment: string;
  /** Empty: every district. */
  districts: string[];
  rule: SelectionRule;
  window: DateWindow;
  items: string[];
  /** Who the companies call to coordinate. */
  contact: { name: string; phone: string };
  inspectorsPerCompany: number;
  /** Whether inspectors may come from other districts than the company's. */
  crossDistrict: boolean;
  /** Most inspections one inspector may hold in the period, counting those they already had. */
  workloadCap: number;
}

/** One entity as frozen in the pool snapshot at announcement. */
export interface PoolEntity {
  id: string;
  grade?: Grade;
  district: string;
  /** Inspectors of the company's latest inspection: never drawn for it again right away. */
  lastInspectorIds: string[];
}

/** One inspector as frozen at announcement. */
export interface PoolInspector {
  id: string;
  department: string;
  district: string;
  qualifications: string[];
  /** Companies the inspector declared a conflict of interest with. */
  recusals: string[];
  /** Inspections already held in the draw's period. */
  load: number;
}

export interface SelectedEntity {
  entityId: string;
  stratum: string;
  /** The entity's key, hex: the smallest keys in each stratum are selected. */
  key: string;
}

export interface Assignment {
  entityId: string;
  inspectorIds: string[];
}

export interface Unassigned {
  entityId: string;
  reason: string;
}

/** The workload a draw counted at execution beyond its inspector snapshot: other draws' assignments in overlapping windows. */
export interface CountedLoads {
  /** The draws whose assignments were counted, by id. */
  draws: string[];
  /** Their assignments per inspector, added to the snapshot's load before the cap applies. */
  loads: Record<string, number>;
}

export interface DrawOutcome {
  /** Absent on draws executed before other draws were counted. */
  counted?: CountedLoads;
  selected: SelectedEntity[];
  strata: Record<string, { pool: number; quota: number }>;
  assignments: Assignment[];
  unassigned: Unassigned[];
}
