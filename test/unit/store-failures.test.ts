/** Failure paths a real engine will not produce on demand: throttling, partial batches, lost races. */
import { ConditionalCheckFailedException, ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { checkIn } from '../../shared/inspections/service.ts';
import { DynamoStore } from '../../shared/store/dynamodb-store.ts';
import { createDocumentClient, keys } from '../../shared/store/dynamodb-keys.ts';
import { as, sampleInspection } from '../support/inspections.ts';

const documentMock = mockClient(DynamoDBDocumentClient);
const table = 'test-table';
const services = (store: DynamoStore) => ({ store, now: () => '2030-03-02T09:00:00.000Z', codeGraceDays: 30, timeZone: 'Asia/Shanghai', scanLogDays: 180 });

beforeEach(() => {
  documentMock.reset();
  documentMock.onAnyCommand().resolves({});
});
afterEach(() => vi.unstubAllEnvs());

describe('DynamoDB under pressure', () => {
  it('answers 503 with Retry-After, not 500, when DynamoDB keeps throttling', async () => {
    vi.stubEnv('TABLE_NAME', table);
    documentMock.on(BatchGetCommand).rejects(new ProvisionedThroughputExceededException({ message: 'Rate exceeded', $metadata: {} }));
    const { handler } = await import('../../functions/get-entity.ts');
    const reply = await handler(
      {
        routeKey: 'GET /entities/{id}',
        pathParameters: { id: 'ent-1' },
        headers: {},
        requestContext: { authorizer: { lambda: { subject: 's', role: 'supervisor' } } },
      } as never,
      { awsRequestId: 'r1', getRemainingTimeInMillis: () => 10_000 } as Context,
    );
    expect(reply.statusCode).toBe(503);
    expect(reply.headers?.['retry-after']).toBe('2');
    expect(JSON.parse(reply.body!).error.code).toBe('busy');
  });

  it('asks again for the keys a BatchGet left unprocessed, and loses none', async () => {
    const inspector = (id: string) => ({ ...keys.inspector(id), id, name: id });
    documentMock
      .on(BatchGetCommand)
      .resolvesOnce({ Responses: { [table]: [inspector('a')] }, UnprocessedKeys: { [table]: { Keys: [keys.inspector('b')] } } })
      .resolvesOnce({ Responses: { [table]: [inspector('b')] } });
    const found = await new DynamoStore(createDocumentClient({ region: 'us-east-1' }), table).getInspectors(['a', 'b']);
    expect(found.map((i) => i.id).sort()).toEqual(['a', 'b']);
    expect(documentMock.commandCalls(BatchGetCommand)).toHaveLength(2);
  });

  it('re-reads and re-applies a change when another writer won the race', async () => {
    const stored = { ...keys.inspection('ins_1'), ...sampleInspection() };
    documentMock.on(GetCommand).resolves({ Item: stored });
    documentMock
      .on(PutCommand)
      .rejectsOnce(new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} }))
      .resolves({});
    const { inspection, changed } = await checkIn(services(new DynamoStore(createDocumentClient({ region: 'us-east-1' }), table)), as.company, 'ins_1');
    expect(changed).toBe(true);
    expect(inspection).toMatchObject({ status: 'on-site', version: 2 });
    // The read and the re-read of the race: the visit's code state (a revoked or expired code refuses the check-in)
    // is judged on the visit as each attempt read it, not on an extra read of its own.
    expect(documentMock.commandCalls(GetCommand)).toHaveLength(2);
    expect(documentMock.commandCalls(PutCommand)[1]!.args[0].input.ConditionExpression).toBe('version = :previous');
  });

  it('gives up with the conflict after repeated lost races instead of looping', async () => {
    documentMock.on(GetCommand).resolves({ Item: { ...keys.inspection('ins_1'), ...sampleInspection() } });
    documentMock.on(PutCommand).rejects(new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} }));
    await expect(checkIn(services(new DynamoStore(createDocumentClient({ region: 'us-east-1' }), table)), as.company, 'ins_1')).rejects.toThrow(
      'changed by someone else',
    );
    expect(documentMock.commandCalls(PutCommand)).toHaveLength(4);
  });
});
