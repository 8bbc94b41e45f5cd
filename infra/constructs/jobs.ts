import { Duration, TimeZone, Validations } from 'aws-cdk-lib';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { EventField, Rule, RuleTargetInput } from 'aws-cdk-lib/aws-events';
import { SqsQueue } from 'aws-cdk-lib/aws-events-targets';
import { Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { SqsSendMessage } from 'aws-cdk-lib/aws-scheduler-targets';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { env, filesBucket } from '../../shared/store/resources.ts';
import { makeFunction, type FunctionContext } from './lambda-function.ts';

/** Long enough for the worker to snapshot or draw a city-sized pool, or grade a segment (its own limit is 15 minutes). */
const workerTimeout = Duration.minutes(15);

export interface ScoringSchedule {
  /** An EventBridge Scheduler cron expression, e.g. `cron(0 2 * * ? *)`. */
  cron: string;
  /** IANA time zone the cron is read in. */
  timeZone: string;
  /** Parallel-scan segments a run fans out over: each one worker's share of the city. */
  segments: number;
}

/**
 * The queue behind long jobs: snapshotting a pool, running a draw, issuing codes batch by batch, and the nightly
 * scoring fanned out over segments. Every job is idempotent, so SQS's at-least-once delivery and retries are
 * harmless. Jobs that keep failing go to the DLQ.
 */
export class Jobs extends Construct {
  readonly queue: Queue;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const deadLetters = new Queue(this, 'DeadLetters', { enforceSSL: true, encryption: QueueEncryption.SQS_MANAGED, retentionPeriod: Duration.days(14) });
    Validations.of(deadLetters).acknowledge({ id: 'AwsSolutions-SQS3', reason: 'This is the dead-letter queue of the draw job queue.' });
    this.queue = new Queue(this, 'Queue', {
      enforceSSL: true,
      encryption: QueueEncryption.SQS_MANAGED,
      // Six times the worker's timeout, as Lambda's SQS integration recommends, so a slow job is not run twice at once.
      visibilityTimeout: Duration.seconds(workerTimeout.toSeconds() * 6),
      deadLetterQueue: { queue: deadLetters, maxReceiveCount: 5 },
    });
  }

  /** The worker that takes the jobs, one message at a time, failures reported per message; and the nightly scoring. */
  addWorker(context: FunctionContext, scoring: ScoringSchedule) {
    const worker = makeFunction(this, 'job-worker', { ...context, environment: { ...context.environment, [env.scoringSegments]: String(scoring.segments) } }, {
      table: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:Query', 'dynamodb:BatchGetItem'],
      index: ['dynamodb:Query', 'dynamodb:Scan'],
      read: [filesBucket.prefixes.draws, filesBucket.prefixes.qr, filesBucket.prefixes.imports],
      write: [filesBucket.prefixes.draws, filesBucket.prefixes.qr, filesBucket.prefixes.importReports],
      sendsJobs: true,
      memorySize: 3008,
      timeout: workerTimeout,
    });
    worker.addEventSource(new SqsEventSource(this.queue, { batchSize: 1, reportBatchItemFailures: true }));
    // Nightly: a score-start job on the queue; the worker fans it out into one job per segment.
    new Schedule(this, 'NightlyScoring', {
      description: 'Grades every entity: fans out over parallel-scan segments of the table',
      schedule: ScheduleExpression.expression(scoring.cron, TimeZone.of(scoring.timeZone)),
      target: new SqsSendMessage(this.queue, { input: ScheduleTargetInput.fromObject({ kind: 'score-start' }) }),
    });
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
