import { renderArticle } from '../articles/index.ts';
import type { PipelineConfig } from '../config.ts';
import { RetryableError } from '../ports/errors.ts';
import type { RawMailStore } from '../ports/raw-mail-store.ts';
import type { ReplyGuard } from '../ports/reply-guard.ts';
import type { NewTicketMessage } from '../ports/ticket-store.ts';
import {
  composeReply,
  normalizeMessageId,
  ReplyInputError,
  ticketIdFromMessageId,
  ticketIdFromSubject,
} from '../reply/compose-reply.ts';
import type { S3Location, SesVerdicts, Ticket, TicketReason, TicketStatus } from '../tickets/model.ts';
import { cutChars, newItemId, newTicketId, outboxId, storedText } from '../tickets/model.ts';
import type { AttachmentMeta, Evidence, Triage } from '../types.ts';
import type { ArticleCategory } from '../taxonomy.ts';
import { deliverReply, queueReply, recordOutbound, type DeliveryResult, type ReplyDeps } from './deliver-reply.ts';
import { applyReplyWindow, decideReply, followUpStatus, type ReplyDecision } from './reply-policy.ts';

/**
 * The inbound use case: one received message → a ticket (or a follow-up in one) → at most one
 * auto-reply. Pure orchestration over the ports; safe to run any number of times for the same
 * message, concurrently or later (SES and Lambda deliver at least once):
 * - the ticket is created atomically with a marker for its Message-ID (one ticket per message);
 * - the per-sender window is taken with the Message-ID as holder (a redelivery keeps it);
 * - the reply's outbox id is derived from the ticket (one reply per ticket), and delivery is a
 *   conditional claim (one send).
 * A re-run after a crash picks up where the last one stopped.
 */

export interface InboundMessage {
  /** SES's id for the received message (names the raw object in S3). */
  sesMessageId: string;
  raw: S3Location;
  /** When SES received it (ISO 8601). */
  receivedAt: string;
  /** SMTP MAIL FROM; `''` for the null sender. */
  envelopeSender: string | null;
  verdicts: SesVerdicts | null;
}

export type Classify = (raw: Uint8Array, options: { supportAddresses: string[]; confidenceThreshold: number }) => Promise<Triage>;

export interface InboundDeps extends ReplyDeps {
  replyGuard: ReplyGuard;
  rawMail: RawMailStore;
  classify: Classify;
  config: Pick<
    PipelineConfig,
    'supportAddresses' | 'replyFrom' | 'messageIdDomain' | 'autoReplyWindowHours' | 'maxStoredTextBytes' | 'rawMailBucket'
  > & { confidenceThreshold: number };
}

export type InboundOutcome =
  | {
      kind: 'created' | 'duplicate';
      ticketId: string;
      messageId: string;
      status: TicketStatus;
      reasons: TicketReason[];
      category: string;
      confidence: number;
      reply: DeliveryResult | null;
    }
  | { kind: 'follow-up' | 'duplicate-follow-up'; ticketId: string; messageId: string; status: TicketStatus; reply: null };

/** Most items kept in list attributes of one item (a hostile message can carry thousands). */
const MAX_ATTACHMENTS = 100;
const MAX_EVIDENCE = 50;
const MAX_SUBJECT_CHARS = 998;
/** Most ids of References tried when threading (the newest ones). */
const MAX_THREAD_IDS = 30;

