/**
 * The bundles the stack deploys (built with infra/bundling.ts, SDK inside, credential chain aliased) load and
 * serve requests: run against DynamoDB Local with credentials in the environment, as Lambda provides them.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { functionEntry, lambdaBuildOptions } from '../../infra/bundling.ts';
import { deployedRoutes } from '../../shared/api/routes.ts';
import { supervisor, useLocalStack } from '../support/api.ts';
import { planned } from '../support/fixtures.ts';

const local = useLocalStack();
const outDir = mkdtempSync(join(tmpdir(), 'supervision-bundles-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

async function bundle(handler: string) {
  const outfile = join(outDir, `${handler}.mjs`);
  await build({ ...lambdaBuildOptions, entryPoints: [functionEntry(handler)], outfile });
  return outfile;
}

async function bundled(handler: string) {
  return (await import(pathToFileURL(await bundle(handler)).href)) as { handler: (event: unknown, context: Context) => Promise<{ statusCode: number; body: string }> };
}

const context = { awsRequestId: 'bundle-test', getRemainingTimeInMillis: () => 10_000 } as Context;

describe('deployed bundles', () => {
  it.each(['authorize', 'job-worker', ...deployedRoutes.map(([, r]) => r.handler!)])('%s loads as a bundle', async (handler) => {
    // Each bundle has its own copy of every module, so it reaches its queue the deployed way, by URL.
    process.env.JOB_QUEUE_URL ??= 'https://sqs.us-east-1.amazonaws.com/000000000000/draw-jobs';
    process.env.EVENT_BUS_NAME ??= 'supervision-code-events';
    expect(typeof (await bundled(handler)).handler).toBe('function');
  });

  it('the scan bundle stays within its budget: 300 KB minified (DESIGN §6), the size the cold-start bench reports', async () => {
    expect(statSync(await bundle('resolve-code')).size).toBeLessThanOrEqual(300 * 1024);
  });

  it('the scan bundle answers a scan from DynamoDB with environment credentials only', async () => {
    const { inspectionId } = await planned(local.api);
    const { body } = await local.api.request('POST', `/inspections/${inspectionId}/code`, { as: supervisor });
    const { handler } = await bundled('resolve-code');
    const reply = await handler(
      { routeKey: 'GET /c/{code+}', rawQueryString: '', pathParameters: { code: body.code }, headers: { accept: 'application/json' }, requestContext: {} },
      context,
    );
    expect(reply.statusCode).toBe(200);
    expect(JSON.parse(reply.body).registered).toBe(true);
  });
});
