/** s3rver: an S3-compatible emulator on loopback, storing objects as files in a folder. */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import type { RunningEngine } from './dynamodb-local.ts';
import { freePort } from './loopback.ts';

export async function startS3Emulator(options: { dataDir?: string; port?: number; buckets: string[] }): Promise<RunningEngine> {
  const directory = options.dataDir ?? mkdtempSync(join(tmpdir(), 'supervision-s3-'));
  mkdirSync(directory, { recursive: true });
  const port = options.port ?? (await freePort());
  const server = new S3rver({
    address: '127.0.0.1',
    port,
    directory,
    silent: true,
    configureBuckets: options.buckets.map((name) => ({ name, configs: [] })),
  });
  await server.run();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    async stop() {
      await server.close();
      if (!options.dataDir) rmSync(directory, { recursive: true, force: true });
    },
  };
}
