/** The CDK stack as CloudFormation: what it must contain, and cdk-nag AwsSolutions passing on it. */
import { type App, Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app.ts';
import { spaFallback, stripApiPrefix } from '../../infra/constructs/edge-functions.ts';
import { deployedRoutes, routeKey, routes } from '../../shared/api/routes.ts';
import { mainTable } from '../../shared/store/resources.ts';
import { scanRateLimit, tooManyScansMessage } from '../../shared/api/limits.ts';
import { cdkJson, fastApp, wholeTemplate } from '../support/cdk.ts';

const region = cdkJson.region as string;

let template: Template;
let resources: Record<string, { Type: string; Properties: Record<string, any>; DependsOn?: string[] }>;
let assemblyDir: string;
beforeAll(() => {
  const { app, stack } = buildApp(fastApp());
  // The API's functions live in a nested stack (test/infra/stack-size.test.ts): read with the main stack as one.
  template = wholeTemplate(stack);
  resources = template.toJSON().Resources;
  assemblyDir = app.outdir;
});

const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
/**
 * aws-cdk-lib's own deploy-time functions (EventBridge on the files bucket, copying the web build, reading the web
 * ACL's ARN across regions): not ours.
 */
const deployTimeHandler = /^(BucketNotificationsHandler|CustomCDKBucketDeployment|CustomCrossRegionExportReader)/;

describe('the stack', () => {
  it('keeps the table on demand, recoverable and retained, with the keys of the shared declaration', () => {
    template.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [
          { AttributeName: mainTable.partitionKey, KeyType: 'HASH' },
          { AttributeName: mainTable.sortKey, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: Object.values(mainTable.indexes).map((index) => Match.objectLike({ IndexName: index.name })),
        Replicas: [Match.objectLike({ PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true }, DeletionProtectionEnabled: true })],
      }),
    });
  });

  it('keeps files private, encrypted, versioned and reachable over TLS only', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      VersioningConfiguration: { Status: 'Enabled' },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      BucketEncryption: Match.anyValue(),
      LoggingConfiguration: Match.anyValue(),
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
  });

  it('lets browsers fetch draw files and upload evidence cross-origin through presigned URLs only', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      VersioningConfiguration: { Status: 'Enabled' },
      CorsConfiguration: { CorsRules: [Match.objectLike({ AllowedMethods: ['GET', 'PUT', 'HEAD'], AllowedHeaders: ['content-type', 'if-none-match'] })] },
    });
  });

  it('makes one Node 24 ARM64 function per deployed route, plus the authorizer and the job worker', () => {
    const functions = ofType('AWS::Lambda::Function')
      .filter(([id]) => !deployTimeHandler.test(id))
      .map(([, r]) => r.Properties);
    expect(functions).toHaveLength(deployedRoutes.length + 2);
    for (const fn of functions) expect([fn.Runtime, fn.Architectures]).toEqual(['nodejs24.x', ['arm64']]);
  });

  it('puts the authorizer on every route but the public ones, and exposes every route of the table', () => {
    const routes = ofType('AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties);
    expect(routes.map((r) => r.RouteKey).sort()).toEqual(deployedRoutes.map(([, r]) => routeKey(r)).sort());
    for (const [, route] of deployedRoutes) {
      const deployed = routes.find((r) => r.RouteKey === routeKey(route))!;
      expect(deployed.AuthorizationType, routeKey(route)).toBe(route.access === 'public' ? 'NONE' : 'CUSTOM');
    }
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      EnableSimpleResponses: true,
      IdentitySource: ['$request.header.Authorization', '$context.routeKey'],
    });
  });

  it('runs draw jobs from an encrypted queue with a dead-letter queue, one message at a time, failures per message', () => {
    template.hasResourceProperties('AWS::SQS::Queue', { RedrivePolicy: Match.objectLike({ maxReceiveCount: 5 }), SqsManagedSseEnabled: true });
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', { BatchSize: 1, FunctionResponseTypes: ['ReportBatchItemFailures'] });
  });

  it('schedules the scoring and the warning and trigger sweeps from cdk.json, each putting its job on the queue', () => {
    const schedules = ofType('AWS::Scheduler::Schedule').map(([, r]) => [r.Properties.ScheduleExpression, r.Properties.ScheduleExpressionTimezone, JSON.parse(r.Properties.Target.Input)]);
    expect(schedules).toEqual(
      expect.arrayContaining([
        ['cron(0 2 * * ? *)', 'Asia/Shanghai', { kind: 'score-start' }],
        ['cron(0 4 * * ? *)', 'Asia/Shanghai', { kind: 'sweep-start', sweep: 'warnings', segments: 16 }],
        ['cron(30 4 * * ? *)', 'Asia/Shanghai', { kind: 'sweep-start', sweep: 'triggers', segments: 16 }],
      ]),
    );
    expect(schedules).toHaveLength(3);
  });

  it('publishes clues and trigger inspections on an event bus, forwarded to an encrypted topic for subscribers', () => {
    template.resourceCountIs('AWS::Events::EventBus', 1);
    template.hasResourceProperties('AWS::Events::Rule', {
      EventBusName: Match.anyValue(),
      EventPattern: { source: ['supervision-code'], 'detail-type': ['clue.opened', 'clue.escalated', 'trigger.fired', 'trigger.unassigned'] },
      Targets: [Match.objectLike({ Arn: Match.anyValue() })],
    });
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    const publishers = ofType('AWS::IAM::Policy').filter(([, p]) => JSON.stringify(p.Properties.PolicyDocument).includes('events:PutEvents'));
    expect(publishers.map(([id]) => id.replace(/roleDefaultPolicy.*/, '')).sort()).toEqual(['Jobsjobworker', 'postalert']);
  });

  it('lets devices get tokens by client credentials for the device scope, and expires the per-minute alert counters', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolResourceServer', { Identifier: 'supervision-code', Scopes: [Match.objectLike({ ScopeName: 'alerts.write' })] });
    template.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: Match.anyValue() });
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', { TimeToLiveSpecification: { AttributeName: mainTable.timeToLiveAttribute, Enabled: true } });
  });

  it('turns an upload under imports/ into an import job on the queue', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: Match.objectLike({ source: ['aws.s3'], 'detail-type': ['Object Created'], detail: Match.objectLike({ object: { key: [{ prefix: 'imports/' }] } }) }),
      Targets: [Match.objectLike({ InputTransformer: Match.objectLike({ InputPathsMap: { 'detail-object-key': '$.detail.object.key' } }) })],
    });
  });

  it('logs API access and throttles the stage', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AccessLogSettings: Match.objectLike({ DestinationArn: Match.anyValue() }),
      DefaultRouteSettings: Match.objectLike({ ThrottlingRateLimit: 500, ThrottlingBurstLimit: 1000 }),
    });
  });

  it('makes the Cognito groups the four roles, with MFA required', () => {
    const groups = ofType('AWS::Cognito::UserPoolGroup').map(([, r]) => r.Properties.GroupName);
    expect(groups.sort()).toEqual(['company', 'device', 'inspector', 'supervisor']);
    template.hasResourceProperties('AWS::Cognito::UserPool', { MfaConfiguration: 'ON' });
  });

  it('grants no wildcard action and no resource "*" to any function, but X-Ray tracing (which has no resource-level permissions)', () => {
    for (const [id, policy] of ofType('AWS::IAM::Policy').filter(([id]) => !deployTimeHandler.test(id))) {
      for (const statement of policy.Properties.PolicyDocument.Statement) {
        const actions = [statement.Action].flat();
        for (const action of actions) expect(action, id).not.toMatch(/\*/);
        if (actions.every((action) => ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'].includes(action))) continue;
        expect([statement.Resource].flat(), id).not.toContain('*');
      }
    }
  });

  it('traces every function with X-Ray', () => {
    const functions = ofType('AWS::Lambda::Function').filter(([id]) => !deployTimeHandler.test(id));
    for (const [id, fn] of functions) expect(fn.Properties.TracingConfig, id).toEqual({ Mode: 'Active' });
  });

  const actionsOf = (rolePrefix: string) => {
    const role = ofType('AWS::IAM::Role').find(([id]) => id.startsWith(rolePrefix))![0];
    return ofType('AWS::IAM::Policy')
      .filter(([, p]) => JSON.stringify(p.Properties.Roles).includes(role))
      .flatMap(([, p]) => p.Properties.PolicyDocument.Statement)
      .flatMap((s) => [s.Action].flat());
  };

  it('lets the job worker write imports in batches, sweep the index, send jobs and publish notices', () => {
    expect(actionsOf('Jobsjobworkerrole')).toEqual(expect.arrayContaining(['dynamodb:BatchWriteItem', 'dynamodb:Scan', 'sqs:SendMessage', 'events:PutEvents']));
  });

  it('seals draw seeds with a rotated, retained KMS key: only announce encrypts with it, only execute decrypts', () => {
    const [[keyId, key]] = ofType('AWS::KMS::Key') as [[string, (typeof resources)[string]]];
    expect(key.Properties.EnableKeyRotation).toBe(true);
    const kmsRoles = ofType('AWS::IAM::Role').flatMap(([id]) => (actionsOf(id).some((action) => action.startsWith('kms:')) ? [id.replace(/[0-9A-F]{8}$/, '')] : []));
    expect(kmsRoles.sort()).toEqual(['announcedrawrole', 'executedrawrole']);
    expect(actionsOf('announcedrawrole').filter((a) => a.startsWith('kms:'))).toEqual(['kms:Encrypt']);
    expect(actionsOf('executedrawrole').filter((a) => a.startsWith('kms:'))).toEqual(['kms:Decrypt']);
    expect(JSON.stringify(resources[keyId]!.Properties.KeyPolicy)).not.toContain('kms:Decrypt');
  });

  it('lets the public scan function read codes and log scans, and nothing else', () => {
    expect(actionsOf('resolvecoderole').sort()).toEqual(['dynamodb:GetItem', 'dynamodb:PutItem', 'logs:CreateLogStream', 'logs:PutLogEvents', 'xray:PutTelemetryRecords', 'xray:PutTraceSegments']);
  });
});

