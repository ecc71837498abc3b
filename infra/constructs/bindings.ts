import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { TABLE_DESIGN } from '../../shared/tickets/table-design.ts';
import { acknowledgeWildcardResource } from '../nag.ts';
import type { TriageFunction } from './triage-function.ts';

/**
 * Bind helpers: each grants a function exactly the access it needs to one resource AND sets the
 * environment variable the handler reads to find it — the two never drift apart.
 */

const TABLE_READ = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'];
// What the adapters do (shared/adapters/dynamodb): Put/Update, and ConditionCheck inside
// TransactWriteItems, which is authorised per item action. Nothing is deleted (TTL expires items,
// which needs no permission), so DeleteItem/BatchWriteItem are not granted.
const TABLE_WRITE = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:ConditionCheckItem'];

/** Table access, indexes named one by one from TABLE_DESIGN (no `index/*`). Sets TABLE_NAME. */
export function bindTable(
  fn: TriageFunction,
  table: dynamodb.ITableV2,
  access: 'read' | 'readWrite',
  envVar = 'TABLE_NAME',
): void {
  fn.addToRolePolicy(
    new iam.PolicyStatement({
      sid: 'TableRead',
      actions: TABLE_READ,
      resources: [
        table.tableArn,
        ...TABLE_DESIGN.indexes.map((index) => `${table.tableArn}/index/${index.name}`),
      ],
    }),
  );
  if (access === 'readWrite') {
    fn.addToRolePolicy(
      new iam.PolicyStatement({ sid: 'TableWrite', actions: TABLE_WRITE, resources: [table.tableArn] }),
    );
  }
  fn.addEnvironment(envVar, table.tableName);
}

export interface BucketBinding {
  readonly access: 'read' | 'readWrite';
  /** Object key prefix the function may touch, ending in `/`. */
  readonly prefix: string;
  readonly bucketEnvVar: string;
  /** Env var that carries the prefix, if the handler reads one. */
  readonly prefixEnvVar?: string;
}

/** Object access under one key prefix. Sets the bucket (and prefix) env vars. */
export function bindBucket(fn: TriageFunction, bucket: s3.IBucket, binding: BucketBinding): void {
  const actions = binding.access === 'read' ? ['s3:GetObject'] : ['s3:GetObject', 's3:PutObject'];
  const objects = bucket.arnForObjects(`${binding.prefix}*`);
  const sid = `Objects${binding.prefix.replace(/[^A-Za-z0-9]/g, '')}`; // unique per prefix
  fn.addToRolePolicy(new iam.PolicyStatement({ sid, actions, resources: [objects] }));
  // Without ListBucket, S3 answers a missing key with 403 AccessDenied instead of 404 NoSuchKey,
  // and the handlers (like the local S3 stand-in) tell "not found" from failure by NoSuchKey.
  fn.addToRolePolicy(
    new iam.PolicyStatement({ sid: 'BucketList', actions: ['s3:ListBucket'], resources: [bucket.bucketArn] }),
  );
  fn.addEnvironment(binding.bucketEnvVar, bucket.bucketName);
  if (binding.prefixEnvVar) fn.addEnvironment(binding.prefixEnvVar, binding.prefix);
  acknowledgeWildcardResource(
    fn.role,
    objects,
    'Object keys are message ids chosen by SES; access is confined to the one key prefix.',
  );
}

export interface SesSenderBinding {
  /** Identity ARNs the From address may be verified under (its domain, the address itself). */
  readonly identityArns: string[];
  readonly fromAddress: string;
  readonly fromName?: string;
}

/**
 * Sending as the support address only. SESv2 `SendEmail` is authorised as `ses:SendEmail`, and
 * with `Content.Raw` as `ses:SendRawEmail` (observed by SDK users; AWS's own grant for email
 * identities lists both), so both actions are allowed — on the identity ARNs, and only when the
 * From address is the support address. Sets SUPPORT_ADDRESS (and SUPPORT_FROM_NAME).
 */
export function bindSesSender(fn: TriageFunction, binding: SesSenderBinding): void {
  fn.addToRolePolicy(
    new iam.PolicyStatement({
      sid: 'SendAsSupport',
      actions: ['ses:SendEmail', 'ses:SendRawEmail'],
      resources: binding.identityArns,
      conditions: { StringEquals: { 'ses:FromAddress': binding.fromAddress } },
    }),
  );
  fn.addEnvironment('SUPPORT_ADDRESS', binding.fromAddress);
  if (binding.fromName) fn.addEnvironment('SUPPORT_FROM_NAME', binding.fromName);
}
