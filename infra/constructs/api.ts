import { Duration, Stack, Validations } from 'aws-cdk-lib';
import { CorsHttpMethod, HttpApi, HttpMethod, HttpStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaAuthorizer, HttpLambdaResponseType } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Bucket, CfnBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { deployedRoutes } from '../../shared/api/routes.ts';
import { env, filesBucket, mainTable } from '../../shared/store/resources.ts';
import { credentialChainAlias, esbuildTarget, esmRequireBanner, functionEntry } from '../bundling.ts';

/**
 * What each function may touch, and nothing more: DynamoDB actions on the one table, S3 actions on one prefix.
 * A function missing here gets no data access at all.
 */
const access: Record<string, { table?: string[]; index?: string[]; files?: { read?: string; write?: string } }> = {
  'put-entity': { table: ['dynamodb:GetItem', 'dynamodb:PutItem'] },
  'get-entity': { table: ['dynamodb:GetItem'] },
  'put-inspector': { table: ['dynamodb:BatchGetItem', 'dynamodb:PutItem'] },
  'create-inspection': { table: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:PutItem'] },
  'get-inspection': { table: ['dynamodb:GetItem'], files: { read: filesBucket.prefixes.evidence } },
  'list-inspections': { table: ['dynamodb:Query', 'dynamodb:BatchGetItem'], index: ['dynamodb:Query'] },
  'issue-code': {
    table: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
    files: { read: filesBucket.prefixes.qr, write: filesBucket.prefixes.qr },
  },
  'revoke-code': { table: ['dynamodb:GetItem', 'dynamodb:UpdateItem'] },
  'resolve-code': { table: ['dynamodb:GetItem', 'dynamodb:PutItem'] },
  'check-in': { table: ['dynamodb:GetItem', 'dynamodb:PutItem'] },
  'record-results': { table: ['dynamodb:GetItem', 'dynamodb:PutItem'] },
  'submit-rectification': { table: ['dynamodb:GetItem', 'dynamodb:PutItem'], files: { write: filesBucket.prefixes.evidence } },
  'review-rectification': { table: ['dynamodb:GetItem', 'dynamodb:PutItem'] },
};

export interface ApiProps {
  table: TableV2;
  files: Bucket;
  issuer: string;
  audience: string;
  codeGraceDays: number;
  publicBaseUrl?: string;
  logRetention: RetentionDays;
}

/** The HTTP API: one Lambda per route of shared/api/routes.ts, a Lambda authorizer for every non-public route. */
export class Api extends Construct {
  readonly httpApi: HttpApi;
  readonly url: string;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    const environment: Record<string, string> = {
      [env.tableName]: props.table.tableName,
      [env.filesBucket]: props.files.bucketName,
      [env.authIssuer]: props.issuer,
      [env.authAudience]: props.audience,
      [env.codeGraceDays]: String(props.codeGraceDays),
      ...(props.publicBaseUrl ? { [env.publicBaseUrl]: props.publicBaseUrl } : {}),
    };

    const makeFunction = (handler: string) => {
      // An own role and log group per function: it can write its own logs and nothing else by default.
      const logGroup = new LogGroup(this, `${handler}-logs`, { retention: props.logRetention });
      const role = new Role(this, `${handler}-role`, { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
      logGroup.grantWrite(role);
      const fn = new NodejsFunction(this, handler, {
        entry: functionEntry(handler),
        runtime: Runtime.NODEJS_24_X,
        architecture: Architecture.ARM_64,
        memorySize: 1024,
        timeout: Duration.seconds(10),
        role,
        logGroup,
        environment,
        bundling: {
          format: OutputFormat.ESM,
          target: esbuildTarget,
          mainFields: ['module', 'main'],
          minify: true,
          externalModules: [],
          banner: esmRequireBanner,
          esbuildArgs: Object.fromEntries(Object.entries(credentialChainAlias).map(([from, to]) => [`--alias:${from}`, to])),
        },
      });
      // Exact statements rather than the L2 grant helpers, which add index/* and s3:List*/GetBucket* wildcards.
      const grants = access[handler];
      if (grants?.table) role.addToPolicy(new PolicyStatement({ actions: grants.table, resources: [props.table.tableArn] }));
      if (grants?.index) {
        role.addToPolicy(new PolicyStatement({ actions: grants.index, resources: [`${props.table.tableArn}/index/${mainTable.indexes.byEntity.name}`] }));
      }
      for (const [action, prefix] of [['s3:GetObject', grants?.files?.read], ['s3:PutObject', grants?.files?.write]] as const) {
        if (!prefix) continue;
        role.addToPolicy(new PolicyStatement({ actions: [action], resources: [props.files.arnForObjects(`${prefix}*`)] }));
        Validations.of(role).acknowledge({
          id: `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(props.files.node.defaultChild as CfnBucket)}.Arn>/${prefix}*]`,
          reason: `Object keys are minted per code or per submission, so ${action} is granted on the ${prefix} prefix of the files bucket, not on fixed keys.`,
        });
      }
      return fn;
    };

    const accessLogs = new LogGroup(this, 'AccessLogs', { retention: props.logRetention });
    this.httpApi = new HttpApi(this, 'HttpApi', {
      createDefaultStage: false,
      description: 'Supervision Code public contract v1',
      corsPreflight: { allowOrigins: ['*'], allowHeaders: ['authorization', 'content-type', 'idempotency-key'], allowMethods: [CorsHttpMethod.ANY] },
    });
    // The only stage: access-logged, and throttled so that a flood of scans cannot exhaust the account's Lambda concurrency.
    new HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      accessLogSettings: { destination: new LogGroupLogDestination(accessLogs) },
      throttle: { rateLimit: 500, burstLimit: 1000 },
    });

    const authorizer = new HttpLambdaAuthorizer('RoleAuthorizer', makeFunction('authorize'), {
      responseTypes: [HttpLambdaResponseType.SIMPLE],
      // The decision depends on the route as well as the token, so the cache keys on both.
      identitySource: ['$request.header.Authorization', '$context.routeKey'],
      resultsCacheTtl: Duration.minutes(5),
    });

    for (const [, route] of deployedRoutes) {
      const integration = new HttpLambdaIntegration(`${route.handler}-integration`, makeFunction(route.handler!));
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
      }
    }
    this.url = this.httpApi.apiEndpoint;
  }
}
