import { parseEmail } from '../mail/parse.ts';
import type { RawMailStore } from '../ports/raw-mail-store.ts';
import type { TicketStore, TicketThread } from '../ports/ticket-store.ts';
import type { OutboxRecord, TicketMessage } from '../tickets/model.ts';
import type { ReplyView, ThreadMessage, TicketDetail } from './api-types.ts';
import { toSummary } from './list-tickets.ts';

export interface TicketViewDeps {
  tickets: TicketStore;
  rawMail: RawMailStore;
}

function replyView(r: OutboxRecord, messages: readonly TicketMessage[]): ReplyView {
  const message = messages.find((m) => m.outboxId === r.id || m.messageId === r.messageId);
  return {
    id: r.id,
    kind: r.kind,
    to: r.recipient,
    subject: r.subject,
    text: message?.text.text ?? null,
    state: r.state,
    sesMessageId: r.sesMessageId,
    attempts: r.attempts,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    sentAt: r.sentAt,
    lastError: r.lastError,
    requestedBy: r.requestedBy,
  };
}

/**
 * An inbound message with the customer's HTML, which only the raw message in S3 keeps (the
 * item holds redacted text). A raw that cannot be read or parsed never fails the view: the
 * stored text is shown and the problem named.
 */
async function threadMessage(m: TicketMessage, rawMail: RawMailStore): Promise<{ message: ThreadMessage; error: string | null }> {
  const message: ThreadMessage = {
    id: m.id,
    direction: m.direction,
    messageId: m.messageId,
    at: m.at,
    from: m.from,
    subject: m.subject,
    text: m.text.text,
    textTruncated: m.text.truncated,
    html: null,
    attachments: m.attachments,
  };
  if (m.direction !== 'inbound' || !m.raw) return { message, error: null };
  try {
    const parsed = await parseEmail(await rawMail.get(m.raw));
    return { message: { ...message, html: parsed.html }, error: null };
  } catch (err) {
    return { message, error: `raw message ${m.raw.key} could not be shown: ${(err as Error).name}` };
  }
}

export function toDetail(thread: TicketThread, messages: ThreadMessage[], rawError: string | null): TicketDetail {
  const t = thread.ticket;
  return {
    ...toSummary(t),
    reasons: t.reasons,
    evidence: t.evidence,
    automated: t.automated,
    text: t.customerText.text,
    textTruncated: t.customerText.truncated,
    verdicts: t.verdicts,
    raw: t.raw,
    rawError,
    messages,
    events: thread.events.map(({ ticketId: _ticketId, ...e }) => e),
    replies: thread.outbox.map((r) => replyView(r, thread.messages)),
  };
}

/** The ticket page's data: ticket, thread (with HTML), audit trail, replies; null if unknown. */
export async function getTicketDetail(deps: TicketViewDeps, id: string): Promise<TicketDetail | null> {
  const thread = await deps.tickets.getThread(id);
  if (!thread) return null;
  const shown = await Promise.all(thread.messages.map((m) => threadMessage(m, deps.rawMail)));
  const rawError = shown.find((s) => s.error)?.error ?? null;
  return toDetail(
    thread,
    shown.map((s) => s.message),
    rawError,
  );
}
