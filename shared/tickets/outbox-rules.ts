import type { OutboxRecord } from './model.ts';
import { normalizeMessageId } from './model.ts';
import type { ClaimResult, NewOutboxRecord } from '../ports/outbox.ts';

type NotClaimed = Extract<ClaimResult, { claimed: false }>['reason'];

/**
 * Why a record cannot be claimed at `now`, or null when it can: `pending`, or a retryable
 * `failed` whose next attempt is due. One rule for every Outbox adapter.
 */
export function whyNotClaimable(record: OutboxRecord, now: Date): NotClaimed | null {
  switch (record.state) {
    case 'pending':
      return null;
    case 'sent':
      return 'sent';
    case 'failed-unknown':
      return 'failed-unknown';
    case 'failed':
      if (!record.retryable) return 'failed';
      return record.nextAttemptAt !== null && record.nextAttemptAt > now.toISOString() ? 'not-due' : null;
    case 'sending':
      return record.leaseUntil !== null && record.leaseUntil > now.toISOString() ? 'in-flight' : 'lease-expired';
  }
}

/** A fresh outbox record as both stores write it: pending, no attempt yet, normalised ids. */
export function pendingRecord(input: NewOutboxRecord, at: string): OutboxRecord {
  return {
    ...structuredClone(input),
    recipient: input.recipient.toLowerCase(),
    messageId: normalizeMessageId(input.messageId),
    createdAt: at,
    updatedAt: at,
    state: 'pending',
    attempts: 0,
    claimToken: null,
    leaseUntil: null,
    nextAttemptAt: null,
    retryable: false,
    sesMessageId: null,
    sentAt: null,
    lastError: null,
  };
}

/** A record claimed for its first attempt in the write that creates it (see NewTicketReply). */
export function claimedRecord(input: NewOutboxRecord, at: string, claim: { token: string; leaseUntil: string }): OutboxRecord {
  return { ...pendingRecord(input, at), state: 'sending', attempts: 1, claimToken: claim.token, leaseUntil: claim.leaseUntil };
}

/** A claimed record after SES took it: both stores apply exactly this. */
export function sentRecord(claimed: OutboxRecord, { sesMessageId, now }: { sesMessageId: string; now: Date }): OutboxRecord {
  const at = now.toISOString();
  return { ...claimed, state: 'sent', sesMessageId, sentAt: at, updatedAt: at, claimToken: null, leaseUntil: null, retryable: false, nextAttemptAt: null };
}
