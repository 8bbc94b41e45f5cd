import type { DrawServices } from '../draws/service.ts';
import { runtimeSettings } from '../services.ts';
import { DynamoDrawStore } from './dynamodb-draw-store.ts';
import { jobQueueFromEnvironment } from './job-queue.ts';
import { defaults, env, requiredEnv } from './resources.ts';
import { S3FileStore } from './s3-file-store.ts';

/** What the draw functions run on, built once per function instance. */
export function drawServicesFromEnvironment(): DrawServices & { draws: DynamoDrawStore } {
  const store = DynamoDrawStore.fromEnvironment();
  return {
    store,
    draws: store,
    files: S3FileStore.fromEnvironment(),
    jobs: jobQueueFromEnvironment(),
    publicBaseUrl: requiredEnv(env.publicBaseUrl),
    timeZone: process.env[env.timeZone] ?? defaults.timeZone,
    // Progress of long draws: CloudWatch when deployed, the terminal of npm start locally (silenced in tests).
    log: (line) => process.env.SUPERVISION_QUIET !== 'true' && console.log(line),
    ...runtimeSettings(),
  };
}
