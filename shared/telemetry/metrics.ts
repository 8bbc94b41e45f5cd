/**
 * The operational metrics, declared once: the CloudWatch namespace, every metric name and its dimensions. The
 * domain records through `recordMetric` (a port: no Powertools or AWS here); the Lambda edge installs the EMF
 * adapter (shared/telemetry/powertools.ts), and alarms and dashboards reference these same names.
 */

/** CloudWatch namespace of every metric the functions emit (EMF, through Powertools Metrics). */
export const metricsNamespace = 'SupervisionCode';

/** `service` dimension on every metric (Powertools adds it): one service, every function. */
export const serviceName = 'supervision-code';

export const metricNames = {
  /** A scan of `/c/{code}`, by `outcome`. */
  scans: 'Scans',
  /** A code issued for an inspection (one per new code, draws included). */
  codesIssued: 'CodesIssued',
  drawsExecuted: 'DrawsExecuted',
  cluesOpened: 'CluesOpened',
  cluesEscalated: 'CluesEscalated',
  triggerInspections: 'TriggerInspections',
  /** A camera alert newly recorded (a replayed reference is not counted again). */
  alerts: 'Alerts',
  /** Milliseconds one queued job took, by `job` kind. */
  jobDuration: 'JobDuration',
  /** A queued job that failed (it goes back to the queue, then to the DLQ), by `job` kind. */
  jobFailures: 'JobFailures',
  /** A scheduled run (scoring, the warnings sweep, the triggers sweep) whose every segment finished, by `schedule`. */
  scheduledRunsCompleted: 'ScheduledRunsCompleted',
  importRowsImported: 'ImportRowsImported',
  importRowsRejected: 'ImportRowsRejected',
} as const;

export type MetricName = (typeof metricNames)[keyof typeof metricNames];

/**
 * Dimensions beside `service`: `outcome` on `Scans`, `job` (the job's kind: draw steps, scoring, imports, sweeps) on
 * `JobDuration` and `JobFailures`, `schedule` (a name of shared/schedules.ts) on `ScheduledRunsCompleted`.
 */
export const metricDimensions = { outcome: 'outcome', job: 'job', schedule: 'schedule' } as const;

export const scanOutcomes = ['valid', 'revoked', 'expired', 'unknown'] as const;
export type ScanOutcome = (typeof scanOutcomes)[number];

export interface MetricSink {
  record(name: MetricName, value: number, unit: 'Count' | 'Milliseconds', dimensions?: Readonly<Record<string, string>>): void;
}

let sink: MetricSink = { record: () => undefined };

/** Where metrics go: the Lambda edge installs the EMF adapter; elsewhere (scripts, unit tests) they are dropped. */
export const installMetricSink = (next: MetricSink) => {
  sink = next;
};

/** Counts one occurrence (or `value`) of a metric. */
export const countMetric = (name: MetricName, value = 1, dimensions?: Readonly<Record<string, string>>) => {
  if (value > 0) sink.record(name, value, 'Count', dimensions);
};

export const durationMetric = (name: MetricName, ms: number, dimensions?: Readonly<Record<string, string>>) => sink.record(name, ms, 'Milliseconds', dimensions);
