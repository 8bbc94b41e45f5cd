/**
 * What the public scan reads and writes — the code, its inspection, the scan log — and nothing else, so that the
 * scan function bundles no more of the store than it uses (DESIGN §6: its bundle ≤ 300 KB, its cold start). Every
 * other store builds on it.
 */
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CodeRecord } from '../codes/code.ts';
import type { Inspection } from '../inspections/model.ts';
import { createDocumentClient, keys, withoutKeys } from './dynamodb-keys.ts';
import type { ScanLogEntry, ScanStore } from './ports.ts';
import { env, mainTable, requiredEnv } from './resources.ts';

export class DynamoScanStore implements ScanStore {
  /** The store the scan function uses: one client per function instance, the table the stack named. */
  static fromEnvironment() {
    return new DynamoScanStore(createDocumentClient(), requiredEnv(env.tableName));
  }

  constructor(
    readonly client: DynamoDBDocumentClient,
    readonly tableName: string,
  ) {}

  async getCode(code: string) {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: keys.code(code) }));
    return withoutKeys<CodeRecord>(Item);
  }

  async getInspection(id: string) {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: keys.inspection(id), ConsistentRead: true }));
    return withoutKeys<Inspection>(Item);
  }

  async logScan(code: string, entry: ScanLogEntry, keptUntil: string) {
    const expiresAt = Math.floor(Date.parse(keptUntil) / 1000);
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: { ...keys.scan(code, entry.at), ...entry, [mainTable.timeToLiveAttribute]: expiresAt } }));
  }
}
