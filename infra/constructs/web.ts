import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Annotations, DefaultStackSynthesizer, Duration, Stack, Token, Validations } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  Function as EdgeFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  OriginSslPolicy,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
  type BehaviorOptions,
  type ResponseSecurityHeadersBehavior,
} from 'aws-cdk-lib/aws-cloudfront';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, type CfnBucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { spaFallback, stripApiPrefix } from './edge-functions.ts';

/** What the app reads at `GET /config.json` (the web contract), written to the bucket at deploy. */
export interface WebConfig {
  apiBase: string;
  /** The OpenID issuer the app signs in with (its `/.well-known/openid-configuration`). */
  authority: string;
  clientId: string;
  timeZone: string;
  scope: string;
}

export interface WebProps {
  /** The API, reached under `/api/*` (prefix stripped) and `/c/*` (the server-rendered scan pages). */
  api: HttpApi;
  /** The files bucket: the app shows QR images and evidence from it and uploads photos to it, by presigned URL. */
  files: Bucket;
  accessLogs: Bucket;
  /** Managed login and token endpoint (`https://<prefix>.auth.<region>.amazoncognito.com`). */
  signInUrl: string;
  /** Where the issuer's metadata and keys are fetched from (`https://cognito-idp.<region>.amazonaws.com`). */
  issuerOrigin: string;
  /** The Vite build (`web/dist`, made by `npm run build:web`). */
  dist: string;
  /** The CLOUDFRONT-scope web ACL (infra/constructs/firewall.ts); absent in a partition without WAF for CloudFront. */
  webAclArn?: string;
  /** Days the log of the deploy-time copying function is kept. */
  logRetention: RetentionDays;
  /** The authority's own host names and their certificate (Settings.domain); absent: the *.cloudfront.net name. */
  domain?: CustomDomain;
}

/** Host names the distribution answers to, and an ACM certificate in us-east-1 (CloudFront's rule) covering them. */
export interface CustomDomain {
  names: string[];
  certificateArn: string;
}

const twoYears = Duration.days(730);

/** The headers every response carries; the CSP is the caller's, since the app's and the API's differ. */
function securityHeaders(contentSecurityPolicy: string, cspOverride: boolean): ResponseSecurityHeadersBehavior {
  return {
    strictTransportSecurity: { accessControlMaxAge: twoYears, includeSubdomains: true, override: true },
    contentSecurityPolicy: { contentSecurityPolicy, override: cspOverride },
    contentTypeOptions: { override: true },
    referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
    frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
  };
}

/**
 * The web app on one origin with the API: a private bucket behind CloudFront (Origin Access Control), `/api/*` and
 * `/c/*` sent to the HTTP API uncached, every other path to the bucket with the SPA fallback.
 */
export class Web extends Construct {
  readonly bucket: Bucket;
  readonly distribution: Distribution;
  /**
   * The app, the API under /api and the scan pages under /c: `https://<first custom name>`, or the distribution's own
   * `https://<id>.cloudfront.net` without one.
   */
  readonly url: string;
  /** `https://<id>.cloudfront.net`, which answers whatever the custom names' DNS says. */
  readonly distributionUrl: string;
  private readonly dist: string;
  private readonly logRetention: RetentionDays;

