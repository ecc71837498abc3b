import { DynamoOutbox } from '../../shared/adapters/dynamodb/outbox.ts';
import { DynamoTicketStore } from '../../shared/adapters/dynamodb/ticket-store.ts';
import { S3RawMailStore } from '../../shared/adapters/s3-raw-mail-store.ts';
import { SesMailer } from '../../shared/adapters/ses-mailer.ts';
import type { AwsClients } from '../../shared/aws-clients.ts';
import type { PipelineConfig } from '../../shared/config.ts';
import type { InboundDeps } from '../../shared/pipeline/process-inbound.ts';
import { classifyEmail, DEFAULT_CONFIDENCE_THRESHOLD } from '../../shared/triage.ts';

/** The inbound use case over the real adapters: DynamoDB (tickets with their reply windows, outbox), S3, SESv2. */
export function inboundDeps(config: PipelineConfig, clients: AwsClients): InboundDeps {
  return {
    tickets: new DynamoTicketStore(clients.dynamo, config.tableName),
    outbox: new DynamoOutbox(clients.dynamo, config.tableName),
    rawMail: new S3RawMailStore(clients.s3),
    mailer: new SesMailer(clients.sesv2),
    classify: classifyEmail,
    now: () => new Date(),
    leaseMs: config.replyLeaseMs,
    config: {
      supportAddresses: config.supportAddresses,
      replyFrom: config.replyFrom,
      messageIdDomain: config.messageIdDomain,
      autoReplyWindowHours: config.autoReplyWindowHours,
      maxStoredTextBytes: config.maxStoredTextBytes,
      rawMailBucket: config.rawMailBucket,
      confidenceThreshold: config.confidenceThreshold ?? DEFAULT_CONFIDENCE_THRESHOLD,
    },
  };
}
