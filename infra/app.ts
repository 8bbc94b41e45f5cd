import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { EdgeStack } from './edge-stack.ts';
import { partitionFeatures } from './partition.ts';
import { SupervisionCodeStack } from './supervision-code-stack.ts';

/** CloudFront takes web ACLs from this region only. */
const cloudFrontRegion = 'us-east-1';

/**
 * The CDK app, checked by cdk-nag's AwsSolutions rules on every synth (a finding fails the synth): the stack in the
 * region of cdk.json's `region` (or `-c region=...`), and where the partition has WAF for CloudFront, a small stack in
 * us-east-1 holding the web ACL, whose ARN reaches the distribution by a cross-region reference.
 */
export function buildApp(app = new App()): { app: App; stack: SupervisionCodeStack; edge?: EdgeStack } {
  const region = (app.node.tryGetContext('region') as string | undefined) ?? process.env.CDK_DEFAULT_REGION;
  if (!region) throw new Error('No region: set "region" in cdk.json\'s context, or pass -c region=<region>.');
  const account = process.env.CDK_DEFAULT_ACCOUNT;
  const edge = partitionFeatures(region).cloudFrontWaf ? new EdgeStack(app, 'SupervisionCodeEdge', { env: { account, region: cloudFrontRegion } }) : undefined;
  const stack = new SupervisionCodeStack(app, 'SupervisionCode', {
    env: { account, region },
    crossRegionReferences: Boolean(edge) && region !== cloudFrontRegion,
    ...(edge ? { webAcl: { arn: edge.webAclArn, name: edge.webAclName, region: cloudFrontRegion } } : {}),
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stack, ...(edge ? { edge } : {}) };
}

if (import.meta.url === `file://${process.argv[1]}`) buildApp();
