import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as ses from 'aws-cdk-lib/aws-ses';
import type { Construct } from 'constructs';
import { TABLE_DESIGN } from '../../shared/tickets/table-design.ts';
import type { DeployConfig } from '../config.ts';
import { receiptRuleArn } from '../constructs/inbound-rule.ts';
import { logBucket } from '../constructs/log-bucket.ts';

/** Fixed by the pipeline (shared/pipeline/deliver-reply.ts writes `outbound/<id>.eml`). */
const OUTBOUND_PREFIX = 'outbound/';

export interface StatefulStackProps extends StackProps {
  readonly config: DeployConfig;
}

/** What the stateless stack receives from this one (typed, not looked up by name). */
export interface StatefulResources {
  /**
   * Deterministic name (env, account, region), so the stateless stack addresses the bucket with
   * pseudo parameters instead of a cross-stack export — IAM resources stay readable and exact.
   */
  readonly rawMailBucketName: string;
  readonly rawMailPrefix: string;
  /** Where the pipeline keeps the MIME of replies too large for a table item. */
  readonly outboundPrefix: string;
  readonly table: dynamodb.ITableV2;
  readonly ruleSet: ses.IReceiptRuleSet;
  readonly ruleSetName: string;
  /** The name the inbound rule must have: the bucket policy is scoped to its ARN. */
  readonly ruleName: string;
  /** Identities the support address may send under (its domain, and the address itself). */
  readonly sendingIdentityArns: string[];
}

/**
 * Data that outlives deployments: the raw-mail bucket (and its access-log bucket), the tickets
 * table and the SES receipt rule set. Retained on stack deletion in production.
 */
export class StatefulStack extends Stack {
  readonly resources: StatefulResources;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);
    const { config } = props;
    const prod = config.envName === 'prod';
    const ruleSetName = `kdp-triage-${config.envName}`;
    const ruleName = 'support-inbound';

    const accessLogs = logBucket(this, 'AccessLogs', {
      retention: Duration.days(365),
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      whyNotLogged: 'This is the access-log bucket; logging it into itself would loop.',
    });

    const rawMailBucketName = `kdp-triage-${config.envName}-raw-mail-${this.account}-${this.region}`;
    const rawMail = new s3.Bucket(this, 'RawMail', {
      bucketName: rawMailBucketName,
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      versioned: true,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'raw-mail/',
      lifecycleRules: [
        {
          id: 'raw-mail-retention',
          prefix: config.rawMailPrefix,
          expiration: Duration.days(config.retentionDays),
          noncurrentVersionExpiration: Duration.days(30),
        },
        {
          id: 'outbound-mime-retention',
          prefix: OUTBOUND_PREFIX,
          expiration: Duration.days(config.retentionDays),
          noncurrentVersionExpiration: Duration.days(30),
        },
        { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // Only SES, delivering for this account's one receipt rule, may write — and only under the prefix.
    rawMail.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowSesReceiptRuleWrite',
        principals: [new iam.ServicePrincipal('ses.amazonaws.com')],
        actions: ['s3:PutObject'],
        resources: [rawMail.arnForObjects(`${config.rawMailPrefix}*`)],
        conditions: {
          StringEquals: { 'aws:SourceAccount': this.account },
          ArnLike: { 'aws:SourceArn': receiptRuleArn(ruleSetName, ruleName) },
        },
      }),
    );

    const table = new dynamodb.TableV2(this, 'Tickets', {
      partitionKey: { name: TABLE_DESIGN.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: TABLE_DESIGN.sortKey, type: dynamodb.AttributeType.STRING },
      billing: dynamodb.Billing.onDemand(),
      encryption: dynamodb.TableEncryptionV2.awsManagedKey(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: prod,
      timeToLiveAttribute: TABLE_DESIGN.ttlAttribute,
      globalSecondaryIndexes: TABLE_DESIGN.indexes.map((index) => ({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: dynamodb.AttributeType.STRING },
        sortKey: { name: index.sortKey, type: dynamodb.AttributeType.STRING },
        projectionType: dynamodb.ProjectionType.ALL,
      })),
      removalPolicy: prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });

    const ruleSet = new ses.ReceiptRuleSet(this, 'RuleSet', { receiptRuleSetName: ruleSetName });

    const addressIdentityArn = this.formatArn({
      service: 'ses',
      resource: 'identity',
      resourceName: config.supportAddress,
    });
    const domainIdentityArn = config.manageSendingIdentity
      ? this.sendingIdentity(config.domain).emailIdentityArn
      : this.formatArn({ service: 'ses', resource: 'identity', resourceName: config.domain });

    this.resources = {
      rawMailBucketName,
      rawMailPrefix: config.rawMailPrefix,
      outboundPrefix: OUTBOUND_PREFIX,
      table,
      ruleSet,
      ruleSetName,
      ruleName,
      sendingIdentityArns: [domainIdentityArn, addressIdentityArn],
    };

    new CfnOutput(this, 'TableName', { value: table.tableName });
    new CfnOutput(this, 'RawMailBucketName', { value: rawMail.bucketName });
    new CfnOutput(this, 'ReceiptRuleSetName', { value: ruleSetName });
  }

  /** The domain identity replies are sent under, with Easy DKIM; its DNS records are outputs. */
  private sendingIdentity(domain: string): ses.EmailIdentity {
    const identity = new ses.EmailIdentity(this, 'SendingDomain', {
      identity: ses.Identity.domain(domain),
      dkimSigning: true,
    });
    identity.dkimRecords.forEach((record, i) => {
      new CfnOutput(this, `DkimRecord${i + 1}`, {
        description: `DNS: add this CNAME so SES can sign mail for ${domain} (DKIM)`,
        value: `${record.name} CNAME ${record.value}`,
      });
    });
    return identity;
  }
}