/** `{ Fn::Join: ['', parts] }` as a readable string, references shown as `<LogicalId>` or `<LogicalId.Attr>`. */
const joined = (value: any): string => {
  if (typeof value === 'string') return value;
  if (value?.Ref) return `<${value.Ref}>`;
  if (value?.['Fn::GetAtt']) return `<${value['Fn::GetAtt'].join('.')}>`;
  if (value?.['Fn::Join']) return value['Fn::Join'][1].map(joined).join(value['Fn::Join'][0]);
  return JSON.stringify(value);
};
const single = (type: string) => {
  const found = ofType(type);
  expect(found, type).toHaveLength(1);
  return found[0]!;
};

describe('the web app on AWS (one origin: app, /api and /c behind one CloudFront distribution)', () => {
  const distribution = () => single('AWS::CloudFront::Distribution');
  const webUrl = () => `https://<${distribution()[0]}.DomainName>`;
  const behaviour = (path: string) => distribution()[1].Properties.DistributionConfig.CacheBehaviors.find((b: any) => b.PathPattern === path);
  const originOf = (b: any) => distribution()[1].Properties.DistributionConfig.Origins.find((o: any) => o.Id === b.TargetOriginId);
  const apiId = () => single('AWS::ApiGatewayV2::Api')[0];

  it('serves the app from a private, TLS-only, versioned bucket that only CloudFront may read (Origin Access Control)', () => {
    const config = distribution()[1].Properties.DistributionConfig;
    const site = originOf(config.DefaultCacheBehavior);
    const bucketId = site.DomainName['Fn::GetAtt'][0];
    expect(resources[bucketId]!.Type).toBe('AWS::S3::Bucket');
    expect(site.OriginAccessControlId).toBeDefined();
    template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', { OriginAccessControlConfig: Match.objectLike({ OriginAccessControlOriginType: 's3', SigningBehavior: 'always' }) });
    expect(resources[bucketId]!.Properties).toMatchObject({
      VersioningConfiguration: { Status: 'Enabled' },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
    });
    const policy = ofType('AWS::S3::BucketPolicy').find(([, p]) => p.Properties.Bucket.Ref === bucketId)![1].Properties.PolicyDocument.Statement;
    expect(policy).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        expect.objectContaining({ Effect: 'Allow', Principal: { Service: 'cloudfront.amazonaws.com' }, Action: 's3:GetObject' }),
      ]),
    );
    expect(config.ViewerCertificate).toBeUndefined();
    expect(config.DefaultCacheBehavior.ViewerProtocolPolicy).toBe('redirect-to-https');
  });

  it('sends /api/* (prefix stripped) and /c/* to the HTTP API, every method, nothing cached, all viewer headers but Host', () => {
    for (const path of ['/api/*', '/c/*']) {
      const b = behaviour(path);
      expect(joined(originOf(b).DomainName), path).toBe(`<${apiId()}>.execute-api.${region}.<AWS::URLSuffix>`);
      expect(b.AllowedMethods.sort(), path).toEqual(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT']);
      expect(b.CachePolicyId, path).toBe('4135ea2d-6df8-44a3-9df3-4b5a84be39ad'); // Managed-CachingDisabled
      expect(b.OriginRequestPolicyId, path).toBe('b689b0a8-53d0-40ab-baf2-68738e2966ac'); // Managed-AllViewerExceptHostHeader
    }
    const strip = behaviour('/api/*').FunctionAssociations[0];
    expect(strip.EventType).toBe('viewer-request');
    expect(resources[strip.FunctionARN['Fn::GetAtt'][0]]!.Properties.FunctionCode).toBe(stripApiPrefix);
    expect(behaviour('/c/*').FunctionAssociations).toBeUndefined();
  });

  it('rewrites app routes to index.html at the edge, leaving files and the API alone', () => {
    const run = (code: string, uri: string) => (new Function(`${code}; return handler;`)() as (e: unknown) => { uri: string })({ request: { uri } }).uri;
    expect(run(spaFallback, '/app/inspections/insp-1')).toBe('/index.html');
    expect(run(spaFallback, '/')).toBe('/index.html');
    expect(run(spaFallback, '/draws/')).toBe('/index.html');
    expect(run(spaFallback, '/assets/index-3f2a9c.js')).toBe('/assets/index-3f2a9c.js');
    expect(run(spaFallback, '/config.json')).toBe('/config.json');
    expect(run(stripApiPrefix, '/api/inspections/insp-1')).toBe('/inspections/insp-1');
    expect(run(stripApiPrefix, '/api/c/ABC')).toBe('/c/ABC');
    // No error responses: they would turn the API's 403 and 404 into index.html.
    expect(distribution()[1].Properties.DistributionConfig.CustomErrorResponses).toBeUndefined();
    const spa = distribution()[1].Properties.DistributionConfig.DefaultCacheBehavior.FunctionAssociations[0];
    expect(resources[spa.FunctionARN['Fn::GetAtt'][0]]!.Properties.FunctionCode).toBe(spaFallback);
  });

  it('answers with HSTS, a CSP forbidding framing, no referrer, nosniff and DENY on the app and the API', () => {
    const headersOf = (ref: any) => resources[ref.Ref]!.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig;
    const config = distribution()[1].Properties.DistributionConfig;
    for (const [name, b] of [['app', config.DefaultCacheBehavior], ['api', behaviour('/api/*')], ['scan', behaviour('/c/*')]]) {
      const headers = headersOf(b.ResponseHeadersPolicyId);
      expect(headers.StrictTransportSecurity, name).toMatchObject({ AccessControlMaxAgeSec: 63072000, IncludeSubdomains: true, Override: true });
      expect(joined(headers.ContentSecurityPolicy.ContentSecurityPolicy), name).toContain("frame-ancestors 'none'");
      expect(headers.ReferrerPolicy, name).toEqual({ ReferrerPolicy: 'no-referrer', Override: true });
      expect(headers.FrameOptions, name).toEqual({ FrameOption: 'DENY', Override: true });
      expect(headers.ContentTypeOptions, name).toEqual({ Override: true });
    }
    const csp = joined(headersOf(config.DefaultCacheBehavior.ResponseHeadersPolicyId).ContentSecurityPolicy.ContentSecurityPolicy);
    const domain = single('AWS::Cognito::UserPoolDomain')[0];
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain(`connect-src 'self' https://cognito-idp.${region}.<AWS::URLSuffix> https://<${domain}>.auth.${region}.amazoncognito.com https://<DataFilesBucketB56395FD.RegionalDomainName>;`);
    expect(csp).toContain("img-src 'self' data: blob: https://<DataFilesBucketB56395FD.RegionalDomainName>;");
    // The scan page's own CSP is kept; a JSON reply gets one allowing nothing.
    expect(headersOf(behaviour('/c/*').ResponseHeadersPolicyId).ContentSecurityPolicy).toEqual({ ContentSecurityPolicy: "default-src 'none'; frame-ancestors 'none'", Override: false });
  });

  it('prints QR codes with the distribution URL and lets photos be PUT from the app to the files bucket', () => {
    const functions = ofType('AWS::Lambda::Function').filter(([id]) => !deployTimeHandler.test(id));
    for (const [id, fn] of functions) expect(joined(fn.Properties.Environment.Variables.PUBLIC_BASE_URL), id).toBe(webUrl());
    template.hasResourceProperties('AWS::S3::Bucket', {
      CorsConfiguration: { CorsRules: [Match.objectLike({ AllowedOrigins: ['https://*.cloudfront.net'], AllowedMethods: Match.arrayWith(['GET', 'PUT']) })] },
    });
  });

  it('writes config.json at deploy: API base, the pool as issuer, the web client, the time zone, uncached', () => {
    const client = single('AWS::Cognito::UserPoolClient')[0];
    const [, deployment] = ofType('Custom::CDKBucketDeployment').find(([, d]) => JSON.stringify(d.Properties.SourceMarkers ?? []).includes(client))!;
    const index = deployment.Properties.SourceMarkers.findIndex((m: object) => JSON.stringify(m).includes(client));
    const asset = deployment.Properties.SourceObjectKeys[index].replace(/\.zip$/, '');
    const markers = Object.fromEntries(Object.entries(deployment.Properties.SourceMarkers[index]).map(([marker, ref]) => [marker, joined(ref)]));
    const text = readFileSync(join(assemblyDir, `asset.${asset}`, 'config.json'), 'utf8').replace(/<<marker:0xbaba:\d+>>/g, (m) => markers[m]!);
    expect(JSON.parse(text)).toEqual({
      apiBase: '/api',
      authority: `https://cognito-idp.${region}.<AWS::URLSuffix>/<${single('AWS::Cognito::UserPool')[0]}>`,
      clientId: `<${client}>`,
      timeZone: 'Asia/Shanghai',
      scope: 'openid profile email',
    });
    expect(deployment.Properties.SystemMetadata).toEqual({ 'cache-control': 'no-cache' });
    expect(joined(deployment.Properties.DestinationBucketName)).toBe(`<${originOf(distribution()[1].Properties.DistributionConfig.DefaultCacheBehavior).DomainName['Fn::GetAtt'][0]}>`);
  });

  it('has no dependency cycle although the functions need the distribution and the distribution the API', () => {
    const refs = (value: unknown): string[] =>
      Array.isArray(value)
        ? value.flatMap(refs)
        : value && typeof value === 'object'
          ? Object.entries(value).flatMap(([k, v]) => (k === 'Ref' ? [v as string] : k === 'Fn::GetAtt' ? [(v as string[])[0]!] : refs(v)))
          : [];
    const edges = new Map(Object.entries(resources).map(([id, r]) => [id, [...refs(r.Properties), ...(r.DependsOn ?? [])].filter((d) => d in resources)]));
    const state = new Map<string, 'open' | 'done'>();
    const visit = (id: string, path: string[]): void => {
      if (state.get(id) === 'done') return;
      if (state.get(id) === 'open') throw new Error(`cycle: ${[...path, id].join(' → ')}`);
      state.set(id, 'open');
      for (const next of edges.get(id)!) visit(next, [...path, id]);
      state.set(id, 'done');
    };
    for (const id of edges.keys()) visit(id, []);
    // And the distribution really depends on the API resource alone, not on its functions.
    expect(edges.get(distribution()[0])).toContain(apiId());
  });
});

