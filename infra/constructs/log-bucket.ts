import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';

export interface LogBucketProps {
  /** How long a log is kept. */
  readonly retention: Duration;
  /** CloudFront standard logs are written with ACLs and need OBJECT_WRITER; S3 access logs do not. */
  readonly objectOwnership: s3.ObjectOwnership;
  /** Why this bucket does not log itself (cdk-nag AwsSolutions-S1). */
  readonly whyNotLogged: string;
}

/** A private, encrypted, TLS-only bucket that receives logs, expires them, and outlives the stack. */
export function logBucket(scope: Construct, id: string, props: LogBucketProps): s3.Bucket {
  const bucket = new s3.Bucket(scope, id, {
    encryption: s3.BucketEncryption.S3_MANAGED,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    objectOwnership: props.objectOwnership,
    enforceSSL: true,
    lifecycleRules: [{ expiration: props.retention }],
    removalPolicy: RemovalPolicy.RETAIN,
  });
  Validations.of(bucket).acknowledge({ id: 'AwsSolutions-S1', reason: props.whyNotLogged });
  return bucket;
}
