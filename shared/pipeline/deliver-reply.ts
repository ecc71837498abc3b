import type { ComposedReply } from '../reply/compose-reply.ts';
import { ConflictError, InvalidStateError } from '../ports/errors.ts';
import { MailerError, type Mailer } from '../ports/mailer.ts';
import type { NewOutboxRecord, Outbox } from '../ports/outbox.ts';
import type { RawMailStore } from '../ports/raw-mail-store.ts';
import type { NewTicketMessage, TicketStore } from '../ports/ticket-store.ts';
import type { NewTicketEvent, OutboxKind, OutboxRecord, OutboxState, Ticket, TicketReason } from '../tickets/model.ts';
import { newItemId, outboxId, storedText } from '../tickets/model.ts';

/**
 * Replies leave through the outbox, so that each is sent at most once and a failed send is
 * tried again later rather than lost:
 *
 * 1. `queueReply` stores the composed MIME — with our Message-ID, fixed before any attempt —
 *    under a deterministic id, and records it in the thread (so answers to it thread). The
 *    auto-reply skips this step: it is written with its ticket, already claimed, in one
 *    transaction (TicketStore.createTicket), and goes straight to `sendClaimed`.
 * 2. `deliverReply` claims the record (a conditional write with a lease); `sendClaimed` sends
 *    the stored bytes and records SES's MessageId with the `reply-sent` event in one write.
 *    Throttling and SES errors are recorded as retryable failures with a backoff; a rejection
 *    is final and puts the ticket in front of a person.
 * 3. A send whose outcome we cannot know — a timeout after the request left, or a crash
 *    between "SES accepted" and "recorded" (the lease runs out while `sending`) — becomes
 *    `failed-unknown` and is never resent: for an automatic reply, a rare missing mail that a
 *    person follows up is better than a duplicate. SES `SendEmail` takes no idempotency key,
 *    so nothing on SES's side could make a blind resend safe.
 */

export interface ReplyDeps {
  tickets: TicketStore;
  outbox: Outbox;
  mailer: Mailer;
  rawMail: RawMailStore;
  now: () => Date;
  /** How long a claim holds; must exceed the longest send (the function timeout). */
  leaseMs: number;
}

/** After this many attempts a retryable failure is final. */
export const MAX_SEND_ATTEMPTS = 8;

/** MIME larger than this goes to S3 rather than into the item. */
export const INLINE_RAW_MAX_BYTES = 100 * 1024;

/** Backoff before attempt `attempts + 1`: 30 s, 1 min, 2 min … capped at 1 h. */
export function retryDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(attempts - 1, 0), 3_600_000);
}

export interface QueueReplyInput {
  ticketId: string;
  kind: OutboxKind;
  /** Makes the outbox id: `auto` for the auto-reply, a request id for an agent's reply. */
  suffix: string;
  composed: ComposedReply;
  from: string;
  /** The reply's plain text, kept in the thread. */
  text: string;
  requestedBy: string;
  /** Where large MIME is kept. */
  bucket: string;
  maxStoredTextBytes: number;
}

/** Puts a composed reply in the outbox and the thread. Idempotent: the first stored version wins. */
export async function queueReply(deps: ReplyDeps, input: QueueReplyInput): Promise<OutboxRecord> {
  const { record } = await deps.outbox.enqueue(await outboxInput(deps, input));
  await recordOutbound(deps, record, input.text, input.maxStoredTextBytes);
  return record;
}

/** The outbox record of a composed reply; MIME too large for an item goes to S3 first. */
export async function outboxInput(deps: Pick<ReplyDeps, 'rawMail'>, input: QueueReplyInput): Promise<NewOutboxRecord> {
  const id = outboxId(input.ticketId, input.suffix);
  const raw = input.composed.raw.toString('utf8');
  const large = Buffer.byteLength(raw, 'utf8') > INLINE_RAW_MAX_BYTES;
  // Named by the Message-ID it carries, so a losing concurrent attempt never overwrites the MIME
  // of the record that won.
  const rawLocation = large ? { bucket: input.bucket, key: `outbound/${id}/${input.composed.messageId}.eml` } : null;
  if (rawLocation) await deps.rawMail.put(rawLocation, raw);
  return {
    id,
    ticketId: input.ticketId,
    kind: input.kind,
    recipient: input.composed.recipient,
    from: input.from,
    subject: input.composed.subject,
    messageId: input.composed.messageId,
    raw: large ? null : raw,
    rawLocation,
    requestedBy: input.requestedBy,
  };
}

