import { Duration, Stack } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  AlarmStatusWidget,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  LogQueryVisualizationType,
  LogQueryWidget,
  MathExpression,
  Metric,
  TreatMissingData,
  type IMetric,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { Function as LambdaFunction, IFunction } from 'aws-cdk-lib/aws-lambda';
import type { Topic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { RouteSpec } from '../../shared/api/routes.ts';
import type { Job } from '../../shared/jobs.ts';
import { scheduledJobs, type JobSchedule, type ScheduleName } from '../../shared/schedules.ts';
import { metricDimensions, metricNames, metricsNamespace, serviceName } from '../../shared/telemetry/metrics.ts';
import { alarmsMayPublish, encryptedTopic } from './events.ts';
import { scanRuleName } from './firewall.ts';

/** The web ACL in front of CloudFront, in its own region (us-east-1). */
export interface WebAclRef {
  arn: string;
  name: string;
  region: string;
}

export interface MonitoringProps {
  api: HttpApi;
  stageName: string;
  /** The public scan, whose p99 latency is watched (per-route metrics need detailed metrics on the stage). */
  scanRoute: RouteSpec;
  /** Its function: duration and cold starts on the dashboard, where the latency runbook sends the operator. */
  scanFunction: LambdaFunction;
  /** Every function of ours by handler name: the routes', the authorizer and the job worker. */
  functions: Record<string, IFunction>;
  worker: IFunction;
  deadLetters: IQueue;
  /** Where a missed nightly run is put by hand: its runbook gives the command. */
  jobQueue: IQueue;
  /** The nightly runs as configured (cdk.json): the job each puts on the queue. */
  schedules: Record<ScheduleName, JobSchedule>;
  table: TableV2;
  /** Shown on the dashboard: the scans it blocked per address and the requests its managed rules blocked. */
  webAcl?: WebAclRef;
}

/** The DynamoDB operations the functions use: what a throttle is counted on (an alarm takes at most 10 metrics). */
const tableOperations = ['GetItem', 'PutItem', 'UpdateItem', 'Query', 'Scan', 'BatchGetItem', 'BatchWriteItem', 'TransactWriteItems'];

/** Scan page p99 above this (ms) for 15 minutes pages the operator: the page is meant to open in well under a second. */
export const scanLatencyP99Ms = 1000;
/** Hours without a complete run of a nightly schedule before it alarms: a day, and six hours' slack for a late run. */
export const runCompletionHours = 30;
/** Share of API requests answered 5xx (percent) over 5 minutes that counts as an outage rather than a stray error. */
export const serverErrorPercent = 1;
/** CloudWatch shows at most 100 alarms in one alarm status widget. */
export const alarmsPerStatusWidget = 100;

/** How the alarm status widgets group the alarms. */
type AlarmGroup = 'service' | 'errors' | 'throttles';
const groupTitles: Record<AlarmGroup, string> = {
  service: 'Alarms: API, scan, jobs and DynamoDB',
  errors: 'Alarms: function errors',
  throttles: 'Alarms: function throttles',
};

const fiveMinutes = Duration.minutes(5);

/**
 * Alarms to the operators' alarm topic (apart from the supervisors' notices: Events), each with its runbook in its
 * description (and in the README), and a dashboard of the same metrics.
 */
export class Monitoring extends Construct {
  readonly alarms: Alarm[] = [];
  /** Operators subscribe here: every alarm, when it fires and when it clears. */
  readonly alarmTopic: Topic;
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    this.alarmTopic = encryptedTopic(this, 'AlarmTopic', { keyId: 'AlarmTopicKey', displayName: 'Supervision Code: operations alarms', publisher: 'cloudwatch.amazonaws.com' });
    // The topic policy CDK writes replaces SNS's default one (which let the account's own services publish), so
    // CloudWatch must be named or every alarm notification is refused.
    this.alarmTopic.addToResourcePolicy(alarmsMayPublish(this, this.alarmTopic.topicArn));
    const action = new SnsAction(this.alarmTopic);
    const groups: Record<AlarmGroup, Alarm[]> = { service: [], errors: [], throttles: [] };
    // Named `<stack>-<name>`, as the README's runbook lists them, rather than generated: the name is what the
    // notification's subject shows.
    const alarm = (
      name: string,
      metric: IMetric,
      options: { threshold: number; evaluationPeriods?: number; comparison?: ComparisonOperator; missing?: TreatMissingData; runbook: string; group?: AlarmGroup },
    ) => {
      const created = new Alarm(this, name, {
        alarmName: `${Stack.of(this).stackName}-${name}`,
        metric,
        threshold: options.threshold,
        evaluationPeriods: options.evaluationPeriods ?? 1,
        comparisonOperator: options.comparison ?? ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: options.missing ?? TreatMissingData.NOT_BREACHING,
        alarmDescription: `Supervision Code: ${options.runbook}`,
      });
      created.addAlarmAction(action);
      created.addOkAction(action);
      this.alarms.push(created);
      groups[options.group ?? 'service'].push(created);
      return created;
    };

    const deadLetters = props.deadLetters.metricApproximateNumberOfMessagesVisible({ period: fiveMinutes, statistic: 'Maximum' });
    alarm('DeadLetters', deadLetters, {
      threshold: 1,
      runbook: 'a job failed five times and sits in the dead-letter queue. Read the job-worker log for the error, fix the cause, then redrive the DLQ to the job queue (jobs are idempotent).',
    });

    for (const [handler, fn] of Object.entries(props.functions)) {
      alarm(`${handler}-Errors`, fn.metricErrors({ period: fiveMinutes, statistic: 'Sum' }), {
        threshold: 1,
        group: 'errors',
        runbook: `function ${handler} failed (uncaught error or timeout). Its log group (Lambda console: the function's Monitor tab, View CloudWatch logs; the group's name is generated, not /aws/lambda/…) has the stack trace; a 4xx is never counted here.`,
      });
      alarm(`${handler}-Throttles`, fn.metricThrottles({ period: fiveMinutes, statistic: 'Sum' }), {
        threshold: 1,
        group: 'throttles',
        runbook: `function ${handler} was throttled: the account's or its reserved concurrency is used up. Check the scan flood (WAF, dashboard), then raise reservedConcurrency in cdk.json or the account quota.`,
      });
    }

    const requests = props.api.metricCount({ period: fiveMinutes, statistic: 'Sum' });
    const serverErrors = props.api.metricServerError({ period: fiveMinutes, statistic: 'Sum' });
    const errorRate = new MathExpression({ expression: 'IF(requests > 0, 100 * errors / requests, 0)', usingMetrics: { requests, errors: serverErrors }, label: 'API 5xx %', period: fiveMinutes });
    alarm('Api5xxRate', errorRate, {
      threshold: serverErrorPercent,
      evaluationPeriods: 2,
      comparison: ComparisonOperator.GREATER_THAN_THRESHOLD,
      runbook: `over ${serverErrorPercent}% of API requests answered 5xx for 10 minutes. The functions' error alarms name the route; the API access log has each request's status and route.`,
    });

    const scanLatency = new Metric({
      namespace: 'AWS/ApiGateway',
      metricName: 'Latency',
      dimensionsMap: { ApiId: props.api.apiId, Stage: props.stageName, Method: props.scanRoute.method, Resource: props.scanRoute.path },
      statistic: 'p99',
      period: fiveMinutes,
      label: 'scan p99 (ms)',
    });
    alarm('ScanLatencyP99', scanLatency, {
      threshold: scanLatencyP99Ms,
      evaluationPeriods: 3,
      comparison: ComparisonOperator.GREATER_THAN_THRESHOLD,
      runbook: `the scan page's p99 latency stayed above ${scanLatencyP99Ms} ms for 15 minutes. Check the scan function's duration and cold starts, DynamoDB latency and throttles by operation on the dashboard.`,
    });

    const tableThrottles = props.table.metricThrottledRequestsForOperations({ operations: tableOperations as never, period: fiveMinutes });
    alarm('TableThrottles', tableThrottles, {
      threshold: 1,
      runbook: 'DynamoDB throttled requests on the main table (on demand: a hot partition or a sudden jump past twice the previous peak). Find the operation on the dashboard (throttles by operation); a hot key is usually a counter item.',
    });
    // UserErrors has no table dimension: it counts HTTP 400s of every table in the region (conditional-check failures are not among them).
    const userErrors = props.table.metricUserErrors({ period: fiveMinutes, statistic: 'Sum' });
    alarm('DynamoDbUserErrors', userErrors, {
      threshold: 10,
      evaluationPeriods: 2,
      runbook: 'DynamoDB answered 400s (validation errors, items over 400 KB, bad expressions) for 10 minutes. A code bug: the failing function logs the ValidationException.',
    });

    // A scheduled run is complete when its last segment finishes (ScheduledRunsCompleted). Hours with none are
    // breaching, so a run that never started, stopped half-way or keeps failing alarms once a day has gone by with
    // no complete run, plus slack for a run that finishes later than the day before.
    const runsCompleted = (schedule: ScheduleName, period = Duration.hours(1)) =>
      new Metric({
        namespace: metricsNamespace,
        metricName: metricNames.scheduledRunsCompleted,
        dimensionsMap: { service: serviceName, [metricDimensions.schedule]: schedule },
        statistic: 'Sum',
        period,
      });
    for (const schedule of Object.keys(scheduledJobs) as ScheduleName[]) {
      alarm(`${schedule}-NotCompleted`, runsCompleted(schedule), {
        threshold: 1,
        evaluationPeriods: runCompletionHours,
        comparison: ComparisonOperator.LESS_THAN_THRESHOLD,
        missing: TreatMissingData.BREACHING,
        runbook: `no ${schedule} run completed in ${runCompletionHours} hours although it is scheduled every night: it did not start, stopped half-way or keeps failing. Look for its segments in the job-worker log (errors, timeouts) and the dead-letter queue, and check its EventBridge Scheduler schedule. Once fixed, start a run by hand (jobs are idempotent): ${sendJobCommand(props.jobQueue.queueUrl, scheduledJobs[schedule].job(props.schedules[schedule]))}`,
      });
    }

    const fnMetrics = (make: (fn: IFunction) => IMetric) => Object.values(props.functions).map(make);
    const scanDuration = (statistic: string) => props.scanFunction.metricDuration({ period: fiveMinutes, statistic, label: `${statistic} (ms)` });
    const tableLatency = (operation: string) =>
      props.table.metricSuccessfulRequestLatency({ dimensionsMap: { TableName: props.table.tableName, Operation: operation }, period: fiveMinutes, statistic: 'Average', label: `${operation} average (ms)` });
    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: `${Stack.of(this).stackName}-operations`,
      defaultInterval: Duration.hours(24),
      widgets: [
        ...alarmStatusWidgets(groups),
        [
          new GraphWidget({ title: 'API requests and 5xx', left: [requests, serverErrors, props.api.metricClientError({ period: fiveMinutes, statistic: 'Sum' })], right: [errorRate], width: 12 }),
          new GraphWidget({ title: 'Scan p99 latency (ms)', left: [scanLatency], leftAnnotations: [{ value: scanLatencyP99Ms, label: 'alarm' }], width: 12 }),
        ],
        [
          new GraphWidget({ title: 'Scan function duration (ms)', left: [scanDuration('p50'), scanDuration('p99')], width: 12 }),
          // Lambda publishes no init metric: a cold start's REPORT log line carries @initDuration.
          new LogQueryWidget({
            title: 'Scan function cold starts (its REPORT log lines)',
            logGroupNames: [props.scanFunction.logGroup.logGroupName],
            queryLines: ['filter @type = "REPORT" and ispresent(@initDuration)', 'stats count(*) as coldStarts, pct(@initDuration, 50) as initP50, pct(@initDuration, 99) as initP99 by bin(5m)'],
            view: LogQueryVisualizationType.LINE,
            width: 12,
          }),
        ],
        [
          new GraphWidget({ title: 'Function errors', left: fnMetrics((fn) => fn.metricErrors({ period: fiveMinutes, statistic: 'Sum' })), width: 12 }),
          new GraphWidget({ title: 'Function throttles', left: fnMetrics((fn) => fn.metricThrottles({ period: fiveMinutes, statistic: 'Sum' })), width: 12 }),
        ],
        ...(props.webAcl ? [[firewallWidget(props.webAcl)]] : []),
        [
          new GraphWidget({ title: 'Job queue: dead letters and worker runs', left: [deadLetters], right: [props.worker.metricInvocations({ period: fiveMinutes, statistic: 'Sum' })], width: 12 }),
          new GraphWidget({ title: 'Scheduled runs completed (a day)', left: (Object.keys(scheduledJobs) as ScheduleName[]).map((schedule) => runsCompleted(schedule, Duration.days(1)).with({ label: schedule })), width: 12 }),
        ],
        [
          new GraphWidget({ title: 'DynamoDB request latency (ms)', left: ['GetItem', 'Query'].map(tableLatency), width: 12 }),
          new GraphWidget({
            title: 'DynamoDB throttles by operation, and user errors',
            left: tableOperations.map((operation) => props.table.metricThrottledRequestsForOperation(operation, { period: fiveMinutes, label: operation })),
            right: [userErrors],
            width: 12,
          }),
        ],
      ],
    });
  }
}

