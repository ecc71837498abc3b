/** A failure to hand a message to the mail service. `retryable` says whether to try later. */
export class MailerError extends Error {
  override readonly name: string = 'MailerError';
  constructor(
    message: string,
    readonly retryable: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The service asked us to slow down (SES Throttling / TooManyRequests / sending quota). */
export class MailerThrottledError extends MailerError {
  override readonly name = 'MailerThrottledError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, true, options);
  }
}

/** The message will never be accepted as it is (rejected, bad address, unverified identity). */
export class MailerPermanentError extends MailerError {
  override readonly name = 'MailerPermanentError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, false, options);
  }
}

/**
 * The request may or may not have reached the service (a timeout or a connection reset after
 * sending). Retrying could send twice, so the outbox records the outcome as unknown instead.
 */
export class MailerOutcomeUnknownError extends MailerError {
  override readonly name = 'MailerOutcomeUnknownError';
  readonly outcomeUnknown = true;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, false, options);
  }
}

export interface SendRawInput {
  /** The complete MIME message, headers included (our Message-ID, RFC 3834 headers). */
  raw: string | Uint8Array;
  /** Envelope sender and recipient; the mail service must not send to anyone else. */
  from: string;
  to: string;
}

/** Sends one raw MIME message; returns the mail service's id for it. */
export interface Mailer {
  sendRaw(input: SendRawInput): Promise<{ sesMessageId: string }>;
}