/**
 * Adds a queued reply to its ticket's thread under the Message-ID actually stored, which also
 * maps that id to the ticket: a customer's answer to it (In-Reply-To) finds its way back.
 * Idempotent (keyed on the Message-ID).
 */
export async function recordOutbound(deps: Pick<ReplyDeps, 'tickets' | 'now'>, record: OutboxRecord, text: string, maxStoredTextBytes: number): Promise<void> {
  await deps.tickets.appendMessage(record.ticketId, outboundMessage(record, text, maxStoredTextBytes, deps.now()), { events: [replyQueuedEvent(record)] });
}

/** A queued reply as a message of its ticket's thread. */
export function outboundMessage(record: OutboxRecord, text: string, maxStoredTextBytes: number, now: Date): NewTicketMessage {
  return {
    id: newItemId(now),
    direction: 'outbound',
    messageId: record.messageId,
    at: record.createdAt,
    from: record.from,
    to: [record.recipient],
    subject: record.subject,
    text: storedText(text, maxStoredTextBytes),
    automated: record.kind === 'auto-reply',
    attachments: [],
    raw: record.rawLocation,
    verdicts: null,
    outboxId: record.id,
    category: null,
    confidence: null,
  };
}

export function replyQueuedEvent(record: OutboxRecord): NewTicketEvent {
  return { actor: record.requestedBy, type: 'reply-queued', before: null, after: { outboxId: record.id, kind: record.kind }, note: null };
}

export interface DeliveryResult {
  outboxId: string;
  state: OutboxState;
  /** True when this call handed the message to SES. */
  sent: boolean;
  /** A retryable failure was recorded: the caller may throw so the event is retried. */
  retryLater: boolean;
  detail: string;
}

/** Sends one outbox record if it is due and nobody else holds it. Never sends a record twice. */
export async function deliverReply(deps: ReplyDeps, id: string): Promise<DeliveryResult> {
  const now = deps.now();
  const claim = await deps.outbox.claim(id, { now, leaseMs: deps.leaseMs });
  if (!claim.claimed) {
    if (claim.reason === 'lease-expired') {
      const record = await deps.outbox.markUnknown(id, now);
      await flagForReview(deps, record, 'the send was interrupted and its outcome is unknown; not resent');
      return result(record, false, false, 'lease expired during a send: recorded as failed-unknown');
    }
    return result(claim.record, false, claim.reason === 'not-due', `not claimed: ${claim.reason}`);
  }
  return sendClaimed(deps, claim.record);
}

/** Sends a record this run holds the claim of (`sending`, its token), and records the outcome. */
export async function sendClaimed(deps: ReplyDeps, record: OutboxRecord): Promise<DeliveryResult> {
  const id = record.id;
  let sesMessageId: string;
  try {
    const raw = record.raw ?? (record.rawLocation ? await deps.rawMail.get(record.rawLocation) : null);
    if (raw === null) throw new MailerError('the outbox record holds no MIME', false);
    ({ sesMessageId } = await deps.mailer.sendRaw({ raw, from: record.from, to: record.recipient }));
  } catch (error) {
    const failure = error instanceof MailerError ? error : new MailerError(String(error), true, { cause: error });
    const outcomeUnknown = (failure as { outcomeUnknown?: boolean }).outcomeUnknown === true;
    const retryable = failure.retryable && !outcomeUnknown && record.attempts < MAX_SEND_ATTEMPTS;
    const failed = await deps.outbox.markFailed(id, record.claimToken!, {
      error: failure.message,
      retryable,
      outcomeUnknown,
      now: deps.now(),
      nextAttemptAt: retryable ? new Date(deps.now().getTime() + retryDelayMs(record.attempts)) : null,
    });
    if (!retryable) {
      await flagForReview(deps, failed, outcomeUnknown ? `outcome unknown, not resent: ${failure.message}` : failure.message);
    }
    return result(failed, false, retryable, failure.message);
  }
  const sent = await markSentPersistently(deps, record, sesMessageId);
  return result(sent, true, false, `sent as ${sesMessageId}`);
}

