import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { Firewall } from './constructs/firewall.ts';

/** What must live in us-east-1 whatever the region of the rest: the CLOUDFRONT-scope web ACL. */
export class EdgeStack extends Stack {
  readonly webAclArn: string;

  constructor(scope: Construct, id: string, props: StackProps) {
    super(scope, id, { description: 'Supervision Code: the web ACL in front of CloudFront (us-east-1 by AWS rule)', ...props });
    this.webAclArn = new Firewall(this, 'Firewall').webAcl.attrArn;
  }
}
