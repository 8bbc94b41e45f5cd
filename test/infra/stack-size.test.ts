/**
 * CloudFormation takes at most 500 resources in a template, a nested stack's counted apart from its parent's. Every
 * route of shared/api/routes.ts costs 7 resources in the Routes nested stack (function, role, policy, log group, Lambda
 * permission, integration, route) and 2 in the main stack (its function's errors and throttles alarms). The budget
 * keeps 100 resources of warning below the limit: when a template outgrows it, split the Routes stack further (by
 * path, say draws apart from inspections) rather than raise the budget. README: "Stacks and their size".
 */
import type { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app.ts';
import { deployedRoutes } from '../../shared/api/routes.ts';
import { fastApp, nestedStacksOf } from '../support/cdk.ts';

const budget = 400;
const perRoute = { routes: 7, main: 2 };

/** Each template `cdk deploy` sends CloudFormation, by the name it has in cdk.out, with its resources. */
function templates(context: Record<string, unknown> = {}) {
  const { stack, edge } = buildApp(fastApp(context));
  const stacks: Stack[] = [stack, ...nestedStacksOf(stack), ...(edge ? [edge] : [])];
  // Template checks each for a dependency cycle, the nested stack being one resource of its parent.
  return { stack, all: stacks.map((s) => ({ name: s.templateFile, resources: Template.fromStack(s).toJSON().Resources as Record<string, { Type: string }> })) };
}

describe.each([
  ['in the region of cdk.json, with the edge stack', {}],
  ['in the China partition', { region: 'cn-north-1' }],
])('stack sizes %s', (_, context) => {
  const { stack, all } = templates(context);
  const [main] = all;
  const routeStack = all.find((t) => t.name === nestedStacksOf(stack)[0]?.templateFile);

  it(`keeps every template within ${budget} resources (CloudFormation's limit: 500)`, () => {
    const counts = Object.fromEntries(all.map((t) => [t.name, Object.keys(t.resources).length]));
    for (const count of Object.values(counts)) expect(count, JSON.stringify(counts)).toBeLessThanOrEqual(budget);
  });

  it(`puts each route's ${perRoute.routes} resources in the Routes nested stack and only its ${perRoute.main} alarms in the main stack`, () => {
    expect(Object.keys(routeStack!.resources)).toHaveLength(perRoute.routes * deployedRoutes.length);
    const types = Object.values(main!.resources).map((r) => r.Type);
    expect(types).not.toContain('AWS::ApiGatewayV2::Route');
    expect(types).toContain('AWS::CloudFormation::Stack');
    // The main stack keeps the API, its stage and authorizer, and monitoring: a route adds only its two alarms there.
    expect(types.filter((t) => t === 'AWS::CloudWatch::Alarm').length).toBeGreaterThanOrEqual(perRoute.main * deployedRoutes.length);
  });
});
