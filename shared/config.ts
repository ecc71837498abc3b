import * as z from './zod-mini.ts';

/**
 * The inbound pipeline's configuration, from the environment, validated once. A missing or
 * malformed value stops the process with every problem listed, before any mail is touched.
 */

/**
 * The schema, built on first use (as the configuration is read): constructing zod schemas at
 * import would lengthen every cold start before anything needs them.
 */
function buildEnvSchema() {
  const address = z.string().check(
    z.trim(),
    z.toLowerCase(),
    z.regex(/^[^\s@<>(),;:"[\]\\]+@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/, 'not a bare email address'),
  );

  const number = (min: number, max: number) => z.coerce.number().check(z.gte(min), z.lte(max));
  const integer = (min: number, max: number) => z.coerce.number().check(z.int(), z.gte(min), z.lte(max));
  const trimmed = (...checks: Parameters<ReturnType<typeof z.string>['check']>) => z.string().check(z.trim(), ...checks);

  return z.object({
    TABLE_NAME: trimmed(z.regex(/^[A-Za-z0-9_.-]{3,255}$/, 'a DynamoDB table name: 3-255 of A-Z a-z 0-9 _ . -')),
    RAW_MAIL_BUCKET: trimmed(z.regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'an S3 bucket name: 3-63 of a-z 0-9 . -')),
    RAW_MAIL_PREFIX: z._default(z.string(), 'inbound/'),
    /** One or more, comma-separated; the first is the From of our replies. */
    SUPPORT_ADDRESS: z.pipe(
      z.pipe(
        z.string(),
        z.transform((value) => value.split(',').map((part) => part.trim()).filter((part) => part !== '')),
      ),
      z.array(address).check(z.minLength(1, 'at least one support address')),
    ),
    SUPPORT_FROM_NAME: z._default(trimmed(z.minLength(1)), 'KDP Support'),
    AUTO_REPLY_WINDOW_HOURS: z._default(number(0, 24 * 365), 24),
    /** Empty: the classifier's own default. */
    CONFIDENCE_THRESHOLD: z.pipe(
      z.transform((v) => (v === '' ? undefined : v)),
      z.optional(number(0, 1)),
    ),
    /** Budget for customer text kept in one item (the whole message stays in S3). */
    MAX_STORED_TEXT_BYTES: z._default(integer(1024, 150_000), 32_768),
    /** How long a send claim holds before an unfinished send counts as unknown (≥ the function timeout). */
    REPLY_LEASE_SECONDS: z._default(integer(10, 3600), 300),
    POWERTOOLS_SERVICE_NAME: z._default(trimmed(z.minLength(1)), 'kdp-triage'),
    POWERTOOLS_METRICS_NAMESPACE: z._default(trimmed(z.minLength(1)), 'KdpTriage'),
  });
}

let envSchema: ReturnType<typeof buildEnvSchema> | null = null;

export interface PipelineConfig {
  tableName: string;
  rawMailBucket: string;
  rawMailPrefix: string;
  supportAddresses: string[];
  /** The From of replies (the first support address). */
  replyFrom: { address: string; name: string };
  /** Domain of the Message-IDs we generate (the reply address's). */
  messageIdDomain: string;
  autoReplyWindowHours: number;
  /** null: use the classifier's default. */
  confidenceThreshold: number | null;
  maxStoredTextBytes: number;
  replyLeaseMs: number;
  serviceName: string;
  metricsNamespace: string;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export function parsePipelineConfig(env: NodeJS.ProcessEnv = process.env): PipelineConfig {
  const result = (envSchema ??= buildEnvSchema()).safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.') || '(env)'}: ${issue.message}`);
    throw new ConfigError(`invalid pipeline configuration:\n  ${problems.join('\n  ')}`);
  }
  const e = result.data;
  const from = e.SUPPORT_ADDRESS[0]!;
  return {
    tableName: e.TABLE_NAME,
    rawMailBucket: e.RAW_MAIL_BUCKET,
    rawMailPrefix: e.RAW_MAIL_PREFIX,
    supportAddresses: e.SUPPORT_ADDRESS,
    replyFrom: { address: from, name: e.SUPPORT_FROM_NAME },
    messageIdDomain: from.slice(from.lastIndexOf('@') + 1),
    autoReplyWindowHours: e.AUTO_REPLY_WINDOW_HOURS,
    confidenceThreshold: e.CONFIDENCE_THRESHOLD ?? null,
    maxStoredTextBytes: e.MAX_STORED_TEXT_BYTES,
    replyLeaseMs: e.REPLY_LEASE_SECONDS * 1000,
    serviceName: e.POWERTOOLS_SERVICE_NAME,
    metricsNamespace: e.POWERTOOLS_METRICS_NAMESPACE,
  };
}

let loaded: PipelineConfig | null = null;

/** The process's configuration, read on first use (so a module can be imported before env is set). */
export function pipelineConfig(): PipelineConfig {
  return (loaded ??= parsePipelineConfig());
}