/**
 * SES has the message: recording that (with the `reply-sent` event) must not be given up
 * lightly (the SDK already retries; this rides out a short outage). If it still fails the record
 * stays `sending` and its lease runs out into `failed-unknown` — never a second send.
 */
async function markSentPersistently(deps: ReplyDeps, claimed: OutboxRecord, sesMessageId: string): Promise<OutboxRecord> {
  const event: NewTicketEvent = {
    actor: 'system',
    type: 'reply-sent',
    before: null,
    after: { outboxId: claimed.id, sesMessageId, messageId: claimed.messageId },
    note: null,
  };
  let lastError: unknown;
  for (let attempt = 0; attempt < 4; attempt++) {
    try {
      return await deps.outbox.markSent(claimed, { sesMessageId, now: deps.now() }, event);
    } catch (error) {
      lastError = error;
      if (error instanceof InvalidStateError) {
        // An earlier attempt may have been written after all (its answer lost on the way back).
        const latest = await deps.outbox.get(claimed.id);
        if (latest?.state === 'sent' && latest.sesMessageId === sesMessageId) return latest;
        throw error;
      }
      await new Promise((r) => setTimeout(r, 100 * 2 ** attempt));
    }
  }
  throw lastError;
}

/** A reply that will not go out: the ticket goes to a person, with the reason and an event. */
async function flagForReview(deps: ReplyDeps, record: OutboxRecord, detail: string): Promise<void> {
  const reason: TicketReason = { code: 'reply-failed', detail };
  for (let attempt = 0; attempt < 5; attempt++) {
    const ticket: Ticket | null = await deps.tickets.getTicket(record.ticketId);
    if (!ticket) return;
    const status = ticket.status === 'resolved' ? ticket.status : 'needs-review';
    try {
      await deps.tickets.updateTicket(
        ticket.id,
        ticket.version,
        { status, reasons: [reason, ...ticket.reasons.filter((r) => r.code !== 'reply-failed')] },
        [
          { actor: 'system', type: 'reply-failed', before: null, after: { outboxId: record.id, state: record.state }, note: detail },
          ...(status !== ticket.status ? [{ actor: 'system', type: 'status-changed' as const, before: ticket.status, after: status, note: 'reply not delivered' }] : []),
        ],
      );
      return;
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
    }
  }
}

function result(record: OutboxRecord, sent: boolean, retryLater: boolean, detail: string): DeliveryResult {
  return { outboxId: record.id, state: record.state, sent, retryLater, detail };
}

export interface SweepResult {
  examined: number;
  sent: number;
  failed: number;
  unknown: number;
  waiting: number;
}

/**
 * The retry sweep (scheduled): sends pending records and retryable failures that are due, and
 * settles claims whose lease ran out. Safe to run beside live deliveries: every step is a claim.
 */
export async function sweepOutbox(deps: ReplyDeps, options: { limitPerState?: number } = {}): Promise<SweepResult> {
  const totals: SweepResult = { examined: 0, sent: 0, failed: 0, unknown: 0, waiting: 0 };
  const limit = options.limitPerState ?? 200;
  for (const state of ['pending', 'failed', 'sending'] as const) {
    const page = await deps.outbox.listByState(state, { limit });
    for (const record of page.items) {
      if (state === 'failed' && !record.retryable) continue;
      totals.examined++;
      const outcome = await deliverReply(deps, record.id);
      if (outcome.sent) totals.sent++;
      else if (outcome.state === 'failed-unknown') totals.unknown++;
      else if (outcome.state === 'failed' && !outcome.retryLater) totals.failed++;
      else totals.waiting++;
    }
  }
  return totals;
}
