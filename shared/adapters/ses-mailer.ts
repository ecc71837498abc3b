import { SendEmailCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import { MailerError, MailerPermanentError, MailerThrottledError, type Mailer, type SendRawInput } from '../ports/mailer.ts';

const THROTTLED = new Set(['TooManyRequestsException', 'ThrottlingException', 'Throttling', 'LimitExceededException']);
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
  // Network failures, timeouts and 5xx: SES may recover.
  return new MailerError(message, true, { cause: error });
}
