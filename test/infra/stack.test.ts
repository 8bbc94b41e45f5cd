/** The CDK stack as CloudFormation: what it must contain, and cdk-nag AwsSolutions passing on it. */
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app.ts';
import { deployedRoutes, routeKey } from '../../shared/api/routes.ts';
import { mainTable } from '../../shared/store/resources.ts';

// Skip bundling (esbuild per function) and CloudFormation's own validation: this file asserts on the template.
const fastApp = () => new App({ context: { 'aws:cdk:bundling-stacks': [] }, builtinCloudFormationValidation: false } as never);

let template: Template;
let resources: Record<string, { Type: string; Properties: Record<string, any> }>;
beforeAll(() => {
  const { stack } = buildApp(fastApp());
  template = Template.fromStack(stack);
  resources = template.toJSON().Resources;
});

const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);

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

  it('lets browsers fetch draw files and upload evidence cross-origin through presigned URLs only', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      VersioningConfiguration: { Status: 'Enabled' },
      CorsConfiguration: { CorsRules: [Match.objectLike({ AllowedMethods: ['GET', 'PUT', 'HEAD'], AllowedHeaders: ['content-type', 'if-none-match'] })] },
    });
  });

  it('makes one Node 24 ARM64 function per deployed route, plus the authorizer and the job worker', () => {
    // aws-cdk-lib's own deploy-time bucket-notification handler is not one of ours.
    const functions = ofType('AWS::Lambda::Function')
      .filter(([id]) => !id.startsWith('BucketNotificationsHandler'))
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
    for (const [id, policy] of ofType('AWS::IAM::Policy')) {
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
