/** The settings an operator puts in cdk.json (`context`), read by the local stack as `cdk deploy` reads them. */
import { readFileSync } from 'node:fs';
import { defaults, env } from '../shared/store/resources.ts';

export function cdkContext(cdkJson = 'cdk.json'): Record<string, unknown> {
  return (JSON.parse(readFileSync(cdkJson, 'utf8')) as { context?: Record<string, unknown> }).context ?? {};
}

/**
 * The environment the deployed stack gives its functions from cdk.json (the authority's time zone, the codes' grace
 * days); a variable already set wins, for a one-off run in another zone.
 */
export function settingsEnvironment(context = cdkContext()): Record<string, string> {
  return {
    [env.timeZone]: process.env[env.timeZone] ?? String(context.timeZone ?? defaults.timeZone),
    [env.codeGraceDays]: process.env[env.codeGraceDays] ?? String(context.codeGraceDays ?? defaults.codeGraceDays),
  };
}
