import { fileURLToPath } from 'node:url';
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
import { Identity, webScopes } from './constructs/identity.ts';
import { Web } from './constructs/web.ts';

/** The Vite build of the web app (`npm run build:web`). */
const webDist = fileURLToPath(new URL('../web/dist', import.meta.url));

/** Settings an operator may change in cdk.json ("context") or with `-c key=value`. */
export interface Settings {
  /** Days a code stays valid after the inspection window. */
  codeGraceDays: number;
  /** Base URL printed in QR codes, e.g. a custom domain in front of the distribution; default: the distribution's URL. */
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
    // The distribution's own domain is not known at synth, so CORS names CloudFront's domains (plus a custom one).
    const customOrigins = settings.publicBaseUrl ? [new URL(settings.publicBaseUrl).origin] : [];
    const data = new Data(this, 'Data', { webOrigins: ['https://*.cloudfront.net', ...customOrigins] });
    // Turning on EventBridge for the files bucket makes aws-cdk-lib add its bucket-notification custom resource, and
    // the web app's BucketDeployment adds its own; aws-cdk-lib gives both roles AWSLambdaBasicExecutionRole (logs
    // only); they run at deploy time. Every function of ours has its own role without managed policies.
    Validations.of(this).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason: "aws-cdk-lib's deploy-time custom resources (BucketNotificationsHandler enabling EventBridge on the files bucket, BucketDeployment copying the web app) use this logs-only managed policy; our own functions have hand-made roles.",
    });
    const identity = new Identity(this, 'Identity');
    const jobs = new Jobs(this, 'Jobs');
    const events = new Events(this, 'Events');
    // The API resource, then the distribution in front of it, then the functions, which need the distribution's
    // URL (QR codes) and the web client (the token audience): see Api.
    const api = new Api(this, 'Api', { logRetention: settings.logRetentionDays });
    const web = new Web(this, 'Web', {
      api: api.httpApi,
      files: data.files,
      accessLogs: data.accessLogs,
      signInUrl: identity.domain.baseUrl(),
      issuerOrigin: identity.issuerOrigin,
      dist: webDist,
    });
    const webClient = identity.addWebClient([web.url, ...customOrigins]);
    const context = api.addRoutes({
      table: data.table,
      files: data.files,
      jobs: jobs.queue,
      bus: events.bus,
      timeZone: settings.timeZone,
      issuer: identity.issuer,
      audience: webClient.userPoolClientId,
      codeGraceDays: settings.codeGraceDays,
      publicBaseUrl: settings.publicBaseUrl ?? web.url,
    });
    jobs.addWorker(context, settings.schedules);
    web.deploy({
      apiBase: '/api',
      authority: identity.issuer,
      clientId: webClient.userPoolClientId,
      timeZone: settings.timeZone,
      scope: webScopes.map((s) => s.scopeName).join(' '),
    });

    new CfnOutput(this, 'WebUrl', { value: web.url, description: 'The web app: sign in here; the API is <WebUrl>/api, scan URLs are <WebUrl>/c/<code>' });
    new CfnOutput(this, 'ApiUrl', { value: api.url, description: "The API's own URL (scripts may call it directly; browsers use <WebUrl>/api)" });
    new CfnOutput(this, 'UserPoolId', { value: identity.userPool.userPoolId, description: 'Create users here; put each in one group (its role)' });
    new CfnOutput(this, 'UserPoolClientId', { value: webClient.userPoolClientId, description: 'The web app client (managed login, code + PKCE; SRP for scripts)' });
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