describe('a custom domain for the QR codes (cdk.json publicBaseUrl)', () => {
  it('prints it in QR codes and accepts sign-in and uploads from it as well as from the distribution', () => {
    const custom = 'https://code.supervision.test';
    const app = fastApp({ publicBaseUrl: custom });
    const json = wholeTemplate(buildApp(app).stack).toJSON().Resources as typeof resources;
    const find = (type: string) => Object.entries(json).find(([, r]) => r.Type === type)!;
    const [distributionId] = find('AWS::CloudFront::Distribution');
    const [, client] = find('AWS::Cognito::UserPoolClient');
    const functions = Object.entries(json).filter(([id, r]) => r.Type === 'AWS::Lambda::Function' && !deployTimeHandler.test(id));
    for (const [id, fn] of functions) expect(fn.Properties.Environment.Variables.PUBLIC_BASE_URL, id).toBe(custom);
    expect(client.Properties.CallbackURLs.map(joined)).toEqual([`https://<${distributionId}.DomainName>/auth/callback`, `${custom}/auth/callback`]);
    const cors = Object.values(json).find((r) => r.Properties?.CorsConfiguration)!.Properties.CorsConfiguration.CorsRules[0];
    expect(cors.AllowedOrigins).toEqual(['https://*.cloudfront.net', custom]);
  });
});