export async function processInbound(deps: InboundDeps, message: InboundMessage): Promise<InboundOutcome> {
  const { config } = deps;
  const raw = await deps.rawMail.get(message.raw);
  const triage = await deps.classify(raw, {
    supportAddresses: config.supportAddresses,
    confidenceThreshold: config.confidenceThreshold,
  });
  const email = triage.email;
  const sender = email.from?.address.toLowerCase() ?? '';
  // A message without a usable Message-ID gets a stable one from SES's id, so redeliveries agree.
  const sesBased = `${message.sesMessageId}@ses.invalid`;
  let messageId = normalizeMessageId(email.messageId) ?? sesBased;

  let known = await deps.tickets.findTicketIdByMessageId(messageId);
  if (known !== null && messageId !== sesBased && !(await sameSender(deps, known, messageId, sender))) {
    // Someone else's Message-ID reused (by accident or to suppress a ticket): keep this message
    // as its own, under the id SES gave it.
    messageId = sesBased;
    known = await deps.tickets.findTicketIdByMessageId(messageId);
  }
  if (known !== null) return resume(deps, known, messageId, triage);

  const threadId = await findThread(deps, triage);
  if (threadId !== null) return addFollowUp(deps, threadId, messageId, message, triage);

  let decision: ReplyDecision = decideReply({
    triage,
    verdicts: message.verdicts,
    envelopeSender: message.envelopeSender,
    supportAddresses: config.supportAddresses,
    confidenceThreshold: config.confidenceThreshold,
  });
  if (decision.autoReply && decision.recipient !== null) {
    const guard = await deps.replyGuard.acquire(decision.recipient, {
      holder: messageId,
      now: new Date(message.receivedAt),
      windowHours: config.autoReplyWindowHours,
    });
    decision = applyReplyWindow(decision, guard);
  }

  const inbound = inboundMessage(deps, messageId, message, triage);
  const { ticket, created } = await deps.tickets.createTicket(
    {
      id: newTicketId(new Date(message.receivedAt)),
      createdAt: message.receivedAt,
      sender,
      senderName: cutChars(email.from?.name ?? '', 200),
      subject: cutChars(email.subject, MAX_SUBJECT_CHARS),
      messageId,
      category: triage.category,
      machineCategory: triage.category,
      secondary: triage.secondary,
      confidence: triage.confidence,
      evidence: triage.evidence.slice(0, MAX_EVIDENCE).map(boundEvidence),
      language: triage.language,
      automated: triage.automated,
      reasons: decision.reasons,
      status: decision.status,
      assignee: null,
      raw: message.raw,
      verdicts: message.verdicts,
      customerText: storedText(email.customer.own, config.maxStoredTextBytes),
      attachments: boundAttachments(email.attachments),
    },
    inbound,
  );
  if (!created) return resume(deps, ticket.id, messageId, triage);
  const reply = await ensureAutoReply(deps, ticket, triage, { fresh: true });
  return { kind: 'created', ...summary(ticket), reply };
}

/** Whether the stored message with this id came from the same sender (ticket openers only). */
async function sameSender(deps: InboundDeps, ticketId: string, messageId: string, sender: string): Promise<boolean> {
  const ticket = await deps.tickets.getTicket(ticketId);
  return ticket === null || ticket.messageId !== messageId || ticket.sender === sender;
}

/** The message is already stored: finish what an earlier run may have left undone. */
async function resume(deps: InboundDeps, ticketId: string, messageId: string, triage: Triage): Promise<InboundOutcome> {
  const ticket = await deps.tickets.getTicket(ticketId);
  if (!ticket) throw new RetryableError(`message ${messageId} maps to ticket ${ticketId}, which is not readable yet`);
  if (ticket.messageId !== messageId) {
    return { kind: 'duplicate-follow-up', ticketId, messageId, status: ticket.status, reply: null };
  }
  const reply = await ensureAutoReply(deps, ticket, triage);
  return { kind: 'duplicate', ...summary(ticket), reply };
}

/**
 * Queues (once) and delivers the auto-reply of a ticket that earned one. A ticket that did not
 * is left alone, unless an earlier run already queued its reply (then delivery is finished).
 */
async function ensureAutoReply(deps: InboundDeps, ticket: Ticket, triage: Triage, options: { fresh?: boolean } = {}): Promise<DeliveryResult | null> {
  const id = outboxId(ticket.id, 'auto');
  // A ticket this run just created has no reply queued by an earlier run; skip the read.
  const queued = options.fresh ? null : await deps.outbox.get(id);
  if (queued === null && ticket.status !== 'auto-replied') return null;
  const { config } = deps;
  const category = ticket.machineCategory as ArticleCategory;
  const article = renderArticle(category, {
    language: ticket.language,
    customerName: ticket.senderName,
    ticketId: ticket.id,
    also: ticket.secondary.filter((c): c is ArticleCategory => c !== 'other'),
  });
  if (queued !== null) {
    // Queued by an earlier run, which may have stopped before recording it in the thread.
    if ((await deps.tickets.findTicketIdByMessageId(queued.messageId)) === null) {
      await recordOutbound(deps, queued, article.text, config.maxStoredTextBytes);
    }
    return deliverReply(deps, id);
  }
  let composed;
  try {
    composed = await composeReply({
      from: config.replyFrom,
      to: { address: ticket.sender, name: ticket.senderName },
      inReplyTo: ticket.messageId,
      references: triage.email.references,
      originalSubject: triage.email.subject,
      ticketId: ticket.id,
      body: { subject: article.subject, text: article.text, html: article.html, language: article.language },
      automatic: true,
      messageIdDomain: config.messageIdDomain,
      date: deps.now(),
    });
  } catch (error) {
    if (!(error instanceof ReplyInputError)) throw error;
    // The address or ids cannot make a safe reply: a person answers instead.
    const detail = `reply not composed: ${error.code}`;
    await deps.tickets.updateTicket(
      ticket.id,
      ticket.version,
      { status: 'needs-review', reasons: [{ code: 'reply-failed', detail }, ...ticket.reasons] },
      [{ actor: 'system', type: 'status-changed', before: ticket.status, after: 'needs-review', note: detail }],
    );
    return null;
  }
  await queueReply(deps, {
    ticketId: ticket.id,
    kind: 'auto-reply',
    suffix: 'auto',
    composed,
    from: config.replyFrom.address,
    text: article.text,
    requestedBy: 'system',
    bucket: config.rawMailBucket,
    maxStoredTextBytes: config.maxStoredTextBytes,
  });
  return deliverReply(deps, id);
}

