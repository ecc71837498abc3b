/**
 * The agents' API contract: the shapes the handler returns and the page reads. Type-only, so
 * the page bundle takes nothing from here at run time. Request schemas live in `requests.ts`.
 */
import type { Category } from '../taxonomy.ts';
import type { AttachmentMeta, Evidence } from '../types.ts';
import type {
  MessageDirection,
  OutboxKind,
  OutboxState,
  SesVerdicts,
  TicketEvent,
  TicketReason,
  TicketStatus,
} from '../tickets/model.ts';

export type TicketStatusName = TicketStatus;

export interface TicketSummary {
  id: string;
  status: TicketStatusName;
  category: Category;
  /** What the classifier decided; differs from `category` after an agent's override. */
  machineCategory: Category;
  overridden: boolean;
  secondary: Category[];
  confidence: number;
  language: string;
  sender: string;
  subject: string;
  receivedAt: string;
  updatedAt: string;
  assignee: string | null;
  /** Optimistic-concurrency version: send it back as `If-Match` on PATCH. */
  version: number;
}

export interface ThreadMessage {
  id: string;
  direction: MessageDirection;
  messageId: string;
  at: string;
  from: string;
  subject: string;
  text: string;
  textTruncated: boolean;
  /** Unsanitised HTML as received: render only through the page's sanitiser + sandbox. */
  html: string | null;
  attachments: AttachmentMeta[];
}

/** One audit-trail entry: who, when, what, before → after. */
export type TicketEventView = Omit<TicketEvent, 'ticketId'>;

/** A reply queued or sent for the ticket, with its delivery state (from the outbox). */
export interface ReplyView {
  id: string;
  kind: OutboxKind;
  to: string;
  subject: string;
  /** The reply's text as the customer reads it (from the thread), when known. */
  text: string | null;
  state: OutboxState;
  sesMessageId: string | null;
  attempts: number;
  createdAt: string;
  updatedAt: string;
  sentAt: string | null;
  lastError: string | null;
  requestedBy: string;
}

export interface TicketDetail extends TicketSummary {
  reasons: TicketReason[];
  evidence: Evidence[];
  automated: boolean;
  /** The customer's own words (redacted) the classifier read; evidence phrases occur in it. */
  text: string;
  textTruncated: boolean;
  verdicts: SesVerdicts | null;
  raw: { bucket: string; key: string };
  /** Set when the raw message could not be read or parsed (the stored text is shown instead). */
  rawError: string | null;
  messages: ThreadMessage[];
  events: TicketEventView[];
  replies: ReplyView[];
}

export interface TicketPage {
  items: TicketSummary[];
  /** Opaque; pass as `cursor` for the next page. Null on the last page. */
  nextCursor: string | null;
}

export interface StatusCounts {
  counts: Record<TicketStatus, number>;
}

export interface Stats {
  window: '24h' | '7d';
  from: string;
  to: string;
  total: number;
  byCategory: Record<string, number>;
  byStatus: Record<string, number>;
  byLanguage: Record<string, number>;
  /** Tickets per hour (24h) or per day (7d), oldest first. */
  series: Array<{ bucket: string; count: number }>;
  autoReplied: number;
  autoReplyRate: number;
  overridden: number;
  overrideShare: number;
  /** machine category → agent category → count, overridden tickets only. */
  confusion: Record<string, Record<string, number>>;
}

/** Who is signed in, and the vocabularies the page offers in its filters and actions. */
export interface Me {
  agent: string;
  groups: string[];
  vocabulary: { statuses: TicketStatus[]; categories: Category[]; languages: string[] };
}

export interface ApiErrorBody {
  error: { code: string; message: string; details?: unknown };
}
