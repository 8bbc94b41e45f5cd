/**
 * The whole system on one machine: DynamoDB Local and s3rver on loopback, the table and bucket created from the
 * shared declarations, the real handlers behind HTTP, and a local token issuer. Used by `npm start`, the
 * integration tests and the benchmarks alike.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RequestListener } from 'node:http';
import type * as z from 'zod/mini';
import type { devTokenBody } from '../shared/api/schemas.ts';
import type { DrawServices } from '../shared/draws/service.ts';
import { runtimeSettings, type FileServices } from '../shared/services.ts';
import { DynamoDrawStore } from '../shared/store/dynamodb-draw-store.ts';
import { DynamoStore } from '../shared/store/dynamodb-store.ts';
import { createDocumentClient } from '../shared/store/dynamodb-keys.ts';
import { env, filesBucket, mainTable } from '../shared/store/resources.ts';
import { createS3Client, S3FileStore } from '../shared/store/s3-file-store.ts';
import { FileSeedVault } from '../shared/store/seed-vault.ts';
import { startLocalApi } from './api-server.ts';
import { startDynamoDbLocal, type RunningEngine } from './dynamodb-local.ts';
export { endpointsFile } from './dynamodb-local.ts';
import { LocalJobQueue } from './job-queue.ts';
import { installLocalJobQueue } from '../shared/store/job-queue.ts';
import { installLocalEventPublisher } from '../shared/store/event-publisher.ts';
import { riskServicesFromEnvironment } from '../shared/store/risk-services.ts';
import type { RiskServices } from '../shared/risk/services.ts';
import type { AlertServices } from '../shared/alerts/service.ts';
import { LocalEventLog } from './event-log.ts';
import { demoAccounts } from './demo-data.ts';
import { createLocalIssuer, webClientId, type LocalIssuer } from './local-issuer.ts';
import { createOidcProvider } from './oidc-provider.ts';
import { settingsEnvironment } from './cdk-context.ts';
import { localAwsConfig } from './loopback.ts';
import { provisionTable } from './provision.ts';
import { startS3Emulator } from './s3-emulator.ts';

export interface LocalStack {
  baseUrl: string;
  dynamoEndpoint: string;
  s3Endpoint: string;
  /** The same store and files the handlers use, for seeding and for tests that look behind the API. */
  services: FileServices;
  /** The in-process stand-in for the draw job queue. */
  jobs: LocalJobQueue;
  /** The services the draw functions use, for seeding and benchmarks. */
  drawServices: DrawServices;
  /** The services of the warning, trigger and alert functions. */
  riskServices: RiskServices & AlertServices;
  /** What was published on the (local) event bus. */
  events: LocalEventLog;
  token(claims: z.infer<typeof devTokenBody>): Promise<string>;
  /**
   * Settles, saying what happened, only if DynamoDB Local dies under the stack: nothing works any more. It is the one
   * engine in a process of its own; s3rver runs inside this process and fails with it.
   */
  died: Promise<string>;
  stop(): Promise<void>;
}

/** Where the local job queue is kept in a data folder. */
export const jobQueueFile = (dataDir: string) => join(dataDir, 'jobs', 'queue.json');

export interface LocalStackOptions {
  /** Keep data here across restarts; without it everything lives in memory and a temporary folder. */
  dataDir?: string;
  /** The web build to serve (tests pass their own); `web/dist` by default. */
  webRoot?: string;
  /** 0 picks a free port. */
  port: number;
  /** How long a job received but not acknowledged (its process killed) waits before it is delivered again; 30 s by default. */
  jobVisibilityTimeoutMs?: number;
  /** The per-address scan limit; `false` only for load benchmarks, which scan from one address on purpose. */
  scanRateLimit?: false;
}

