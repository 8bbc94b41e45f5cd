import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { SupervisionCodeStack } from './supervision-code-stack.ts';

/** The CDK app: one stack, checked by cdk-nag's AwsSolutions rules on every synth (a finding fails the synth). */
export function buildApp(app = new App()): { app: App; stack: SupervisionCodeStack } {
  const stack = new SupervisionCodeStack(app, 'SupervisionCode', {
    env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stack };
}

if (import.meta.url === `file://${process.argv[1]}`) buildApp();
