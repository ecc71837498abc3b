import { randomUUID } from 'node:crypto';
import { renderArticle } from '../articles/index.ts';
import type { PipelineConfig } from '../config.ts';
import { ReplyWindowTakenError } from '../ports/errors.ts';
import type { RawMailStore } from '../ports/raw-mail-store.ts';
import type { NewTicket, NewTicketMessage, NewTicketReply } from '../ports/ticket-store.ts';
import {
  composeReply,
  normalizeMessageId,
  ReplyInputError,
  ticketIdFromMessageId,
  ticketIdFromSubject,
} from '../reply/compose-reply.ts';
import type { S3Location, SesVerdicts, Ticket, TicketReason, TicketStatus } from '../tickets/model.ts';
import { cutChars, newItemId, newTicketId, outboxId, storedText } from '../tickets/model.ts';
import { claimedRecord } from '../tickets/outbox-rules.ts';
import type { AttachmentMeta, Evidence, Triage } from '../types.ts';
import type { ArticleCategory } from '../taxonomy.ts';
import {
  deliverReply,
  outboundMessage,
  outboxInput,
  replyQueuedEvent,
  sendClaimed,
  type DeliveryResult,
  type ReplyDeps,
} from './deliver-reply.ts';
import { applyReplyWindow, decideReply, followUpStatus, type ReplyDecision } from './reply-policy.ts';

/**
 * The inbound use case: one received message → a ticket (or a follow-up in one) → at most one
 * auto-reply. Pure orchestration over the ports; safe to run any number of times for the same
 * message, concurrently or later (SES and Lambda deliver at least once):
 * - the ticket is created in one atomic write with a marker for its Message-ID (one ticket per
 *   message) and, when it earns a reply, the sender's window (held by the Message-ID, so a
 *   redelivery keeps it), the reply in the thread and its outbox record already claimed — so
 *   only the delivery that creates the ticket sends, and nothing is read before that write;
 * - a redelivery finds the ticket through the marker and finishes its reply's delivery (a
 *   retry after a failed send), which is a conditional claim (one send).
 * The happy path is an S3 read, one transaction, the SES send and one write recording it.
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
  // A message without a usable Message-ID gets a stable one from SES's id, so redeliveries agree.
  const sesBased = `${message.sesMessageId}@ses.invalid`;
  const messageId = normalizeMessageId(triage.email.messageId) ?? sesBased;

  const threadId = await findThread(deps, triage, messageId);
  if (threadId !== null) return addFollowUp(deps, threadId, messageId, message, triage);

  const decision = decideReply({
    triage,
    verdicts: message.verdicts,
    envelopeSender: message.envelopeSender,
    supportAddresses: config.supportAddresses,
    confidenceThreshold: config.confidenceThreshold,
  });
  return openTicket(deps, message, triage, { messageId, sesBased }, decision);
}

const senderOf = (triage: Triage) => triage.email.from?.address.toLowerCase() ?? '';

/**
 * Creates the ticket — with its auto-reply when it earns one — in one write, then sends the
 * reply; or, when the Message-ID is already known, finishes what an earlier run left undone.
 */
async function openTicket(
  deps: InboundDeps,
  message: InboundMessage,
  triage: Triage,
  ids: { messageId: string; sesBased: string },
  decided: ReplyDecision,
): Promise<InboundOutcome> {
  const { messageId, sesBased } = ids;
  const { config } = deps;
  const email = triage.email;
  const id = newTicketId(new Date(message.receivedAt));
  const input = (decision: ReplyDecision): NewTicket => ({
    id,
    createdAt: message.receivedAt,
    sender: senderOf(triage),
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
  });
  const inbound = inboundMessage(deps, messageId, message, triage);

  let decision = decided;
  let reply: NewTicketReply | null = null;
  if (decision.autoReply && decision.recipient !== null) {
    const prepared = await prepareAutoReply(deps, input(decision), triage, decision.recipient);
    if ('refused' in prepared) {
      // The address or ids cannot make a safe reply: a person answers instead.
      decision = { status: 'needs-review', autoReply: false, recipient: null, reasons: [{ code: 'reply-failed', detail: prepared.refused }, ...decision.reasons] };
    } else reply = prepared;
  }

  let created;
  try {
    created = await deps.tickets.createTicket(input(decision), inbound, [], reply ?? undefined);
  } catch (error) {
    if (!(error instanceof ReplyWindowTakenError)) throw error;
    decision = applyReplyWindow(decision, { acquired: false, holder: error.holder, until: error.until });
    created = await deps.tickets.createTicket(input(decision), inbound);
  }
  const { ticket } = created;
  if (created.created) {
    const delivery = created.reply ? await sendClaimed(deps, created.reply) : null;
    return { kind: 'created', ...summary(ticket), reply: delivery };
  }
  if (messageId !== sesBased && ticket.messageId === messageId && ticket.sender !== senderOf(triage)) {
    // Someone else's Message-ID reused (by accident or to suppress a ticket): keep this message
    // as its own, under the id SES gave it.
    return openTicket(deps, message, triage, { messageId: sesBased, sesBased }, decided);
  }
  return resume(deps, ticket, messageId);
}

