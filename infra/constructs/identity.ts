import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { AccountRecovery, CfnUserPoolGroup, FeaturePlan, Mfa, StringAttribute, UserPool, UserPoolClient } from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { roles } from '../../shared/auth/principal.ts';

/**
 * The Cognito user pool behind the API's tokens. A user's single group is their role; custom attributes scope it
 * (entityId for a company, inspectorId for an inspector, deviceId for a smart-kitchen device, department for staff). Users are created by operators.
 */
export class Identity extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;
  /** `iss` of the pool's tokens; its JWKS lives at `<issuer>/.well-known/jwks.json`. */
  readonly issuer: string;

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
        deviceId: new StringAttribute({ mutable: true, maxLen: 64 }),
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
  }
}
