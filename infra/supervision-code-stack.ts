import { fileURLToPath } from 'node:url';
import { Annotations, CfnOutput, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import type { UserPoolSESOptions } from 'aws-cdk-lib/aws-cognito';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { deviceScope } from '../shared/auth/principal.ts';
import { defaults } from '../shared/store/resources.ts';
import { Api } from './constructs/api.ts';
import { Data } from './constructs/data.ts';
import { Events } from './constructs/events.ts';
import { Jobs } from './constructs/jobs.ts';
import { Monitoring, type WebAclRef } from './constructs/monitoring.ts';
import { routes } from '../shared/api/routes.ts';
import { schedulesFrom, type JobSchedule, type ScheduleName } from '../shared/schedules.ts';
import { Identity, webScopes } from './constructs/identity.ts';
import { Web, type CustomDomain } from './constructs/web.ts';
import { partitionOf } from './partition.ts';

/** The Vite build of the web app (`npm run build:web`). */
const webDist = fileURLToPath(new URL('../web/dist', import.meta.url));

/** Settings an operator may change in cdk.json ("context") or with `-c key=value`. */
export interface Settings {
  /** Days a code stays valid after the inspection window. */
  codeGraceDays: number;
  /**
   * Base URL printed in QR codes; default: `https://<first domain name>`, else the distribution's own URL (which a
   * new distribution changes: printed codes would then point nowhere).
   */
  publicBaseUrl?: string;
  /**
   * The authority's own host names for the web app, the API and the scan pages, and an ACM certificate in us-east-1
   * covering them (`{"names": ["scan.scjg.example.gov.cn"], "certificateArn": "arn:aws:acm:us-east-1:…"}`); point
   * each name's DNS (CNAME or alias) at the `DistributionDomainName` output.
   */
  domain?: CustomDomain;
  /**
   * Days the log groups, the access logs and the scan log keep what they hold (the scan log: after its code's expiry).
   * China's Cybersecurity Law (art. 21) asks for at least six months: 180, a value CloudWatch Logs accepts.
   */
  logRetentionDays: RetentionDays;
  /**
   * Concurrency set aside (and capped) for the public scan function and for the job worker, so that a flood of scans
   * cannot take what staff routes and nightly jobs need: staff functions share the rest. Lambda keeps 100 of an
   * account's quota unreserved, so these fit an account at the default quota of 1,000; a new account (quota as low as
   * 10) cannot reserve anything: set both to 0 there (no reservation) until the quota is raised.
   */
  reservedConcurrency: { scan: number; jobs: number };
  /** When the scoring and the warning and trigger sweeps run, and over how many segments each fans out. */
  schedules: Record<ScheduleName, JobSchedule>;
  /** The authority's time zone: what "today" is for rule windows and due days. */
  timeZone: string;
  /**
   * Where Cognito's mail (invitations, verification and reset codes) is sent from: an address or domain verified in
   * Amazon SES. Absent, Cognito sends from its own address, at most 50 mails a day for the whole pool.
   */
  email?: UserPoolSESOptions;
}

const defaultReservedConcurrency = { scan: 100, jobs: 10 };

/** An object setting from cdk.json, or from `-c 'key={...}'`, which the CLI passes as a string. */
function objectSetting<T>(name: string, configured: unknown): T | undefined {
  if (typeof configured !== 'string') return configured as T | undefined;
  try {
    return JSON.parse(configured) as T;
  } catch {
    throw new Error(`${name} must be a JSON object, e.g. -c '${name}={...}' (README: settings); got ${JSON.stringify(configured)}.`);
  }
}

/** CloudWatch Logs keeps logs for one of these numbers of days only (RetentionDays); 0 is "never expire". */
const retentionDayChoices = Object.values(RetentionDays).filter((days): days is number => typeof days === 'number');

function logRetentionFrom(configured: unknown): RetentionDays {
  const days = Number(configured ?? RetentionDays.SIX_MONTHS);
  if (!retentionDayChoices.includes(days) || days === RetentionDays.INFINITE) {
    throw new Error(`logRetentionDays must be one of the periods CloudWatch Logs offers: ${retentionDayChoices.filter((d) => d !== RetentionDays.INFINITE).join(', ')}; got ${JSON.stringify(configured)}.`);
  }
  return days as RetentionDays;
}

/** The base URL of the codes: an https origin with no path. */
function publicBaseUrlFrom(configured: unknown): string | undefined {
  if (configured === undefined || configured === '') return undefined;
  const url = typeof configured === 'string' && URL.canParse(configured) ? new URL(configured) : undefined;
  if (!url || url.protocol !== 'https:' || url.pathname !== '/' || url.search || url.hash) {
    throw new Error(`publicBaseUrl must be an https origin such as "https://jc.scjg.example.gov.cn" (no path); got ${JSON.stringify(configured)}.`);
  }
  return url.origin;
}

/** From cdk.json, or `-c 'reservedConcurrency={"scan":0,"jobs":0}'`. */
function reservedConcurrencyFrom(configured: unknown): Settings['reservedConcurrency'] {
  const given = objectSetting<Partial<Settings['reservedConcurrency']>>('reservedConcurrency', configured) ?? {};
  const merged = { ...defaultReservedConcurrency, ...given };
  for (const [name, value] of Object.entries(merged)) {
    if (!Number.isInteger(value) || value < 0) throw new Error(`reservedConcurrency.${name} must be a whole number, 0 for no reservation; got ${JSON.stringify(value)}.`);
  }
  return merged;
}

/** From cdk.json's `email` (`fromEmail`, and optionally `fromName`, `replyTo`, `sesRegion`, `sesVerifiedDomain`, `configurationSetName`). */
function emailFrom(configured: unknown): Settings['email'] {
  const given = objectSetting<UserPoolSESOptions>('email', configured);
  if (!given) return undefined;
  if (typeof given.fromEmail !== 'string' || !/^[^@\s]+@[^@\s]+$/.test(given.fromEmail)) {
    throw new Error(`email.fromEmail must be the address Cognito sends from, verified in Amazon SES; got ${JSON.stringify(given.fromEmail)}.`);
  }
  return given;
}

const hostName = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** From cdk.json's `domain`: host names CloudFront answers to and their certificate, which must be in us-east-1. */
function domainFrom(configured: unknown): Settings['domain'] {
  const given = objectSetting<Partial<CustomDomain>>('domain', configured);
  if (!given) return undefined;
  const { names, certificateArn } = given;
  if (!Array.isArray(names) || names.length === 0 || !names.every((name) => typeof name === 'string' && hostName.test(name))) {
    throw new Error(`domain.names must list the host names (lower case, e.g. "scan.scjg.example.gov.cn") the web app answers to; got ${JSON.stringify(names)}.`);
  }
  if (typeof certificateArn !== 'string' || !/^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate\/[\w-]+$/.test(certificateArn)) {
    throw new Error(`domain.certificateArn must be an ACM certificate in us-east-1 (CloudFront takes certificates from there only); got ${JSON.stringify(certificateArn)}.`);
  }
  return { names, certificateArn };
}

export function settingsFrom(scope: Construct): Settings {
  const context = (key: string) => scope.node.tryGetContext(key) as unknown;
  const publicBaseUrl = publicBaseUrlFrom(context('publicBaseUrl'));
  const email = emailFrom(context('email'));
  const domain = domainFrom(context('domain'));
  return {
    codeGraceDays: Number(context('codeGraceDays') ?? defaults.codeGraceDays),
    ...(publicBaseUrl ? { publicBaseUrl } : {}),
    logRetentionDays: logRetentionFrom(context('logRetentionDays')),
    reservedConcurrency: reservedConcurrencyFrom(context('reservedConcurrency')),
    schedules: schedulesFrom(context('schedules')),
    timeZone: String(context('timeZone') ?? defaults.timeZone),
    ...(email ? { email } : {}),
    ...(domain ? { domain } : {}),
  };
}

export interface SupervisionCodeStackProps extends StackProps {
  /** The CLOUDFRONT-scope web ACL (EdgeStack) and where it lives; absent where the partition has none for CloudFront. */
  webAcl?: WebAclRef;
}

export class SupervisionCodeStack extends Stack {
  constructor(scope: Construct, id: string, props: SupervisionCodeStackProps = {}) {
    super(scope, id, { description: 'Supervision Code: inspection codes for market supervision', ...props });
    const settings = settingsFrom(this);
    if (partitionOf(this).china) {
      // Information, not a warning (a warning fails the synth): what a China deployment still needs (README).
      Annotations.of(this).addInfo(
        "AWS China partition: CloudFormation there has no Cognito user pool, CloudFront Function or Origin Access Control types, and CloudFront serves only an ICP-filed domain. This template synthesizes and passes cdk-nag, but deploying it needs the changes listed in the README's 'Regions and partitions'.",
      );
    }
    // The distribution's own domain is not known at synth, so CORS names CloudFront's domains (plus custom ones).
    const domainUrls = settings.domain?.names.map((name) => `https://${name}`) ?? [];
    const customOrigins = [...new Set([...domainUrls, ...(settings.publicBaseUrl ? [settings.publicBaseUrl] : [])])];
    const data = new Data(this, 'Data', { webOrigins: ['https://*.cloudfront.net', ...customOrigins], logRetentionDays: settings.logRetentionDays });
    // Turning on EventBridge for the files bucket makes aws-cdk-lib add its bucket-notification custom resource, and
    // the web app's BucketDeployment adds its own; aws-cdk-lib gives both roles AWSLambdaBasicExecutionRole (logs
    // only); they run at deploy time. Every function of ours has its own role without managed policies.
    Validations.of(this).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason: "aws-cdk-lib's deploy-time custom resources (BucketNotificationsHandler enabling EventBridge on the files bucket, BucketDeployment copying the web app) use this logs-only managed policy; our own functions have hand-made roles.",
    });
    const identity = new Identity(this, 'Identity', settings.email ? { email: settings.email } : {});
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
      logRetention: settings.logRetentionDays,
      ...(props.webAcl ? { webAclArn: props.webAcl.arn } : {}),
      ...(settings.domain ? { domain: settings.domain } : {}),
    });
    // CloudFront's own name stays a callback beside the authority's: sign-in works before the DNS record is moved.
    const webClient = identity.addWebClient([...new Set([web.distributionUrl, ...customOrigins])]);
    const context = api.addRoutes({
      table: data.table,
      files: data.files,
      jobs: jobs.queue,
      bus: events.bus,
      seedKey: data.seedKey,
      timeZone: settings.timeZone,
      issuer: identity.issuer,
      audience: webClient.userPoolClientId,
      codeGraceDays: settings.codeGraceDays,
      publicBaseUrl: settings.publicBaseUrl ?? web.url,
      scanLogDays: settings.logRetentionDays,
      scanConcurrency: settings.reservedConcurrency.scan,
    });
    const worker = jobs.addWorker(context, settings.schedules, settings.reservedConcurrency.jobs);
    const monitoring = new Monitoring(this, 'Monitoring', {
      api: api.httpApi,
      stageName: api.stage.stageName,
      scanRoute: routes.resolveCode,
      scanFunction: api.functions[routes.resolveCode.handler]!,
      functions: { ...api.functions, 'job-worker': worker },
      worker,
      deadLetters: jobs.deadLetters,
      jobQueue: jobs.queue,
      schedules: settings.schedules,
      table: data.table,
      ...(props.webAcl ? { webAcl: props.webAcl } : {}),
    });
    web.deploy({
      apiBase: '/api',
      authority: identity.issuer,
      clientId: webClient.userPoolClientId,
      timeZone: settings.timeZone,
      scope: webScopes.map((s) => s.scopeName).join(' '),
    });

    new CfnOutput(this, 'WebUrl', { value: web.url, description: 'The web app: sign in here; the API is <WebUrl>/api, scan URLs are <WebUrl>/c/<code>' });
    new CfnOutput(this, 'DistributionDomainName', {
      value: web.distribution.distributionDomainName,
      description: "CloudFront's own name: point the `domain` setting's names here (CNAME, or an alias record in Route 53)",
    });
    new CfnOutput(this, 'ApiUrl', { value: api.url, description: "The API's own URL (scripts may call it directly; browsers use <WebUrl>/api)" });
    new CfnOutput(this, 'UserPoolId', { value: identity.userPool.userPoolId, description: 'Create users here; put each in one group (its role)' });
    new CfnOutput(this, 'UserPoolClientId', { value: webClient.userPoolClientId, description: 'The web app client (managed login, code + PKCE; SRP for scripts)' });
    new CfnOutput(this, 'DeviceTokenEndpoint', {
      value: `${identity.domain.baseUrl()}/oauth2/token`,
      description: `Devices: one app client each (client credentials, scope ${deviceScope}); register its client id with PUT /devices/{id}`,
    });
    new CfnOutput(this, 'TableName', { value: data.table.tableName });
    new CfnOutput(this, 'FilesBucketName', { value: data.files.bucketName });
    new CfnOutput(this, 'NotificationTopicArn', {
      value: events.topic.topicArn,
      description: 'Supervisors subscribe (e-mail, SMS, HTTPS): new clues, escalations, trigger inspections and triggers left without inspectors; thousands a night at city scale',
    });
    new CfnOutput(this, 'AlarmTopicArn', { value: monitoring.alarmTopic.topicArn, description: 'Operators subscribe (e-mail, SMS, HTTPS, a pager): every alarm when it fires and when it clears (README: Alarms and their runbook)' });
    new CfnOutput(this, 'DashboardName', { value: monitoring.dashboard.dashboardName, description: 'CloudWatch dashboard of the alarms (README: Alarms and their runbook)' });
    new CfnOutput(this, 'JobQueueUrl', {
      value: jobs.queue.queueUrl,
      description: "Put a job by hand, e.g. a missed nightly run: aws sqs send-message --queue-url <JobQueueUrl> --message-body '<job JSON>' (README: Alarms and their runbook)",
    });
    new CfnOutput(this, 'DeadLetterQueueUrl', { value: jobs.deadLetters.queueUrl, description: 'Jobs that failed five times (alarm DeadLetters): read, fix, then redrive to the job queue' });
    new CfnOutput(this, 'JobWorkerLogGroup', { value: worker.logGroup.logGroupName, description: 'The job worker: draws, issuance, imports, scoring and the nightly sweeps' });
    new CfnOutput(this, 'ScanLogGroup', { value: api.functions[routes.resolveCode.handler]!.logGroup.logGroupName, description: 'The public scan function (resolve-code): ScanLatencyP99, scan errors' });
    new CfnOutput(this, 'ApiAccessLogGroup', { value: api.accessLogs.logGroupName, description: "The HTTP API's access log: one JSON line per request with its route and status (Api5xxRate)" });
    new CfnOutput(this, 'EventBusName', { value: events.bus.eventBusName, description: 'Every domain event (source supervision-code); add rules for other systems' });
  }
}