/**
 * The ticket this message answers: a Message-ID of the thread (ours or the customer's) in
 * In-Reply-To/References, then our Message-ID format (which embeds the ticket id), then the
 * `[Ticket #ID]` subject tag — the last only when the sender is the ticket's own, so nobody can
 * attach mail to someone else's ticket by typing its id.
 */
async function findThread(deps: InboundDeps, triage: Triage): Promise<string | null> {
  const email = triage.email;
  const ids = [email.inReplyTo, ...[...email.references].reverse()]
    .map((id) => normalizeMessageId(id))
    .filter((id): id is string => id !== null)
    .slice(0, MAX_THREAD_IDS);
  const byId = await deps.tickets.findTicketIdByAnyMessageId(ids);
  if (byId !== null) return byId;
  for (const id of ids) {
    const fromOurs = ticketIdFromMessageId(id, deps.config.messageIdDomain);
    if (fromOurs !== null && (await deps.tickets.getTicket(fromOurs)) !== null) return fromOurs;
  }
  const tagged = ticketIdFromSubject(email.subject);
  if (tagged !== null) {
    const ticket = await deps.tickets.getTicket(tagged);
    const sender = email.from?.address.toLowerCase() ?? '';
    if (ticket && sender !== '' && ticket.sender === sender) return tagged;
  }
  return null;
}

async function addFollowUp(deps: InboundDeps, ticketId: string, messageId: string, message: InboundMessage, triage: Triage): Promise<InboundOutcome> {
  const quarantined = message.verdicts?.spam === 'FAIL' || message.verdicts?.virus === 'FAIL';
  const automated = triage.automated;
  const { ticket, appended } = await deps.tickets.appendMessage(ticketId, inboundMessage(deps, messageId, message, triage), {
    nextStatus: (current) => followUpStatus(current.status, { automated, quarantined }),
    events: [
      {
        actor: 'system',
        type: 'message-appended',
        before: null,
        after: { messageId, automated, quarantined },
        note: automated ? 'machine-written follow-up: no reply, status unchanged' : quarantined ? 'quarantined by SES verdicts' : null,
      },
    ],
  });
  return { kind: appended ? 'follow-up' : 'duplicate-follow-up', ticketId, messageId, status: ticket.status, reply: null };
}

function inboundMessage(deps: InboundDeps, messageId: string, message: InboundMessage, triage: Triage): NewTicketMessage {
  const email = triage.email;
  return {
    id: newItemId(new Date(message.receivedAt)),
    direction: 'inbound',
    messageId,
    at: message.receivedAt,
    from: email.from?.address.toLowerCase() ?? '',
    to: email.to.slice(0, 20).map((m) => m.address),
    subject: cutChars(email.subject, MAX_SUBJECT_CHARS),
    text: storedText(email.text, deps.config.maxStoredTextBytes),
    automated: triage.automated,
    attachments: boundAttachments(email.attachments),
    raw: message.raw,
    verdicts: message.verdicts,
    outboxId: null,
    category: triage.category,
    confidence: triage.confidence,
  };
}

function boundAttachments(attachments: AttachmentMeta[]): AttachmentMeta[] {
  return attachments.slice(0, MAX_ATTACHMENTS).map((a) => ({
    ...a,
    filename: a.filename === null ? null : cutChars(a.filename, 255),
    mimeType: cutChars(a.mimeType, 255),
    contentId: a.contentId === null ? null : cutChars(a.contentId, 255),
  }));
}

function boundEvidence(e: Evidence): Evidence {
  return { ...e, phrase: cutChars(e.phrase, 200) };
}

function summary(ticket: Ticket) {
  return {
    ticketId: ticket.id,
    messageId: ticket.messageId,
    status: ticket.status,
    reasons: ticket.reasons,
    category: ticket.category,
    confidence: ticket.confidence,
  };
}