export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const started: RunningEngine[] = [];
  const stopAll = async () => {
    for (const engine of started.reverse()) await engine.stop().catch(() => undefined);
  };
  try {
    const dynamo = await startDynamoDbLocal(options.dataDir ? { dataDir: join(options.dataDir, 'dynamodb') } : {});
    started.push(dynamo);
    let onImportFile = (_key: string): void => undefined;
    const s3 = await startS3Emulator({
      buckets: [filesBucket.localName],
      ...(options.dataDir ? { dataDir: join(options.dataDir, 's3') } : {}),
      // What the deployed stack's EventBridge rule does (infra/constructs/jobs.ts): a file put under imports/ is imported.
      onObjectCreated: (bucket, key) => bucket === filesBucket.localName && key.startsWith(filesBucket.prefixes.imports) && onImportFile(key),
    });
    started.push(s3);

    Object.assign(process.env, {
      AWS_REGION: localAwsConfig.region,
      AWS_ACCESS_KEY_ID: localAwsConfig.credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: localAwsConfig.credentials.secretAccessKey,
      AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
      AWS_ENDPOINT_URL_S3: s3.endpoint,
      [env.s3ForcePathStyle]: 'true',
      [env.tableName]: mainTable.localName,
      [env.filesBucket]: filesBucket.localName,
      ...settingsEnvironment(),
    });
    const documentClient = createDocumentClient({ endpoint: dynamo.endpoint, ...localAwsConfig });
    await provisionTable(documentClient);
    // Kept in the data folder, so that jobs a stopped or killed npm start left resume at the next start.
    const jobs = new LocalJobQueue({
      log: (line) => console.error(line),
      ...(options.dataDir ? { file: jobQueueFile(options.dataDir) } : {}),
      ...(options.jobVisibilityTimeoutMs ? { visibilityTimeoutMs: options.jobVisibilityTimeoutMs } : {}),
    });
    installLocalJobQueue(jobs);
    onImportFile = (key) => void jobs.send([{ kind: 'import', key }]);
    const events = new LocalEventLog((line) => process.env.SUPERVISION_QUIET !== 'true' && console.log(line));
    installLocalEventPublisher(events);

    let issuer: LocalIssuer | undefined;
    let oidc: RequestListener | undefined;
    const api = await startLocalApi({
      port: options.port,
      issuer: () => issuer!,
      oidc: () => oidc!,
      ...(options.webRoot ? { webRoot: options.webRoot } : {}),
      ...(options.scanRateLimit === false ? { scanRateLimit: false } : {}),
    }).catch((error: NodeJS.ErrnoException) => {
      throw error.code === 'EADDRINUSE' ? new Error(`Port ${options.port} is in use; start with another, e.g. PORT=3100 npm start.`) : error;
    });
    started.push({ endpoint: api.baseUrl, stop: api.close });
    issuer = await createLocalIssuer(api.baseUrl, options.dataDir && join(options.dataDir, 'issuer-key.json'));
    oidc = createOidcProvider({ baseUrl: api.baseUrl, issuer, accounts: demoAccounts, ...(options.dataDir ? { storeFile: join(options.dataDir, 'oidc-store.json') } : {}) });
    // Draw seeds are sealed with a local key file, KMS's stand-in (kept with the data, or for this run only).
    const seedKeyFile = join(options.dataDir ?? mkdtempSync(join(tmpdir(), 'supervision-code-')), 'seed-key');
    Object.assign(process.env, { [env.authIssuer]: issuer.issuer, [env.authAudience]: webClientId, [env.publicBaseUrl]: api.baseUrl, [env.seedKeyFile]: seedKeyFile });

    const services: FileServices = {
      store: new DynamoStore(documentClient, mainTable.localName),
      files: new S3FileStore(createS3Client({ endpoint: s3.endpoint, forcePathStyle: true, ...localAwsConfig }), filesBucket.localName),
      ...runtimeSettings(),
    };
    const draws = new DynamoDrawStore(documentClient, mainTable.localName);
    const drawServices: DrawServices = { ...services, draws, files: services.files as S3FileStore, jobs, seeds: new FileSeedVault(seedKeyFile), publicBaseUrl: api.baseUrl };
    jobs.start();
    return {
      drawServices,
      riskServices: riskServicesFromEnvironment(),
      events,
      baseUrl: api.baseUrl,
      dynamoEndpoint: dynamo.endpoint,
      s3Endpoint: s3.endpoint,
      services,
      jobs,
      token: (claims) => issuer!.sign(claims),
      died: dynamo.died,
      stop: async () => {
        await jobs.stop();
        await stopAll();
      },
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
