import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { createBucket } from './create-bucket.ts';
import { createTable } from './create-table.ts';
import { startSmtpInbound, type InboundHandler, type InboundOutcome, type LogFn, type SmtpInbound } from './smtp-inbound.ts';
import { startLocalStack, type LocalStack } from './stack.ts';

export interface LocalRuntimeOptions {
  supportAddress: string;
  tableName: string;
  rawMailBucket: string;
  rawMailPrefix: string;
  /** 0: random (tests, benchmark). */
  smtpPort: number;
  /**
   * Persist DynamoDB and S3 data here, with `dead-letters/` and `pending-invocations/` (events
   * accepted but not yet handled); absent: a temporary folder removed on stop.
   */
  dataDir?: string;
  stackPorts?: { dynamodb?: number; s3?: number; ses?: number };
  /**
   * Loads the Lambda handler. Called after the handler's environment (endpoints, table, bucket,
   * support address) is in `process.env`, because the handler reads its config from there, once.
   */
  loadHandler: () => Promise<InboundHandler>;
  /** Extra environment for the handler (e.g. `AUTO_REPLY_WINDOW_HOURS`). */
  handlerEnv?: Record<string, string>;
  retryDelaysMs?: number[];
  maxConcurrency?: number;
  sizeLimit?: number;
  log?: LogFn;
  onOutcome?: (outcome: InboundOutcome) => void;
}

export interface LocalRuntime {
  stack: LocalStack;
  smtp: SmtpInbound;
  /** Everything the handler (and the operators' CLI, the agent API) needs to reach this stack. */
  env: Record<string, string>;
  deadLetterDir: string;
  stop(): Promise<void>;
}

/**
 * The whole pipeline on one machine: the AWS stand-ins, the table and bucket, and the SMTP
 * front door handing each message to the real inbound handler. `npm start`, the end-to-end
 * test and the benchmark all run this.
 */
export async function startLocalRuntime(options: LocalRuntimeOptions): Promise<LocalRuntime> {
  const stack = await startLocalStack({
    ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
    ...(options.stackPorts === undefined ? {} : { ports: options.stackPorts }),
  });
  const throwaway = options.dataDir === undefined ? mkdtempSync(join(tmpdir(), 'kdp-triage-local-')) : null;
  const workDir = throwaway ?? (options.dataDir as string);
  const deadLetterDir = join(workDir, 'dead-letters');
  const env: Record<string, string> = {
    ...stack.env,
    TABLE_NAME: options.tableName,
    RAW_MAIL_BUCKET: options.rawMailBucket,
    RAW_MAIL_PREFIX: options.rawMailPrefix,
    SUPPORT_ADDRESS: options.supportAddress,
    // What the function construct sets in AWS; without them Powertools logs `service_undefined`.
    POWERTOOLS_SERVICE_NAME: process.env.POWERTOOLS_SERVICE_NAME ?? 'kdp-triage',
    POWERTOOLS_METRICS_NAMESPACE: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'KdpTriage',
    ...options.handlerEnv,
  };
  // The handler reads these once, on first use; our own clients take credentials and checksum
  // settings from the same variables.
  const previous = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]));
  Object.assign(process.env, env);
  const dynamo = new DynamoDBClient({ endpoint: stack.endpoints.dynamodb, region: stack.env.AWS_REGION });
  const s3 = new S3Client({ endpoint: stack.endpoints.s3, region: stack.env.AWS_REGION, forcePathStyle: true });
  let smtp: SmtpInbound | null = null;
  const cleanUp = async () => {
    await smtp?.stop();
    dynamo.destroy();
    s3.destroy();
    await stack.stop();
    if (throwaway !== null) rmSync(throwaway, { recursive: true, force: true });
    // Whatever runs next in this process (another benchmark, another runtime) starts clean.
    for (const [name, value] of Object.entries(previous)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
  try {
    await createTable(dynamo, options.tableName);
    await createBucket(s3, options.rawMailBucket);
    const handler = await options.loadHandler();
    smtp = await startSmtpInbound({
      port: options.smtpPort,
      recipients: [options.supportAddress],
      s3,
      bucket: options.rawMailBucket,
      prefix: options.rawMailPrefix,
      handler,
      deadLetterDir,
      pendingDir: join(workDir, 'pending-invocations'),
      ...(options.retryDelaysMs === undefined ? {} : { retryDelaysMs: options.retryDelaysMs }),
      ...(options.maxConcurrency === undefined ? {} : { maxConcurrency: options.maxConcurrency }),
      ...(options.sizeLimit === undefined ? {} : { sizeLimit: options.sizeLimit }),
      ...(options.log === undefined ? {} : { log: options.log }),
      ...(options.onOutcome === undefined ? {} : { onOutcome: options.onOutcome }),
    });
  } catch (error) {
    await cleanUp();
    throw error;
  }
  let stopped: Promise<void> | null = null;
  return { stack, smtp, env, deadLetterDir, stop: () => (stopped ??= cleanUp()) };
}
