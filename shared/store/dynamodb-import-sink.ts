import { BatchWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mapInParallel } from '../concurrency.ts';
import type { ImportRecord } from '../imports/kinds.ts';
import type { ImportSink } from '../imports/run-import.ts';
import { keys } from './dynamodb-store.ts';

/** Optional registry fields of an entity: a row without them removes them, as PUT /entities does. */
const optionalEntityFields = ['creditCode', 'address', 'legalRepresentative'];

/**
 * Writes imported records: entities and inspectors by UpdateItem (replacing what the registry owns and keeping what
 * the system wrote, such as grades), facts by BatchWriteItem (immutable, keyed by content). Every write is an
 * overwrite of the same key, so a re-import changes nothing.
 */
export class DynamoImportSink implements ImportSink {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly now: () => string,
    private readonly inFlight = 16,
  ) {}

  async write(records: ImportRecord[]) {
    const facts = records.flatMap((r) => (r.type === 'fact' ? [r.fact] : []));
    const registry = records.filter((r) => r.type !== 'fact');
    const factChunks = Array.from({ length: Math.ceil(facts.length / 25) }, (_, i) => facts.slice(i * 25, i * 25 + 25));
    await Promise.all([
      mapInParallel(registry, this.inFlight, (record) => this.update(record)),
      mapInParallel(factChunks, Math.ceil(this.inFlight / 2), (chunk) =>
        this.batchPut(chunk.map((fact) => ({ ...keys.fact(fact.entityId, fact.kind, fact.date, fact.id), ...fact }))),
      ),
    ]);
  }

  private async update(record: Exclude<ImportRecord, { type: 'fact' }>) {
    const [key, index, values, removable] =
      record.type === 'entity'
        ? [keys.entity(record.id), keys.segmentMember({ id: record.id, ...record.entity }), { ...record.entity, id: record.id }, optionalEntityFields]
        : [keys.inspector(record.id), keys.departmentMember({ id: record.id, ...record.inspector }), { ...record.inspector, id: record.id }, []];
    const set = { ...index, ...values, updatedAt: this.now() } as Record<string, unknown>;
    const remove = removable.filter((name) => set[name] === undefined);
    const names = Object.keys(set).filter((name) => set[name] !== undefined);
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: key,
        UpdateExpression: `SET ${names.map((_, i) => `#f${i} = :v${i}`).join(', ')}${remove.length ? ` REMOVE ${remove.map((_, i) => `#r${i}`).join(', ')}` : ''}`,
        ExpressionAttributeNames: { ...Object.fromEntries(names.map((name, i) => [`#f${i}`, name])), ...Object.fromEntries(remove.map((name, i) => [`#r${i}`, name])) },
        ExpressionAttributeValues: Object.fromEntries(names.map((name, i) => [`:v${i}`, set[name]])),
      }),
    );
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
