import type { NewTicketEvent, OutboxRecord, OutboxState } from '../tickets/model.ts';
import type { Page } from './ticket-store.ts';

export type NewOutboxRecord = Pick<
  OutboxRecord,
  'id' | 'ticketId' | 'kind' | 'recipient' | 'from' | 'subject' | 'messageId' | 'raw' | 'rawLocation' | 'requestedBy'
> & { createdAt?: string };

export type ClaimResult =
  | { claimed: true; record: OutboxRecord }
  | {
      claimed: false;
      record: OutboxRecord;
      /**
       * `sent`/`failed`/`failed-unknown`: final; `in-flight`: another worker holds a live lease;
       * `lease-expired`: a claim ran out with no outcome recorded (see `markUnknown`);
       * `not-due`: a retryable failure whose next attempt is later.
       */
      reason: 'sent' | 'failed' | 'failed-unknown' | 'in-flight' | 'lease-expired' | 'not-due';
    };

export interface OutboxFailure {
  error: string;
  retryable: boolean;
  now: Date;
  nextAttemptAt: Date | null;
  /** The mail service may have accepted it: record `failed-unknown`, never resend. */
  outcomeUnknown?: boolean;
}

/**
 * Replies waiting to be sent, being sent, and sent: the durable half of "exactly once".
 * Every transition is conditional on the state (and, for a claim's outcome, its token).
 */
export interface Outbox {
  /** Creates a `pending` record unless one with this id exists (then returns it, `created: false`). */
  enqueue(record: NewOutboxRecord): Promise<{ record: OutboxRecord; created: boolean }>;

  get(id: string): Promise<OutboxRecord | null>;

  /**
   * Moves a `pending` record, or a retryable `failed` one that is due, to `sending` with a
   * fresh token and a lease until `now + leaseMs`, counting the attempt.
   */
  claim(id: string, options: { now: Date; leaseMs: number }): Promise<ClaimResult>;

  /**
   * `sending` (with the claimed record's token) → `sent`, recording `event` in the ticket's audit
   * trail in the same write. InvalidStateError if the claim is no longer ours.
   */
  markSent(claimed: OutboxRecord, result: { sesMessageId: string; now: Date }, event?: NewTicketEvent): Promise<OutboxRecord>;

  /**
   * `sending` (with this token) → `failed`, or `failed-unknown` when the send's outcome is
   * unknown. A retryable failure may be claimed again from `nextAttemptAt`; a permanent one
   * stays failed.
   */
  markFailed(id: string, claimToken: string, failure: OutboxFailure): Promise<OutboxRecord>;

  /**
   * `sending` whose lease ended before `now` → `failed-unknown`: SES may have accepted it, so
   * it is not resent (at most once). InvalidStateError if the lease is still live or the state moved.
   */
  markUnknown(id: string, now: Date): Promise<OutboxRecord>;

  /** Records in one state, oldest first (the retry sweep and the operators' CLI). */
  listByState(state: OutboxState, options?: { limit?: number; cursor?: string | null }): Promise<Page<OutboxRecord>>;

  listForTicket(ticketId: string): Promise<OutboxRecord[]>;
}