  constructor(scope: Construct, id: string, props: WebProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.dist = props.dist;
    this.logRetention = props.logRetention;
    this.bucket = new Bucket(this, 'Site', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      serverAccessLogsBucket: props.accessLogs,
      serverAccessLogsPrefix: 'site/',
      // Old builds' chunks stay (a tab opened before a deploy still loads them); old versions go after 30 days.
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(30) }],
    });

    const files = `https://${props.files.bucketRegionalDomainName}`;
    const appPolicy = [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self'",
      `img-src 'self' data: blob: ${files}`,
      `connect-src 'self' ${props.issuerOrigin} ${props.signInUrl} ${files}`,
      // Silent renewal in an iframe, if the app uses it rather than refresh tokens.
      `frame-src 'self' ${props.signInUrl}`,
      "frame-ancestors 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "object-src 'none'",
    ].join('; ');
    const appHeaders = new ResponseHeadersPolicy(this, 'AppHeaders', {
      comment: 'Supervision Code web app: HSTS, CSP, no framing, no referrer',
      securityHeadersBehavior: securityHeaders(appPolicy, true),
    });
    // The scan pages bring their own CSP (kept); JSON replies get one that allows nothing.
    const apiHeaders = new ResponseHeadersPolicy(this, 'ApiHeaders', {
      comment: 'Supervision Code API and scan pages: HSTS, no framing, no referrer; the origin CSP is kept',
      securityHeadersBehavior: securityHeaders("default-src 'none'; frame-ancestors 'none'", false),
    });

    const edgeFunction = (name: string, code: string) =>
      new EdgeFunction(this, name, { code: FunctionCode.fromInline(code), runtime: FunctionRuntime.JS_2_0 });
    const apiOrigin = new HttpOrigin(`${props.api.apiId}.execute-api.${stack.region}.${stack.urlSuffix}`, {
      protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
      originSslProtocols: [OriginSslPolicy.TLS_V1_2],
    });
    const toApi = (viewerProtocolPolicy: ViewerProtocolPolicy): BehaviorOptions => ({
      origin: apiOrigin,
      viewerProtocolPolicy,
      allowedMethods: AllowedMethods.ALLOW_ALL,
      // Nothing of the API is cached; with caching disabled, this policy also forwards Authorization.
      cachePolicy: CachePolicy.CACHING_DISABLED,
      originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      responseHeadersPolicy: apiHeaders,
    });

    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Supervision Code: the web app, the API under /api and the scan pages under /c',
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: appHeaders,
        functionAssociations: [{ function: edgeFunction('SpaFallback', spaFallback), eventType: FunctionEventType.VIEWER_REQUEST }],
      },
      additionalBehaviors: {
        // Scripts must not POST over plain HTTP and be redirected (the body would be lost): HTTPS only.
        '/api/*': {
          ...toApi(ViewerProtocolPolicy.HTTPS_ONLY),
          functionAssociations: [{ function: edgeFunction('StripApiPrefix', stripApiPrefix), eventType: FunctionEventType.VIEWER_REQUEST }],
        },
        // QR codes are scanned from anywhere: a plain-HTTP scan is redirected rather than refused.
        '/c/*': toApi(ViewerProtocolPolicy.REDIRECT_TO_HTTPS),
      },
      ...(props.webAclArn ? { webAclId: props.webAclArn } : {}),
      ...(props.domain
        ? {
            domainNames: props.domain.names,
            certificate: Certificate.fromCertificateArn(this, 'Certificate', props.domain.certificateArn),
            minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
      enableLogging: true,
      logBucket: props.accessLogs,
      logFilePrefix: 'cloudfront/',
    });
    this.distributionUrl = `https://${this.distribution.distributionDomainName}`;
    this.url = props.domain ? `https://${props.domain.names[0]}` : this.distributionUrl;
    if (!props.webAclArn) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR2',
        reason: "This partition's AWS WAF is regional only (AWS China), so no web ACL can front CloudFront; the API stage's per-route throttles and reserved concurrency bound a scan flood.",
      });
    }
    // No invalidation at deploy: index.html and config.json are sent with no-cache, so CloudFront keeps them for the
    // cache policy's minimum (1 s) and a deploy shows at once; chunks have new names on every build.

    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR1',
      reason: 'Scan pages must open wherever a code is scanned (travellers, delivery apps); no country is excluded.',
    });
    if (!props.domain) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR4',
        reason: "Without the `domain` setting the distribution serves the default *.cloudfront.net certificate, whose minimum TLS version CloudFront fixes; with it, the authority's certificate and TLSv1.2_2021.",
      });
    }
  }

  /**
   * Puts the app and its `config.json` in the bucket and refreshes the distribution. Hashed chunks (`assets/`) are
   * cached for a year; `index.html` and `config.json` are revalidated on every load, so a deploy shows at once.
   * Without a build (`web/dist`), a placeholder page keeps `npm run synth` working offline and says what to run.
   */
  deploy(config: WebConfig) {
    const built = existsSync(join(this.dist, 'index.html'));
    if (!built) {
      // Information, not a warning: a warning fails the synth, and synth without a build is meant to work.
      Annotations.of(this).addInfo(
        `${this.dist} has no index.html: a placeholder page is deployed. \`npm run deploy\` builds the app first (npm run build:web).`,
      );
    }
    const app = built ? Source.asset(this.dist) : Source.data('index.html', placeholderPage);
    // Both deployments share one copying function; its log is kept as long as every other (not forever).
    const logGroup = new LogGroup(this, 'DeployLogs', { retention: this.logRetention });
    const chunks = built
      ? new BucketDeployment(this, 'Chunks', {
          sources: [app],
          destinationBucket: this.bucket,
          exclude: ['*'],
          include: ['assets/*'],
          prune: false,
          cacheControl: [CacheControl.fromString('public, max-age=31536000, immutable')],
          memoryLimit: 512,
          logGroup,
        })
      : undefined;
    const pages = new BucketDeployment(this, 'Pages', {
      sources: [app, Source.jsonData('config.json', config)],
      destinationBucket: this.bucket,
      exclude: ['assets/*'],
      prune: false,
      cacheControl: [CacheControl.noCache()],
      memoryLimit: 512,
      logGroup,
    });
    // A new index.html only after the chunks it names are in place.
    if (chunks) pages.node.addDependency(chunks);
    // aws-cdk-lib's copying function: one per stack, shared by both deployments, its policy made by aws-cdk-lib.
    Validations.of(pages.handlerRole).acknowledge(
      ...['s3:GetObject*', 's3:GetBucket*', 's3:List*', 's3:DeleteObject*', 's3:Abort*'].map((action) => ({
        id: `AwsSolutions-IAM5[Action::${action}]`,
        reason: `aws-cdk-lib's BucketDeployment copies the build from the CDK asset bucket to the site bucket at deploy time; ${action} is its own grant, limited to those two buckets.`,
      })),
      { id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::${assetBucket(Stack.of(this))}/*]`, reason: 'BucketDeployment reads the zipped build from the CDK asset bucket.' },
      { id: `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(this.bucket.node.defaultChild as CfnBucket)}.Arn>/*]`, reason: 'BucketDeployment writes every file of the build into the site bucket.' },
    );
    Validations.of(pages.handlerRole.node.scope!).acknowledge({
      id: 'AwsSolutions-L1',
      reason: "BucketDeployment's deploy-time function runs the Python runtime aws-cdk-lib pins for its bundled AWS CLI; it serves no request.",
    });
  }
}

/** The CDK asset bucket's name as cdk-nag prints it: account and region are placeholders unless the stack has them. */
function assetBucket(stack: Stack) {
  const known = (value: string, placeholder: string) => (Token.isUnresolved(value) ? placeholder : value);
  return `cdk-${DefaultStackSynthesizer.DEFAULT_QUALIFIER}-assets-${known(stack.account, '<AWS::AccountId>')}-${known(stack.region, '<AWS::Region>')}`;
}

const placeholderPage = `<!doctype html>
<html lang="en"><meta charset="utf-8"><title>Supervision Code</title>
<h1>Supervision Code</h1>
<p>The web app was not built when this stack was deployed. Run <code>npm run deploy</code>, which builds it
(<code>npm run build:web</code>) and deploys it. The API is under <code>/api</code>; scan pages under <code>/c/</code>.</p>
</html>
`;
