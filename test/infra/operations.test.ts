/**
 * What an operator relies on once the stack runs, read from the templates (no AWS account needed): that alarm
 * notifications can reach them, that the scan limit holds on every path to the scan, that the access log is valid
 * and free of scan codes, and that the runbook's names and commands match what is deployed.
 */
import { Template } from 'aws-cdk-lib/assertions';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app.ts';
import { stripApiPrefix } from '../../infra/constructs/edge-functions.ts';
import { alarmsPerStatusWidget, sendJobCommand } from '../../infra/constructs/monitoring.ts';
import { routes } from '../../shared/api/routes.ts';
import { scheduledJobs, schedulesFrom, type ScheduleName } from '../../shared/schedules.ts';
import { cdkJson, fastApp, wholeTemplate } from '../support/cdk.ts';

type Resources = Record<string, { Type: string; Properties: Record<string, any>; DependsOn?: string[] }>;

const read = (context: Record<string, unknown> = {}) => {
  const { stack, edge } = buildApp(fastApp(context));
  const template = wholeTemplate(stack);
  return { template, resources: template.toJSON().Resources as Resources, outputs: template.toJSON().Outputs as Record<string, any>, edge: edge && Template.fromStack(edge), stackName: stack.stackName };
};

let main: ReturnType<typeof read>;
let china: ReturnType<typeof read>;
beforeAll(() => {
  main = read();
  china = read({ region: 'cn-north-1' });
});

