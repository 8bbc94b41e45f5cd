/**
 * CloudFormation takes at most 500 resources in a template, a nested stack's counted apart from its parent's. Every
 * route of shared/api/routes.ts costs 5 resources in the main stack (route, integration, Lambda permission, and its
 * function's errors and throttles alarms) and 4 in the Functions nested stack (function, role, policy, log group).
 * The budget keeps 100 resources of warning below the limit: when a template outgrows it, move more into nested
 * stacks (the alarms and dashboard next) rather than raise the budget. README: "Stacks and their size".
 */
import type { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app.ts';
import { deployedRoutes } from '../../shared/api/routes.ts';
import { fastApp, nestedStacksOf } from '../support/cdk.ts';

const budget = 400;
const perRoute = { main: 5, functions: 4 };

/** Each template `cdk deploy` sends CloudFormation, by its file name in cdk.out, with its resources. */
function templates(context: Record<string, unknown>) {
  const { stack, edge } = buildApp(fastApp(context));
  const nested = nestedStacksOf(stack);
  // Template checks each for a dependency cycle, a nested stack being one resource of its parent.
  const read = (s: Stack) => ({ name: s.templateFile, resources: Object.values(Template.fromStack(s).toJSON().Resources as Record<string, { Type: string }>) });
  return { main: read(stack), functions: read(nested.find((s) => s.node.path.endsWith('/Api/Functions'))!), all: [stack, ...nested, ...(edge ? [edge] : [])].map(read) };
}

describe.each([
  ['in the region of cdk.json, with the edge stack', {}],
  ['in the China partition', { region: 'cn-north-1' }],
])('stack sizes %s', (_, context) => {
  const { main, functions, all } = templates(context);
  const count = (template: typeof main, type: string) => template.resources.filter((r) => r.Type === type).length;

  it(`keeps every template within ${budget} resources (CloudFormation's limit: 500)`, () => {
    const counts = Object.fromEntries(all.map((t) => [t.name, t.resources.length]));
    for (const resources of Object.values(counts)) expect(resources, JSON.stringify(counts)).toBeLessThanOrEqual(budget);
  });

  it(`puts each route's function, role, policy and log group in the Functions nested stack, ${perRoute.main} resources in the main stack`, () => {
    const apiFunctions = deployedRoutes.length + 1; // and the authorizer
    expect(functions.resources).toHaveLength(perRoute.functions * apiFunctions);
    expect(count(functions, 'AWS::Lambda::Function')).toBe(apiFunctions);
    // The route, its integration and Lambda permission stay with the API (route keys are unique: moving them would
    // create each before its old self is deleted), and its function's two alarms with the monitoring.
    for (const type of ['AWS::ApiGatewayV2::Route', 'AWS::ApiGatewayV2::Integration']) expect(count(main, type), type).toBe(deployedRoutes.length);
    expect(count(main, 'AWS::Lambda::Permission')).toBe(apiFunctions);
    expect(count(main, 'AWS::CloudWatch::Alarm')).toBeGreaterThanOrEqual((perRoute.main - 3) * apiFunctions);
  });
});
