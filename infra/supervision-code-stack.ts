import { CfnOutput, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { deviceScope } from '../shared/auth/principal.ts';
import { defaults } from '../shared/store/resources.ts';
import { Api } from './constructs/api.ts';
import { Data } from './constructs/data.ts';
import { Events } from './constructs/events.ts';
import { Jobs } from './constructs/jobs.ts';
import { schedulesFrom, type JobSchedule, type ScheduleName } from '../shared/schedules.ts';
import { Identity } from './constructs/identity.ts';

/** Settings an operator may change in cdk.json ("context") or with `-c key=value`. */
export interface Settings {
  /** Days a code stays valid after the inspection window. */
  codeGraceDays: number;
  /** Base URL printed in QR codes, e.g. a custom domain; default: the API's own URL. */
  publicBaseUrl?: string;
  logRetentionDays: RetentionDays;
  /** When the scoring and the warning and trigger sweeps run, and over how many segments each fans out. */
  schedules: Record<ScheduleName, JobSchedule>;
  /** The authority's time zone: what "today" is for rule windows and due days. */
  timeZone: string;
}

export function settingsFrom(scope: Construct): Settings {
  const context = (key: string) => scope.node.tryGetContext(key) as unknown;
  const publicBaseUrl = context('publicBaseUrl');
  return {
    codeGraceDays: Number(context('codeGraceDays') ?? defaults.codeGraceDays),
    ...(typeof publicBaseUrl === 'string' && publicBaseUrl ? { publicBaseUrl } : {}),
    logRetentionDays: Number(context('logRetentionDays') ?? RetentionDays.THREE_MONTHS) as RetentionDays,
    schedules: schedulesFrom(context('schedules')),
    timeZone: String(context('timeZone') ?? defaults.timeZone),
  };
}

export class SupervisionCodeStack extends Stack {
  constructor(scope: Construct, id: string, props: StackProps = {}) {
    super(scope, id, { description: 'Supervision Code: inspection codes for market supervision', ...props });
    const settings = settingsFrom(this);
    const data = new Data(this, 'Data');
    // Turning on EventBridge for the files bucket makes aws-cdk-lib add its bucket-notification custom resource,
    // whose role it gives AWSLambdaBasicExecutionRole (logs only); it runs at deploy time. Every function of ours has
    // its own role without managed policies, so this finding can only be that one.
    Validations.of(this).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason: "aws-cdk-lib's BucketNotificationsHandler (deploy-time custom resource enabling EventBridge on the files bucket) uses this logs-only managed policy; our own functions have hand-made roles.",
    });
    const identity = new Identity(this, 'Identity');
    const jobs = new Jobs(this, 'Jobs');
    const events = new Events(this, 'Events');
    const api = new Api(this, 'Api', {
      table: data.table,
      files: data.files,
      jobs: jobs.queue,
      bus: events.bus,
      timeZone: settings.timeZone,
      issuer: identity.issuer,
      audience: identity.client.userPoolClientId,
      codeGraceDays: settings.codeGraceDays,
      ...(settings.publicBaseUrl ? { publicBaseUrl: settings.publicBaseUrl } : {}),
      logRetention: settings.logRetentionDays,
    });
    jobs.addWorker(api.context, settings.schedules);

    new CfnOutput(this, 'ApiUrl', { value: api.url, description: 'Base URL of the API; scan URLs are <ApiUrl>/c/<code>' });
    new CfnOutput(this, 'UserPoolId', { value: identity.userPool.userPoolId, description: 'Create users here; put each in one group (its role)' });
    new CfnOutput(this, 'UserPoolClientId', { value: identity.client.userPoolClientId, description: 'App client for signing in (SRP)' });
    new CfnOutput(this, 'DeviceTokenEndpoint', {
      value: `${identity.domain.baseUrl()}/oauth2/token`,
      description: `Devices: one app client each (client credentials, scope ${deviceScope}); register its client id with PUT /devices/{id}`,
    });
    new CfnOutput(this, 'TableName', { value: data.table.tableName });
    new CfnOutput(this, 'FilesBucketName', { value: data.files.bucketName });
    new CfnOutput(this, 'NotificationTopicArn', { value: events.topic.topicArn, description: 'Subscribe (e-mail, SMS, HTTPS) to hear of new clues, escalations and trigger inspections' });
    new CfnOutput(this, 'EventBusName', { value: events.bus.eventBusName, description: 'Every domain event (source supervision-code); add rules for other systems' });
  }
}
