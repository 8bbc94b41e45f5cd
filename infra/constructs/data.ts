import { CfnResource, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { AttributeType, Billing, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Key } from 'aws-cdk-lib/aws-kms';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, HttpMethods, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { filesBucket, mainTable } from '../../shared/store/resources.ts';

export interface DataProps {
  /**
   * Origins whose pages upload evidence straight to the files bucket with presigned PUT URLs (CORS). Patterns such
   * as `https://*.cloudfront.net` are allowed: the presigned signature, not CORS, is what grants the upload.
   */
  webOrigins: string[];
  /** Days the access logs (buckets' and CloudFront's) are kept. */
  logRetentionDays: number;
}

/** The table and the files bucket, both retained when the stack is deleted: they hold the authority's records. */
export class Data extends Construct {
  readonly table: TableV2;
  readonly files: Bucket;
  /** Server access logs of the buckets and the distribution's standard logs. */
  readonly accessLogs: Bucket;
  /** Seals draw seeds until execution: the announce function encrypts with it, only the execute function decrypts. */
  readonly seedKey: Key;

  constructor(scope: Construct, id: string, props: DataProps) {
    super(scope, id);
    this.seedKey = new Key(this, 'DrawSeedKey', { description: 'Draw seeds, sealed until execution', enableKeyRotation: true, removalPolicy: RemovalPolicy.RETAIN });
    // One table for entities, facts, inspectors, inspections, codes, scan logs, clues and alerts; keys in shared/store/resources.ts.
    this.table = new TableV2(this, mainTable.logicalId, {
      partitionKey: { name: mainTable.partitionKey, type: AttributeType.STRING },
      sortKey: { name: mainTable.sortKey, type: AttributeType.STRING },
      billing: Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      timeToLiveAttribute: mainTable.timeToLiveAttribute,
      globalSecondaryIndexes: Object.values(mainTable.indexes).map((index) => ({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
      })),
    });

    // Server access logs of the buckets; CloudFront's standard logs need ACLs, hence BUCKET_OWNER_PREFERRED.
    this.accessLogs = new Bucket(this, 'AccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(props.logRetentionDays) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.accessLogs).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This is the access-log bucket itself; logging it into itself would loop.',
    });

    // QR images (qr/) and rectification evidence (evidence/): private, versioned, reached only by presigned URLs.
    this.files = new Bucket(this, filesBucket.logicalId, {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      serverAccessLogsBucket: this.accessLogs,
      serverAccessLogsPrefix: 'files/',
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(90) }],
      cors: [
        {
          // The web app's origins only on AWS (the presigned signature, not CORS, is what authorises an upload).
          allowedOrigins: props.webOrigins,
          allowedMethods: filesBucket.cors.methods.map((method) => HttpMethods[method]),
          allowedHeaders: [...filesBucket.cors.headers],
          maxAge: filesBucket.cors.maxAgeSeconds,
        },
      ],
      // Uploads under imports/ reach the job queue through EventBridge.
      eventBridgeEnabled: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    keepBucketNotificationLogs(this, props.logRetentionDays);
  }
}

/**
 * Turning EventBridge on adds aws-cdk-lib's deploy-time handler (one a stack), whose function has no log settings:
 * Lambda would make it a log group kept forever. Its function is pointed at a log group of ours, kept like the rest.
 */
function keepBucketNotificationLogs(scope: Construct, days: number) {
  const handler = Stack.of(scope).node.children.find((child) => child.node.id.startsWith('BucketNotificationsHandler'));
  const fn = handler?.node.tryFindChild('Resource');
  if (!(fn instanceof CfnResource) || fn.cfnResourceType !== 'AWS::Lambda::Function') {
    throw new Error("aws-cdk-lib's bucket-notifications handler (BucketNotificationsHandler<hash>/Resource) was not found: find its function again to keep its logs.");
  }
  const logs = new LogGroup(scope, 'BucketNotificationsLogs', { retention: days });
  fn.addPropertyOverride('LoggingConfig', { LogGroup: logs.logGroupName });
}
