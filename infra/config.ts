import { createHash } from 'node:crypto';
import * as z from 'zod';

/**
 * Deployment configuration, read once from CDK context (`--context key=value`, or `context` in
 * cdk.json) with an environment-variable fallback (`KDP_TRIAGE_<KEY>` in UPPER_SNAKE case), then
 * validated. Every value has a default that is good enough for `npm run synth` on a fresh clone
 * with no AWS account; a real deploy passes at least `supportAddress` and `domain`.
 */

const RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922,
  3288, 3653,
] as const;

const bool = z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]);
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/** `reservedConcurrency=off` skips the reservation (accounts whose concurrency quota is 10). */
const reservedConcurrency = z.union([z.literal('off'), int(1, 1000)]);

const schema = z
  .object({
    envName: z.enum(['prod', 'dev']).default('dev'),
    account: z
      .string()
      .regex(/^\d{12}$/, 'an AWS account id is 12 digits')
      .optional(),
    region: z
      .string()
      .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'an AWS region looks like us-east-1')
      .default('us-east-1'),
    // Lower-cased as the handlers lower-case it: the IAM ses:FromAddress condition is case-sensitive.
    supportAddress: z.string().trim().toLowerCase().pipe(z.email()).default('support@kdp.example.com'),
    supportFromName: z.string().min(1).max(64).default('KDP Support'),
    domain: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^(?!-)[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'a DNS name such as kdp.example.com')
      .default('kdp.example.com'),
    rawMailPrefix: z
      .string()
      .regex(/^[A-Za-z0-9!_.*'()-]+\/$/, 'a key prefix ending in "/", e.g. inbound/')
      .default('inbound/'),
    retentionDays: int(1, 3650).default(90),
    logRetentionDays: z.coerce
      .number()
      .refine((n) => (RETENTION_DAYS as readonly number[]).includes(n), {
        message: `one of CloudWatch Logs' retention values: ${RETENTION_DAYS.join(', ')}`,
      })
      .default(90),
    reservedConcurrency: reservedConcurrency.default(10),
    tracing: bool.default(false),
    alarmEmail: z.email().optional(),
    autoReplyAlarmPerHour: int(1, 100_000).default(100),
    apiRateLimit: int(1, 10_000).default(20),
    apiBurstLimit: int(1, 5_000).default(40),
    authDomainPrefix: z
      .string()
      .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, 'lower-case letters, digits and hyphens')
      .refine((s) => !/aws|amazon|cognito/.test(s), 'may not contain aws, amazon or cognito')
      .optional(),
    // Passed through to the inbound handler only when set; otherwise its own defaults apply.
    autoReplyWindowHours: int(1, 24 * 30).optional(),
    confidenceThreshold: z.coerce.number().min(0).max(1).optional(),
    manageSendingIdentity: bool.default(true),
  })
  .superRefine((c, ctx) => {
    const addressDomain = c.supportAddress.split('@')[1]?.toLowerCase() ?? '';
    if (addressDomain !== c.domain && !addressDomain.endsWith(`.${c.domain}`)) {
      ctx.addIssue({
        code: 'custom',
        path: ['supportAddress'],
        message: `must be an address in the domain "${c.domain}" (got "${c.supportAddress}")`,
      });
    }
  });

export type DeployConfig = z.infer<typeof schema> & {
  /** Derived: the Cognito hosted-UI prefix, globally unique per region. */
  authDomainPrefix: string;
  /** Derived: stack-name prefix, e.g. `KdpTriage-dev`. */
  stackPrefix: string;
};

export const CONFIG_KEYS = Object.keys(schema.shape) as (keyof typeof schema.shape)[];

/** `supportAddress` → `KDP_TRIAGE_SUPPORT_ADDRESS`. */
export function envVarFor(key: string): string {
  return `KDP_TRIAGE_${key.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * @param context reads one CDK context key (`app.node.tryGetContext`)
 * @param env the process environment (`account`/`region` also fall back to the CLI's
 *            CDK_DEFAULT_ACCOUNT / CDK_DEFAULT_REGION)
 */
export function loadConfig(
  context: (key: string) => unknown,
  env: Record<string, string | undefined> = process.env,
): DeployConfig {
  const raw: Record<string, unknown> = {};
  for (const key of CONFIG_KEYS) {
    const contextKey = key === 'envName' ? 'env' : key;
    const value = context(contextKey) ?? env[envVarFor(key)];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  raw.account ??= env.CDK_DEFAULT_ACCOUNT;
  raw.region ??= env.CDK_DEFAULT_REGION;

  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const key = String(issue.path[0] ?? '');
      const contextKey = key === 'envName' ? 'env' : key;
      return `  - ${key}: ${issue.message} (pass --context ${contextKey}=… or set ${envVarFor(key)})`;
    });
    throw new ConfigError(`Invalid deployment configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  const digest = createHash('sha256').update(`${c.domain}|${c.region}|${c.envName}`).digest('hex');
  return {
    ...c,
    authDomainPrefix: c.authDomainPrefix ?? `kdp-triage-${c.envName}-${digest.slice(0, 10)}`,
    stackPrefix: `KdpTriage-${c.envName}`,
  };
}
