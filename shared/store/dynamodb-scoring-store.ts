import { PutCommand, ScanCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mapInParallel } from '../concurrency.ts';
import type { Fact } from '../facts/model.ts';
import type { Entity } from '../inspections/model.ts';
import { DynamoStore, isConditionFailure } from './dynamodb-store.ts';
import { keys, withoutKeys } from './dynamodb-keys.ts';
import { mainTable } from './resources.ts';
import type { GradeChange, GradeDistribution, ScoringRunRecord, ScoringStore } from './ports.ts';

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

  /** Opens a run, keeping which run completed last: entities read as current as of it until this one completes. */
  async startRun(run: { runId: string; asOf: string; segments: number }) {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.gradeDistribution(),
        UpdateExpression: 'SET runId = :run, asOf = :asOf, #segments = :segments REMOVE #done',
        ExpressionAttributeNames: { '#segments': 'segments', '#done': 'done' },
        ExpressionAttributeValues: { ':run': run.runId, ':asOf': run.asOf, ':segments': run.segments },
      }),
    );
  }

  async writeGradeDistribution(runId: string, segment: number, distribution: GradeDistribution) {
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: { ...keys.gradeDistributionShare(runId, segment), ...distribution } }));
    // A set, so a segment run twice counts once; conditioned on the run, so a segment of a superseded run counts nowhere.
    try {
      const { Attributes } = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.gradeDistribution(),
          UpdateExpression: 'ADD #done :segment',
          ExpressionAttributeNames: { '#done': 'done' },
          ConditionExpression: 'runId = :run',
          ExpressionAttributeValues: { ':segment': new Set([segment]), ':run': runId },
          ReturnValues: 'ALL_NEW',
        }),
      );
      const record = Attributes as ScoringRunRecord;
      if ((record.done?.size ?? 0) < record.segments) return false;
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.gradeDistribution(),
          UpdateExpression: 'SET completedRunId = :run, completedAsOf = :asOf',
          ConditionExpression: 'runId = :run',
          ExpressionAttributeValues: { ':run': runId, ':asOf': record.asOf },
        }),
      );
      return true;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      return false;
    }
  }

  /** Each changed result onto the entity's state (an ungraded one loses its grade); a changed grade into its history too. */
  async writeGrades(changes: GradeChange[]) {
    await mapInParallel(changes, 16, async ({ entityId, grade, score, coverage, model, asOf, gradedAt, explanation, gradeChanged }) => {
      const set = { grade, score, coverage, model, asOf, gradedAt, explanation, entityId };
      const present = Object.entries(set).filter(([, value]) => value !== undefined);
      const absent = Object.keys(set).filter((field) => set[field as keyof typeof set] === undefined);
      const update = {
        TableName: this.tableName,
        Key: keys.entityState(entityId),
        UpdateExpression: `SET ${present.map(([field]) => `#${field} = :${field}`).join(', ')}${absent.length ? ` REMOVE ${absent.map((field) => `#${field}`).join(', ')}` : ''}`,
        ExpressionAttributeNames: Object.fromEntries(Object.keys(set).map((field) => [`#${field}`, field])),
        ExpressionAttributeValues: Object.fromEntries(present.map(([field, value]) => [`:${field}`, value])),
      };
      if (!gradeChanged) {
        await this.client.send(new UpdateCommand(update));
        return;
      }
      const history = { ...keys.gradeHistory(entityId, gradedAt), entityId, grade: grade ?? 'ungraded', score, coverage, model, asOf };
      await this.client.send(new TransactWriteCommand({ TransactItems: [{ Update: update }, { Put: { TableName: this.tableName, Item: history } }] }));
    });
  }
}
