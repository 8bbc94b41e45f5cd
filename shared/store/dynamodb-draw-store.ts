import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { PoolEntity, PoolInspector } from '../draws/model.ts';
import type { DrawRecord } from '../draws/record.ts';
import type { Entity, Inspector } from '../inspections/model.ts';
import { mapInParallel } from '../concurrency.ts';
import { windowsOverlap } from '../inspections/lifecycle.ts';
import { counterUpdates, DynamoStore, isConditionFailure } from './dynamodb-store.ts';
import { keys, withoutKeys } from './dynamodb-keys.ts';
import { addTallies, ConcurrentChangeError, type DrawStore, type GradeDistribution, type GradeTally, type ScoringRunRecord } from './ports.ts';
import { mainTable } from './resources.ts';

const drawKeys = {
  record: (id: string) => ({ pk: `DRAW#${id}`, sk: 'DRAW' }),
  /** The seed lives in its own item, so that reading a record can never leak it before execution. */
  secret: (id: string) => ({ pk: `DRAW#${id}`, sk: 'SECRET' }),
  batch: (id: string, batch: number) => ({ pk: `DRAW#${id}`, sk: `BATCH#${String(batch).padStart(6, '0')}` }),
  /** Every draw ever created, newest first: the public list. */
  listed: (record: Pick<DrawRecord, 'id' | 'createdAt'>) => ({ pk: 'DRAWS', sk: `${record.createdAt}#${record.id}` }),
  /** Each executed draw's assignments per inspector, by the last day of its window: the workload every draw counts. */
  loads: (window: { end: string }, drawId: string) => ({ pk: 'DRAWLOADS', sk: `${window.end}#${drawId}` }),
  runLease: () => ({ pk: 'DRAWLEASE', sk: 'RUN' }),
};


/** Draw records and the pool queries of a draw, on the same table as everything else. */
export class DynamoDrawStore extends DynamoStore implements DrawStore {
  static override fromEnvironment() {
    const { client, tableName } = DynamoStore.fromEnvironment();
    return new DynamoDrawStore(client, tableName);
  }

