import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mapInParallel } from '../concurrency.ts';
import type { ImportRecord } from '../imports/kinds.ts';
import type { ImportSink } from '../imports/run-import.ts';
import { creditCodePointer, DynamoStore } from './dynamodb-store.ts';
import { keys } from './dynamodb-keys.ts';

/**
 * Writes imported records by BatchWriteItem: entity and inspector rows replace what the registry owns (the grade
 * and last inspectors the system wrote live in another item and stay), facts are immutable and keyed by their
 * content. Every write overwrites the same key, so a re-import changes nothing.
 */
export class DynamoImportSink implements ImportSink {
  private readonly store: DynamoStore;

  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly now: () => string,
    private readonly inFlight = 8,
  ) {
    this.store = new DynamoStore(client, tableName);
  }

  async missingEntities(entityIds: string[]) {
    const found = new Set((await this.store.batchGet<{ id: string }>(entityIds.map(keys.entity))).map((entity) => entity.id));
    return entityIds.filter((entityId) => !found.has(entityId));
  }

  async write(records: ImportRecord[]) {
    const updatedAt = this.now();
    const items = records.flatMap((record): Record<string, unknown>[] => {
      if (record.type === 'fact') return [{ ...keys.fact(record.fact.entityId, record.fact.kind, record.fact.date, record.fact.id), ...record.fact }];
      if (record.type === 'entity') {
        const entity = { ...keys.entity(record.id), ...keys.segmentMember({ id: record.id, ...record.entity }), ...record.entity, id: record.id, updatedAt };
        return record.entity.creditCode ? [entity, creditCodePointer(record.id, record.entity.creditCode)] : [entity];
      }
      if (record.type === 'department') return [{ ...keys.department(record.id), ...record.department, id: record.id, updatedAt }];
      return [{ ...keys.inspector(record.id), ...keys.departmentMember({ id: record.id, ...record.inspector }), ...record.inspector, id: record.id, updatedAt }];
    });
    // One write per key: BatchWriteItem refuses a batch naming a key twice (two rows sharing a credit code).
    const unique = [...new Map(items.map((item) => [`${String(item.pk)}\n${String(item.sk)}`, item])).values()];
    const chunks = Array.from({ length: Math.ceil(unique.length / 25) }, (_, i) => unique.slice(i * 25, i * 25 + 25));
    await mapInParallel(chunks, this.inFlight, (chunk) => this.batchPut(chunk));
  }

  /** BatchWriteItem, asking again for what DynamoDB leaves unprocessed under load. */
  private async batchPut(items: Record<string, unknown>[]) {
    let request: Record<string, { PutRequest: { Item: Record<string, unknown> } }[]> | undefined = {
      [this.tableName]: items.map((Item) => ({ PutRequest: { Item } })),
    };
    for (let attempt = 0; request && (request[this.tableName]?.length ?? 0) > 0; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(2 ** attempt * 25, 2_000)));
      const output = await this.client.send(new BatchWriteCommand({ RequestItems: request }));
      request = output.UnprocessedItems as typeof request;
    }
  }
}