describe('the Cognito web client (managed login, authorization code + PKCE only)', () => {
  const client = () => single('AWS::Cognito::UserPoolClient')[1].Properties;
  const webUrl = () => `https://<${single('AWS::CloudFront::Distribution')[0]}.DomainName>`;

  it('is public, allows only the code flow and returns only to the web app', () => {
    expect(client().GenerateSecret).toBe(false);
    expect(client().AllowedOAuthFlows).toEqual(['code']);
    expect(client().SupportedIdentityProviders).toEqual(['COGNITO']);
    expect(client().CallbackURLs.map(joined)).toEqual([`${webUrl()}/auth/callback`]);
    expect(client().LogoutURLs.map(joined)).toEqual([`${webUrl()}/`]);
    expect(JSON.stringify(resources)).not.toContain('example.com');
  });

  it('asks for openid, profile and email, not the scope that lets a user rewrite their own attributes', () => {
    expect(client().AllowedOAuthScopes.sort()).toEqual(['email', 'openid', 'profile']);
  });

  it('lets no user write the attributes that scope them (entity, inspector, department)', () => {
    const custom = single('AWS::Cognito::UserPool')[1].Properties.Schema.map((a: { Name: string }) => `custom:${a.Name}`);
    expect(custom).toEqual(expect.arrayContaining(['custom:entityId', 'custom:inspectorId', 'custom:department']));
    // Without WriteAttributes Cognito lets a client write every mutable attribute.
    expect(client().WriteAttributes).toEqual(['locale']);
  });

  it('rotates refresh tokens, expires ID tokens within the hour, and has a managed-login style', () => {
    expect(client().RefreshTokenRotation).toEqual({ Feature: 'ENABLED', RetryGracePeriodSeconds: 10 });
    expect([client().IdTokenValidity, client().TokenValidityUnits.IdToken]).toEqual([60, 'minutes']);
    template.hasResourceProperties('AWS::Cognito::UserPoolDomain', { ManagedLoginVersion: 2 });
    template.hasResourceProperties('AWS::Cognito::ManagedLoginBranding', { ClientId: { Ref: single('AWS::Cognito::UserPoolClient')[0] }, UseCognitoProvidedValues: true });
  });

  it("is the audience whose ID tokens the API's authorizer accepts", () => {
    const authorizer = ofType('AWS::Lambda::Function').find(([id]) => id.startsWith('authorize'))![1];
    expect(authorizer.Properties.Environment.Variables.AUTH_AUDIENCE).toEqual({ Ref: single('AWS::Cognito::UserPoolClient')[0] });
  });
});