  async createDraw(record: DrawRecord, seed: string) {
    await this.client.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: this.tableName, Item: { ...drawKeys.record(record.id), ...record }, ConditionExpression: 'attribute_not_exists(pk)' } },
          { Put: { TableName: this.tableName, Item: { ...drawKeys.secret(record.id), seed } } },
          { Put: { TableName: this.tableName, Item: { ...drawKeys.listed(record), drawId: record.id } } },
        ],
      }),
    );
  }

  async getDraw(id: string) {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: drawKeys.record(id), ConsistentRead: true }));
    return withoutKeys<DrawRecord>(Item);
  }

  async getSeed(id: string) {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: drawKeys.secret(id), ConsistentRead: true }));
    return Item?.seed as string | undefined;
  }

  async saveDraw(record: DrawRecord) {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...drawKeys.record(record.id), ...record },
          ConditionExpression: 'version = :previous',
          ExpressionAttributeValues: { ':previous': record.version - 1 },
        }),
      );
    } catch (error) {
      if (isConditionFailure(error)) throw new ConcurrentChangeError(`Draw ${record.id}`);
      throw error;
    }
  }

  async listDraws(limit: number) {
    const { Items = [] } = await this.client.send(
      new QueryCommand({ TableName: this.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'DRAWS' }, ScanIndexForward: false, Limit: limit }),
    );
    const records = await this.batchGet<DrawRecord>(Items.map((item) => drawKeys.record(item.drawId as string)));
    const byId = new Map(records.map((r) => [r.id, r]));
    return Items.flatMap((item) => byId.get(item.drawId as string) ?? []);
  }

  async completeBatch(drawId: string, batch: number, done: number, joined: number, day: string) {
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: this.tableName, Item: { ...drawKeys.batch(drawId, batch), done, joined }, ConditionExpression: 'attribute_not_exists(pk)' } },
            {
              Update: {
                TableName: this.tableName,
                Key: drawKeys.record(drawId),
                UpdateExpression: 'ADD issuance.done :done, issuance.joined :joined, version :one',
                ExpressionAttributeValues: { ':done': done, ':joined': joined, ':one': 1 },
              },
            },
            // The totals move in the same transaction as the batch marker: counted once, however often retried.
            ...counterUpdates(this.tableName, { inspectionsFromDraws: done - joined, visitsSaved: joined }, day).map((Update) => ({ Update })),
          ],
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async acquireRunLease(drawId: string, now: string, until: string) {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...drawKeys.runLease(), holder: drawId, until },
          ConditionExpression: 'attribute_not_exists(pk) OR holder = :me OR holder = :none OR #until < :now',
          ExpressionAttributeNames: { '#until': 'until' },
          ExpressionAttributeValues: { ':me': drawId, ':none': '', ':now': now },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async releaseRunLease(drawId: string) {
    try {
      await this.client.send(
        new PutCommand({ TableName: this.tableName, Item: { ...drawKeys.runLease(), holder: '', until: '' }, ConditionExpression: 'holder = :me', ExpressionAttributeValues: { ':me': drawId } }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }

  async drawLoads(window: { start: string; end: string }, exceptDrawId: string) {
    const items = await this.queryAll<{ drawId: string; window: { start: string; end: string }; loads: Record<string, number> }>({
      KeyConditionExpression: 'pk = :pk AND sk >= :from',
      ExpressionAttributeValues: { ':pk': drawKeys.loads(window, '').pk, ':from': window.start },
    });
    return items.filter((item) => item.drawId !== exceptDrawId && windowsOverlap(item.window, window)).map(({ drawId, loads }) => ({ drawId, loads }));
  }

  async reserveLoads(drawId: string, window: { start: string; end: string }, loads: Record<string, number>) {
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: { ...drawKeys.loads(window, drawId), drawId, window, loads } }));
  }

  /** Every member listed under one parent (a segment, a department) in the byParent index, optionally one district. */
  private members<T>(parent: string, districtPrefix?: string): Promise<T[]> {
    const index = mainTable.indexes.byParent;
    return this.queryAll<T>({
      IndexName: index.name,
      KeyConditionExpression: districtPrefix ? '#p = :p AND begins_with(#s, :d)' : '#p = :p',
      ExpressionAttributeNames: { '#p': index.partitionKey, ...(districtPrefix ? { '#s': index.sortKey } : {}) },
      ExpressionAttributeValues: { ':p': parent, ...(districtPrefix ? { ':d': districtPrefix } : {}) },
    });
  }

  async poolEntities(segment: string, districts: string[]): Promise<PoolEntity[]> {
    const parent = keys.segmentMember({ id: '', segment, district: '' })[mainTable.indexes.byParent.partitionKey]!;
    const lists = districts.length === 0 ? [await this.members<Entity>(parent)] : await Promise.all(districts.map((d) => this.members<Entity>(parent, `${d}#`)));
    const entities = lists.flat();
    const states = await this.entityStates(entities.map((e) => e.id));
    return entities.map((e) => {
      const state = states.get(e.id);
      return { id: e.id, ...(state?.grade ? { grade: state.grade } : {}), district: e.district, lastInspectorIds: state?.lastInspectorIds ?? [] };
    });
  }

  async segmentGrades(segment: string) {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: keys.gradeDistribution() }));
    const { completedRunId, completedAsOf } = (Item ?? {}) as Partial<ScoringRunRecord>;
    if (!completedRunId || !completedAsOf) return undefined;
    const shares = await this.queryAll<GradeDistribution>({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :run)',
      ExpressionAttributeValues: { ':pk': keys.gradeDistribution().pk, ':run': `GRADES#${completedRunId}#` },
      ProjectionExpression: 'bySegmentDistrict',
    });
    // A run from before these counts were kept leaves them out of every share: the pool is then read instead.
    if (shares.length === 0 || shares.some((share) => !share.bySegmentDistrict)) return undefined;
    const byDistrict: Record<string, GradeTally> = {};
    for (const share of shares) addTallies(byDistrict, share.bySegmentDistrict?.[segment] ?? {});
    // A segment the run found no company of (new since): its pool is read, not taken as empty.
    return Object.keys(byDistrict).length > 0 ? { asOf: completedAsOf, byDistrict } : undefined;
  }

  async poolInspectors(departments: string[], window: { start: string; end: string }): Promise<PoolInspector[]> {
    const inspectors = (
      await Promise.all(departments.map((department) => this.members<Inspector>(keys.departmentMember({ id: '', department, district: '' })[mainTable.indexes.byParent.partitionKey]!)))
    )
      .flat()
      .filter((i) => i.active);
    return mapInParallel(inspectors, 8, async (inspector) => {
      const assignments = await this.queryAll<{ window: { start: string; end: string }; drawIds?: string[] }>({
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :assignment)',
        ExpressionAttributeValues: { ':pk': keys.inspector(inspector.id).pk, ':assignment': 'ASSIGNMENT#' },
      });
      // What draws assigned is counted from their reservations (drawLoads), not twice.
      const load = assignments.filter((assignment) => !assignment.drawIds && windowsOverlap(assignment.window, window)).length;
      return { id: inspector.id, department: inspector.department, district: inspector.district, qualifications: inspector.qualifications, recusals: inspector.recusals ?? [], load };
    });
  }
}
