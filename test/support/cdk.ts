/** The CDK app as the infra tests read it: fast to build, and its nested stacks seen with their parent. */
import { App, NestedStack, type CfnResource, type Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { readFileSync } from 'node:fs';

/** The context `npm run synth` reads from cdk.json (region, retention, schedules, ...). */
export const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')).context as Record<string, unknown>;

/** An app with cdk.json's context that skips bundling (esbuild per function) and CloudFormation's own validation. */
export const fastApp = (context: Record<string, unknown> = {}) =>
  new App({ context: { ...cdkJson, 'aws:cdk:bundling-stacks': [], ...context }, builtinCloudFormationValidation: false } as never);

/** The nested stacks deployed with `stack` (CloudFormation's view of each: `Template.fromStack(nested)`). */
export const nestedStacksOf = (stack: Stack) => stack.node.findAll().filter((c): c is NestedStack => NestedStack.isNestedStack(c) && c.nestedStackParent === stack);

/** Replaces, depth first, every node `replace` answers for. */
function substitute(value: unknown, replace: (node: any) => unknown): unknown {
  const replaced = replace(value);
  if (replaced !== undefined) return replaced;
  if (Array.isArray(value)) return value.map((v) => substitute(v, replace));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, replace)]));
  return value;
}

/**
 * The stack and its nested stacks (the API's functions) as one template, so assertions need not know which holds a
 * resource: each nested template's parameters become what the parent passes them, the parent's reads of a nested
 * stack's outputs become the outputs' values, and a dependency on a nested stack becomes one on everything in it.
 */
export function wholeTemplate(stack: Stack): Template {
  const main = Template.fromStack(stack).toJSON();
  let resources = main.Resources as Record<string, any>;
  for (const nested of nestedStacksOf(stack)) {
    const id = stack.getLogicalId(nested.nestedStackResource as CfnResource);
    const passed = (resources[id].Properties.Parameters ?? {}) as Record<string, unknown>;
    const inner = substitute(Template.fromStack(nested).toJSON(), (node) => (typeof node?.Ref === 'string' && node.Ref in passed ? passed[node.Ref] : undefined)) as Record<string, any>;
    const innerIds = Object.keys(inner.Resources);
    const { [id]: _nestedStack, ...rest } = resources;
    const clash = innerIds.filter((innerId) => innerId in rest);
    if (clash.length) throw new Error(`${nested.node.path} and its parent both have ${clash.join(', ')}`);
    const outputOf = (node: any) => {
      const [target, attribute] = (node?.['Fn::GetAtt'] ?? []) as [string?, string?];
      return target === id ? inner.Outputs[attribute!.replace(/^Outputs\./, '')].Value : undefined;
    };
    resources = Object.fromEntries(
      Object.entries(rest).map(([resourceId, resource]) => {
        const dependsOn = resource.DependsOn as string[] | undefined;
        const expanded = dependsOn?.flatMap((d) => (d === id ? innerIds : [d]));
        return [resourceId, { ...(substitute(resource, outputOf) as object), ...(expanded ? { DependsOn: expanded } : {}) }];
      }),
    );
    Object.assign(resources, inner.Resources);
  }
  return Template.fromJSON({ ...main, Resources: resources });
}
