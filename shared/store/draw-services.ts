import type { DrawServices } from '../draws/service.ts';
import { runtimeSettings } from '../services.ts';
import { DynamoDrawStore } from './dynamodb-draw-store.ts';
import { jobQueueFromEnvironment } from './job-queue.ts';
import { env, requiredEnv } from './resources.ts';
import { S3FileStore } from './s3-file-store.ts';
import { seedVaultFromEnvironment } from './seed-vault.ts';
import { logger } from '../telemetry/powertools.ts';

/** What the draw functions run on, built once per function instance. */
export function drawServicesFromEnvironment(): DrawServices & { draws: DynamoDrawStore } {
  const store = DynamoDrawStore.fromEnvironment();
  return {
    store,
    draws: store,
    files: S3FileStore.fromEnvironment(),
    jobs: jobQueueFromEnvironment(),
    seeds: seedVaultFromEnvironment(),
    publicBaseUrl: requiredEnv(env.publicBaseUrl),
    // Progress of long jobs, as structured log lines (silenced in tests).
    log: (line) => logger.info(line),
    ...runtimeSettings(),
  };
}
