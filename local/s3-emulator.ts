/** s3rver: an S3-compatible emulator on loopback, storing objects as files in a folder. */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import { endpointsFile, type RunningEngine } from './dynamodb-local.ts';
import { filesBucket } from '../shared/store/resources.ts';
import { freePort } from './loopback.ts';

/** The bucket's CORS rule as deployed (resources.ts), in the XML s3rver reads. */
const { cors } = filesBucket;
const corsXml = `<CORSConfiguration><CORSRule>${[
  ...cors.origins.map((origin) => `<AllowedOrigin>${origin}</AllowedOrigin>`),
  ...cors.methods.map((method) => `<AllowedMethod>${method}</AllowedMethod>`),
  ...cors.headers.map((header) => `<AllowedHeader>${header}</AllowedHeader>`),
  `<MaxAgeSeconds>${cors.maxAgeSeconds}</MaxAgeSeconds>`,
].join('')}</CORSRule></CORSConfiguration>`;

export async function startS3Emulator(options: {
  dataDir?: string;
  port?: number;
  buckets: string[];
  /** Told of every object created (put, posted or copied), as S3 tells EventBridge. */
  onObjectCreated?: (bucket: string, key: string) => void;
}): Promise<RunningEngine> {
  const directory = options.dataDir ?? mkdtempSync(join(tmpdir(), 'supervision-s3-'));
  mkdirSync(directory, { recursive: true });
  const port = options.port ?? (await freePort());
  const server = new S3rver({
    address: '127.0.0.1',
    port,
    directory,
    silent: true,
    configureBuckets: options.buckets.map((name) => ({ name, configs: [corsXml] })),
  });
  const { onObjectCreated } = options;
  if (onObjectCreated) {
    server.on('event', ({ Records }) => {
      for (const { eventName, s3: object } of Records) if (eventName.startsWith('ObjectCreated:')) onObjectCreated(object.bucket.name, object.object.key);
    });
  }
  await server.run();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    async stop() {
      await server.close();
      if (!options.dataDir) rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** The running local stack's S3 emulator if there is one, else one started here on the same data folder. */
export async function localS3(dataDir: string, buckets: string[]): Promise<{ endpoint: string; engine?: RunningEngine }> {
  if (existsSync(endpointsFile(dataDir))) {
    const { s3 } = JSON.parse(readFileSync(endpointsFile(dataDir), 'utf8')) as { s3: string };
    if (await fetch(s3, { method: 'HEAD' }).then(() => true, () => false)) return { endpoint: s3 };
  }
  const engine = await startS3Emulator({ buckets, dataDir: join(dataDir, 's3') });
  return { endpoint: engine.endpoint, engine };
}
