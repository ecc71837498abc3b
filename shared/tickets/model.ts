import { randomBytes } from 'node:crypto';
import type { Category } from '../taxonomy.ts';
import type { AttachmentMeta, Evidence, ReasonCode } from '../types.ts';

/**
 * The ticket model: what the inbound pipeline stores and the agents' queue reads and edits.
 * Storage-neutral (the DynamoDB layout lives in ../adapters/dynamodb/); every timestamp is an
 * ISO 8601 UTC string so it sorts as text.
 */

export const TICKET_STATUSES = ['auto-replied', 'needs-review', 'quarantined', 'open', 'resolved'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** Why a ticket got the status it has: the classifier's reasons plus the pipeline's gates. */
export type TicketReasonCode =
  | ReasonCode
  | 'ses-spam' // SES spam verdict FAIL
  | 'ses-virus' // SES virus verdict FAIL
  | 'sender-not-authenticated' // SPF/DKIM/DMARC FAIL, or nothing authenticated the sender
  | 'reply-window' // the sender already got an auto-reply inside the window
  | 'no-return-path' // null envelope sender (`<>`): RFC 3834 forbids answering
  | 'no-recipient' // no usable From address
  | 'reply-failed'; // the auto-reply could not be delivered (see the outbox record)

export interface TicketReason {
  code: TicketReasonCode;
  detail: string;
}

export type VerdictStatus = 'PASS' | 'FAIL' | 'GRAY' | 'PROCESSING_FAILED' | 'DISABLED';

/** The verdicts SES attached to the receipt (absent when the mail did not come through SES). */
export interface SesVerdicts {
  spam: VerdictStatus;
  virus: VerdictStatus;
  spf: VerdictStatus;
  dkim: VerdictStatus;
  dmarc: VerdictStatus;
  dmarcPolicy: string | null;
}

export interface S3Location {
  bucket: string;
  key: string;
}

/** Text kept in an item, cut to a byte budget so items stay far below DynamoDB's 400 KB. */
export interface StoredText {
  text: string;
  /** True when `text` was cut; the whole message stays in S3 (`raw`). */
  truncated: boolean;
  /** UTF-8 size of the text before cutting. */
  originalBytes: number;
}

export interface Ticket {
  /** Short, sortable, human-friendly: see `newTicketId`. */
  id: string;
  createdAt: string;
  updatedAt: string;
  /** Optimistic concurrency: every write increments it; updates name the version they read. */
  version: number;
  /** Lower-cased From address of the first message. */
  sender: string;
  senderName: string;
  subject: string;
  /** Message-ID of the message that opened the ticket (without angle brackets). */
  messageId: string;
  /** The current category: the machine's, or an agent's override. */
  category: Category;
  /** What the classifier said; never changed by an override. */
  machineCategory: Category;
  secondary: Category[];
  confidence: number;
  evidence: Evidence[];
  language: string;
  automated: boolean;
  reasons: TicketReason[];
  status: TicketStatus;
  assignee: string | null;
  /** Where the raw message that opened the ticket is kept whole. */
  raw: S3Location;
  verdicts: SesVerdicts | null;
  /** The customer's own words of the first message, redacted, cut to the byte budget. */
  customerText: StoredText;
  attachments: AttachmentMeta[];
  messageCount: number;
  lastMessageAt: string;
}

export type MessageDirection = 'inbound' | 'outbound';

/** One message of a ticket's thread: each inbound email and each reply we send. */
export interface TicketMessage {
  id: string;
  ticketId: string;
  direction: MessageDirection;
  /** RFC 5322 Message-ID without angle brackets: the customer's, or ours for a reply. */
  messageId: string;
  at: string;
  from: string;
  to: string[];
  subject: string;
  /** Redacted plain text, cut to the byte budget (inbound); the reply's text (outbound). */
  text: StoredText;
  automated: boolean;
  attachments: AttachmentMeta[];
  /** Inbound: the raw message in S3. */
  raw: S3Location | null;
  verdicts: SesVerdicts | null;
  /** Outbound: the outbox record that delivers it. */
  outboxId: string | null;
  /** Inbound follow-ups: what the classifier said about this message. */
  category: Category | null;
  confidence: number | null;
}

export type TicketEventType =
  | 'created'
  | 'message-appended'
  | 'status-changed'
  | 'category-changed'
  | 'assigned'
  | 'note'
  | 'reply-queued'
  | 'reply-sent'
  | 'reply-failed';

/** The audit trail: who did what to a ticket, when, and what it was before and after. */
export interface TicketEvent {
  id: string;
  ticketId: string;
  at: string;
  /** `system` for the pipeline, otherwise the agent's id (e.g. the Cognito username). */
  actor: string;
  type: TicketEventType;
  before: unknown;
  after: unknown;
  note: string | null;
}

export type NewTicketEvent = Omit<TicketEvent, 'id' | 'ticketId' | 'at'> & { at?: string };

export const OUTBOX_STATES = ['pending', 'sending', 'sent', 'failed', 'failed-unknown'] as const;
/**
 * pending → sending (claimed, with a lease) → sent | failed. The auto-reply skips `pending`:
 * it is written already claimed, in the transaction that creates its ticket.
 * `failed` with `retryable` goes back through a claim on the retry sweep; `failed-unknown` means
 * a claim's lease ran out with no recorded outcome (SES may or may not have accepted it): it is
 * never resent automatically — at most once — and waits for a person.
 */
export type OutboxState = (typeof OUTBOX_STATES)[number];
export type OutboxKind = 'auto-reply' | 'agent-reply';

export interface OutboxRecord {
  /** Deterministic: `<ticketId>.<suffix>` (see `outboxId`), so enqueueing twice is one record. */
  id: string;
  ticketId: string;
  kind: OutboxKind;
  createdAt: string;
  updatedAt: string;
  state: OutboxState;
  /** The one recipient (lower-cased address). */
  recipient: string;
  from: string;
  subject: string;
  /** Our Message-ID (no angle brackets), fixed before the first send so threading and retries agree. */
  messageId: string;
  /** The exact MIME sent on every attempt (inline when small)… */
  raw: string | null;
  /** …or where it is kept when large. */
  rawLocation: S3Location | null;
  attempts: number;
  /** Set while `sending`: the claim's token and until when it holds. */
  claimToken: string | null;
  leaseUntil: string | null;
  /** When a retryable failure may be tried again. */
  nextAttemptAt: string | null;
  retryable: boolean;
  sesMessageId: string | null;
  sentAt: string | null;
  lastError: string | null;
  /** Who asked for it (`system` for auto-replies, the agent otherwise). */
  requestedBy: string;
}

// ---------------------------------------------------------------------------------------------
// Ids

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function base32(value: bigint, length: number): string {
  let out = '';
  let v = value;
  for (let i = 0; i < length; i++) {
    out = CROCKFORD[Number(v & 31n)] + out;
    v >>= 5n;
  }
  return out;
}

/**
 * A ticket id: 9 Crockford base32 characters of the creation time in milliseconds (sortable,
 * good for 1,100 years) and 3 random ones (32,768 per millisecond), e.g. `1KJMA0FM0B0E`.
 * No I, L, O, U: easy to read out on the phone.
 */
export function newTicketId(now: Date = new Date()): string {
  const random = BigInt(randomBytes(2).readUInt16BE(0) & 0x7fff);
  return base32(BigInt(now.getTime()), 9) + base32(random, 3);
}

export const TICKET_ID_PATTERN = /^[0-9A-HJKMNP-TV-Z]{12}$/;

export function isTicketId(value: string): boolean {
  return TICKET_ID_PATTERN.test(value);
}

let lastMs = -1;
let counter = 0;

/**
 * A time-ordered id for messages and events (unique, not meant to be read): the time, a
 * per-process counter (so ids made in the same millisecond keep their order) and random bits.
 */
export function newItemId(now: Date = new Date()): string {
  const ms = now.getTime();
  counter = ms === lastMs ? counter + 1 : 0;
  lastMs = ms;
  return base32(BigInt(ms), 9) + base32(BigInt(counter & 0xfffff), 4) + randomBytes(4).toString('hex');
}

/** Outbox ids embed the ticket id so the record lives in (and is found through) the ticket. */
export function outboxId(ticketId: string, suffix: string): string {
  return `${ticketId}.${suffix}`;
}

export function ticketIdOfOutboxId(id: string): string {
  const dot = id.indexOf('.');
  return dot < 0 ? id : id.slice(0, dot);
}

/** Message-IDs compared and stored without angle brackets or surrounding space. */
export function normalizeMessageId(value: string): string {
  return value.trim().replace(/^<+/, '').replace(/>+$/, '').trim();
}

// ---------------------------------------------------------------------------------------------
// Text budget

/** At most `max` UTF-16 units of `text`, never splitting a surrogate pair (DynamoDB wants valid Unicode). */
export function cutChars(text: string, max: number): string {
  if (text.length <= max) return text;
  const code = text.charCodeAt(max - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}

/** Cuts `text` to at most `maxBytes` of UTF-8 without splitting a character. */
export function storedText(text: string, maxBytes: number): StoredText {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes <= maxBytes) return { text, truncated: false, originalBytes: bytes };
  const buf = Buffer.from(text, 'utf8').subarray(0, maxBytes);
  // Step back over a partial multi-byte sequence (continuation bytes are 10xxxxxx).
  let end = buf.length;
  let i = end - 1;
  while (i >= 0 && (buf[i]! & 0xc0) === 0x80) i--;
  if (i >= 0) {
    const lead = buf[i]!;
    const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
    if (end - i < need) end = i;
  }
  return { text: buf.subarray(0, end).toString('utf8'), truncated: true, originalBytes: bytes };
}
