import { Aws, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { AccountRecovery, CfnUserPoolGroup, FeaturePlan, Mfa, ResourceServerScope, StringAttribute, UserPool, UserPoolClient, UserPoolDomain } from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { deviceScope, roles } from '../../shared/auth/principal.ts';

/**
 * The Cognito user pool behind the API's tokens. A person's single group is their role; custom attributes scope it
 * (entityId for a company, inspectorId for an inspector, department for staff). People are created by operators.
 * Smart-kitchen devices cannot answer an MFA challenge: each is an app client of its own with a secret, granted
 * the device scope, that gets access tokens by the client-credentials flow at the pool's token endpoint.
 */
export class Identity extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;
  /** `iss` of the pool's tokens; its JWKS lives at `<issuer>/.well-known/jwks.json`. */
  readonly issuer: string;
  /** Where device clients exchange their secret for an access token (`<domain>/oauth2/token`). */
  readonly domain: UserPoolDomain;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.userPool = new UserPool(this, 'Users', {
      selfSignUpEnabled: false,
      signInAliases: { username: true, email: true },
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      featurePlan: FeaturePlan.PLUS,
      passwordPolicy: { minLength: 12, requireDigits: true, requireLowercase: true, requireUppercase: true, requireSymbols: true },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      customAttributes: {
        entityId: new StringAttribute({ mutable: true, maxLen: 64 }),
        inspectorId: new StringAttribute({ mutable: true, maxLen: 64 }),
        department: new StringAttribute({ mutable: true, maxLen: 60 }),
      },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const role of roles) {
      new CfnUserPoolGroup(this, `Group-${role}`, { userPoolId: this.userPool.userPoolId, groupName: role, description: `Supervision Code role: ${role}` });
    }
    this.client = this.userPool.addClient('ApiClient', {
      authFlows: { userSrp: true },
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      preventUserExistenceErrors: true,
    });
    this.issuer = `https://cognito-idp.${Stack.of(this).region}.amazonaws.com/${this.userPool.userPoolId}`;

    // The device scope, and the domain whose /oauth2/token endpoint device clients get their tokens from.
    const [server, scopeName] = deviceScope.split('/') as [string, string];
    this.userPool.addResourceServer('Devices', { identifier: server, scopes: [new ResourceServerScope({ scopeName, scopeDescription: 'Post smart-kitchen alerts' })] });
    this.domain = this.userPool.addDomain('TokenDomain', { cognitoDomain: { domainPrefix: `supervision-code-${Aws.ACCOUNT_ID}` } });
  }
}