const ofType = (resources: Resources, type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
const alarmsOf = (resources: Resources) => ofType(resources, 'AWS::CloudWatch::Alarm').map(([id, r]) => [id, r.Properties] as const);
/** The topic every alarm notifies (when it fires and when it clears). */
const alarmTopicOf = (resources: Resources) => {
  const topics = new Set(alarmsOf(resources).flatMap(([, a]) => [...a.AlarmActions, ...a.OKActions].map((t: { Ref: string }) => t.Ref)));
  expect([...topics]).toHaveLength(1);
  return [...topics][0]!;
};
const policyOf = (resources: Resources, topic: string) =>
  ofType(resources, 'AWS::SNS::TopicPolicy').find(([, p]) => JSON.stringify(p.Properties.Topics) === JSON.stringify([{ Ref: topic }]))![1].Properties.PolicyDocument.Statement as any[];

describe('alarm notifications', () => {
  it.each([
    ['in the region of cdk.json', () => main, 'ap-southeast-1'],
    ['in the China partition', () => china, 'cn-north-1'],
  ])('may be published to the alarm topic by CloudWatch, for alarms of this account and region only (%s)', (_, built, region) => {
    const { resources } = built();
    const topic = alarmTopicOf(resources);
    const cloudWatch = policyOf(resources, topic).filter((s) => s.Principal?.Service === 'cloudwatch.amazonaws.com');
    expect(cloudWatch).toEqual([
      expect.objectContaining({
        Effect: 'Allow',
        Action: 'sns:Publish',
        Resource: { Ref: topic },
        Condition: {
          StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
          ArnLike: { 'aws:SourceArn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:cloudwatch:${region}:`, { Ref: 'AWS::AccountId' }, ':alarm:*']] } },
        },
      }),
    ]);
  });
});

describe('two topics: operators hear alarms, supervisors hear notices', () => {
  it('sends alarms to a topic of their own, apart from the notices the event rule forwards', () => {
    const { resources } = main;
    const alarms = alarmTopicOf(resources);
    const [, rule] = ofType(resources, 'AWS::Events::Rule').find(([, r]) => r.Properties.EventPattern.source?.includes('supervision-code'))!;
    const notices = rule.Properties.Targets.map((t: { Arn: { Ref: string } }) => t.Arn.Ref);
    expect(notices).toHaveLength(1);
    expect(notices[0]).not.toBe(alarms);
    expect(ofType(resources, 'AWS::SNS::Topic').map(([id]) => id).sort()).toEqual([alarms, notices[0]].sort());
    // Each policy lets in its own publisher only.
    const publishers = (topic: string) => policyOf(resources, topic).filter((s) => s.Effect === 'Allow').map((s) => s.Principal.Service);
    expect(publishers(alarms)).toEqual(['cloudwatch.amazonaws.com']);
    expect(publishers(notices[0])).toEqual(['events.amazonaws.com']);
  });

  it('encrypts each topic with a rotated key of its own that only its publisher may use', () => {
    const { resources } = main;
    const services = (topic: string) => {
      const keyId = resources[topic]!.Properties.KmsMasterKeyId['Fn::GetAtt'][0];
      expect(resources[keyId]!.Properties.EnableKeyRotation).toBe(true);
      return resources[keyId]!.Properties.KeyPolicy.Statement.filter((s: any) => s.Principal.Service).map((s: any) => [s.Principal.Service, s.Action]);
    };
    const [, rule] = ofType(resources, 'AWS::Events::Rule').find(([, r]) => r.Properties.EventPattern.source?.includes('supervision-code'))!;
    expect(services(alarmTopicOf(resources))).toEqual([['cloudwatch.amazonaws.com', ['kms:Decrypt', 'kms:GenerateDataKey*']]]);
    expect(services(rule.Properties.Targets[0].Arn.Ref)).toEqual([['events.amazonaws.com', ['kms:Decrypt', 'kms:GenerateDataKey*']]]);
  });

  it('prints both topics, each saying who subscribes', () => {
    const { outputs, resources } = main;
    expect(outputs.AlarmTopicArn).toMatchObject({ Value: { Ref: alarmTopicOf(resources) }, Description: expect.stringMatching(/^Operators subscribe/) });
    expect(outputs.NotificationTopicArn.Description).toMatch(/^Supervisors subscribe/);
    expect(outputs.NotificationTopicArn.Value.Ref).not.toBe(alarmTopicOf(resources));
  });
});

describe('the per-address scan limit (WAF, in front of CloudFront)', () => {
  const scanRule = () => (Object.values(main.edge!.findResources('AWS::WAFv2::WebACL'))[0]!.Properties.Rules as any[]).find((r) => r.Name === 'ScansPerAddress');
  const prefixes = () => scanRule().Statement.RateBasedStatement.ScopeDownStatement.OrStatement.Statements.map((s: any) => s.ByteMatchStatement);

  it('counts both viewer paths to the scan route, /c/ and /api/c/ (CloudFront strips /api after WAF has looked)', () => {
    const run = (uri: string) => (new Function(`${stripApiPrefix}; return handler;`)() as (e: unknown) => { uri: string })({ request: { uri } }).uri;
    // What CloudFront sends to the API: /c/* as is, /api/* stripped; both reach GET /c/{code+}.
    const [, distribution] = ofType(main.resources, 'AWS::CloudFront::Distribution')[0]!;
    expect(distribution.Properties.DistributionConfig.CacheBehaviors.map((b: any) => b.PathPattern).sort()).toEqual(['/api/*', '/c/*']);
    for (const viewerUri of ['/c/ABC123', '/api/c/ABC123']) {
      expect(viewerUri.startsWith('/api/') ? run(viewerUri) : viewerUri).toBe('/c/ABC123');
      expect(prefixes().filter((m: any) => viewerUri.startsWith(m.SearchString)), viewerUri).toHaveLength(1);
    }
    for (const match of prefixes()) {
      expect(match).toMatchObject({ FieldToMatch: { UriPath: {} }, PositionalConstraint: 'STARTS_WITH' });
      // Decoded and normalised first: /api//c/ or /%63/ is no way around it.
      expect(match.TextTransformations).toEqual([
        { Priority: 0, Type: 'URL_DECODE' },
        { Priority: 1, Type: 'NORMALIZE_PATH' },
      ]);
    }
  });
});

/** HTTP API `$context` variables as the API Gateway developer guide lists them ("Customize HTTP API access logs"). */
const httpApiVariables = [
  'accountId', 'apiId', 'authorizer.error', 'authorizer.principalId', 'awsEndpointRequestId', 'awsEndpointRequestId2', 'customDomain.basePathMatched',
  'dataProcessed', 'domainName', 'domainPrefix', 'error.message', 'error.messageString', 'error.responseType', 'extendedRequestId', 'httpMethod',
  'identity.sourceIp', 'identity.userAgent', 'integration.error', 'integration.integrationStatus', 'integration.latency', 'integration.requestId',
  'integration.status', 'integrationErrorMessage', 'integrationLatency', 'integrationStatus', 'path', 'protocol', 'requestId', 'requestTime',
  'requestTimeEpoch', 'responseLatency', 'responseLength', 'routeKey', 'stage', 'status',
].map((name) => `$context.${name}`);

describe('the API access log', () => {
  it.each([
    ['in the region of cdk.json', () => main],
    ['in the China partition', () => china],
  ])('is one JSON object a request, of HTTP API variables only, naming the route and never the path (%s)', (_, built) => {
    const [, stage] = ofType(built().resources, 'AWS::ApiGatewayV2::Stage')[0]!;
    const format = stage.Properties.AccessLogSettings.Format as string;
    const fields = JSON.parse(format) as Record<string, string>;
    expect(Object.keys(fields)).toEqual(
      expect.arrayContaining(['requestId', 'ip', 'requestTime', 'httpMethod', 'routeKey', 'status', 'protocol', 'responseLength', 'integrationError', 'integrationLatency', 'responseLatency']),
    );
    expect(fields.routeKey).toBe('$context.routeKey');
    for (const variable of Object.values(fields)) expect(httpApiVariables, variable).toContain(variable);
    // No scan code (it is in the path), no user agent; REST's resourcePath is not an HTTP API variable at all.
    expect(format).not.toMatch(/\$context\.(path|resourcePath|identity\.userAgent)\b/);
    expect(format.match(/\$context\.[\w.]+/g)).toHaveLength(Object.keys(fields).length);
  });
});

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
/** A README section's text, from its heading to the next. */
const section = (heading: string) => readme.slice(readme.indexOf(`### ${heading}\n`)).split(/\n#{2,3} /)[0]!;

/** A string or `{ Fn::Join: ['', parts] }` as text, each reference shown as `<LogicalId>` or `<LogicalId.Attribute>`. */
const joined = (value: any): string =>
  typeof value === 'string' ? value : value.Ref ? `<${value.Ref}>` : value['Fn::GetAtt'] ? `<${value['Fn::GetAtt'].join('.')}>` : value['Fn::Join'][1].map(joined).join('');

/** The dashboard body as JSON. */
const dashboardOf = (resources: Resources) => {
  const [, dashboard] = ofType(resources, 'AWS::CloudWatch::Dashboard')[0]!;
  return JSON.parse(joined(dashboard.Properties.DashboardBody)) as { widgets: { type: string; properties: any }[] };
};

describe('alarms an operator can find in the runbook, and the dashboard it points to', () => {
  it('names every alarm <stack>-<name>, each listed in the README runbook (functions as <function>)', () => {
    const { resources, stackName } = main;
    const names = alarmsOf(resources).map(([, a]) => a.AlarmName as string);
    expect(new Set(names).size).toBe(names.length);
    const runbook = section('Alarms and their runbook');
    for (const name of names) {
      expect(name).toMatch(new RegExp(`^${stackName}-[\\w-]+$`));
      const kind = name.slice(stackName.length + 1).match(/^.+-(Errors|Throttles)$/)?.[1];
      const listed = kind ? `${stackName}-<function>-${kind}` : name;
      expect(runbook, name).toContain(`\`${listed}\``);
    }
    expect(names).toContain(`${stackName}-${routes.resolveCode.handler}-Errors`);
  });

  it('shows every alarm in a status widget, none holding more than CloudWatch allows', () => {
    const { resources } = main;
    const statusWidgets = dashboardOf(resources).widgets.filter((w) => w.type === 'alarm');
    expect(statusWidgets.length).toBeGreaterThan(1);
    for (const widget of statusWidgets) expect(widget.properties.alarms.length, widget.properties.title).toBeLessThanOrEqual(alarmsPerStatusWidget);
    const shown = statusWidgets.flatMap((w) => w.properties.alarms);
    expect(shown.sort()).toEqual(alarmsOf(resources).map(([id]) => `<${id}.Arn>`).sort());
  });

  it("shows what the latency runbook asks for: the scan function's duration and cold starts, DynamoDB latency and throttles by operation", () => {
    const { resources } = main;
    const widgets = dashboardOf(resources).widgets;
    const metrics = widgets.flatMap((w) => w.properties.metrics ?? []).map((m: any[]) => m.filter((x) => typeof x === 'string').slice(0, 5));
    const scan = ofType(resources, 'AWS::Lambda::Function').find(([id]) => id.startsWith('resolvecode'))![0];
    const stats = widgets.flatMap((w) => w.properties.metrics ?? []).filter((m: any[]) => m[1] === 'Duration' && m[3] === `<${scan}>`).map((m: any[]) => m[4].stat);
    expect(stats).toEqual(['p50', 'p99']);
    const coldStarts = widgets.find((w) => w.type === 'log')!.properties;
    const scanLogGroup = resources[scan]!.Properties.LoggingConfig.LogGroup.Ref;
    expect(coldStarts.query).toContain(`SOURCE '<${scanLogGroup}>'`);
    expect(coldStarts.query).toContain('@initDuration');
    for (const operation of ['GetItem', 'Query']) expect(metrics).toContainEqual(['AWS/DynamoDB', 'SuccessfulRequestLatency', 'Operation', operation, 'TableName']);
    for (const operation of ['GetItem', 'PutItem', 'UpdateItem', 'Query']) expect(metrics).toContainEqual(['AWS/DynamoDB', 'ThrottledRequests', 'Operation', operation, 'TableName']);
  });
});

describe('starting a missed nightly run by hand', () => {
  const schedules = schedulesFrom(cdkJson.schedules);
  const jobQueue = () => ofType(main.resources, 'AWS::SQS::Queue').find(([, q]) => q.Properties.RedrivePolicy)![0];

  it('prints the job queue URL', () => {
    expect(main.outputs.JobQueueUrl).toMatchObject({ Value: { Ref: jobQueue() }, Description: expect.stringContaining('aws sqs send-message --queue-url <JobQueueUrl>') });
  });

  it('gives, in each *-NotCompleted alarm and in the README runbook, the command that puts its schedule job on the queue', () => {
    const runbook = section('Alarms and their runbook');
    for (const schedule of Object.keys(scheduledJobs) as ScheduleName[]) {
      const job = scheduledJobs[schedule].job(schedules[schedule]);
      const [, alarm] = alarmsOf(main.resources).find(([, a]) => a.AlarmName === `${main.stackName}-${schedule}-NotCompleted`)!;
      expect(joined(alarm.AlarmDescription), schedule).toContain(sendJobCommand(`<${jobQueue()}>`, job));
      expect(runbook, schedule).toContain(`\`${sendJobCommand('<JobQueueUrl>', job)}\``);
    }
  });
});

describe('retention of what the stack logs', () => {
  it.each([
    ['in the region of cdk.json', () => main],
    ['in the China partition', () => china],
  ])("keeps every function's log, aws-cdk-lib's deploy-time ones included, logRetentionDays (%s)", (_, built) => {
    const { resources } = built();
    const unconfigurable = /^CustomCrossRegionExportReader/;
    for (const [id, fn] of ofType(resources, 'AWS::Lambda::Function').filter(([id]) => !unconfigurable.test(id))) {
      const group = fn.Properties.LoggingConfig?.LogGroup?.Ref;
      expect(resources[group]?.Properties.RetentionInDays, id).toBe(cdkJson.logRetentionDays);
    }
    // The one aws-cdk-lib makes at synth without log settings is named in the README's retention table.
    const unkept = ofType(resources, 'AWS::Lambda::Function').filter(([id]) => unconfigurable.test(id));
    if (unkept.length) expect(section('Retention')).toContain('CrossRegionExportReader');
  });
});

describe('deploying a change', () => {
  it('offers npm run diff, built like the deploy, since the deploy asks for no approval; the README says to run it first', () => {
    const { scripts } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> };
    expect(scripts.deploy).toContain('--require-approval never');
    // `cdk diff` compares every stack of the app (it has no --all); deploy names --all.
    expect(scripts.diff).toBe(scripts.deploy!.replace(/cdk deploy --all.*/, 'cdk diff'));
    expect(readme.slice(readme.indexOf('## Deploy and tear down'))).toMatch(/npm run diff[\s\S]*before deploying a\s+change that touches IAM/i);
  });
});

describe("Cognito's mail", () => {
  const poolOf = (context: Record<string, unknown>) => ofType(wholeTemplate(buildApp(fastApp(context)).stack).toJSON().Resources, 'AWS::Cognito::UserPool')[0]![1].Properties;

  it("keeps Cognito's own sender by default", () => {
    expect(ofType(main.resources, 'AWS::Cognito::UserPool')[0]![1].Properties.EmailConfiguration).toBeUndefined();
  });

  it('sends through Amazon SES from the address cdk.json gives (also from the command line)', () => {
    const pool = poolOf({ email: '{"fromEmail":"noreply@scjg.example.gov.cn","fromName":"Supervision Code"}' });
    expect(pool.EmailConfiguration).toMatchObject({
      EmailSendingAccount: 'DEVELOPER',
      From: 'Supervision Code <noreply@scjg.example.gov.cn>',
      SourceArn: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':ses:ap-southeast-1:', { Ref: 'AWS::AccountId' }, ':identity/noreply@scjg.example.gov.cn']] },
    });
    expect(() => poolOf({ email: { fromName: 'no address' } })).toThrow(/email\.fromEmail must be the address/);
  });
});

