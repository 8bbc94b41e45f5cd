import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { CodeRecord } from '../codes/code.ts';
import { mapInParallel } from '../concurrency.ts';
import type { Entity, EntitySystemFields, Inspection, Inspector } from '../inspections/model.ts';
import type { Counters } from '../stats/stats.ts';
import { eventCounters, periodsOf, type PeriodKind } from '../stats/series.ts';
import type { DueQuery } from '../inspections/due.ts';
import { addTallies, ConcurrentChangeError, emptyTally, type GradeDistribution, type Page, type ScoringRunRecord, type PageRequest, type ScanLogEntry, type Store } from './ports.ts';
import { DomainError } from '../domain-error.ts';
import { createDocumentClient, keys, scanPrefix, withoutKeys } from './dynamodb-keys.ts';
import { DynamoScanStore } from './dynamodb-scan-store.ts';
import { env, mainTable, requiredEnv } from './resources.ts';

/** The stored inspection item: its own key and its places in the company's list and in the lists by due day. */
const inspectionItem = (inspection: Inspection) => ({ ...keys.inspection(inspection.id), ...keys.inspectionOfEntity(inspection), ...keys.inspectionByDue(inspection), ...inspection });

/** An UpdateExpression adding to counters (names such as "results.rectify" are attribute names, not paths). */
export function addCounters(counters: Counters) {
  const entries = Object.entries(counters).filter(([, n]) => n);
  return {
    UpdateExpression: `ADD ${entries.map((_, i) => `#c${i} :c${i}`).join(', ')}`,
    ExpressionAttributeNames: Object.fromEntries(entries.map(([name], i) => [`#c${i}`, name])),
    ExpressionAttributeValues: Object.fromEntries(entries.map(([, n], i) => [`:c${i}`, n])),
  };
}

/** The updates that count: the running totals, and the event counters of the day's week and month. */
export function counterUpdates(tableName: string, counters: Counters, day: string) {
  const ofPeriod = eventCounters(counters);
  return [
    { TableName: tableName, Key: keys.counters(), ...addCounters(counters) },
    ...(Object.keys(ofPeriod).length ? periodsOf(day).map((period) => ({ TableName: tableName, Key: keys.periodCounters(period), ...addCounters(ofPeriod) })) : []),
  ];
}

const encodeCursor = (key: Record<string, unknown>) => Buffer.from(JSON.stringify(key)).toString('base64url');

/** A cursor that continues a query right after this item (read with its keys), as if the page had ended there. */
export const cursorAfter = (item: Record<string, unknown>, index?: string) => encodeCursor(Object.fromEntries(cursorAttributes(index).map((name) => [name, item[name]])));

/** The attributes DynamoDB puts in a query's LastEvaluatedKey: the table's key, and the index's when there is one. */
function cursorAttributes(index: string | undefined): string[] {
  const table = [mainTable.partitionKey, mainTable.sortKey];
  const ofIndex = Object.values(mainTable.indexes).find((i) => i.name === index);
  return ofIndex ? [...table, ofIndex.partitionKey, ofIndex.sortKey] : table;
}

/**
 * A cursor comes back from clients, so it is checked as a forged one would be: exactly the key attributes this query
 * hands out, each a non-empty string, continuing the same partition and sort-key prefix. DynamoDB would refuse
 * anything else with a ValidationException (a 500); here it is a 422 that says to start again.
 */
function decodeCursor(cursor: string, query: { index?: string; partition: [string, string]; sortPrefix?: [string, string]; sortRange?: SortRange }): Record<string, string> {
  const refuse = () => new DomainError('invalid', 'invalid_cursor', 'This cursor does not continue this list; start again without it.');
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw refuse();
  }
  if (!key || typeof key !== 'object' || Array.isArray(key)) throw refuse();
  const fields = key as Record<string, unknown>;
  const expected = cursorAttributes(query.index);
  const wellFormed =
    Object.keys(fields).length === expected.length &&
    expected.every((name) => typeof fields[name] === 'string' && fields[name] !== '') &&
    fields[query.partition[0]] === query.partition[1] &&
    (!query.sortPrefix || (fields[query.sortPrefix[0]] as string).startsWith(query.sortPrefix[1])) &&
    (!query.sortRange || withinRange(fields[query.sortRange.name] as string, query.sortRange));
  if (!wellFormed) throw refuse();
  return fields as Record<string, string>;
}

