import { Aws, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import {
  AccountRecovery,
  CfnManagedLoginBranding,
  CfnUserPoolGroup,
  ClientAttributes,
  FeaturePlan,
  ManagedLoginVersion,
  Mfa,
  OAuthScope,
  ResourceServerScope,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  UserPoolClient,
  UserPoolClientIdentityProvider,
  UserPoolDomain,
  UserPoolEmail,
  type UserPoolSESOptions,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { deviceScope, roles } from '../../shared/auth/principal.ts';
import { partitionOf } from '../partition.ts';

/** The scopes the web app asks for (config.json's `scope`); no `aws.cognito.signin.user.admin`, see addWebClient. */
export const webScopes = [OAuthScope.OPENID, OAuthScope.PROFILE, OAuthScope.EMAIL];

/**
 * The Cognito user pool behind the API's tokens. A person's single group is their role; custom attributes scope it
 * (entityId for a company, inspectorId for an inspector, department for staff). People are created by operators,
 * who alone set those attributes (AdminUpdateUserAttributes): no app client may write them.
 * Smart-kitchen devices cannot answer an MFA challenge: each is an app client of its own with a secret, granted
 * the device scope, that gets access tokens by the client-credentials flow at the pool's token endpoint.
 */
export class Identity extends Construct {
  readonly userPool: UserPool;
  /** `https://cognito-idp.<region>.<partition's URL suffix>`: where the issuer's metadata and keys are fetched from. */
  readonly issuerOrigin: string;
  /** `iss` of the pool's tokens; its JWKS lives at `<issuer>/.well-known/jwks.json`. */
  readonly issuer: string;
  /** Managed login for people (`/oauth2/authorize`) and the token endpoint for them and devices (`/oauth2/token`). */
  readonly domain: UserPoolDomain;

  /** `email`: send Cognito's mail through Amazon SES (Settings.email); absent, Cognito's own sender and its daily cap. */
  constructor(scope: Construct, id: string, props: { email?: UserPoolSESOptions } = {}) {
    super(scope, id);
    const features = partitionOf(this);
    this.userPool = new UserPool(this, 'Users', {
      ...(props.email ? { email: UserPoolEmail.withSES(props.email) } : {}),
      selfSignUpEnabled: false,
      signInAliases: { username: true, email: true },
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      // Threat protection (compromised credentials, adaptive authentication) blocks risky sign-ins; it needs the Plus plan.
      ...(features.cognitoPlus ? { featurePlan: FeaturePlan.PLUS, standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION } : {}),
      passwordPolicy: { minLength: 12, requireDigits: true, requireLowercase: true, requireUppercase: true, requireSymbols: true },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      // Mutable so that an operator can move a supervisor to another department; users cannot write them because
      // no app client lists them in its writeAttributes (an operator's AdminUpdateUserAttributes ignores those).
      customAttributes: {
        entityId: new StringAttribute({ mutable: true, maxLen: 64 }),
        inspectorId: new StringAttribute({ mutable: true, maxLen: 64 }),
        department: new StringAttribute({ mutable: true, maxLen: 60 }),
      },
      removalPolicy: RemovalPolicy.RETAIN,
      deletionProtection: true,
    });
    if (!features.cognitoPlus) {
      Validations.of(this.userPool).acknowledge({
        id: 'AwsSolutions-COG8',
        reason: `Cognito in the ${features.partition} partition has no feature plans, so no threat protection; MFA is still required of everyone.`,
      });
    }
    for (const role of roles) {
      new CfnUserPoolGroup(this, `Group-${role}`, { userPoolId: this.userPool.userPoolId, groupName: role, description: `Supervision Code role: ${role}` });
    }
    // amazonaws.com, or amazonaws.com.cn in the China partition.
    this.issuerOrigin = `https://cognito-idp.${Stack.of(this).region}.${Stack.of(this).urlSuffix}`;
    this.issuer = `${this.issuerOrigin}/${this.userPool.userPoolId}`;

    // The device scope, and the domain serving managed login and the token endpoint.
    const [server, scopeName] = deviceScope.split('/') as [string, string];
    this.userPool.addResourceServer('Devices', { identifier: server, scopes: [new ResourceServerScope({ scopeName, scopeDescription: 'Post smart-kitchen alerts' })] });
    this.domain = this.userPool.addDomain('TokenDomain', {
      cognitoDomain: { domainPrefix: `supervision-code-${Aws.ACCOUNT_ID}` },
      // The newer managed login where the partition has it; the classic hosted UI otherwise.
      ...(features.cognitoPlus ? { managedLoginVersion: ManagedLoginVersion.NEWER_MANAGED_LOGIN } : {}),
    });
  }

  /**
   * The web app's client: public (no secret: it runs in a browser), authorization code with PKCE only, redirecting
   * only to the app's own `/auth/callback` and `/` on each origin it is served from. Its ID tokens are what the API
   * accepts. It writes no attribute but `locale`, so a user's own access token cannot rewrite the attributes that
   * scope them; and its OAuth scopes leave out `aws.cognito.signin.user.admin`, which UpdateUserAttributes needs.
   */
  addWebClient(origins: string[]): UserPoolClient {
    const client = this.userPool.addClient('WebClient', {
      generateSecret: false,
      // SRP stays for scripts signing in without a browser; their tokens are for this same audience.
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: webScopes,
        callbackUrls: origins.map((origin) => `${origin}/auth/callback`),
        logoutUrls: origins.map((origin) => `${origin}/`),
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      writeAttributes: new ClientAttributes().withStandardAttributes({ locale: true }),
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      // A working day; each refresh hands out a new refresh token and retires the old one.
      refreshTokenValidity: Duration.hours(12),
      refreshTokenRotationGracePeriod: Duration.seconds(10),
      enableTokenRevocation: true,
      preventUserExistenceErrors: true,
    });
    // Managed login (the newer version) renders a client's pages only once the client has a branding style.
    if (partitionOf(this).cognitoPlus) new CfnManagedLoginBranding(this, 'WebClientBranding', { userPoolId: this.userPool.userPoolId, clientId: client.userPoolClientId, useCognitoProvidedValues: true });
    return client;
  }
}
