import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';
import * as z from 'zod';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const port = (fallback: number) => z.coerce.number().int().min(0).max(65_535).default(fallback);

/**
 * `npm start`'s settings, from the environment, validated once. Fixed default ports so the
 * printed URLs stay the same between runs (tests and benchmarks use random ports instead).
 */
export const localConfigSchema = z.object({
  SUPPORT_ADDRESS: z.email().default('support@kdp.example.com').transform((address) => address.toLowerCase()),
  SMTP_PORT: port(2525),
  WEB_PORT: port(3000),
  SES_PORT: port(8005),
  DYNAMODB_PORT: port(8000),
  S3_PORT: port(4569),
  DATA_DIR: z.string().min(1).default(join(REPO_ROOT, '.local-data')).transform((dir) => resolve(dir)),
  TABLE_NAME: z.string().min(3).default('kdp-triage-tickets'),
  RAW_MAIL_BUCKET: z.string().min(3).default('kdp-triage-raw-mail'),
  RAW_MAIL_PREFIX: z.string().default('inbound/'),
});

export type LocalConfig = z.infer<typeof localConfigSchema>;

export class LocalConfigError extends Error {
  override readonly name = 'LocalConfigError';
}

export function readLocalConfig(env: NodeJS.ProcessEnv = process.env): LocalConfig {
  // Empty variables count as unset, so `SMTP_PORT= npm start` gets the default.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = localConfigSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`).join('\n');
    throw new LocalConfigError(`invalid local configuration:\n${problems}`, { cause: parsed.error });
  }
  return parsed.data;
}
