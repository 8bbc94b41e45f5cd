/** The CDK stack as CloudFormation: what it must contain, and cdk-nag AwsSolutions passing on it. */
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app.ts';
import { spaFallback, stripApiPrefix } from '../../infra/constructs/edge-functions.ts';
import { deployedRoutes, routeKey } from '../../shared/api/routes.ts';
import { mainTable } from '../../shared/store/resources.ts';

// Skip bundling (esbuild per function) and CloudFormation's own validation: this file asserts on the template.
const fastApp = () => new App({ context: { 'aws:cdk:bundling-stacks': [] }, builtinCloudFormationValidation: false } as never);

let template: Template;
let resources: Record<string, { Type: string; Properties: Record<string, any>; DependsOn?: string[] }>;
let assemblyDir: string;
beforeAll(() => {
  const { app, stack } = buildApp(fastApp());
  template = Template.fromStack(stack);
  resources = template.toJSON().Resources;
  assemblyDir = app.outdir;
});

const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
/** aws-cdk-lib's own deploy-time functions (EventBridge on the files bucket, copying the web build): not ours. */
const deployTimeHandler = /^(BucketNotificationsHandler|CustomCDKBucketDeployment)/;

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
        GlobalSecondaryIndexes: [Match.objectLike({ IndexName: mainTable.indexes.byParent.name })],
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
    expect(publishers.map(([id]) => id.replace(/roleDefaultPolicy.*/, '')).sort()).toEqual(['Apipostalert', 'Jobsjobworker']);
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

  it('grants no wildcard action and no resource "*" to any function', () => {
    for (const [id, policy] of ofType('AWS::IAM::Policy').filter(([id]) => !deployTimeHandler.test(id))) {
      for (const statement of policy.Properties.PolicyDocument.Statement) {
        for (const action of [statement.Action].flat()) expect(action, id).not.toMatch(/\*/);
        expect([statement.Resource].flat(), id).not.toContain('*');
      }
    }
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

  it('lets the public scan function read codes and log scans, and nothing else', () => {
    expect(actionsOf('Apiresolvecoderole').sort()).toEqual(['dynamodb:GetItem', 'dynamodb:PutItem', 'logs:CreateLogStream', 'logs:PutLogEvents']);
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
      expect(joined(originOf(b).DomainName), path).toBe(`<${apiId()}>.execute-api.<AWS::Region>.<AWS::URLSuffix>`);
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
    expect(csp).toContain(`connect-src 'self' https://cognito-idp.<AWS::Region>.amazonaws.com https://<${domain}>.auth.<AWS::Region>.amazoncognito.com https://<DataFilesBucketB56395FD.RegionalDomainName>;`);
    expect(csp).toContain("img-src 'self' data: blob: https://<DataFilesBucketB56395FD.RegionalDomainName>;");
    // The scan page's own CSP is kept; a JSON reply gets one allowing nothing.
    expect(headersOf(behaviour('/c/*').ResponseHeadersPolicyId).ContentSecurityPolicy).toEqual({ ContentSecurityPolicy: "default-src 'none'; frame-ancestors 'none'", Override: false });
  });

  it('prints QR codes with the distribution URL and lets photos be PUT from the app to the files bucket', () => {
    const functions = ofType('AWS::Lambda::Function').filter(([id]) => !deployTimeHandler.test(id));
    for (const [id, fn] of functions) expect(joined(fn.Properties.Environment.Variables.PUBLIC_BASE_URL), id).toBe(webUrl());
    template.hasResourceProperties('AWS::S3::Bucket', {
      CorsConfiguration: { CorsRules: [Match.objectLike({ AllowedOrigins: ['https://*.cloudfront.net'], AllowedMethods: Match.arrayWith(['PUT', 'GET']) })] },
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
      authority: `https://cognito-idp.<AWS::Region>.amazonaws.com/<${single('AWS::Cognito::UserPool')[0]}>`,
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
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [], publicBaseUrl: custom }, builtinCloudFormationValidation: false } as never);
    const json = Template.fromStack(buildApp(app).stack).toJSON().Resources as typeof resources;
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
    const authorizer = ofType('AWS::Lambda::Function').find(([id]) => id.startsWith('Apiauthorize'))![1];
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
