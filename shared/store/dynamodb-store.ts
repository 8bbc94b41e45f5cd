import { ConditionalCheckFailedException, DynamoDBClient, TransactionCanceledException, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { CodeRecord } from '../codes/code.ts';
import type { Entity, Inspection, Inspector } from '../inspections/model.ts';
import { ConcurrentChangeError, type ScanLogEntry, type Store } from './ports.ts';
import { env, mainTable, requiredEnv } from './resources.ts';

const scanPrefix = 'SCAN#';

/** Single-table layout: every item's keys, in one place. */
export const keys = {
  entity: (id: string) => ({ pk: `ENTITY#${id}`, sk: 'ENTITY' }),
  inspector: (id: string) => ({ pk: `INSPECTOR#${id}`, sk: 'INSPECTOR' }),
  inspection: (id: string) => ({ pk: `INSPECTION#${id}`, sk: 'INSPECTION' }),
  inspectionOfEntity: (i: Pick<Inspection, 'entityId' | 'window' | 'id'>) => ({
    [mainTable.indexes.byEntity.partitionKey]: `ENTITY#${i.entityId}`,
    [mainTable.indexes.byEntity.sortKey]: `INSPECTION#${i.window.start}#${i.id}`,
  }),
  assignment: (inspectorId: string, i: Pick<Inspection, 'window' | 'id'>) => ({
    pk: `INSPECTOR#${inspectorId}`,
    sk: `ASSIGNMENT#${i.window.start}#${i.id}`,
  }),
  code: (code: string) => ({ pk: `CODE#${code}`, sk: 'CODE' }),
  scan: (code: string, at: string) => ({ pk: `CODE#${code}`, sk: `${scanPrefix}${at}#${crypto.randomUUID().slice(0, 8)}` }),
};

const withoutKeys = <T>(item: Record<string, unknown> | undefined): T | undefined => {
  if (!item) return undefined;
  const { pk: _pk, sk: _sk, gsi1pk: _gpk, gsi1sk: _gsk, ...rest } = item;
  return rest as T;
};

const isConditionFailure = (error: unknown) =>
  error instanceof ConditionalCheckFailedException ||
  (error instanceof TransactionCanceledException && (error.CancellationReasons ?? []).some((r) => r.Code === 'ConditionalCheckFailed'));

/** The endpoint comes from the SDK's own AWS_ENDPOINT_URL_DYNAMODB, which only the local stack sets. */
export const createDocumentClient = (config: DynamoDBClientConfig = {}) =>
  DynamoDBDocumentClient.from(new DynamoDBClient(config), { marshallOptions: { removeUndefinedValues: true } });

export class DynamoStore implements Store {
  /** The store a function uses: one client per function instance, the table the stack named. */
  static fromEnvironment() {
    return new DynamoStore(createDocumentClient(), requiredEnv(env.tableName));
  }

  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async putEntity(entity: Entity) {
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: { ...keys.entity(entity.id), ...entity } }));
  }

  async getEntity(id: string) {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: keys.entity(id) }));
    return withoutKeys<Entity>(Item);
  }

  async putInspector(inspector: Inspector) {
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: { ...keys.inspector(inspector.id), ...inspector } }));
  }

  async getInspectors(ids: string[]) {
    if (ids.length === 0) return [];
    let request: Record<string, { Keys: Record<string, unknown>[] }> | undefined = {
      [this.tableName]: { Keys: [...new Set(ids)].map(keys.inspector) },
    };
    const found: Inspector[] = [];
    // BatchGet may hand back unprocessed keys under load; ask again until none are left.
    for (let attempt = 0; request && Object.keys(request).length > 0; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 2 ** attempt * 25));
      const output = await this.client.send(new BatchGetCommand({ RequestItems: request }));
      for (const item of output.Responses?.[this.tableName] ?? []) found.push(withoutKeys<Inspector>(item)!);
      request = output.UnprocessedKeys as typeof request;
    }
    return found;
  }

  async createInspection(inspection: Inspection) {
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: { ...keys.inspection(inspection.id), ...keys.inspectionOfEntity(inspection), ...inspection },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            ...inspection.inspectors.map((inspector) => ({
              Put: {
                TableName: this.tableName,
                Item: {
                  ...keys.assignment(inspector.id, inspection),
                  inspectionId: inspection.id,
                  entityId: inspection.entityId,
                  entityName: inspection.entityName,
                  window: inspection.window,
                },
              },
            })),
          ],
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async getInspection(id: string) {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: keys.inspection(id), ConsistentRead: true }));
    return withoutKeys<Inspection>(Item);
  }

  private versionedPut(inspection: Inspection) {
    return {
      TableName: this.tableName,
      Item: { ...keys.inspection(inspection.id), ...keys.inspectionOfEntity(inspection), ...inspection },
      ConditionExpression: 'version = :previous',
      ExpressionAttributeValues: { ':previous': inspection.version - 1 },
    };
  }

  async saveInspection(inspection: Inspection) {
    try {
      await this.client.send(new PutCommand(this.versionedPut(inspection)));
    } catch (error) {
      if (isConditionFailure(error)) throw new ConcurrentChangeError(`Inspection ${inspection.id}`);
      throw error;
    }
  }

  async getCode(code: string) {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: keys.code(code) }));
    return withoutKeys<CodeRecord>(Item);
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

  async logScan(code: string, entry: ScanLogEntry) {
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: { ...keys.scan(code, entry.at), ...entry } }));
  }

  async listScans(code: string) {
    const scans: ScanLogEntry[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :scan)',
          ExpressionAttributeValues: { ':pk': keys.code(code).pk, ':scan': scanPrefix },
          ExclusiveStartKey,
        }),
      );
      for (const item of page.Items ?? []) scans.push(withoutKeys<ScanLogEntry>(item)!);
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return scans;
  }
}