/** The AWS CLI line that puts `job` on the job queue by hand, as the worker reads it (the job's JSON, functions/job-worker.ts). */
export const sendJobCommand = (queueUrl: string, job: Job) => `aws sqs send-message --queue-url ${queueUrl} --message-body '${JSON.stringify(job)}'`;

/** One status widget a group of alarms, or several where a group passes CloudWatch's 100 alarms a widget. */
function alarmStatusWidgets(groups: Record<AlarmGroup, Alarm[]>) {
  return (Object.entries(groups) as [AlarmGroup, Alarm[]][]).flatMap(([group, alarms]) => {
    const parts = Math.ceil(alarms.length / alarmsPerStatusWidget);
    return Array.from({ length: parts }, (_, i) => [
      new AlarmStatusWidget({
        title: parts > 1 ? `${groupTitles[group]} (${i + 1} of ${parts})` : groupTitles[group],
        alarms: alarms.slice(i * alarmsPerStatusWidget, (i + 1) * alarmsPerStatusWidget),
        width: 24,
        height: group === 'service' ? 3 : 6,
      }),
    ]);
  });
}

/** Requests the web ACL blocked: scans past the per-address limit, and everything its rules blocked. */
function firewallWidget(webAcl: WebAclRef) {
  const blocked = (rule: string, label: string) =>
    new Metric({ namespace: 'AWS/WAFV2', metricName: 'BlockedRequests', dimensionsMap: { WebACL: webAcl.name, Rule: rule }, region: webAcl.region, statistic: 'Sum', period: fiveMinutes, label });
  return new GraphWidget({ title: 'WAF: blocked requests (us-east-1)', left: [blocked(scanRuleName, 'scans past the per-address limit'), blocked('ALL', 'all rules')], width: 24 });
}