describe('cdk-nag AwsSolutions', () => {
  it('passes on the stack, every acknowledgement carrying its reason', () => {
    const { app } = buildApp(fastApp());
    expect(() => app.synth()).not.toThrow();
  });

  it('fails a synth that adds a bucket open to plain HTTP (so the check really runs)', () => {
    const app = fastApp();
    const stack = new Stack(app, 'Careless');
    new Bucket(stack, 'Plain');
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    expect(() => app.synth()).toThrow(/AwsSolutions-S10|AwsSolutions-S1/);
  });
});

describe('operations: alarms, dashboard, limits, retention (issue 14)', () => {
  const alarms = () => ofType('AWS::CloudWatch::Alarm').map(([, r]) => r.Properties);
  const topic = () => ofType('AWS::SNS::Topic').find(([id]) => id.startsWith('MonitoringAlarmTopic'))![0];
  const ourFunctions = () => ofType('AWS::Lambda::Function').filter(([id]) => !deployTimeHandler.test(id));
  const alarmOn = (metricName: string, dimension: string) =>
    alarms().filter((a) => a.MetricName === metricName && JSON.stringify(a.Dimensions ?? []).includes(`"${dimension}"`));

  it('sends every alarm, and its return to OK, to the alarm topic with a runbook line', () => {
    expect(alarms().length).toBeGreaterThan(2 * ourFunctions().length);
    for (const alarm of alarms()) {
      expect(alarm.AlarmActions, alarm.AlarmDescription).toEqual([{ Ref: topic() }]);
      expect(alarm.OKActions, alarm.AlarmDescription).toEqual([{ Ref: topic() }]);
      expect(joined(alarm.AlarmDescription)).toMatch(/^Supervision Code: .{40,}/);
    }
    // CloudWatch may publish to the topic's customer-managed key.
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: { Statement: Match.arrayWith([Match.objectLike({ Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: ['kms:Decrypt', 'kms:GenerateDataKey*'] })]) },
    });
  });

  it("watches each function's errors and throttles, the authorizer and the job worker included", () => {
    for (const [id] of ourFunctions()) {
      expect(alarmOn('Errors', id), id).toHaveLength(1);
      expect(alarmOn('Throttles', id), id).toHaveLength(1);
    }
  });

  it('raises an alarm when a job lands in the dead-letter queue, and when a nightly run did not complete for a day', () => {
    const [dlq] = ofType('AWS::SQS::Queue').find(([id]) => ofType('AWS::SQS::Queue').some(([, q]) => JSON.stringify(q.Properties.RedrivePolicy ?? {}).includes(id)))!;
    const [dead] = alarms().filter((a) => a.MetricName === 'ApproximateNumberOfMessagesVisible');
    expect(dead!.Dimensions).toEqual([{ Name: 'QueueName', Value: { 'Fn::GetAtt': [dlq, 'QueueName'] } }]);
    expect([dead!.Threshold, dead!.ComparisonOperator]).toEqual([1, 'GreaterThanOrEqualToThreshold']);
    for (const schedule of ['scoring', 'warnings', 'triggers']) {
      const notCompleted = alarms().filter((a) => a.MetricName === 'ScheduledRunsCompleted' && JSON.stringify(a.Dimensions).includes(`"${schedule}"`));
      expect(notCompleted, schedule).toHaveLength(1);
      // Hours with no complete run breach; 30 of them in a row (a day and slack for a late run) alarm.
      expect(notCompleted[0]).toMatchObject({ Namespace: 'SupervisionCode', Period: 3600, EvaluationPeriods: 30, Threshold: 1, ComparisonOperator: 'LessThanThreshold', TreatMissingData: 'breaching' });
    }
  });

  it('alarms on the API 5xx rate, the scan p99 latency (per-route metrics on) and DynamoDB throttles and 400s', () => {
    const rate = alarms().find((a) => JSON.stringify(a.Metrics ?? []).includes('100 * errors / requests'))!;
    expect(rate.Metrics.map((m: any) => m.MetricStat?.Metric.MetricName).filter(Boolean).sort()).toEqual(['5xx', 'Count']);
    const latency = alarms().find((a) => JSON.stringify(a.Metrics ?? []).includes('"Latency"'))!;
    expect(latency.Threshold).toBe(1000);
    const stat = latency.Metrics[0].MetricStat;
    expect([stat.Metric.Namespace, stat.Stat]).toEqual(['AWS/ApiGateway', 'p99']);
    expect(Object.fromEntries(stat.Metric.Dimensions.map((d: any) => [d.Name, d.Value]))).toEqual({ ApiId: { Ref: apiIdOf() }, Stage: '$default', Method: 'GET', Resource: routes.resolveCode.path });
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', { DefaultRouteSettings: Match.objectLike({ DetailedMetricsEnabled: true }) });
    const throttles = alarms().find((a) => JSON.stringify(a.Metrics ?? []).includes('ThrottledRequests'))!;
    const operations = throttles.Metrics.flatMap((m: any) => m.MetricStat?.Metric.Dimensions ?? []).filter((d: any) => d.Name === 'Operation').map((d: any) => d.Value);
    expect(operations).toEqual(expect.arrayContaining(['GetItem', 'PutItem', 'UpdateItem', 'Query', 'TransactWriteItems']));
    expect(alarms().filter((a) => a.MetricName === 'UserErrors' && a.Namespace === 'AWS/DynamoDB')).toHaveLength(1);
  });

  it('deploys a dashboard of the same: alarm status, API, scan latency, functions, dead letters, DynamoDB', () => {
    const [, dashboard] = single('AWS::CloudWatch::Dashboard');
    const body = joined(dashboard.Properties.DashboardBody);
    for (const shown of ['"alarm"', '5xx', '"Latency"', routes.resolveCode.path, 'Errors', 'Throttles', 'ApproximateNumberOfMessagesVisible', 'ThrottledRequests', 'UserErrors']) expect(body).toContain(shown);
    for (const [id] of ofType('AWS::CloudWatch::Alarm')) expect(body).toContain(`<${id}.Arn>`);
    // The web ACL's blocks, read from us-east-1 where it lives.
    expect(body).toContain('["AWS/WAFV2","BlockedRequests","Rule","ScansPerAddress","WebACL","SupervisionCodeEdge",{"label":"scans past the per-address limit","region":"us-east-1"');
  });

  it('throttles the scan and the other public routes apart from the staff routes (stage default)', () => {
    const [stageId, stage] = single('AWS::ApiGatewayV2::Stage');
    const settings = stage.Properties.RouteSettings as Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }>;
    const publicRoutes = deployedRoutes.filter(([, r]) => r.access === 'public').map(([, r]) => routeKey(r));
    expect(Object.keys(settings).sort()).toEqual(publicRoutes.sort());
    expect(settings[routeKey(routes.resolveCode)]).toMatchObject({ ThrottlingRateLimit: 200, ThrottlingBurstLimit: 400 });
    expect(settings['GET /draws/{id}/verify']).toMatchObject({ ThrottlingRateLimit: 2, ThrottlingBurstLimit: 4 });
    expect(settings['GET /stats']).toMatchObject({ ThrottlingRateLimit: 20, ThrottlingBurstLimit: 40 });
    // The stage names routes that must exist first.
    const scanRoute = ofType('AWS::ApiGatewayV2::Route').find(([, r]) => r.Properties.RouteKey === routeKey(routes.resolveCode))![0];
    expect(resources[stageId]!.DependsOn).toContain(scanRoute);
  });

  it('reserves concurrency for the scan and the job worker from cdk.json, and for no other function', () => {
    const reserved = Object.fromEntries(ourFunctions().filter(([, f]) => f.Properties.ReservedConcurrentExecutions).map(([id, f]) => [id.replace(/[A-F0-9]{8}$/, ''), f.Properties.ReservedConcurrentExecutions]));
    expect(reserved).toEqual({ resolvecode: 100, Jobsjobworker: 10 });
  });

  it('reserves nothing when set to 0 (a new account whose quota cannot spare any), also from the command line', () => {
    const { stack } = buildApp(fastApp({ reservedConcurrency: '{"scan":0,"jobs":0}' }));
    wholeTemplate(stack).resourcePropertiesCountIs('AWS::Lambda::Function', { ReservedConcurrentExecutions: Match.anyValue() }, 0);
    expect(() => buildApp(fastApp({ reservedConcurrency: { scan: -1 } }))).toThrow(/reservedConcurrency\.scan must be a whole number/);
  });

  it('keeps logs 180 days: every log group, the access-log bucket, and scan logs after their code expires (TTL)', () => {
    for (const [id, group] of ofType('AWS::Logs::LogGroup')) expect(group.Properties.RetentionInDays, id).toBe(180);
    template.hasResourceProperties('AWS::S3::Bucket', { LifecycleConfiguration: { Rules: [Match.objectLike({ ExpirationInDays: 180, Status: 'Enabled' })] } });
    const [, scan] = ourFunctions().find(([id]) => id.startsWith('resolvecode'))!;
    expect(scan.Properties.Environment.Variables.SCAN_LOG_DAYS).toBe('180');
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', { TimeToLiveSpecification: { AttributeName: mainTable.timeToLiveAttribute, Enabled: true } });
  });

  it('puts Cognito on the Plus plan with threat protection enforced, and protects the user pool from deletion', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', { UserPoolTier: 'PLUS', UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' }, DeletionProtection: 'ACTIVE' });
  });

  it("pins the region from cdk.json, an Asia-Pacific one", () => {
    expect(region).toMatch(/^ap-/);
    expect(buildApp(fastApp()).stack.region).toBe(region);
  });
});

