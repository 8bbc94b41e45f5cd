import { Duration, TimeZone, Validations } from 'aws-cdk-lib';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { EventField, Rule, RuleTargetInput } from 'aws-cdk-lib/aws-events';
import { SqsQueue } from 'aws-cdk-lib/aws-events-targets';
import { Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { SqsSendMessage } from 'aws-cdk-lib/aws-scheduler-targets';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { scheduledJobs, type JobSchedule, type ScheduleName } from '../../shared/schedules.ts';
import { env, filesBucket } from '../../shared/store/resources.ts';
import { makeFunction, type FunctionContext } from './lambda-function.ts';

/** Long enough for the worker to snapshot or draw a city-sized pool, or grade a segment (its own limit is 15 minutes). */
const workerTimeout = Duration.minutes(15);

/**
 * The queue behind long jobs: snapshotting a pool, running a draw, issuing codes batch by batch, imports, and the
 * scheduled scoring and warning and trigger sweeps fanned out over segments, and the evaluation of new facts. Every job is idempotent, so SQS's at-least-once delivery and retries are
 * harmless. Jobs that keep failing go to the DLQ.
 */
export class Jobs extends Construct {
  readonly queue: Queue;
  readonly deadLetters: Queue;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.deadLetters = new Queue(this, 'DeadLetters', { enforceSSL: true, encryption: QueueEncryption.SQS_MANAGED, retentionPeriod: Duration.days(14) });
    Validations.of(this.deadLetters).acknowledge({ id: 'AwsSolutions-SQS3', reason: 'This is the dead-letter queue of the draw job queue.' });
    this.queue = new Queue(this, 'Queue', {
      enforceSSL: true,
      encryption: QueueEncryption.SQS_MANAGED,
      // Six times the worker's timeout, as Lambda's SQS integration recommends, so a slow job is not run twice at once.
      visibilityTimeout: Duration.seconds(workerTimeout.toSeconds() * 6),
      deadLetterQueue: { queue: this.deadLetters, maxReceiveCount: 5 },
    });
  }

  /** The worker that takes the jobs, one message at a time, failures reported per message; and the scheduled jobs. */
  addWorker(context: FunctionContext, schedules: Record<ScheduleName, JobSchedule>, reservedConcurrency: number) {
    const worker = makeFunction(this, 'job-worker', { ...context, environment: { ...context.environment, [env.scoringSegments]: String(schedules.scoring.segments) } }, {
      // BatchWriteItem: imports write their rows in batches of 25.
      table: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:Query', 'dynamodb:BatchGetItem', 'dynamodb:BatchWriteItem'],
      index: ['dynamodb:Query', 'dynamodb:Scan'],
      read: [filesBucket.prefixes.draws, filesBucket.prefixes.qr, filesBucket.prefixes.imports, filesBucket.prefixes.importReports],
      write: [filesBucket.prefixes.draws, filesBucket.prefixes.qr, filesBucket.prefixes.importReports],
      sendsJobs: true,
      publishesEvents: true,
      memorySize: 3008,
      timeout: workerTimeout,
      // Set aside so that the nightly jobs run under a scan flood; also the most segments that run at once.
      ...(reservedConcurrency > 0 ? { reservedConcurrency } : {}),
    });
    worker.addEventSource(new SqsEventSource(this.queue, { batchSize: 1, reportBatchItemFailures: true }));
    // Each scheduled job (scoring, warning sweep, trigger sweep) is put on the queue; the worker fans it out.
    for (const [name, schedule] of Object.entries(schedules) as [ScheduleName, JobSchedule][]) {
      new Schedule(this, `Scheduled-${name}`, {
        description: scheduledJobs[name].description,
        schedule: ScheduleExpression.expression(schedule.cron, TimeZone.of(schedule.timeZone)),
        target: new SqsSendMessage(this.queue, { input: ScheduleTargetInput.fromObject(scheduledJobs[name].job(schedule)) }),
      });
    }
    // A file put under imports/<kind>/ becomes an import job (reports go to import-reports/, which triggers nothing).
    new Rule(this, 'ImportOnUpload', {
      description: 'Imports a file put under imports/<kind>/ in the files bucket',
      eventPattern: {
        source: ['aws.s3'],
        detailType: ['Object Created'],
        detail: { bucket: { name: [context.files.bucketName] }, object: { key: [{ prefix: filesBucket.prefixes.imports }] } },
      },
      targets: [new SqsQueue(this.queue, { message: RuleTargetInput.fromObject({ kind: 'import', key: EventField.fromPath('$.detail.object.key') }) })],
    });
    return worker;
  }
}
