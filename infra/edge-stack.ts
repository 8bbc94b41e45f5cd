import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { Firewall } from './constructs/firewall.ts';

/** What must live in us-east-1 whatever the region of the rest: the CLOUDFRONT-scope web ACL. */
export class EdgeStack extends Stack {
  readonly webAclArn: string;
  /** A plain string (not a reference): metrics are named by it from the other stack. */
  readonly webAclName: string;

  constructor(scope: Construct, id: string, props: StackProps) {
    super(scope, id, { description: 'Supervision Code: the web ACL in front of CloudFront (us-east-1 by AWS rule)', ...props });
    const { webAcl } = new Firewall(this, 'Firewall');
    this.webAclArn = webAcl.attrArn;
    this.webAclName = webAcl.name!;
  }
}
