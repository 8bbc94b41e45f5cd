import { Stack } from 'aws-cdk-lib';
import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { scanRateLimit, tooManyScansMessage } from '../../shared/api/limits.ts';

/** AWS managed rule groups, in the order they are evaluated after the scan rate rule. */
export const managedRuleGroups = [
  // Addresses Amazon's threat intelligence lists as bots, scanners and sources of attacks.
  'AWSManagedRulesAmazonIpReputationList',
  // The OWASP-style common rules; bodies over 8 KB are left to the API, which bounds every field (count only).
  'AWSManagedRulesCommonRuleSet',
  // Request patterns known to exploit vulnerabilities (Log4j, Java deserialisation, ...).
  'AWSManagedRulesKnownBadInputsRuleSet',
] as const;

/** The rule limiting scans per address: its metrics (BlockedRequests) are on the dashboard. */
export const scanRuleName = 'ScansPerAddress';

/**
 * The paths by which a viewer reaches the scan route: `/c/<code>`, and `/api/c/<code>`, since the CloudFront
 * Function stripping `/api` runs after WAF has looked at the request. Both count against the same limit.
 */
export const scanPathPrefixes = ['/c/', '/api/c/'] as const;

/**
 * A URI path starting with `prefix` once URL-decoded and normalised (duplicate slashes, `./` and `../` removed), so
 * that `/api//c/...` or `/%63/...` is not a way around the limit.
 */
const pathStartsWith = (prefix: string): CfnWebACL.StatementProperty => ({
  byteMatchStatement: {
    fieldToMatch: { uriPath: {} },
    positionalConstraint: 'STARTS_WITH',
    searchString: prefix,
    textTransformations: [
      { priority: 0, type: 'URL_DECODE' },
      { priority: 1, type: 'NORMALIZE_PATH' },
    ],
  },
});

const visibility = (metricName: string): CfnWebACL.VisibilityConfigProperty => ({ cloudWatchMetricsEnabled: true, metricName, sampledRequestsEnabled: true });

/**
 * The web ACL in front of the CloudFront distribution (scope CLOUDFRONT, so it lives in us-east-1): per client
 * address, at most scanRateLimit scans (`/c/*` or `/api/c/*`) in each window, answered 429 with Retry-After; then the managed
 * rule groups on every request.
 */
export class Firewall extends Construct {
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      // Named after its stack, so that the dashboard (in the other stack) can name its metrics.
      name: Stack.of(this).stackName,
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      description: 'Supervision Code: per-address scan limit and AWS managed rules',
      visibilityConfig: visibility('SupervisionCode'),
      customResponseBodies: { 'too-many-scans': { contentType: 'TEXT_PLAIN', content: tooManyScansMessage } },
      rules: [
        {
          name: scanRuleName,
          priority: 0,
          statement: {
            rateBasedStatement: {
              limit: scanRateLimit.requests,
              evaluationWindowSec: scanRateLimit.windowSeconds,
              aggregateKeyType: 'IP',
              scopeDownStatement: { orStatement: { statements: scanPathPrefixes.map(pathStartsWith) } },
            },
          },
          action: {
            block: {
              customResponse: {
                responseCode: 429,
                customResponseBodyKey: 'too-many-scans',
                responseHeaders: [{ name: 'Retry-After', value: String(scanRateLimit.windowSeconds) }],
              },
            },
          },
          visibilityConfig: visibility(scanRuleName),
        },
        ...managedRuleGroups.map((name, i) => ({
          name,
          priority: i + 1,
          overrideAction: { none: {} },
          statement: {
            managedRuleGroupStatement: {
              vendorName: 'AWS',
              name,
              ...(name === 'AWSManagedRulesCommonRuleSet' ? { ruleActionOverrides: [{ name: 'SizeRestrictions_BODY', actionToUse: { count: {} } }] } : {}),
            },
          },
          visibilityConfig: visibility(name),
        })),
      ],
    });
  }
}