/**
 * Every scoring run evaluates every entity but writes only what changed, so an entity last graded before the last
 * completed run started is current as of that run's as-of day.
 */
export function withCurrentAsOf(entity: Entity, run: ScoringRunRecord | undefined): Entity {
  const current = entity.gradedAt && run?.completedRunId && run.completedRunId > entity.gradedAt;
  return current ? { ...entity, asOf: run.completedAsOf! } : entity;
}

/** The item behind `keys.creditCode`; a code moved to another entity leaves a pointer the reader checks. */
export const creditCodePointer = (entityId: string, creditCode: string) => ({ ...keys.creditCode(creditCode), entityId });
/** A sort-key range: the attribute, and its inclusive bounds (either may be left open). */
export interface SortRange {
  name: string;
  from?: string;
  to?: string;
}

const withinRange = (value: string, range: SortRange) => (range.from === undefined || value >= range.from) && (range.to === undefined || value <= range.to);

/** The sort-key part of a KeyConditionExpression: a prefix, a range, or nothing (the whole partition). */
function sortCondition(sort: [string, string] | SortRange | undefined): { expression: string; names: Record<string, string>; values: Record<string, string> } {
  if (!sort) return { expression: '', names: {}, values: {} };
  if (Array.isArray(sort)) return { expression: ' AND begins_with(#s, :s)', names: { '#s': sort[0] }, values: { ':s': sort[1] } };
  const { name, from, to } = sort;
  const values = { ...(from !== undefined ? { ':from': from } : {}), ...(to !== undefined ? { ':to': to } : {}) };
  const expression = from !== undefined && to !== undefined ? ' AND #s BETWEEN :from AND :to' : from !== undefined ? ' AND #s >= :from' : to !== undefined ? ' AND #s <= :to' : '';
  return { expression, names: expression ? { '#s': name } : {}, values };
}

/** What a query asks for, as a QueryCommand says it: the partition, the sort-key condition, the filter. */
interface QueryShape {
  partition: Record<string, string>;
  /** Only items whose sort key (attribute name, prefix) begins so; the whole partition when absent. */
  sortPrefix?: [string, string];
  /** Or only items whose sort key lies between these bounds (inclusive; either may be open). */
  sortRange?: SortRange;
  index?: string;
  /** Applied after the page is read: a page may hold fewer items than asked, with a cursor to go on. */
  filter?: { expression: string; names: Record<string, string>; values: Record<string, unknown> };
}

function queryConditions(query: QueryShape) {
  const [[partitionName, partitionValue]] = Object.entries(query.partition) as [[string, string]];
  const sort = sortCondition(query.sortPrefix ?? query.sortRange);
  return {
    ...(query.index ? { IndexName: query.index } : {}),
    KeyConditionExpression: `#p = :p${sort.expression}`,
    ExpressionAttributeNames: { '#p': partitionName, ...sort.names, ...query.filter?.names },
    ExpressionAttributeValues: { ':p': partitionValue, ...sort.values, ...query.filter?.values },
    ...(query.filter ? { FilterExpression: query.filter.expression } : {}),
  };
}

export const isConditionFailure = (error: unknown) =>
  error instanceof ConditionalCheckFailedException ||
  (error instanceof TransactionCanceledException && (error.CancellationReasons ?? []).some((r) => r.Code === 'ConditionalCheckFailed'));

