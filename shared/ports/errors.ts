/**
 * Typed errors the ports raise. Adapters translate their SDK errors into these, so use cases
 * and the agents' API map them without knowing the storage or the mail service.
 */

/** An update named a version that is no longer current: someone else changed the item. */
export class ConflictError extends Error {
  override readonly name = 'ConflictError';
  constructor(
    message: string,
    readonly current: { version: number } | null = null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
}

/** The sender's auto-reply window is held by another message (see TicketStore.createTicket). */
export class ReplyWindowTakenError extends Error {
  override readonly name = 'ReplyWindowTakenError';
  constructor(
    readonly holder: string,
    readonly until: string,
    options?: { cause?: unknown },
  ) {
    super(`the reply window is held by ${holder} until ${until}`, options);
  }
}

/** A claim or transition that the record's current state does not allow. */
export class InvalidStateError extends Error {
  override readonly name = 'InvalidStateError';
}

/**
 * A failure that retrying later can fix (throttling, a storage outage, a timeout). The inbound
 * handler rethrows these so Lambda retries the event; everything else is recorded and dropped.
 */
export class RetryableError extends Error {
  override readonly name: string = 'RetryableError';
  readonly retryable = true;
}

export function isRetryable(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { retryable?: unknown }).retryable === true;
}
