/**
 * The scan function's cold start: its bundle built exactly as the CDK stack builds it (infra/bundling.ts), its
 * size, and the time from starting Node to the handler module being loaded, against an empty handler's.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, statSync } from 'node:fs';
import { build } from 'esbuild';
import { functionEntry, lambdaBuildOptions } from '../infra/bundling.ts';
import { median, round } from './measure.ts';

const outDir = 'bench/.out';
const runs = 21;

async function bundle(entry: string, name: string, variant: 'deployed' | 'runtime-sdk' = 'deployed') {
  const outfile = `${outDir}/${name}.mjs`;
  const { alias, ...options } = lambdaBuildOptions;
  await build({ ...options, entryPoints: [entry], outfile, ...(variant === 'deployed' ? { alias } : { external: ['@aws-sdk/*'] }) });
  return { outfile, bytes: statSync(outfile).size };
}

/** Wall time of `node` importing the module, in a fresh process each time (what a cold start pays before the first request). */
function initMs(file: string): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', `await import(${JSON.stringify(`${process.cwd()}/${file}`)})`], {
    // What Lambda provides: region and credentials in the environment (Node 24 there, so no Node 20 SDK notice).
    env: {
      ...process.env,
      TABLE_NAME: 't',
      AUTH_ISSUER: 'https://issuer.example',
      AUTH_AUDIENCE: 'a',
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'x',
      AWS_SECRET_ACCESS_KEY: 'x',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
    stdio: 'ignore',
  });
  if (result.status !== 0) throw new Error(`importing ${file} failed`);
  return performance.now() - started;
}

export async function benchColdStart(log: (line: string) => void) {
  mkdirSync(outDir, { recursive: true });
  log('cold start: bundling with the stack’s esbuild options ...');
  const empty = await bundle('bench/fixtures/empty-handler.ts', 'empty');
  const scan = await bundle(functionEntry('resolve-code'), 'resolve-code');
  // For comparison: relying on the SDK shipped in the Lambda runtime (smaller file, many more files to load).
  const scanRuntimeSdk = await bundle(functionEntry('resolve-code'), 'resolve-code-runtime-sdk', 'runtime-sdk');
  log(`cold start: ${runs} fresh processes each, alternating ...`);
  const times: Record<'empty' | 'scan' | 'scanRuntimeSdk', number[]> = { empty: [], scan: [], scanRuntimeSdk: [] };
  for (let i = 0; i < runs; i++) {
    times.empty.push(initMs(empty.outfile));
    times.scan.push(initMs(scan.outfile));
    times.scanRuntimeSdk.push(initMs(scanRuntimeSdk.outfile));
  }
  const emptyMs = median(times.empty);
  return {
    scanBundleKB: round(scan.bytes / 1024, 1),
    scanBundleRuntimeSdkKB: round(scanRuntimeSdk.bytes / 1024, 1),
    emptyBundleKB: round(empty.bytes / 1024, 2),
    emptyInitMs: round(emptyMs, 1),
    scanInitMs: round(median(times.scan), 1),
    scanInitRatio: round(median(times.scan) / emptyMs),
    scanRuntimeSdkInitMs: round(median(times.scanRuntimeSdk), 1),
    scanRuntimeSdkInitRatio: round(median(times.scanRuntimeSdk) / emptyMs),
    target: 'bundle ≤ 300 KB minified; init ≤ 1.5× the empty handler',
  };
}
