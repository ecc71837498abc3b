import { SendEmailCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import {
  MailerError,
  MailerOutcomeUnknownError,
  MailerPermanentError,
  MailerThrottledError,
  type Mailer,
  type SendRawInput,
} from '../ports/mailer.ts';

const THROTTLED = new Set(['TooManyRequestsException', 'ThrottlingException', 'Throttling', 'LimitExceededException']);
/** Failures before the request left us: SES cannot have seen it, so a retry is safe. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'CredentialsProviderError']);
/** Failures after the request may have arrived: SES may have accepted it. */
const AMBIGUOUS = new Set(['TimeoutError', 'RequestTimeout', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'AbortError']);

const PERMANENT = new Set([
  'MessageRejected',
  'BadRequestException',
  'MailFromDomainNotVerifiedException',
  'AccountSuspendedException',
  'SendingPausedException',
  'NotFoundException',
]);

/**
 * Sends raw MIME through SESv2 `SendEmail` with `Content.Raw`: the only way to carry our own
 * Message-ID and the RFC 3834 headers. The envelope names exactly one recipient.
 */
export class SesMailer implements Mailer {
  constructor(
    private readonly client: SESv2Client,
    private readonly options: { configurationSetName?: string } = {},
  ) {}

  async sendRaw({ raw, from, to }: SendRawInput): Promise<{ sesMessageId: string }> {
    const data = typeof raw === 'string' ? new TextEncoder().encode(raw) : raw;
    try {
      const out = await this.client.send(
        new SendEmailCommand({
          FromEmailAddress: from,
          Destination: { ToAddresses: [to] },
          Content: { Raw: { Data: data } },
          ...(this.options.configurationSetName ? { ConfigurationSetName: this.options.configurationSetName } : {}),
        }),
      );
      if (!out.MessageId) throw new MailerError('SES accepted the message without a MessageId', true);
      return { sesMessageId: out.MessageId };
    } catch (error) {
      throw toMailerError(error);
    }
  }
}

/**
 * The SDK's own retries for the SES client (shared/aws-clients.ts): only a request SES certainly
 * did not take goes again — an answer asking us to slow down or reporting its own failure (429,
 * 5xx), or a connection that never opened — the same line `toMailerError` draws for the outbox.
 * The SDK's default strategy also resends after a connection reset or a timeout, when SES may
 * already have the message: SendEmail takes no idempotency key, so that resend is a duplicate
 * reply the outbox never hears of. Those failures reach the outbox instead, as unknown outcomes.
 */
export function sesSendRetryStrategy(maxAttempts = 3) {
  const token = (count: number, delay: number) => ({ getRetryCount: () => count, getRetryDelay: () => delay });
  return {
    acquireInitialRetryToken: async (_scope: string) => token(0, 0),
    refreshRetryTokenForRetry: async (previous: { getRetryCount(): number }, info: { error?: unknown }) => {
      const failure = toMailerError(info.error);
      const count = previous.getRetryCount() + 1;
      if (count >= maxAttempts || !failure.retryable) throw failure;
      // Full jitter over an exponential ceiling; a request to slow down waits longer.
      const base = failure instanceof MailerThrottledError ? 1_000 : 100;
      return token(count, Math.floor(Math.random() * Math.min(base * 2 ** count, 20_000)));
    },
    recordSuccess: (_token: unknown) => {},
  };
}

/** SES/SDK errors as the port's typed errors: throttling and outages retry, rejections do not. */
export function toMailerError(error: unknown): MailerError {
  if (error instanceof MailerError) return error;
  const e = error as { name?: string; message?: string; $metadata?: { httpStatusCode?: number }; $retryable?: unknown };
  const name = e?.name ?? 'Error';
  const message = `${name}: ${e?.message ?? String(error)}`;
  if (THROTTLED.has(name) || e?.$metadata?.httpStatusCode === 429) return new MailerThrottledError(message, { cause: error });
  if (PERMANENT.has(name)) return new MailerPermanentError(message, { cause: error });
  const status = e?.$metadata?.httpStatusCode;
  if (status !== undefined && status >= 400 && status < 500) return new MailerPermanentError(message, { cause: error });
  // An answer from SES (5xx): it did not take the message; retry later.
  if (status !== undefined && status >= 500) return new MailerError(message, true, { cause: error });
  const code = (error as { code?: string })?.code ?? '';
  if (NOT_SENT_CODES.has(code) || NOT_SENT_CODES.has(name)) return new MailerError(message, true, { cause: error });
  if (AMBIGUOUS.has(code) || AMBIGUOUS.has(name)) return new MailerOutcomeUnknownError(message, { cause: error });
  // Anything else without an answer from SES: we cannot tell whether it was sent.
  return new MailerOutcomeUnknownError(message, { cause: error });
}
