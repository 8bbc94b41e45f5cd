import { Duration, Names, Stack, Validations } from 'aws-cdk-lib';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { type Charset, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Bucket, CfnBucket } from 'aws-cdk-lib/aws-s3';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import { mainTable } from '../../shared/store/resources.ts';
import { credentialChainAlias, esbuildCharset, esbuildTarget, esmRequireBanner, externalModules, functionEntry } from '../bundling.ts';

/** What one function may touch, and nothing more. */
export interface FunctionAccess {
  /** DynamoDB actions on the table itself. */
  table?: string[];
  /** DynamoDB actions on the byParent index. */
  index?: string[];
  /** S3 prefixes of the files bucket read (GetObject) and written (PutObject). */
  read?: string[];
  write?: string[];
  /** S3 prefixes listed (ListBucket limited to the prefix): without it S3 answers a HEAD of a missing file 403, not 404. */
  list?: string[];
  /** Sends jobs to the queue. */
  sendsJobs?: boolean;
  /** Puts events (new clues, escalations, trigger inspections, alerts) on the event bus. */
  publishesEvents?: boolean;
  /** Draw seeds: `seal` encrypts with the seed key (announce), `open` decrypts (execute, and nothing else). */
  seeds?: 'seal' | 'open';
  memorySize?: number;
  timeout?: Duration;
  /** Concurrency set aside for this function, which is also its ceiling. */
  reservedConcurrency?: number;
}

export interface FunctionContext {
  table: TableV2;
  files: Bucket;
  jobs: Queue;
  bus: IEventBus;
  seedKey: IKey;
  environment: Record<string, string>;
  logRetention: RetentionDays;
}

/**
 * A function from `functions/<handler>.ts`: bundled by the local esbuild (ESM, Node 24, ARM64, the SDK inside with
 * its credential chain aliased), with its own role and log group and only the grants its access entry lists.
 */
export function makeFunction(scope: Construct, handler: string, context: FunctionContext, access: FunctionAccess = {}): NodejsFunction {
  const logGroup = new LogGroup(scope, `${handler}-logs`, { retention: context.logRetention });
  const role = new Role(scope, `${handler}-role`, { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
  logGroup.grantWrite(role);
  const fn = new NodejsFunction(scope, handler, {
    entry: functionEntry(handler),
    runtime: Runtime.NODEJS_24_X,
    architecture: Architecture.ARM_64,
    memorySize: access.memorySize ?? 1024,
    timeout: access.timeout ?? Duration.seconds(10),
    ...(access.reservedConcurrency ? { reservedConcurrentExecutions: access.reservedConcurrency } : {}),
    role,
    logGroup,
    // X-Ray: every invocation traced by Lambda; the job worker adds Powertools Tracer's subsegments (shared/telemetry/tracer.ts).
    tracing: Tracing.ACTIVE,
    environment: context.environment,
    bundling: {
      format: OutputFormat.ESM,
      target: esbuildTarget,
      charset: esbuildCharset as Charset,
      mainFields: ['module', 'main'],
      minify: true,
      externalModules,
      banner: esmRequireBanner,
      esbuildArgs: Object.fromEntries(Object.entries(credentialChainAlias).map(([from, to]) => [`--alias:${from}`, to])),
    },
  });
  Validations.of(role).acknowledge({
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason: 'Active tracing: xray:PutTraceSegments and xray:PutTelemetryRecords take no resource-level permissions, so CDK grants them on "*" (only these two actions; the stack test checks it).',
  });
  // Exact statements rather than the L2 grant helpers, which add index/* and s3:List*/GetBucket* wildcards.
  if (access.table) role.addToPolicy(new PolicyStatement({ actions: access.table, resources: [context.table.tableArn] }));
  if (access.index) {
    const indexes = Object.values(mainTable.indexes).map((index) => `${context.table.tableArn}/index/${index.name}`);
    role.addToPolicy(new PolicyStatement({ actions: access.index, resources: indexes }));
  }
  const bucketArn = bucketArnInFindings(scope, context.files);
  for (const [action, prefixes] of [['s3:GetObject', access.read], ['s3:PutObject', access.write]] as const) {
    for (const prefix of prefixes ?? []) {
      role.addToPolicy(new PolicyStatement({ actions: [action], resources: [context.files.arnForObjects(`${prefix}*`)] }));
      Validations.of(role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::${bucketArn}/${prefix}*]`,
        reason: `Object keys are minted per code, submission or draw, so ${action} is granted on the ${prefix} prefix of the files bucket, not on fixed keys.`,
      });
    }
  }
  for (const prefix of access.list ?? []) {
    role.addToPolicy(new PolicyStatement({ actions: ['s3:ListBucket'], resources: [context.files.bucketArn], conditions: { StringLike: { 's3:prefix': `${prefix}*` } } }));
  }
  if (access.sendsJobs) role.addToPolicy(new PolicyStatement({ actions: ['sqs:SendMessage'], resources: [context.jobs.queueArn] }));
  if (access.seeds) role.addToPolicy(new PolicyStatement({ actions: [access.seeds === 'seal' ? 'kms:Encrypt' : 'kms:Decrypt'], resources: [context.seedKey.keyArn] }));
  if (access.publishesEvents) role.addToPolicy(new PolicyStatement({ actions: ['events:PutEvents'], resources: [context.bus.eventBusArn] }));
  return fn;
}

/**
 * The files bucket's ARN as cdk-nag names it in a finding on a policy of `scope`'s stack: the bucket's attribute in
 * its own stack; in a nested stack (the API's functions), the parameter CDK passes the ARN in by, which it names
 * `referenceto<unique id of the bucket><attribute>`.
 */
function bucketArnInFindings(scope: Construct, files: Bucket) {
  const bucket = files.node.defaultChild as CfnBucket;
  return Stack.of(scope) === Stack.of(bucket) ? `<${Stack.of(bucket).getLogicalId(bucket)}.Arn>` : `<referenceto${Names.nodeUniqueId(bucket.node)}Arn>`;
}
