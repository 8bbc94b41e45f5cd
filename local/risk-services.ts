/**
 * The warning, trigger and alert services over the local engines, for the commands (`npm run job`, `npm run
 * import`): the running `npm start`'s engines if it runs, else engines started here on the same data folder.
 * Jobs they send run at once in this process; events are printed.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Job } from '../shared/jobs.ts';
import { runRiskJob, type RiskJob } from '../shared/risk/jobs.ts';
import type { RiskServices } from '../shared/risk/services.ts';
import { runtimeSettings } from '../shared/services.ts';
import { DynamoDrawStore } from '../shared/store/dynamodb-draw-store.ts';
import { DynamoRiskStore } from '../shared/store/dynamodb-risk-store.ts';
import { createDocumentClient } from '../shared/store/dynamodb-keys.ts';
import { filesBucket, mainTable } from '../shared/store/resources.ts';
import { createS3Client, S3FileStore } from '../shared/store/s3-file-store.ts';
import { shippedTriggers } from '../shared/triggers/definitions.ts';
import { warningModels } from '../shared/warnings/models.ts';
import { endpointsFile, localDynamoDb } from './dynamodb-local.ts';
import { LocalEventLog } from './event-log.ts';
import { localAwsConfig } from './loopback.ts';
import { provisionTable } from './provision.ts';
import { localS3 } from './s3-emulator.ts';

export async function localRiskServices(dataDir: string, log: (line: string) => void): Promise<{ services: RiskServices; client: DynamoDBDocumentClient; stop(): Promise<void> }> {
  const dynamo = await localDynamoDb(dataDir);
  const s3 = await localS3(dataDir, [filesBucket.localName]);
  const client = createDocumentClient({ endpoint: dynamo.endpoint, ...localAwsConfig });
  await provisionTable(client);
  const running = existsSync(endpointsFile(dataDir)) ? (JSON.parse(readFileSync(endpointsFile(dataDir), 'utf8')) as { baseUrl?: string }) : {};
  const risk = new DynamoRiskStore(client, mainTable.localName);
  const services: RiskServices = {
    store: risk,
    risk,
    pool: new DynamoDrawStore(client, mainTable.localName),
    files: new S3FileStore(createS3Client({ endpoint: s3.endpoint, forcePathStyle: true, ...localAwsConfig }), filesBucket.localName),
    events: new LocalEventLog(log),
    // Only risk jobs are sent from here (a sweep's segments, an import chunk's evaluation): they run right away.
    jobs: { send: async (jobs: Job[]) => { for (const job of jobs) await runRiskJob(services, job as RiskJob); } },
    // Codes carry the URL npm start serves them on.
    publicBaseUrl: running.baseUrl ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`,
    warningModels: warningModels(),
    triggers: shippedTriggers(),
    segments: 1,
    ...runtimeSettings(),
    log,
  };
  return {
    services,
    client,
    async stop() {
      client.destroy();
      await dynamo.engine?.stop();
      await s3.engine?.stop();
    },
  };
}