/**
 * The auto-reply of a ticket about to be created: the article, composed as MIME, as an outbox
 * record claimed for its first send, with its place in the thread and the sender's window.
 */
async function prepareAutoReply(deps: InboundDeps, ticket: NewTicket, triage: Triage, recipient: string): Promise<NewTicketReply | { refused: string }> {
  const { config } = deps;
  const now = deps.now();
  const article = renderArticle(ticket.machineCategory as ArticleCategory, {
    language: ticket.language,
    customerName: ticket.senderName,
    ticketId: ticket.id,
    also: ticket.secondary.filter((c): c is ArticleCategory => c !== 'other'),
  });
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
      date: now,
    });
  } catch (error) {
    if (!(error instanceof ReplyInputError)) throw error;
    return { refused: `reply not composed: ${error.code}` };
  }
  const record = claimedRecord(
    await outboxInput(deps, {
      ticketId: ticket.id,
      kind: 'auto-reply',
      suffix: 'auto',
      composed,
      from: config.replyFrom.address,
      text: article.text,
      requestedBy: 'system',
      bucket: config.rawMailBucket,
      maxStoredTextBytes: config.maxStoredTextBytes,
    }),
    now.toISOString(),
    { token: randomUUID(), leaseUntil: new Date(now.getTime() + deps.leaseMs).toISOString() },
  );
  const receivedAt = Date.parse(ticket.createdAt);
  return {
    window: {
      sender: recipient,
      holder: ticket.messageId,
      now: ticket.createdAt,
      until: new Date(receivedAt + config.autoReplyWindowHours * 3_600_000).toISOString(),
    },
    record,
    message: outboundMessage(record, article.text, config.maxStoredTextBytes, now),
    events: [replyQueuedEvent(record)],
  };
}

/**
 * The message is already stored: finish what an earlier run may have left undone — the
 * delivery of the ticket's auto-reply, if it has one (a retry after a failed send; a claim
 * still held or a reply already sent is left alone).
 */
async function resume(deps: InboundDeps, ticket: Ticket, messageId: string): Promise<InboundOutcome> {
  if (ticket.messageId !== messageId) {
    return { kind: 'duplicate-follow-up', ticketId: ticket.id, messageId, status: ticket.status, reply: null };
  }
  const id = outboxId(ticket.id, 'auto');
  const queued = await deps.outbox.get(id);
  const reply = queued === null ? null : await deliverReply(deps, id);
  return { kind: 'duplicate', ...summary(ticket), reply };
}

/**
 * The ticket this message answers: a Message-ID of the thread (ours or the customer's) in
 * In-Reply-To/References, then our Message-ID format (which embeds the ticket id), then the
 * `[Ticket #ID]` subject tag — the last only when the sender is the ticket's own, so nobody can
 * attach mail to someone else's ticket by typing its id.
 */
async function findThread(deps: InboundDeps, triage: Triage, messageId: string): Promise<string | null> {
  const email = triage.email;
  const ids = [email.inReplyTo, ...[...email.references].reverse()]
    .map((id) => normalizeMessageId(id))
    // A message naming itself is not a follow-up of its own ticket (its redelivery is a duplicate).
    .filter((id): id is string => id !== null && id !== messageId)
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
