/**
 * The table's keys and the few pieces every DynamoDB store starts from: the document client and reading an item back
 * without its keys. Kept apart from the stores so that the public scan bundles only what it reads (DESIGN §6: the
 * scan's bundle ≤ 300 KB).
 */
import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { stateOf, type InspectionState } from '../inspections/due.ts';
import type { Entity, Inspection, Inspector } from '../inspections/model.ts';
import { refuseOversizedItems } from './item-size.ts';
import { mainTable } from './resources.ts';

export const scanPrefix = 'SCAN#';

/** Single-table layout: every item's keys, in one place. */
export const keys = {
  entity: (id: string) => ({ pk: `ENTITY#${id}`, sk: 'ENTITY' }),
  /**
   * What the system knows of an entity (grade, last inspectors), apart from what the registry owns, so that imports
   * and PUTs of registry rows can overwrite the entity item without touching it.
   */
  entityState: (id: string) => ({ pk: `ENTITY#${id}`, sk: 'STATE' }),
  /** Lists an entity under its segment, by district: what a draw's pool is queried from. */
  segmentMember: (e: Pick<Entity, 'id' | 'segment' | 'district'>) => ({
    [mainTable.indexes.byParent.partitionKey]: `SEGMENT#${e.segment}`,
    [mainTable.indexes.byParent.sortKey]: `${e.district}#${e.id}`,
  }),
  /** Points a unified social credit code at its entity, so that searching by code reads one item, not a segment. */
  creditCode: (code: string) => ({ pk: `CREDITCODE#${code}`, sk: 'CREDITCODE' }),
  inspector: (id: string) => ({ pk: `INSPECTOR#${id}`, sk: 'INSPECTOR' }),
  department: (id: string) => ({ pk: `DEPARTMENT#${id}`, sk: 'DEPARTMENT' }),
  /** Lists an inspector under their department, by district. */
  departmentMember: (i: Pick<Inspector, 'id' | 'department' | 'district'>) => ({
    [mainTable.indexes.byParent.partitionKey]: `DEPARTMENT#${i.department}`,
    [mainTable.indexes.byParent.sortKey]: `${i.district}#${i.id}`,
  }),
  inspection: (id: string) => ({ pk: `INSPECTION#${id}`, sk: 'INSPECTION' }),
  /** The byParent index partition holding a company's inspections. */
  entityInspections: (entityId: string) => ({ [mainTable.indexes.byParent.partitionKey]: `ENTITY#${entityId}` }),
  inspectionOfEntity: (i: Pick<Inspection, 'entityId' | 'window' | 'id'>) => ({
    ...keys.entityInspections(i.entityId),
    [mainTable.indexes.byParent.sortKey]: `INSPECTION#${i.window.start}#${i.id}`,
  }),
  /** The byDue index partition of inspections in a state (scheduled and on-site inspections share `open`). */
  inspectionsInState: (state: InspectionState) => ({ [mainTable.indexes.byDue.partitionKey]: `INSPECTIONS#${state}` }),
  inspectionByDue: (i: Pick<Inspection, 'status' | 'cancelled' | 'window' | 'id'>) => ({
    ...keys.inspectionsInState(stateOf(i)),
    [mainTable.indexes.byDue.sortKey]: `${i.window.end}#${i.id}`,
  }),
  assignment: (inspectorId: string, i: Pick<Inspection, 'window' | 'id'>) => ({
    pk: `INSPECTOR#${inspectorId}`,
    sk: `ASSIGNMENT#${i.window.start}#${i.id}`,
  }),
  code: (code: string) => ({ pk: `CODE#${code}`, sk: 'CODE' }),
  /** An entity's grade history: one item per change. */
  gradeHistory: (entityId: string, at: string) => ({ pk: `ENTITY#${entityId}`, sk: `GRADE#${at}` }),
  /** A fact about an entity, in its partition, by kind and date. */
  fact: (entityId: string, kind: string, date: string, id: string) => ({ pk: `ENTITY#${entityId}`, sk: `FACT#${kind}#${date}#${id}` }),
  /** The running totals behind GET /stats (a few writes a second at most: one item is enough). */
  counters: () => ({ pk: 'STATS', sk: 'COUNTERS' }),
  /** The same counters for one week or month (`week#2026-11-23`, `month#2026-11`): the figures over time. */
  periodCounters: (period: string) => ({ pk: 'STATS', sk: `COUNTERS#${period}` }),
  /** The latest scoring run (its id, as-of day and number of segments). */
  gradeDistribution: () => ({ pk: 'STATS', sk: 'GRADES' }),
  /** Which segments of a warnings or triggers sweep of one day are done. */
  sweepRun: (sweep: string, asOf: string) => ({ pk: 'STATS', sk: `SWEEP#${sweep}#${asOf}` }),
  /** One segment's share of a run's grade distribution. */
  gradeDistributionShare: (runId: string, segment: number) => ({ pk: 'STATS', sk: `GRADES#${runId}#${String(segment).padStart(4, '0')}` }),
  /** A warning clue, listed under its status, soonest due first. */
  clue: (id: string) => ({ pk: `CLUE#${id}`, sk: 'CLUE' }),
  clueInQueue: (c: { status: string; dueBy: string; id: string }) => ({
    [mainTable.indexes.byParent.partitionKey]: `CLUES#${c.status}`,
    [mainTable.indexes.byParent.sortKey]: `${c.dueBy}#${c.id}`,
  }),
  /** Lists a clue under its company, newest first (the clue itself is read by its id: its status moves on). */
  clueOfEntity: (c: { entityId: string; firedOn: string; id: string }) => ({ pk: `ENTITY#${c.entityId}`, sk: `CLUE#${c.firedOn}#${c.id}` }),
  device: (id: string) => ({ pk: `DEVICE#${id}`, sk: 'DEVICE' }),
  /** How many alerts a device sent in one minute (expires by itself). */
  deviceMinute: (deviceId: string, minute: string) => ({ pk: `DEVICE#${deviceId}`, sk: `RATE#${minute}` }),
  /** A smart-kitchen alert, listed under its company, newest first. */
  alert: (id: string) => ({ pk: `ALERT#${id}`, sk: 'ALERT' }),
  alertOfEntity: (a: { entityId: string; at: string; id: string }) => ({
    [mainTable.indexes.byParent.partitionKey]: `ALERTS#${a.entityId}`,
    [mainTable.indexes.byParent.sortKey]: `${a.at}#${a.id}`,
  }),
  /** An import's progress, listed newest first. */
  importProgress: (id: string) => ({ pk: `IMPORT#${id}`, sk: 'IMPORT' }),
  importListed: (i: { createdAt: string; id: string }) => ({
    [mainTable.indexes.byParent.partitionKey]: 'IMPORTS',
    [mainTable.indexes.byParent.sortKey]: `${i.createdAt}#${i.id}`,
  }),
  scan: (code: string, at: string) => ({ pk: `CODE#${code}`, sk: `${scanPrefix}${at}#${crypto.randomUUID().slice(0, 8)}` }),
};

const indexKeys: ReadonlySet<string> = new Set(Object.values(mainTable.indexes).flatMap((index) => [index.partitionKey, index.sortKey]));

export const withoutKeys = <T>(item: Record<string, unknown> | undefined): T | undefined => {
  if (!item) return undefined;
  const { pk: _pk, sk: _sk, ...rest } = item;
  for (const key of indexKeys) delete rest[key];
  return rest as T;
};

/** The endpoint comes from the SDK's own AWS_ENDPOINT_URL_DYNAMODB, which only the local stack sets. */
export function createDocumentClient(config: DynamoDBClientConfig = {}) {
  const client = new DynamoDBClient(config);
  refuseOversizedItems(client);
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}

