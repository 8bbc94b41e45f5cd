/** Creates the local table and bucket from the same declarations the CDK stack uses (shared/store/resources.ts). */
import { CreateTableCommand, DescribeTableCommand, ResourceNotFoundException, UpdateTableCommand, UpdateTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mainTable } from '../shared/store/resources.ts';

const indexes = Object.values(mainTable.indexes);
const indexSpec = (index: (typeof indexes)[number]) => ({
  IndexName: index.name,
  KeySchema: [
    { AttributeName: index.partitionKey, KeyType: 'HASH' as const },
    { AttributeName: index.sortKey, KeyType: 'RANGE' as const },
  ],
  Projection: { ProjectionType: 'ALL' as const },
});
const attributesOf = (names: string[]) => names.map((name) => ({ AttributeName: name, AttributeType: 'S' as const }));

export async function provisionTable(client: DynamoDBDocumentClient, tableName: string = mainTable.localName): Promise<void> {
  try {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    // A data folder from before an index was declared gets it (items written since are listed in it).
    const present = new Set((Table?.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName));
    for (const index of indexes.filter((i) => !present.has(i.name))) {
      await client.send(
        new UpdateTableCommand({ TableName: tableName, AttributeDefinitions: attributesOf([index.partitionKey, index.sortKey]), GlobalSecondaryIndexUpdates: [{ Create: indexSpec(index) }] }),
      );
    }
    return;
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: attributesOf([mainTable.partitionKey, mainTable.sortKey, ...indexes.flatMap((index) => [index.partitionKey, index.sortKey])]),
      KeySchema: [
        { AttributeName: mainTable.partitionKey, KeyType: 'HASH' },
        { AttributeName: mainTable.sortKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: indexes.map(indexSpec),
    }),
  );
  // Scan-log entries and per-minute device counters expire, locally as on AWS.
  await client.send(new UpdateTimeToLiveCommand({ TableName: tableName, TimeToLiveSpecification: { AttributeName: mainTable.timeToLiveAttribute, Enabled: true } }));
}
