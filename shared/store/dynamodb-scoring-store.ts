import { PutCommand, ScanCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mapInParallel } from '../concurrency.ts';
import type { Fact } from '../facts/model.ts';
import type { Entity } from '../inspections/model.ts';
import { DynamoStore, keys, withoutKeys } from './dynamodb-store.ts';
import { mainTable } from './resources.ts';
import type { GradeChange, GradeDistribution, ScoringStore } from './ports.ts';

/** What the scoring job reads and writes, on the one table. */
export class DynamoScoringStore extends DynamoStore implements ScoringStore {
  /** Items a scan page evaluates at most; DynamoDB's 1 MB pages when unset. */
  pageSize?: number;

  async *entityPages({ segment, segments }: { segment: number; segments: number }): AsyncIterable<Entity[]> {
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        // The byParent index holds registry rows (under SEGMENT#...), inspections and inspectors, but none of the
        // facts, scan logs or codes that make up most of the table: scanning it reads a fraction of the bytes.
        new ScanCommand({
          TableName: this.tableName,
          IndexName: mainTable.indexes.byParent.name,
          FilterExpression: 'begins_with(#parent, :segment)',
          ExpressionAttributeNames: { '#parent': mainTable.indexes.byParent.partitionKey },
          ExpressionAttributeValues: { ':segment': 'SEGMENT#' },
          Segment: segment,
          TotalSegments: segments,
          ...(this.pageSize ? { Limit: this.pageSize } : {}),
          ExclusiveStartKey,
        }),
      );
      const entities = (page.Items ?? []).map((item) => withoutKeys<Entity>(item)!);
      if (entities.length) yield entities;
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
  }

  async factsOf(entityIds: string[]) {
    const facts = new Map<string, Fact[]>();
    await mapInParallel(entityIds, 16, async (entityId) => {
      facts.set(entityId, await this.queryAll<Fact>({ KeyConditionExpression: 'pk = :pk AND begins_with(sk, :fact)', ExpressionAttributeValues: { ':pk': keys.entity(entityId).pk, ':fact': 'FACT#' } }));
    });
    return facts;
  }

  async startRun(run: { runId: string; asOf: string; segments: number }) {
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: { ...keys.gradeDistribution(), ...run } }));
  }

  async writeGradeDistribution(runId: string, segment: number, distribution: GradeDistribution) {
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: { ...keys.gradeDistributionShare(runId, segment), ...distribution } }));
  }

  async writeGrades(changes: GradeChange[]) {
    await mapInParallel(changes, 16, ({ entityId, grade, score, model, gradedAt, explanation }) =>
      this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.tableName,
                Key: keys.entityState(entityId),
                UpdateExpression: 'SET grade = :grade, score = :score, model = :model, gradedAt = :at, explanation = :why, entityId = :entity',
                ExpressionAttributeValues: { ':grade': grade, ':score': score, ':model': model, ':at': gradedAt, ':why': explanation, ':entity': entityId },
              },
            },
            { Put: { TableName: this.tableName, Item: { ...keys.gradeHistory(entityId, gradedAt), entityId, grade, score, model } } },
          ],
        }),
      ),
    );
  }
}
