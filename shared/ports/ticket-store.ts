import type { Category } from '../taxonomy.ts';
import type {
  NewTicketEvent,
  OutboxRecord,
  Ticket,
  TicketEvent,
  TicketMessage,
  TicketStatus,
} from '../tickets/model.ts';

/** What creating a ticket needs: the ticket and its first (inbound) message, without store bookkeeping. */
export type NewTicket = Omit<Ticket, 'version' | 'updatedAt' | 'messageCount' | 'lastMessageAt'>;
export type NewTicketMessage = Omit<TicketMessage, 'ticketId'>;

export interface CreateTicketResult {
  ticket: Ticket;
  /** False when a ticket already existed for the message id (a duplicate delivery). */
  created: boolean;
  /** The auto-reply's outbox record, as written with the ticket (null without one, or when not created). */
  reply: OutboxRecord | null;
}

/**
 * One auto-reply per sender per window: the window is taken when nobody holds it, when it has
 * ended (`until <= now`), or when `holder` (the Message-ID that took it) already holds it, so a
 * redelivered message keeps its window. ISO 8601 times.
 */
export interface ReplyWindow {
  sender: string;
  holder: string;
  now: string;
  until: string;
}

/**
 * An auto-reply written in the same atomic write as its ticket: the sender's reply window, the
 * outbox record (already claimed: `sending`, attempt 1, with its token and lease — the write that
 * creates the ticket is the claim, so exactly one delivery of a message can win it), and the reply
 * as a message of the thread, whose Message-ID then maps to the ticket.
 */
export interface NewTicketReply {
  window: ReplyWindow;
  record: OutboxRecord;
  message: NewTicketMessage;
  events: NewTicketEvent[];
}

export interface AppendMessageResult {
  ticket: Ticket;
  /** False when the message id was already part of a thread (a duplicate delivery). */
  appended: boolean;
}

export interface AppendMessageOptions {
  /**
   * The ticket's next status given its current state, or null to leave it (e.g. a follow-up
   * reopens a resolved ticket; an out-of-office does not). Called again if the ticket changed
   * under us, so it must be pure.
   */
  nextStatus?: (current: Ticket) => TicketStatus | null;
  /** Recorded with the append (the reopening, if any, is recorded by the store). */
  events?: NewTicketEvent[];
}

export type TicketPatch = Partial<Pick<Ticket, 'status' | 'category' | 'assignee' | 'reasons'>>;

export interface TicketQuery {
  status?: TicketStatus;
  category?: Category;
  sender?: string;
  language?: string;
  minConfidence?: number;
  maxConfidence?: number;
  /** Inclusive bounds on `createdAt` (ISO 8601). */
  since?: string;
  until?: string;
  /** Newest first unless `oldest`. */
  order?: 'newest' | 'oldest';
  /** Page size (1–500, default 50). */
  limit?: number;
  /** Opaque: the `cursor` of the previous page. */
  cursor?: string | null;
}

export interface Page<T> {
  items: T[];
  /** Pass back to get the next page; null on the last page. */
  cursor: string | null;
}

export interface TicketThread {
  ticket: Ticket;
  /** Oldest first. */
  messages: TicketMessage[];
  /** Oldest first. */
  events: TicketEvent[];
  /** The replies queued or sent for this ticket, oldest first. */
  outbox: OutboxRecord[];
}

/**
 * Tickets, their threads and their audit trail. Every write is idempotent or conditional:
 * SES and Lambda deliver at least once, and agents edit concurrently.
 */
export interface TicketStore {
  /**
   * Creates the ticket with its first message and a `created` event, atomically with a marker
   * for the message's Message-ID, unless that Message-ID is already known: then nothing is
   * written and the ticket holding it is returned with `created: false`.
   *
   * With `reply`, the same write takes the sender's reply window and stores the reply (outbox
   * record, thread message and its Message-ID marker, `events`); the ticket is stored as it is
   * after that message (messageCount 2). When another message holds the sender's window,
   * nothing is written and ReplyWindowTakenError says who holds it until when.
   */
  createTicket(ticket: NewTicket, firstMessage: NewTicketMessage, events?: NewTicketEvent[], reply?: NewTicketReply): Promise<CreateTicketResult>;

  /** The ticket a Message-ID belongs to (an inbound message or one of our replies), or null. */
  findTicketIdByMessageId(messageId: string): Promise<string | null>;

  /** The first of `messageIds` (in the given order) that belongs to a ticket. */
  findTicketIdByAnyMessageId(messageIds: string[]): Promise<string | null>;

  /**
   * Adds a message to a ticket's thread unless its Message-ID is already known (then
   * `appended: false`), bumping messageCount/lastMessageAt and applying `nextStatus`.
   * Throws NotFoundError for an unknown ticket.
   */
  appendMessage(ticketId: string, message: NewTicketMessage, options?: AppendMessageOptions): Promise<AppendMessageResult>;

  /** Maps one of our outbound Message-IDs to the ticket, so replies to it thread. Idempotent. */
  registerMessageId(ticketId: string, messageId: string): Promise<void>;

  getTicket(id: string): Promise<Ticket | null>;

  /** The ticket with its messages, events and outbox records; null for an unknown id. */
  getThread(id: string): Promise<TicketThread | null>;

  listTickets(query?: TicketQuery): Promise<Page<Ticket>>;

  /**
   * Applies `patch` if the ticket is still at `expectedVersion` (ConflictError otherwise,
   * NotFoundError for an unknown id), recording `events` in the same write.
   */
  updateTicket(id: string, expectedVersion: number, patch: TicketPatch, events?: NewTicketEvent[]): Promise<Ticket>;

  addEvent(ticketId: string, event: NewTicketEvent): Promise<TicketEvent>;

  listEvents(ticketId: string): Promise<TicketEvent[]>;
}
