/**
 * The telemetry adapter of a running function: Powertools Logger (JSON lines, request id and route on every line,
 * personal data masked) and Metrics (EMF to stdout, which CloudWatch turns into the metrics of
 * shared/telemetry/metrics.ts). One instance of each per function, shared by the edge and the job worker.
 *
 * Locally and in tests nothing here spams: metrics are emitted only on Lambda (or with
 * `POWERTOOLS_METRICS_DISABLED=false`), and logs are silent under `SUPERVISION_QUIET=true` (set by the test setup).
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { MiddlewareObj } from '@middy/core';
import { installMetricSink, metricsNamespace, serviceName } from './metrics.ts';
import { redactingReplacer } from './redact.ts';

export const logger = new Logger({
  serviceName,
  // Otherwise POWERTOOLS_LOG_LEVEL, or Lambda's own log level, or INFO.
  ...(process.env.SUPERVISION_QUIET === 'true' ? { logLevel: 'SILENT' as const } : {}),
  jsonReplacerFn: redactingReplacer,
});

const emitsMetrics = process.env.POWERTOOLS_METRICS_DISABLED
  ? process.env.POWERTOOLS_METRICS_DISABLED === 'false'
  : Boolean(process.env.AWS_LAMBDA_FUNCTION_NAME);

export const metrics = new Metrics({ namespace: metricsNamespace, serviceName, logger });

installMetricSink({
  record(name, value, unit, dimensions) {
    if (!emitsMetrics) return;
    if (!dimensions) {
      metrics.addMetric(name, unit, value);
      return;
    }
    // A metric with its own dimensions goes out at once, so it does not lend them to the invocation's other metrics.
    const single = metrics.singleMetric();
    for (const [dimension, dimensionValue] of Object.entries(dimensions)) single.addDimension(dimension, dimensionValue);
    single.addMetric(name, unit, value);
  },
});

/**
 * Flushes the invocation's metrics at its end, success or failure. Powertools' `logMetrics` would also warn on
 * every invocation that recorded nothing (most reads): one useless log line per request.
 */
export const flushMetrics = (): MiddlewareObj => ({
  after: async function publishMetrics() {
    if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
  },
  onError: async function publishMetricsOnError() {
    if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
  },
});