describe("The authority's own domain", () => {
  const certificateArn = 'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789';
  const names = ['scan.scjg.example.gov.cn', 'www.scan.scjg.example.gov.cn'];

  it('serves the app, the API and the scan pages under it with its certificate, prints it in QR codes and signs in there', () => {
    const { app, stack } = buildApp(fastApp({ domain: JSON.stringify({ names, certificateArn }) }));
    const resources = wholeTemplate(stack).toJSON().Resources as Resources;
    const [, distribution] = ofType(resources, 'AWS::CloudFront::Distribution')[0]!;
    expect(distribution.Properties.DistributionConfig.Aliases).toEqual(names);
    expect(distribution.Properties.DistributionConfig.ViewerCertificate).toEqual({ AcmCertificateArn: certificateArn, MinimumProtocolVersion: 'TLSv1.2_2021', SslSupportMethod: 'sni-only' });
    const baseUrls = new Set(ofType(resources, 'AWS::Lambda::Function').map(([, f]) => f.Properties.Environment?.Variables?.PUBLIC_BASE_URL).filter(Boolean));
    expect([...baseUrls]).toEqual(['https://scan.scjg.example.gov.cn']);
    const [, client] = ofType(resources, 'AWS::Cognito::UserPoolClient').find(([, c]) => c.Properties.CallbackURLs)!;
    expect(client.Properties.CallbackURLs).toEqual(expect.arrayContaining(names.map((name) => `https://${name}/auth/callback`)));
    // CloudFront's own name too: people can sign in between the deploy and the DNS change.
    expect(client.Properties.CallbackURLs).toHaveLength(names.length + 1);
    // With its own certificate the distribution needs no acknowledgement of CloudFront's default one.
    expect(() => app.synth()).not.toThrow();
  });

  it('refuses a certificate outside us-east-1 and names that are not host names, saying what is expected', () => {
    expect(() => buildApp(fastApp({ domain: { names, certificateArn: certificateArn.replace('us-east-1', 'ap-southeast-1') } }))).toThrow(/ACM certificate in us-east-1/);
    expect(() => buildApp(fastApp({ domain: { names: ['https://scan.example.gov.cn/'], certificateArn } }))).toThrow(/domain\.names must list the host names/);
  });

  it("keeps CloudFront's own name without it, and says where to point the domain", () => {
    const [, distribution] = ofType(main.resources, 'AWS::CloudFront::Distribution')[0]!;
    expect(distribution.Properties.DistributionConfig.Aliases).toBeUndefined();
    expect(main.outputs.DistributionDomainName.Description).toMatch(/point the `domain` setting's names here/);
  });
});

describe('Settings an operator mistypes', () => {
  it('fails the synth naming the setting and what it takes, rather than deploying something CloudFormation rejects', () => {
    expect(() => buildApp(fastApp({ logRetentionDays: 200 }))).toThrow(/logRetentionDays must be one of the periods CloudWatch Logs offers: .*180, 365/);
    expect(() => buildApp(fastApp({ domain: 'jc.scjg.example.gov.cn' }))).toThrow(/domain must be a JSON object/);
    expect(() => buildApp(fastApp({ email: 'noreply@scjg.example.gov.cn' }))).toThrow(/email must be a JSON object/);
    expect(() => buildApp(fastApp({ publicBaseUrl: 'jc.scjg.example.gov.cn' }))).toThrow(/publicBaseUrl must be an https origin/);
    expect(() => buildApp(fastApp({ logRetentionDays: 365, publicBaseUrl: 'https://jc.scjg.example.gov.cn' }))).not.toThrow();
  });

  it('names the queues and log groups the runbook sends an operator to', () => {
    for (const name of ['DeadLetterQueueUrl', 'JobWorkerLogGroup', 'ScanLogGroup', 'ApiAccessLogGroup', 'JobQueueUrl']) expect(main.outputs[name]?.Description).toBeTruthy();
  });
});