const apiIdOf = () => Object.entries(resources).find(([, r]) => r.Type === 'AWS::ApiGatewayV2::Api')![0];

describe('the WAF web ACL in front of CloudFront (us-east-1)', () => {
  let edge: Template;
  let main: Template;
  beforeAll(() => {
    const built = buildApp(fastApp());
    edge = Template.fromStack(built.edge!);
    main = wholeTemplate(built.stack);
    expect(built.edge!.region).toBe('us-east-1');
  });
  const rules = () => Object.values(edge.findResources('AWS::WAFv2::WebACL'))[0]!.Properties.Rules as any[];

  it('limits each address to the declared scans of /c/* per window, answering 429 with Retry-After', () => {
    edge.hasResourceProperties('AWS::WAFv2::WebACL', { Name: 'SupervisionCodeEdge', Scope: 'CLOUDFRONT', DefaultAction: { Allow: {} }, CustomResponseBodies: { 'too-many-scans': { ContentType: 'TEXT_PLAIN', Content: tooManyScansMessage } } });
    const [first] = rules();
    expect(first.Priority).toBe(0);
    expect(first.Statement.RateBasedStatement).toEqual({
      Limit: scanRateLimit.requests,
      EvaluationWindowSec: scanRateLimit.windowSeconds,
      AggregateKeyType: 'IP',
      // Both paths to the scan (test/infra/operations.test.ts).
      ScopeDownStatement: { OrStatement: { Statements: expect.any(Array) } },
    });
    expect(first.Action.Block.CustomResponse).toEqual({
      ResponseCode: 429,
      CustomResponseBodyKey: 'too-many-scans',
      ResponseHeaders: [{ Name: 'Retry-After', Value: String(scanRateLimit.windowSeconds) }],
    });
  });

  it('applies the AWS managed rule groups: IP reputation, common rules and known bad inputs', () => {
    const groups = rules().slice(1).map((r) => r.Statement.ManagedRuleGroupStatement);
    expect(groups.map((g) => [g.VendorName, g.Name])).toEqual([
      ['AWS', 'AWSManagedRulesAmazonIpReputationList'],
      ['AWS', 'AWSManagedRulesCommonRuleSet'],
      ['AWS', 'AWSManagedRulesKnownBadInputsRuleSet'],
    ]);
    for (const rule of rules().slice(1)) expect(rule.OverrideAction).toEqual({ None: {} });
  });

  it('is attached to the distribution through a cross-region reference', () => {
    const [distribution] = Object.values(main.findResources('AWS::CloudFront::Distribution'));
    expect(JSON.stringify(distribution!.Properties.DistributionConfig.WebACLId)).toMatch(/ExportsReader.*cdk\/exports\/SupervisionCode\//);
  });
});

describe('the China partition (-c region=cn-north-1)', () => {
  let app: App;
  let china: Template;
  let edge: Stack | undefined;
  beforeAll(() => {
    const built = buildApp(fastApp({ region: 'cn-north-1' }));
    ({ app, edge } = built);
    china = wholeTemplate(built.stack);
  });

  it('synthesizes with cdk-nag passing, every skipped feature acknowledged', () => {
    expect(() => app.synth()).not.toThrow();
  });

  it('builds the token issuer from the partition URL suffix (amazonaws.com.cn there)', () => {
    const authorizer = Object.entries(china.findResources('AWS::Lambda::Function')).find(([id]) => id.startsWith('authorize'))![1];
    expect(joined(authorizer.Properties.Environment.Variables.AUTH_ISSUER)).toMatch(/^https:\/\/cognito-idp\.cn-north-1\.<AWS::URLSuffix>\/<IdentityUsers/);
    expect(JSON.stringify(china.toJSON())).not.toContain('arn:aws:');
  });

  it('skips what the partition lacks: WAF for CloudFront, Cognito feature plans and the newer managed login', () => {
    expect(edge).toBeUndefined();
    const [distribution] = Object.values(china.findResources('AWS::CloudFront::Distribution'));
    expect(distribution!.Properties.DistributionConfig.WebACLId).toBeUndefined();
    const [pool] = Object.values(china.findResources('AWS::Cognito::UserPool'));
    expect(pool!.Properties.UserPoolTier).toBeUndefined();
    expect(pool!.Properties.DeletionProtection).toBe('ACTIVE');
    china.resourceCountIs('AWS::Cognito::ManagedLoginBranding', 0);
  });
});
