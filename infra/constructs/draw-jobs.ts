import { Duration, Validations } from 'aws-cdk-lib';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { filesBucket } from '../../shared/store/resources.ts';
import { makeFunction, type FunctionContext } from './lambda-function.ts';

/** Long enough for the worker to snapshot or draw a city-sized pool (its own time limit is 15 minutes). */
const workerTimeout = Duration.minutes(15);

/**
 * The queue behind draws: snapshotting a pool, running a draw and issuing codes batch by batch happen here, each
 * job idempotent, so SQS's at-least-once delivery and retries are harmless. Jobs that keep failing go to the DLQ.
 */
export class DrawJobs extends Construct {
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

  /** The worker that takes the jobs: one message at a time, failures reported per message. */
  addWorker(context: FunctionContext) {
    const worker = makeFunction(this, 'draw-worker', context, {
      table: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:Query', 'dynamodb:BatchGetItem'],
      index: ['dynamodb:Query'],
      read: [filesBucket.prefixes.draws, filesBucket.prefixes.qr],
      write: [filesBucket.prefixes.draws, filesBucket.prefixes.qr],
      sendsJobs: true,
      memorySize: 3008,
      timeout: workerTimeout,
    });
    worker.addEventSource(new SqsEventSource(this.queue, { batchSize: 1, reportBatchItemFailures: true }));
    return worker;
  }
}
