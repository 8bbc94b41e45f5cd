/** What the functions log: JSON lines naming the request and its route, with no personal data or secrets in them. */
import type { Context } from 'aws-lambda';
import { routes } from '../../shared/api/routes.ts';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiEvent } from '../../shared/http/api-handler.ts';
import { redactText } from '../../shared/telemetry/redact.ts';

// The test setup silences logs; these tests read them, so the adapter is loaded as on Lambda: logs and metrics on.
process.env.SUPERVISION_QUIET = 'false';
process.env.POWERTOOLS_METRICS_DISABLED = 'false';
const { flushMetrics, logger } = await import('../../shared/telemetry/powertools.ts');
const { apiHandler } = await import('../../shared/http/api-handler.ts');
const { countMetric, metricNames, metricsNamespace } = await import('../../shared/telemetry/metrics.ts');

const phone = '13812345678';
const jwt = 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJjb21wYW55LTEiLCJyb2xlIjoiY29tcGFueSJ9.c2lnbmF0dXJlLWJ5dGVz';
const presigned = 'https://files.s3.cn-north-1.amazonaws.com.cn/evidence/i1/s1/photo.jpg?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=abc123';
const code = 'Q2xhc3NpZmllZC1jb2RlLTEy';

let lines: string[] = [];
beforeEach(() => {
  lines = [];
  for (const stream of [process.stdout, process.stderr]) {
    vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
  }
  return () => vi.restoreAllMocks();
});

const context = { awsRequestId: 'req-7f3a', functionName: 'resolve-code', getRemainingTimeInMillis: () => 10_000 } as Context;
const scanEvent = {
  routeKey: 'GET /c/{code+}',
  rawPath: `/c/${code}`,
  rawQueryString: '',
  pathParameters: { code },
  headers: { authorization: `Bearer ${jwt}` },
  requestContext: { requestId: 'api-9c1e' },
} as unknown as ApiEvent;

describe('a log line', () => {
  it('carries no phone number, token, presigned URL or code, even from an error that holds them', () => {
    const error = new Error(`contact ${phone} (+86 138-1234-5678, 010-62345678) rejected; Authorization: Bearer ${jwt}; upload to ${presigned}; scan /c/${code}`);
    logger.error('unhandled error', { error, event: scanEvent, contact: { name: 'Li', phone }, uploadUrl: presigned });
    const printed = lines.join('');
    for (const secret of [phone, '138-1234-5678', '62345678', jwt, 'X-Amz-Signature', 'abc123', code]) expect(printed).not.toContain(secret);
    const line = JSON.parse(printed);
    expect(line.error.message).toContain('[phone]');
    expect(line.error.message).toContain('Bearer [token]');
    expect(line.error.message).toContain('[url]');
    expect(line.level).toBe('ERROR');
  });

  it('keeps what operators need: dates, ids, counts and plain URLs', () => {
    expect(redactText('draw d-2026-11-29 as of 2026-11-29T07:15:08.123Z: 2900000 companies, 10000 selected')).toBe(
      'draw d-2026-11-29 as of 2026-11-29T07:15:08.123Z: 2900000 companies, 10000 selected',
    );
    expect(redactText('see https://example.gov.cn/help')).toBe('see https://example.gov.cn/help');
  });
});

describe('a handler behind the shared edge', () => {
  it('logs its unhandled error with the request id and the route, not the raw path', async () => {
    const failing = apiHandler(routes.resolveCode, async () => {
      throw new Error(`store unreachable while reading the code of ${phone}`);
    });
    const reply = await failing(scanEvent, context);
    expect(reply.statusCode).toBe(500);
    const [line] = lines.map((l) => JSON.parse(l));
    expect(line).toMatchObject({ message: 'unhandled error', requestId: 'req-7f3a', apiRequestId: 'api-9c1e', route: 'GET /c/{code+}', service: 'supervision-code' });
    expect(JSON.parse(reply.body!).error.details.requestId).toBe(line.requestId);
    expect(lines.join('')).not.toContain(phone);
  });

  it('names the next request, not the last one: keys do not leak across invocations', async () => {
    const failing = apiHandler(routes.resolveCode, async () => {
      throw new Error('boom');
    });
    await failing(scanEvent, context);
    await failing({ ...scanEvent, requestContext: { requestId: 'api-second' } } as unknown as ApiEvent, { ...context, awsRequestId: 'req-second' });
    expect(lines.map((l) => JSON.parse(l).requestId)).toEqual(['req-7f3a', 'req-second']);
  });
});

describe('a metric the domain records', () => {
  it('reaches CloudWatch as EMF in the declared namespace, with its own dimensions apart from the invocation\'s', async () => {
    countMetric(metricNames.scans, 1, { outcome: 'revoked' });
    countMetric(metricNames.codesIssued);
    countMetric(metricNames.importRowsRejected, 0);
    await flushMetrics().after!({} as never);
    const emitted = lines.map((l) => JSON.parse(l));
    expect(emitted).toHaveLength(2);
    expect(emitted[0]).toMatchObject({ Scans: 1, outcome: 'revoked', service: 'supervision-code' });
    expect(emitted[0]._aws.CloudWatchMetrics[0]).toMatchObject({ Namespace: metricsNamespace, Dimensions: [['service', 'outcome']] });
    expect(emitted[1]).toMatchObject({ CodesIssued: 1, service: 'supervision-code' });
    expect(emitted[1]).not.toHaveProperty('outcome');
  });
});

describe('a scan', () => {
  it('is counted by outcome: unknown, revoked and expired codes each under their own', async () => {
    const { installMetricSink } = await import('../../shared/telemetry/metrics.ts');
    const { resolveCode } = await import('../../shared/codes/resolve.ts');
    const recorded: string[] = [];
    installMetricSink({ record: (name, value, _unit, dimensions) => void recorded.push(`${name}=${value} ${JSON.stringify(dimensions)}`) });
    const codes: Record<string, object> = {
      revoked: { code: 'revoked', inspectionId: 'i1', state: 'revoked', expiresAt: '2030-01-01T00:00:00Z' },
      expired: { code: 'expired', inspectionId: 'i1', state: 'active', expiresAt: '2020-01-01T00:00:00Z' },
    };
    const store = { getCode: async (code: string) => codes[code], getInspection: async () => undefined, logScan: async () => undefined };
    const services = { store, now: () => '2026-11-29T08:00:00Z', codeGraceDays: 30, timeZone: 'Asia/Shanghai', scanLogDays: 180 } as never;
    for (const code of ['nope', 'revoked', 'expired']) await resolveCode(services, code, undefined, { language: 'en', format: 'json' });
    expect(recorded).toEqual(['Scans=1 {"outcome":"unknown"}', 'Scans=1 {"outcome":"revoked"}', 'Scans=1 {"outcome":"expired"}']);
  });
});