/** Runs a write conditioned on the item being new: true if it wrote, false if the item existed already. */
export async function writtenIfAbsent(write: () => Promise<unknown>): Promise<boolean> {
  try {
    await write();
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

export class DynamoStore extends DynamoScanStore implements Store {
  /** The store a function uses: one client per function instance, the table the stack named. */
  static override fromEnvironment() {
    return new DynamoStore(createDocumentClient(), requiredEnv(env.tableName));
  }

  async putEntity(entity: Entity) {
    const { grade: _grade, lastInspectorIds: _last, ...registry } = entity;
    await Promise.all([
      this.client.send(new PutCommand({ TableName: this.tableName, Item: { ...keys.entity(entity.id), ...keys.segmentMember(entity), ...registry } })),
      ...(entity.creditCode ? [this.client.send(new PutCommand({ TableName: this.tableName, Item: creditCodePointer(entity.id, entity.creditCode) }))] : []),
    ]);
  }

  /** An entity with its grading, current as of the last completed scoring run (withCurrentAsOf). */
  async getEntity(id: string) {
    const items = await this.batchGet<Record<string, unknown>>([keys.entity(id), keys.entityState(id), keys.gradeDistribution()], true);
    const registry = items.find((item) => item.name !== undefined) as Entity | undefined;
    if (!registry) return undefined;
    const { entityId: _entityId, ...state } = (items.find((item) => item.entityId !== undefined) ?? {}) as EntitySystemFields & { entityId?: string };
    const run = items.find((item) => item.runId !== undefined) as ScoringRunRecord | undefined;
    return withCurrentAsOf({ ...registry, ...state }, run);
  }

  /** The system-owned state of many entities (for a draw pool), 100 keys a request, a few requests in flight. */
  async entityStates(ids: string[]): Promise<Map<string, EntitySystemFields>> {
    const chunks = Array.from({ length: Math.ceil(ids.length / 100) }, (_, i) => ids.slice(i * 100, i * 100 + 100));
    const states = new Map<string, EntitySystemFields>();
    await mapInParallel(chunks, 8, async (chunk) => {
      for (const item of await this.batchGet<EntitySystemFields & { entityId: string }>(chunk.map(keys.entityState))) states.set(item.entityId, item);
    });
    return states;
  }

  async entityNames(ids: string[]): Promise<Map<string, string>> {
    return new Map((await this.batchGet<Entity>([...new Set(ids)].map(keys.entity))).map((entity) => [entity.id, entity.name]));
  }

  async setGrade(entityId: string, grade: NonNullable<EntitySystemFields['grade']>) {
    await this.updateState(entityId, 'grade', grade);
  }

  private async updateState(entityId: string, field: keyof EntitySystemFields, value: unknown) {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.entityState(entityId),
        UpdateExpression: 'SET #field = :value, entityId = :entity',
        ExpressionAttributeNames: { '#field': field },
        ExpressionAttributeValues: { ':value': value, ':entity': entityId },
      }),
    );
  }

  async putInspector(inspector: Inspector) {
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: { ...keys.inspector(inspector.id), ...keys.departmentMember(inspector), ...inspector } }));
  }

  async getInspectors(ids: string[]) {
    return this.batchGet<Inspector>([...new Set(ids)].map(keys.inspector));
  }

  /** BatchGet in chunks of 100, asking again for the keys DynamoDB leaves unprocessed under load. */
  async batchGet<T>(itemKeys: Record<string, string>[], consistent = false): Promise<T[]> {
    const found: T[] = [];
    for (let start = 0; start < itemKeys.length; start += 100) {
      let request: Record<string, { Keys: Record<string, unknown>[]; ConsistentRead?: boolean }> | undefined = {
        [this.tableName]: { Keys: itemKeys.slice(start, start + 100), ...(consistent ? { ConsistentRead: true } : {}) },
      };
      for (let attempt = 0; request && Object.keys(request).length > 0; attempt++) {
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 2 ** attempt * 25));
        const output = await this.client.send(new BatchGetCommand({ RequestItems: request }));
        for (const item of output.Responses?.[this.tableName] ?? []) found.push(withoutKeys<T>(item)!);
        request = output.UnprocessedKeys as typeof request;
      }
    }
    return found;
  }

  /** One page of a query, newest first, with an opaque cursor that only continues this same query. */
  async page(
    query: QueryShape & { oldestFirst?: boolean },
    page: PageRequest,
  ): Promise<{ items: Record<string, unknown>[]; cursor?: string }> {
    const [[partitionName, partitionValue]] = Object.entries(query.partition) as [[string, string]];
    const start = page.cursor
      ? decodeCursor(page.cursor, {
          partition: [partitionName, partitionValue],
          ...(query.index ? { index: query.index } : {}),
          ...(query.sortPrefix ? { sortPrefix: query.sortPrefix } : {}),
          ...(query.sortRange ? { sortRange: query.sortRange } : {}),
        })
      : undefined;
    const output = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        ...queryConditions(query),
        ScanIndexForward: query.oldestFirst ?? false,
        Limit: page.limit,
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    return { items: output.Items ?? [], ...(output.LastEvaluatedKey ? { cursor: encodeCursor(output.LastEvaluatedKey) } : {}) };
  }

  async inspectorsOfDepartment(department: string, district: string | undefined, page: PageRequest): Promise<Page<Inspector>> {
    const index = mainTable.indexes.byParent;
    const { partitionKey } = index;
    const { items, cursor } = await this.page(
      {
        partition: { [partitionKey]: keys.departmentMember({ id: '', department, district: '' })[partitionKey]! },
        ...(district ? { sortPrefix: [index.sortKey, `${district}#`] as [string, string] } : {}),
        index: index.name,
        oldestFirst: true,
      },
      page,
    );
    return { items: items.map((item) => withoutKeys<Inspector>(item)!), ...(cursor ? { cursor } : {}) };
  }

  async inspectionsOfEntity(entityId: string, page: PageRequest): Promise<Page<Inspection>> {
    const index = mainTable.indexes.byParent;
    const { items, cursor } = await this.page(
      { partition: keys.entityInspections(entityId), sortPrefix: [index.sortKey, 'INSPECTION#'], index: index.name },
      page,
    );
    return { items: items.map((item) => withoutKeys<Inspection>(item)!), ...(cursor ? { cursor } : {}) };
  }

  async inspectionsOfInspector(inspectorId: string, page: PageRequest): Promise<Page<Inspection>> {
    const { items, cursor } = await this.page({ partition: { pk: keys.inspector(inspectorId).pk }, sortPrefix: ['sk', 'ASSIGNMENT#'] }, page);
    const ids = items.map((item) => item.inspectionId as string);
    const byId = new Map((await this.batchGet<Inspection>(ids.map(keys.inspection))).map((i) => [i.id, i]));
    return { items: ids.flatMap((id) => byId.get(id) ?? []), ...(cursor ? { cursor } : {}) };
  }

  /** The key condition and filter of a query by due day (see {@link DueQuery}). */
  private dueQuery(query: DueQuery) {
    const index = mainTable.indexes.byDue;
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = {};
    const conditions: string[] = [];
    if (query.status) {
      Object.assign(names, { '#status': 'status' });
      Object.assign(values, { ':status': query.status });
      conditions.push('#status = :status');
    }
    if (query.startsBy) {
      Object.assign(names, { '#window': 'window', '#start': 'start' });
      Object.assign(values, { ':startsBy': query.startsBy });
      conditions.push('#window.#start <= :startsBy');
    }
    if (query.department) {
      Object.assign(names, { '#departments': 'departments' });
      Object.assign(values, { ':department': query.department });
      conditions.push('contains(#departments, :department)');
    }
    // A day as a sort-key bound: every `<day>#<id>` of the last day sorts below `<day>~`.
    const sortRange: SortRange = { name: index.sortKey, ...(query.endsFrom ? { from: query.endsFrom } : {}), ...(query.endsBy ? { to: `${query.endsBy}~` } : {}) };
    return {
      partition: keys.inspectionsInState(query.state),
      index: index.name,
      sortRange,
      ...(conditions.length ? { filter: { expression: conditions.join(' AND '), names, values } } : {}),
    };
  }

  async inspectionsDue(query: DueQuery, page: PageRequest): Promise<Page<Inspection>> {
    // Open inspections soonest due first (the overdue lead); finished ones latest first.
    const { items, cursor } = await this.page({ ...this.dueQuery(query), oldestFirst: query.state === 'open' }, page);
    return { items: items.map((item) => withoutKeys<Inspection>(item)!), ...(cursor ? { cursor } : {}) };
  }

  async countInspectionsDue(query: DueQuery): Promise<number> {
    const conditions = queryConditions(this.dueQuery(query));
    let count = 0;
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const output = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          ...conditions,
          Select: 'COUNT',
          ExclusiveStartKey,
        }),
      );
      count += output.Count ?? 0;
      ExclusiveStartKey = output.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return count;
  }

  createInspection(inspection: Inspection) {
    return writtenIfAbsent(() =>
      this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: inspectionItem(inspection),
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            ...this.assignmentPuts(inspection, inspection.inspectors, inspection.drawIds),
          ],
        }),
      ),
    );
  }

  /**
   * The entries that list a visit under each of these inspectors (GET /inspections as an inspector). `drawIds` marks
   * inspectors a draw assigned: their workload counts through the draw's own reservation.
   */
  private assignmentPuts(inspection: Inspection, inspectors: Inspection['inspectors'], drawIds: string[] | undefined) {
    return inspectors.map((inspector) => ({
      Put: {
        TableName: this.tableName,
        Item: {
          ...keys.assignment(inspector.id, inspection),
          inspectionId: inspection.id,
          entityId: inspection.entityId,
          entityName: inspection.entityName,
          window: inspection.window,
          ...(drawIds ? { drawIds } : {}),
        },
      },
    }));
  }

  /** A Put of a versioned item that succeeds only over the version before it. */
  protected versioned(item: Record<string, unknown> & { version: number }) {
    return { TableName: this.tableName, Item: item, ConditionExpression: 'version = :previous', ExpressionAttributeValues: { ':previous': item.version - 1 } };
  }

  private versionedPut(inspection: Inspection) {
    return this.versioned(inspectionItem(inspection));
  }

  /** Saves a versioned item; someone else's save in between is a ConcurrentChangeError, for the caller to retry. */
  protected async saveVersioned(put: ReturnType<DynamoStore['versioned']>, what: string) {
    try {
      await this.client.send(new PutCommand(put));
    } catch (error) {
      if (isConditionFailure(error)) throw new ConcurrentChangeError(what);
      throw error;
    }
  }

  /**
   * Saves the next version of an inspection; the inspectors it gained since `previous` (a plan or a draw joining the
   * visit) get their assignment in the same transaction, so the visit shows in their own list.
   */
  async saveInspection(inspection: Inspection, previous: Inspection) {
    const added = inspection.inspectors.filter((inspector) => !previous.inspectors.some((before) => before.id === inspector.id));
    if (added.length === 0) return this.saveVersioned(this.versionedPut(inspection), `Inspection ${inspection.id}`);
    const drawIds = inspection.drawIds?.filter((id) => !previous.drawIds?.includes(id));
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [{ Put: this.versionedPut(inspection) }, ...this.assignmentPuts(inspection, added, drawIds?.length ? drawIds : undefined)],
        }),
      );
    } catch (error) {
      if (isConditionFailure(error)) throw new ConcurrentChangeError(`Inspection ${inspection.id}`);
      throw error;
    }
  }

  async reserveCode(record: CodeRecord, inspection: Inspection) {
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: this.tableName, Item: { ...keys.code(record.code), ...record }, ConditionExpression: 'attribute_not_exists(pk)' } },
            { Put: this.versionedPut(inspection) },
          ],
        }),
      );
    } catch (error) {
      if (isConditionFailure(error)) throw new ConcurrentChangeError(`Inspection ${inspection.id}`);
      throw error;
    }
  }

  async activateCode(code: string) {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.code(code),
        UpdateExpression: 'SET #state = :active',
        ConditionExpression: '#state IN (:pending, :active)',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':active': 'active', ':pending': 'pending' },
      }),
    );
  }

  async revokeCode(code: string, reason: string, at: string) {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.code(code),
        UpdateExpression: 'SET #state = :revoked, revokedAt = if_not_exists(revokedAt, :at), revokedReason = if_not_exists(revokedReason, :reason)',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':revoked': 'revoked', ':at': at, ':reason': reason },
      }),
    );
  }

  async count(counters: Counters, day: string) {
    const entries = Object.entries(counters).filter(([, n]) => n);
    if (entries.length === 0) return;
    // Apart, not in a transaction: the totals item is hot, and concurrent transactions on it would conflict.
    await Promise.all(counterUpdates(this.tableName, counters, day).map((update) => this.client.send(new UpdateCommand(update))));
  }

  async readPeriodCounters(kind: PeriodKind, first: string, last: string) {
    const items = await this.queryAll<Record<string, unknown>>({
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :first AND :last',
      ExpressionAttributeValues: { ':pk': 'STATS', ':first': keys.periodCounters(`${kind}#${first}`).sk, ':last': keys.periodCounters(`${kind}#${last}`).sk },
    }, { keepKeys: true });
    return new Map(items.map((item) => [(item.sk as string).slice(`COUNTERS#${kind}#`.length), withoutKeys<Counters>(item)!]));
  }

  async readCounters() {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: keys.counters() }));
    return (withoutKeys<Counters>(Item) ?? {}) as Counters;
  }

  /** The latest run's distribution: the shares its segments have written so far, added up. */
  async readGradeDistribution(): Promise<GradeDistribution | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: keys.gradeDistribution() }));
    if (!Item) return undefined;
    const { runId, asOf, segments } = Item as { runId: string; asOf: string; segments: number };
    const shares = await this.queryAll<GradeDistribution>({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :run)',
      ExpressionAttributeValues: { ':pk': 'STATS', ':run': `GRADES#${runId}#` },
    });
    const merged: GradeDistribution = { asOf, at: runId, segments, segmentsDone: shares.length, total: emptyTally(), bySegment: {}, byDistrict: {} };
    for (const share of shares) {
      addTallies({ total: merged.total }, { total: share.total });
      addTallies(merged.bySegment, share.bySegment);
      addTallies(merged.byDistrict, share.byDistrict);
    }
    return merged;
  }

  async setLastInspectors(entityId: string, inspectorIds: string[]) {
    await this.updateState(entityId, 'lastInspectorIds', inspectorIds);
  }

  async listScans(code: string) {
    const scans = await this.queryAll<ScanLogEntry & Record<typeof mainTable.timeToLiveAttribute, number>>({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :scan)',
      ExpressionAttributeValues: { ':pk': keys.code(code).pk, ':scan': scanPrefix },
    });
    return scans.map(({ [mainTable.timeToLiveAttribute]: _expiresAt, ...entry }): ScanLogEntry => entry);
  }

  /** Every item a query matches, page after page. */
  async queryAll<T>(input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>, options: { keepKeys?: boolean } = {}): Promise<T[]> {
    const found: T[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(new QueryCommand({ ...input, TableName: this.tableName, ExclusiveStartKey }));
      for (const item of page.Items ?? []) found.push(options.keepKeys ? (item as T) : withoutKeys<T>(item)!);
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return found;
  }

}
