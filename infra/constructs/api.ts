import { Duration, NestedStack, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { CfnStage, CorsHttpMethod, HttpApi, HttpMethod, HttpStage, type ThrottleSettings } from 'aws-cdk-lib/aws-apigatewayv2';
import { LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaAuthorizer, HttpLambdaResponseType } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Bucket } from 'aws-cdk-lib/aws-s3';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { deployedRoutes, routeKey, routes, type RouteSpec } from '../../shared/api/routes.ts';
import { env, filesBucket } from '../../shared/store/resources.ts';
import { makeFunction, type FunctionAccess, type FunctionContext } from './lambda-function.ts';

const { qr, evidence, draws, imports, importReports } = filesBucket.prefixes;

/**
 * What each route's function may touch (see FunctionAccess); a function missing here gets no data access at all.
 * UpdateItem also covers the GET /stats counters, which the functions whose events they count add to.
 */
const access: Record<string, FunctionAccess> = {
  'put-entity': { table: ['dynamodb:BatchGetItem', 'dynamodb:PutItem'] },
  'get-entity': { table: ['dynamodb:BatchGetItem'] },
  // The departments' inspectors (index), their assignments and the draws' reservations (queries), names (batch).
  'eligible-inspectors': { table: ['dynamodb:BatchGetItem', 'dynamodb:Query'], index: ['dynamodb:Query'] },
  'put-inspector': { table: ['dynamodb:BatchGetItem', 'dynamodb:PutItem'] },
  'list-inspectors': { index: ['dynamodb:Query'] },
  'create-inspection': { table: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'], index: ['dynamodb:Query'] },
  'count-inspections': { index: ['dynamodb:Query'] },
  'get-inspection': { table: ['dynamodb:GetItem'], read: [evidence] },
  'list-inspections': { table: ['dynamodb:Query', 'dynamodb:BatchGetItem'], index: ['dynamodb:Query'] },
  'issue-code': { table: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'], read: [qr], write: [qr] },
  'revoke-code': { table: ['dynamodb:GetItem', 'dynamodb:UpdateItem'] },
  'resolve-code': { table: ['dynamodb:GetItem', 'dynamodb:PutItem'] },
  'check-in': { table: ['dynamodb:GetItem', 'dynamodb:PutItem'] },
  // Evidence is write-once (see submit-rectification): a repeated recording checks which photos are stored.
  'record-results': { table: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'], read: [evidence], write: [evidence], list: [evidence] },
  // Evidence is write-once: a repeated submission checks (HeadObject) which files are stored before handing out URLs.
  'submit-rectification': { table: ['dynamodb:GetItem', 'dynamodb:PutItem'], read: [evidence], write: [evidence], list: [evidence] },
  'review-rectification': { table: ['dynamodb:GetItem', 'dynamodb:PutItem'] },
  'announce-draw': { table: ['dynamodb:GetItem', 'dynamodb:PutItem'], sendsJobs: true, seeds: 'seal' },
  // Reads a draft draw's pool as the snapshot job does (the segment's index entries, their grades, the inspectors'
  // assignments and other draws' loads), within API Gateway's 30 s: a district-sized pool takes well under a second.
  'preview-draw': { table: ['dynamodb:BatchGetItem', 'dynamodb:Query'], index: ['dynamodb:Query'], timeout: Duration.seconds(29) },
  'list-draws': { table: ['dynamodb:Query', 'dynamodb:BatchGetItem'] },
  'get-draw': { table: ['dynamodb:GetItem'], read: [draws] },
  'execute-draw': { table: ['dynamodb:GetItem', 'dynamodb:PutItem'], sendsJobs: true, seeds: 'open' },
  'abandon-draw': { table: ['dynamodb:GetItem', 'dynamodb:PutItem'] },
  // Recomputing a city-sized draw: the snapshots in memory, and API Gateway's 30 s as the limit.
  'verify-draw': { table: ['dynamodb:GetItem'], read: [draws], memorySize: 3008, timeout: Duration.seconds(29) },
  // The counters item, and the shares of the last scoring run's grade distribution (a query on the STATS partition).
  'get-stats': { table: ['dynamodb:GetItem', 'dynamodb:Query'] },
  'list-warnings': { index: ['dynamodb:Query'] },
  'get-warning': { table: ['dynamodb:GetItem'] },
  'transition-warning': { table: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'] },
  'put-device': { table: ['dynamodb:GetItem', 'dynamodb:PutItem'] },
  // Records the alert and its fact in one transaction, counts the device's minute, and asks the worker to evaluate.
  'post-alert': { table: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'], read: [evidence], write: [evidence], list: [evidence], sendsJobs: true, publishesEvents: true },
  'list-alerts': { index: ['dynamodb:Query'], read: [evidence] },
  'respond-to-alert': { table: ['dynamodb:GetItem', 'dynamodb:PutItem'], read: [evidence], write: [evidence], list: [evidence] },
  // Presigns the upload under imports/ (the upload itself starts the job, by the bucket's event rule).
  'request-import': { table: ['dynamodb:PutItem'], write: [imports] },
  'list-imports': { index: ['dynamodb:Query'] },
  // Presigns the download of the rejected-rows report.
  'get-import': { table: ['dynamodb:GetItem'], read: [importReports] },
  'draw-results': { table: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:BatchGetItem'], index: ['dynamodb:Query'], read: [draws], timeout: Duration.seconds(29) },
};

/**
 * Requests per second (and bursts) the stage lets through. The stage default applies to each staff route on its
 * own (a default route setting, not a shared pool); each public route has settings of its own, so a flood of scans
 * or of public draw checks cannot take the rate staff and devices need. The scan's own limit is sized for a city's
 * day (a few scans a second) with room for a morning rush; per client address, the WAF rule (shared/api/limits.ts)
 * stops one source long before.
 */
export const throttles = {
  staff: { rateLimit: 500, burstLimit: 1000 },
  scan: { rateLimit: 200, burstLimit: 400 },
  /** Lists, figures and documents anyone may read. */
  publicRead: { rateLimit: 20, burstLimit: 40 },
  /** Recomputing a draw takes seconds and 3 GB: a handful at a time. */
  verifyDraw: { rateLimit: 2, burstLimit: 4 },
} satisfies Record<string, ThrottleSettings>;

/**
 * The stage's access log: one JSON object a request, of HTTP API `$context` variables only (API Gateway developer
 * guide, "Customize HTTP API access logs"; CDK's default format has REST's `$context.resourcePath`, not one of
 * them). The route key (`GET /c/{code+}`), never the path, so no scan code reaches the log; no user agent (not
 * needed to run the API, and a fingerprint of the scanner's phone). Behind CloudFront the address is the edge's: the
 * viewer's is in the CloudFront logs. `requestId` is what the functions log as `apiRequestId`.
 */
export const accessLogFields = {
  requestId: '$context.requestId',
  ip: '$context.identity.sourceIp',
  requestTime: '$context.requestTime',
  httpMethod: '$context.httpMethod',
  routeKey: '$context.routeKey',
  status: '$context.status',
  protocol: '$context.protocol',
  responseLength: '$context.responseLength',
  authorizerError: '$context.authorizer.error',
  integrationError: '$context.integrationErrorMessage',
  integrationStatus: '$context.integrationStatus',
  integrationLatency: '$context.integrationLatency',
  responseLatency: '$context.responseLatency',
} as const;

const throttleOf = (route: RouteSpec) => (route === routes.resolveCode ? throttles.scan : route === routes.verifyDraw ? throttles.verifyDraw : throttles.publicRead);

export interface RouteProps {
  table: TableV2;
  files: Bucket;
  jobs: Queue;
  bus: IEventBus;
  /** The KMS key draw seeds are sealed with. */
  seedKey: IKey;
  timeZone: string;
  issuer: string;
  /** The web app client: the only audience whose ID tokens the authorizer accepts. */
  audience: string;
  codeGraceDays: number;
  /** Printed in QR codes: the distribution's URL, or a custom domain. */
  publicBaseUrl: string;
  /** Days a scan-log entry is kept after its code's expiry. */
  scanLogDays: number;
  /** Reserved concurrency of the scan function (see Settings.reservedConcurrency); 0: none. */
  scanConcurrency: number;
}

/**
 * The HTTP API: one Lambda per route of shared/api/routes.ts, a Lambda authorizer for every non-public route.
 * Built in two steps because the functions' settings (the web client, the distribution's URL for QR codes) come
 * from the CloudFront distribution, which itself needs the API as its origin: the API resource first, then the
 * distribution, then the functions (in a nested stack) and routes. CloudFormation sees no cycle: the distribution
 * depends on the API resource alone, never on its functions.
 */
export class Api extends Construct {
  readonly httpApi: HttpApi;
  readonly url: string;
  readonly stage: HttpStage;
  /** One JSON line per request (accessLogFields). */
  readonly accessLogs: LogGroup;
  /** Every function of the API by handler name, the authorizer included (filled by addRoutes). */
  readonly functions: Record<string, LambdaFunction> = {};
  /**
   * The functions, with their roles, policies and log groups (four resources a route), in a nested stack deployed
   * with this one, so that routes keep the main stack far below CloudFormation's 500 resources a template (README:
   * Stacks and their size). The routes, integrations and permissions (three a route) stay with the API, whose route
   * keys must be unique: moved, they would be created before the old ones were deleted.
   */
  private readonly functionStack: NestedStack;
  private readonly logRetention: RetentionDays;

  constructor(scope: Construct, id: string, props: { logRetention: RetentionDays }) {
    super(scope, id);
    this.logRetention = props.logRetention;
    this.accessLogs = new LogGroup(this, 'AccessLogs', { retention: props.logRetention });
    const { accessLogs } = this;
    this.httpApi = new HttpApi(this, 'HttpApi', {
      createDefaultStage: false,
      description: 'Supervision Code public contract v1',
      corsPreflight: { allowOrigins: ['*'], allowHeaders: ['authorization', 'content-type', 'idempotency-key'], allowMethods: [CorsHttpMethod.ANY] },
    });
    // The only stage: access-logged, throttled per route (see throttles), with per-route metrics for the scan's latency alarm.
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      accessLogSettings: { destination: new LogGroupLogDestination(accessLogs), format: AccessLogFormat.custom(JSON.stringify(accessLogFields)) },
      throttle: throttles.staff,
      detailedMetricsEnabled: true,
    });
    this.url = this.httpApi.apiEndpoint;
    this.functionStack = new NestedStack(this, 'Functions', { description: "Supervision Code: the API's functions, one per route and the authorizer, with their roles and log groups" });
  }

  /** The functions and routes; returns what they are built with, so the job worker is built with the same. */
  addRoutes(props: RouteProps): FunctionContext {
    const environment: Record<string, string> = {
      [env.jobQueueUrl]: props.jobs.queueUrl,
      [env.tableName]: props.table.tableName,
      [env.filesBucket]: props.files.bucketName,
      [env.authIssuer]: props.issuer,
      [env.authAudience]: props.audience,
      [env.codeGraceDays]: String(props.codeGraceDays),
      [env.eventBusName]: props.bus.eventBusName,
      [env.timeZone]: props.timeZone,
      [env.publicBaseUrl]: props.publicBaseUrl,
      [env.scanLogDays]: String(props.scanLogDays),
      [env.seedKeyId]: props.seedKey.keyArn,
    };

    const context: FunctionContext = { table: props.table, files: props.files, jobs: props.jobs, bus: props.bus, seedKey: props.seedKey, environment, logRetention: this.logRetention };
    const functionFor = (handler: string) => {
      const reserved = handler === routes.resolveCode.handler && props.scanConcurrency > 0 ? { reservedConcurrency: props.scanConcurrency } : {};
      return (this.functions[handler] = makeFunction(this.functionStack, handler, context, { ...access[handler], ...reserved }));
    };

    const authorizer = new HttpLambdaAuthorizer('RoleAuthorizer', functionFor('authorize'), {
      responseTypes: [HttpLambdaResponseType.SIMPLE],
      // The decision depends on the route as well as the token, so the cache keys on both.
      identitySource: ['$request.header.Authorization', '$context.routeKey'],
      resultsCacheTtl: Duration.minutes(5),
    });

    const publicSettings: Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number; DetailedMetricsEnabled: boolean }> = {};
    for (const [, route] of deployedRoutes) {
      const integration = new HttpLambdaIntegration(`${route.handler}-integration`, functionFor(route.handler!));
      const [added] = this.httpApi.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration,
        ...(route.access === 'public' ? {} : { authorizer }),
      });
      if (route.access === 'public') {
        Validations.of(added!).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason: `${route.method} ${route.path} is public by design (DESIGN §5): ${route.summary}`,
        });
        // Route settings name routes that must exist before the stage is updated.
        publicSettings[routeKey(route)] = { ThrottlingRateLimit: throttleOf(route).rateLimit, ThrottlingBurstLimit: throttleOf(route).burstLimit, DetailedMetricsEnabled: true };
        this.stage.node.addDependency(added!);
      }
    }
    (this.stage.node.defaultChild as CfnStage).routeSettings = publicSettings;
    return context;
  }
}
