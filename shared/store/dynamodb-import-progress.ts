import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ImportProgress } from '../imports/progress.ts';
import type { ImportProgressStore, PageRequest } from './ports.ts';
import { DynamoStore } from './dynamodb-store.ts';
import { createDocumentClient, keys, withoutKeys } from './dynamodb-keys.ts';
import { env, mainTable, requiredEnv } from './resources.ts';
import { S3FileStore } from './s3-file-store.ts';
import { runtimeSettings } from '../services.ts';
import type { ImportDeskServices } from '../imports/service.ts';

/** What the import routes run on, built once per function instance. */
export const importDeskServicesFromEnvironment = (): ImportDeskServices => ({
  imports: new DynamoImportProgress(createDocumentClient(), requiredEnv(env.tableName)),
  files: S3FileStore.fromEnvironment(),
  now: runtimeSettings().now,
});

/** Imports and their progress: one item each, listed under `IMPORTS` by when they were opened. */
export class DynamoImportProgress implements ImportProgressStore {
  private readonly store: DynamoStore;

  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {
    this.store = new DynamoStore(client, tableName);
  }

  async createImport(progress: ImportProgress) {
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: { ...keys.importProgress(progress.id), ...keys.importListed(progress), ...progress } }));
  }

  async recordImport(progress: Omit<ImportProgress, 'createdAt'>) {
    const { id, ...fields } = progress;
    const entries = Object.entries(fields).filter(([, value]) => value !== undefined);
    const index = mainTable.indexes.byParent;
    const listed = keys.importListed({ createdAt: progress.updatedAt, id });
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.importProgress(id),
        // A file put in the bucket by hand has no entry yet: it is opened, and listed, by the job's first write.
        UpdateExpression: `SET ${entries.map((_, i) => `#f${i} = :f${i}`).join(', ')}, #id = :id, createdAt = if_not_exists(createdAt, :at), #lp = if_not_exists(#lp, :lp), #ls = if_not_exists(#ls, :ls)${
          progress.error === undefined ? ' REMOVE #error' : ''
        }`,
        ExpressionAttributeNames: {
          ...Object.fromEntries(entries.map(([name], i) => [`#f${i}`, name])),
          '#id': 'id',
          '#lp': index.partitionKey,
          '#ls': index.sortKey,
          ...(progress.error === undefined ? { '#error': 'error' } : {}),
        },
        ExpressionAttributeValues: {
          ...Object.fromEntries(entries.map(([, value], i) => [`:f${i}`, value])),
          ':id': id,
          ':at': progress.updatedAt,
          ':lp': listed[index.partitionKey],
          ':ls': listed[index.sortKey],
        },
      }),
    );
  }

  async getImport(id: string) {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: keys.importProgress(id) }));
    return withoutKeys<ImportProgress>(Item);
  }

  async listImports(page: PageRequest) {
    const index = mainTable.indexes.byParent;
    const { items, cursor } = await this.store.page({ partition: { [index.partitionKey]: 'IMPORTS' }, index: index.name }, page);
    return { items: items.map((item) => withoutKeys<ImportProgress>(item)!), ...(cursor ? { cursor } : {}) };
  }
}
