import * as z from 'zod';
import { createAwsClients, type AwsClients } from '../../shared/aws-clients.ts';
import { DynamoOutbox } from '../../shared/adapters/dynamodb/outbox.ts';
import { DynamoTicketStore } from '../../shared/adapters/dynamodb/ticket-store.ts';
import { S3RawMailStore } from '../../shared/adapters/s3-raw-mail-store.ts';
import { SesMailer } from '../../shared/adapters/ses-mailer.ts';
import { ConfigError, parsePipelineConfig, type PipelineConfig } from '../../shared/config.ts';
import { createAgentReplies } from '../../shared/queue/agent-reply.ts';
import { DynamoStatusCounter } from '../../shared/queue/status-counts.ts';
import type { AuthConfig } from './auth.ts';
import type { AgentApiDeps } from './handler.ts';

const AuthEnvSchema = z.discriminatedUnion('AUTH_MODE', [
  z.object({ AUTH_MODE: z.literal('cognito'), AGENTS_GROUP: z.string().trim().min(1).default('agents') }),
  z.object({
    AUTH_MODE: z.literal('token'),
    TRIAGE_LOCAL_TOKEN: z.string().trim().min(16, 'at least 16 characters'),
    TRIAGE_LOCAL_AGENT: z.string().trim().min(1).default('local-agent'),
  }),
]);

/** How the handler authenticates, from AUTH_MODE (`cognito` in AWS, `token` locally). */
export function authFromEnv(env: NodeJS.ProcessEnv): AuthConfig {
  const result = AuthEnvSchema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(`invalid agent API auth configuration: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  const e = result.data;
  return e.AUTH_MODE === 'cognito' ? { mode: 'cognito', group: e.AGENTS_GROUP } : { mode: 'token', token: e.TRIAGE_LOCAL_TOKEN, agent: e.TRIAGE_LOCAL_AGENT };
}

/** The API's stores and reply sender over the real adapters (DynamoDB, S3, SESv2). */
export function agentApiDeps(config: PipelineConfig, clients: AwsClients): Omit<AgentApiDeps, 'auth'> {
  const tickets = new DynamoTicketStore(clients.dynamo, config.tableName);
  const outbox = new DynamoOutbox(clients.dynamo, config.tableName);
  const mailer = new SesMailer(clients.sesv2);
  const rawMail = new S3RawMailStore(clients.s3);
  return {
    tickets,
    rawMail,
    counter: new DynamoStatusCounter(clients.dynamo, config.tableName),
    replies: createAgentReplies({
      tickets,
      outbox,
      mailer,
      rawMail,
      now: () => new Date(),
      leaseMs: config.replyLeaseMs,
      from: config.replyFrom,
      messageIdDomain: config.messageIdDomain,
      bucket: config.rawMailBucket,
      maxStoredTextBytes: config.maxStoredTextBytes,
    }),
  };
}

/** Everything from the environment (the Lambda entry point): config validated, clients built once. */
export function agentApiDepsFromEnv(env: NodeJS.ProcessEnv = process.env): AgentApiDeps {
  return { ...agentApiDeps(parsePipelineConfig(env), createAwsClients(env)), auth: authFromEnv(env) };
}
