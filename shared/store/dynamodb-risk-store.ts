import { TransactionCanceledException, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { alertFact, type Alert, type Device } from '../alerts/alert.ts';
import { mapInParallel } from '../concurrency.ts';
import { localDay } from '../dates.ts';
import type { Fact } from '../facts/model.ts';
import type { Entity, EntitySystemFields } from '../inspections/model.ts';
import type { EntityView, Grade } from '../rules/evaluate.ts';
import type { Clue } from '../warnings/clue.ts';
import { DynamoScoringStore } from './dynamodb-scoring-store.ts';
import { writtenIfAbsent } from './dynamodb-store.ts';
import { keys, withoutKeys } from './dynamodb-keys.ts';
import { type AlertStore, type ClueFilter, type Page, type PageRequest, type RiskStore } from './ports.ts';
import { mainTable } from './resources.ts';

const index = mainTable.indexes.byParent;
/** Days a sweep's record of finished segments is kept: long enough to look into a run that did not complete. */
const sweepRecordDays = 30;
const noticeKey = (item: { clue: string } | { inspection: string }) => ('clue' in item ? keys.clue(item.clue) : keys.inspection(item.inspection));

/** The clue queue, the rules' view of entities, devices and alerts, on the one table. */
export class DynamoRiskStore extends DynamoScoringStore implements RiskStore, AlertStore {
  /** An entity's partition holds its registry row, state, grade history and facts: one query reads all the rules need. */
  async entityViews(entityIds: string[], timeZone: string): Promise<EntityView[]> {
    const views: EntityView[] = [];
    await mapInParallel(entityIds, 16, async (entityId) => {
      const items = await this.queryAll<Record<string, unknown>>({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.entity(entityId).pk } }, { keepKeys: true });
      const registry = items.find((i) => i.sk === 'ENTITY') as (Entity & { sk: string }) | undefined;
      if (!registry) return;
      const state = items.find((i) => i.sk === 'STATE') as EntitySystemFields | undefined;
      const grades = items
        // A spell without a grade (too little data) is no grade the rules compare: A, ungraded, D reads as a fall from A to D.
        .filter((i) => typeof i.sk === 'string' && i.sk.startsWith('GRADE#') && i.grade !== 'ungraded')
        .map((i) => {
          const at = (i.sk as string).slice('GRADE#'.length);
          return { grade: i.grade as Grade, at, on: localDay(at, timeZone) };
        });
      const facts = items.filter((i) => typeof i.sk === 'string' && i.sk.startsWith('FACT#')).map((item) => withoutKeys<Fact>(item)!);
      views.push({
        id: entityId,
        name: registry.name,
        segment: registry.segment,
        district: registry.district,
        ...(state?.grade ? { grade: state.grade } : {}),
        lastInspectorIds: state?.lastInspectorIds ?? [],
        grades,
        facts,
      });
    });
    return views;
  }

  /** The clue and its entry under its company, together. */
  async createClue(clue: Clue): Promise<{ created: true } | { created: false; existing: Clue }> {
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: { ...keys.clue(clue.id), ...keys.clueInQueue(clue), ...clue },
                ConditionExpression: 'attribute_not_exists(pk)',
                // A firing again in its window (every sweep) learns of the stored clue from the refusal, without a read.
                ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
              },
            },
            { Put: { TableName: this.tableName, Item: { ...keys.clueOfEntity(clue), clueId: clue.id } } },
          ],
        }),
      );
      return { created: true };
    } catch (error) {
      const [refused] = error instanceof TransactionCanceledException ? (error.CancellationReasons ?? []) : [];
      if (refused?.Code !== 'ConditionalCheckFailed' || !refused.Item) throw error;
      return { created: false, existing: withoutKeys<Clue>(unmarshall(refused.Item as Record<string, AttributeValue>))! };
    }
  }

  async getClue(id: string) {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: keys.clue(id), ConsistentRead: true }));
    return withoutKeys<Clue>(Item);
  }

  async saveClue(clue: Clue) {
    await this.saveVersioned(this.versioned({ ...keys.clue(clue.id), ...keys.clueInQueue(clue), ...clue }), `Clue ${clue.id}`);
  }

  async listClues(filter: ClueFilter, page: PageRequest): Promise<Page<Clue>> {
    const conditions = (['model', 'district', 'segment', 'assignee'] as const).filter((field) => filter[field] !== undefined);
    const { items, cursor } = await this.page(
      {
        partition: { [index.partitionKey]: `CLUES#${filter.status}` },
        index: index.name,
        oldestFirst: true,
        ...(conditions.length
          ? {
              filter: {
                expression: conditions.map((field) => `#f_${field} = :f_${field}`).join(' AND '),
                names: Object.fromEntries(conditions.map((field) => [`#f_${field}`, field])),
                values: Object.fromEntries(conditions.map((field) => [`:f_${field}`, filter[field]])),
              },
            }
          : {}),
      },
      page,
    );
    return { items: items.map((item) => withoutKeys<Clue>(item)!), ...(cursor ? { cursor } : {}) };
  }

  async *overdueClues(today: string): AsyncIterable<Clue[]> {
    for (const status of ['open', 'assigned']) {
      let ExclusiveStartKey: Record<string, unknown> | undefined;
      do {
        const page = await this.client.send(
          new QueryCommand({
            TableName: this.tableName,
            IndexName: index.name,
            KeyConditionExpression: '#p = :p AND #s < :today',
            ExpressionAttributeNames: { '#p': index.partitionKey, '#s': index.sortKey },
            ExpressionAttributeValues: { ':p': `CLUES#${status}`, ':today': today },
            ExclusiveStartKey,
          }),
        );
        const clues = (page.Items ?? []).map((item) => withoutKeys<Clue>(item)!);
        if (clues.length) yield clues;
        ExclusiveStartKey = page.LastEvaluatedKey;
      } while (ExclusiveStartKey);
    }
  }

  claimNotice(item: { clue: string } | { inspection: string }, at: string) {
    return writtenIfAbsent(() =>
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: noticeKey(item),
          UpdateExpression: 'SET noticeSentAt = :at',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(noticeSentAt)',
          ExpressionAttributeValues: { ':at': at },
        }),
      ),
    );
  }

  async releaseNotice(item: { clue: string } | { inspection: string }) {
    await this.client.send(new UpdateCommand({ TableName: this.tableName, Key: noticeKey(item), UpdateExpression: 'REMOVE noticeSentAt' }));
  }

  async sweepSegmentDone(run: { sweep: 'warnings' | 'triggers'; asOf: string; segments: number }, segment: number) {
    const { Attributes } = await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.sweepRun(run.sweep, run.asOf),
        // A set, so a segment run twice counts once; the record only serves this run, so it goes after a month.
        UpdateExpression: 'ADD #done :segment SET #expiresAt = :expiresAt',
        ExpressionAttributeNames: { '#done': 'done', '#expiresAt': mainTable.timeToLiveAttribute },
        ExpressionAttributeValues: { ':segment': new Set([segment]), ':expiresAt': Math.floor(Date.parse(run.asOf) / 1000) + sweepRecordDays * 86_400 },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return ((Attributes?.done as Set<number> | undefined)?.size ?? 0) >= run.segments;
  }

  async putDevice(device: Device) {
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: { ...keys.device(device.id), ...device } }));
  }

  async getDevice(id: string) {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: keys.device(id) }));
    return withoutKeys<Device>(Item);
  }

  recordAlert(alert: Alert) {
    const fact = alertFact(alert);
    return writtenIfAbsent(() =>
      this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: this.tableName, Item: { ...keys.alert(alert.id), ...keys.alertOfEntity(alert), ...alert }, ConditionExpression: 'attribute_not_exists(pk)' } },
            { Put: { TableName: this.tableName, Item: { ...keys.fact(fact.entityId, fact.kind, fact.date, fact.id), ...fact } } },
          ],
        }),
      ),
    );
  }

  async getAlert(id: string) {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: keys.alert(id), ConsistentRead: true }));
    return withoutKeys<Alert>(Item);
  }

  async saveAlert(alert: Alert) {
    await this.saveVersioned(this.versioned({ ...keys.alert(alert.id), ...keys.alertOfEntity(alert), ...alert }), `Alert ${alert.id}`);
  }

  /** A company's clues, newest first, as they stand now. */
  async cluesOfEntity(entityId: string, page: PageRequest): Promise<Page<Clue>> {
    const { items, cursor } = await this.page({ partition: { pk: keys.entity(entityId).pk }, sortPrefix: ['sk', 'CLUE#'] }, page);
    const ids = items.map((item) => item.clueId as string);
    const byId = new Map((await this.batchGet<Clue>(ids.map(keys.clue))).map((clue) => [clue.id, clue]));
    return { items: ids.flatMap((id) => byId.get(id) ?? []), ...(cursor ? { cursor } : {}) };
  }

  async alertsOfEntity(entityId: string, page: PageRequest): Promise<Page<Alert>> {
    const { items, cursor } = await this.page({ partition: { [index.partitionKey]: `ALERTS#${entityId}` }, index: index.name }, page);
    return { items: items.map((item) => withoutKeys<Alert>(item)!), ...(cursor ? { cursor } : {}) };
  }

  async countDeviceMinute(deviceId: string, minute: string) {
    const { Attributes } = await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.deviceMinute(deviceId, minute),
        UpdateExpression: 'ADD alerts :one SET #expires = if_not_exists(#expires, :expires)',
        ExpressionAttributeNames: { '#expires': mainTable.timeToLiveAttribute },
        ExpressionAttributeValues: { ':one': 1, ':expires': Math.floor(Date.parse(`${minute}:00Z`) / 1000) + 3600 },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return Number(Attributes?.alerts ?? 1);
  }
}
