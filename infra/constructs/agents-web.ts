import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Annotations, Aws, DefaultStackSynthesizer, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { acknowledgeWildcardActions, acknowledgeWildcardResource } from '../nag.ts';
import { logBucket } from './log-bucket.ts';

export interface AgentsWebProps {
  /** The built page (Vite's `web/dist`); deployed only if it holds an index.html at synth time. */
  readonly distDir: string;
}

/**
 * The agents' page: a private bucket served only through CloudFront (origin access control),
 * HTTPS only, security headers on every response, CloudFront and S3 access logs.
 */
export class AgentsWeb extends Construct {
  readonly bucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;
  /** `https://<id>.cloudfront.net` — the page's origin (CORS, OAuth callback). */
  readonly origin: string;
  private readonly distDir: string;

  constructor(scope: Construct, id: string, props: AgentsWebProps) {
    super(scope, id);
    this.distDir = props.distDir;

    // CloudFront standard logs are written with ACLs, so this bucket keeps object-writer ownership.
    const logs = logBucket(this, 'Logs', {
      retention: Duration.days(90),
      objectOwnership: s3.ObjectOwnership.OBJECT_WRITER,
      whyNotLogged: 'This is the log bucket of the page bucket and distribution; it does not log itself.',
    });

    this.bucket = new s3.Bucket(this, 'Site', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      serverAccessLogsBucket: logs,
      serverAccessLogsPrefix: 'site/',
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const headers = new cloudfront.ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'kdp-triage agents page: security headers',
      securityHeadersBehavior: {
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(730),
          includeSubdomains: true,
          preload: true,
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.NO_REFERRER, override: true },
        // Page-independent directives only: the page's own CSP (meta tag) governs scripts and its
        // sandboxed srcdoc frame (which would inherit anything stricter set here).
        contentSecurityPolicy: {
          contentSecurityPolicy: "object-src 'none'; base-uri 'none'",
          override: true,
        },
      },
    });

    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'kdp-triage agents page',
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        responseHeadersPolicy: headers,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
      },
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
      enableLogging: true,
      logBucket: logs,
      logFilePrefix: 'cloudfront/',
    });
    this.origin = `https://${this.distribution.distributionDomainName}`;

    Validations.of(this.distribution).acknowledge(
      { id: 'AwsSolutions-CFR1', reason: 'Agents work from anywhere; sign-in, not geography, gates the page.' },
      { id: 'AwsSolutions-CFR2', reason: 'Static page; the API it calls requires a Cognito JWT. WAF is an opt-in cost.' },
      {
        id: 'AwsSolutions-CFR4',
        reason: 'Uses the default *.cloudfront.net certificate; TLS 1.2 minimum needs a custom domain + ACM cert.',
      },
    );
  }

  /** Whether the built page exists (checked at synth time). */
  get hasBuild(): boolean {
    return existsSync(join(this.distDir, 'index.html'));
  }

  /**
   * Uploads the built page plus `config.json` (API URL, Cognito ids — values known only at deploy
   * time) and invalidates the distribution. Without a build, synth warns instead of failing, so a
   * fresh clone synthesizes; `npm run deploy` builds the page first.
   */
  deployPage(runtimeConfig: Record<string, unknown>): void {
    if (!this.hasBuild) {
      Annotations.of(this).addWarningV2(
        'kdp-triage:web-not-built',
        `${relative(process.cwd(), this.distDir) || "."}/index.html not found: the agents' page is not deployed. Run \`npm run build:web\` (npm run deploy does) and deploy again.`,
      );
      return;
    }
    const deployment = new s3deploy.BucketDeployment(this, 'Deploy', {
      sources: [s3deploy.Source.asset(this.distDir), s3deploy.Source.jsonData('config.json', runtimeConfig)],
      destinationBucket: this.bucket,
      distribution: this.distribution,
      distributionPaths: ['/*'],
      prune: true,
      memoryLimit: 512,
    });
    // The upload runs in a CDK-provided singleton function (at stack level); its role is CDK's.
    const handler = deployment.handlerRole.node.scope;
    if (!handler) throw new Error('BucketDeployment handler not found');
    const why = "CDK's BucketDeployment handler (copies the built page, invalidates CloudFront)";
    Validations.of(handler).acknowledge(
      { id: 'AwsSolutions-L1', reason: `${why}: aws-cdk-lib picks its runtime.` },
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason: `${why}: the managed policy only lets it write its logs.`,
      },
      { id: 'AwsSolutions-IAM5[Resource::*]', reason: `${why}: CloudFront invalidation actions take no resource ARN.` },
    );
    acknowledgeWildcardActions(
      handler,
      ['s3:GetObject*', 's3:GetBucket*', 's3:List*', 's3:DeleteObject*', 's3:Abort*'],
      `${why}: CDK's grant action groups, limited to the page and asset buckets.`,
    );
    const stack = Stack.of(this);
    const assets = `arn:${Aws.PARTITION}:s3:::cdk-${DefaultStackSynthesizer.DEFAULT_QUALIFIER}-assets-${stack.account}-${stack.region}/*`;
    acknowledgeWildcardResource(handler, assets, `${why}: reads the page's zipped asset.`);
    acknowledgeWildcardResource(handler, this.bucket.arnForObjects('*'), `${why}: syncs every object of the page bucket.`);
  }
}
