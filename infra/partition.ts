import { Stack, Token } from 'aws-cdk-lib';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import type { Construct } from 'constructs';

/**
 * What a region's partition offers beyond the common ground. In the China partition (cn-north-1, cn-northwest-1)
 * AWS WAF is regional only, so no web ACL can front CloudFront, and Cognito user pools have no feature plans (so no
 * threat protection) and no newer managed login ("Getting Started with AWS in China": WAF, Cognito, CloudFront).
 * An unresolved region (an environment-agnostic stack) is taken as the commercial partition.
 */
export function partitionFeatures(region: string) {
  const partition = Token.isUnresolved(region) ? 'aws' : (RegionInfo.get(region).partition ?? 'aws');
  const china = partition === 'aws-cn';
  return { partition, china, cloudFrontWaf: !china, cognitoPlus: !china };
}

export const partitionOf = (scope: Construct) => partitionFeatures(Stack.of(scope).region);
