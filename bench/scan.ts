/**
 * Scan endpoint throughput and latency through the local stack (HTTP → handler → DynamoDB Local), against a bare
 * client making the same DynamoDB calls a scan makes (get code, get inspection, log the scan) at the same concurrency.
 */
import { scanLogKeptUntil } from '../shared/codes/code.ts';
import { startLocalStack } from '../local/stack.ts';
import { assertInvariants, closedLoopLoad, round, type LoadResult } from './measure.ts';
import { issueAll, planInspections } from './seed.ts';

const concurrency = 16;
const durationMs = 8_000;

const row = (r: LoadResult) => ({ perSecond: round(r.perSecond, 0), p50Ms: round(r.p50Ms), p99Ms: round(r.p99Ms), requests: r.requests, errors: r.errors });

export async function benchScan(log: (line: string) => void) {
  const stack = await startLocalStack({ port: 0, scanRateLimit: false });
  try {
    log('scan: seeding 200 inspections with codes ...');
    const ids = await planInspections(stack.drawServices, 200);
    const codes = await issueAll(stack.services, ids, stack.baseUrl, 8);
    // Scans spread over 200 codes, as a city's are, not one code read over and over.
    assertInvariants('scan', { distinctCodes: [new Set(codes).size, 200] });
    const { store } = stack.services;

    log(`scan: baseline, bare DynamoDB calls, ${concurrency} in flight for ${durationMs / 1000} s ...`);
    const baseline = await closedLoopLoad(
      async (i) => {
        const code = codes[i % codes.length]!;
        const record = await store.getCode(code);
        const inspection = record && (await store.getInspection(record.inspectionId));
        const at = new Date().toISOString();
        await store.logScan(code, { at, viewer: 'public', language: 'zh-CN', format: 'html' }, scanLogKeptUntil(record?.expiresAt ?? at, at, stack.services.scanLogDays));
        return Boolean(inspection);
      },
      { concurrency, durationMs },
    );

    const scan = (accept: string) => async (i: number) => {
      const response = await fetch(`${stack.baseUrl}/c/${codes[i % codes.length]}`, { headers: { accept, 'accept-language': 'zh-CN' } });
      await response.arrayBuffer();
      return response.status === 200;
    };
    log('scan: HTML page through HTTP and the handler ...');
    const html = await closedLoopLoad(scan('text/html'), { concurrency, durationMs });
    log('scan: JSON through HTTP and the handler ...');
    const json = await closedLoopLoad(scan('application/json'), { concurrency, durationMs });
    assertInvariants('scan', { baselineErrors: [baseline.errors, 0], htmlErrors: [html.errors, 0], jsonErrors: [json.errors, 0] });
    return {
      concurrency,
      durationSeconds: durationMs / 1000,
      baselineBareDynamoDb: row(baseline),
      scanHtml: { ...row(html), ratioToBaseline: round(html.perSecond / baseline.perSecond) },
      scanJson: { ...row(json), ratioToBaseline: round(json.perSecond / baseline.perSecond) },
      target: 'ratio ≥ 0.7, 0 errors',
    };
  } finally {
    await stack.stop();
  }
}
