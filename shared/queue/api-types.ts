/**
 * The agents' API contract: the shapes the handler returns and the page reads. Type-only, so
 * the page bundle takes nothing from here at run time. Request schemas live in `requests.ts`.
 */
import type { Category } from '../taxonomy.ts';
import type { Evidence, Reason, AttachmentMeta } from '../types.ts';

export type TicketStatusName = string;

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
  /** `in` = from the customer, `out` = a reply of ours. */
  direction: 'in' | 'out';
  messageId: string | null;
  at: string;
  from: string;
  subject: string;
  text: string;
  /** Unsanitised HTML as received: render only through the page's sanitiser + sandbox. */
  html: string | null;
  attachments: AttachmentMeta[];
}

export interface TicketEventView {
  at: string;
  actor: string;
  type: string;
  /** What changed: field → { before, after } (empty for a note). */
  changes: Record<string, { before: unknown; after: unknown }>;
  note: string | null;
}

export interface ReplyView {
  id: string;
  /** `auto` = the pipeline's auto-reply, `agent` = sent from the queue. */
  kind: 'auto' | 'agent';
  to: string;
  subject: string;
  text: string;
  state: string;
  sesMessageId: string | null;
  attempts: number;
  createdAt: string;
  updatedAt: string;
  lastError: string | null;
  sentBy: string | null;
}

export interface TicketDetail extends TicketSummary {
  reasons: Reason[];
  evidence: Evidence[];
  automated: boolean;
  automatedSignals: string[];
  /** The (redacted) customer text the classifier read; evidence phrases occur in it. */
  text: string;
  verdicts: Record<string, string>;
  raw: { bucket: string; key: string } | null;
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
  counts: Record<string, number>;
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
  vocabulary: { statuses: string[]; categories: Category[]; languages: string[] };
}

export interface ApiErrorBody {
  error: { code: string; message: string; details?: unknown };
}
