import { ConflictError, NotFoundError, ReplyWindowTakenError } from '../../ports/errors.ts';
import type { MemoryOutbox } from './outbox.ts';
import type {
  AppendMessageOptions,
  AppendMessageResult,
  CreateTicketResult,
  NewTicket,
  NewTicketMessage,
  NewTicketReply,
  Page,
  TicketPatch,
  TicketQuery,
  TicketStore,
  TicketThread,
} from '../../ports/ticket-store.ts';
import type { NewTicketEvent, Ticket, TicketEvent, TicketMessage } from '../../tickets/model.ts';
import { normalizeMessageId } from '../../tickets/model.ts';
import {
  decodeCursor,
  encodeCursor,
  InvalidCursorError,
  matchesQuery,
  pageSize,
  createdEvent,
  ticketAfterMessage,
  timeKey,
  toEvent,
} from '../../tickets/store-support.ts';

/** The ticket store in memory, with the same semantics as the DynamoDB one (unit tests). */
export class MemoryTicketStore implements TicketStore {
  private readonly tickets = new Map<string, Ticket>();
  private readonly messageIds = new Map<string, string>();
  private readonly messages = new Map<string, TicketMessage[]>();
  private readonly events = new Map<string, TicketEvent[]>();
  /** Reply windows by lower-cased sender. */
  private readonly windows = new Map<string, { holder: string; until: string }>();

  /**
   * `outbox`: the records shown in threads and written with a ticket's auto-reply; its
   * `reply-sent` events land here (DynamoDB writes both in one transaction).
   */
  constructor(private readonly deps: { outbox?: MemoryOutbox; now?: () => Date } = {}) {
    deps.outbox?.recordEventsIn((ticketId, event, now) => this.events.get(ticketId)?.push(toEvent(ticketId, event, now)));
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  async createTicket(input: NewTicket, first: NewTicketMessage, extra: NewTicketEvent[] = [], reply?: NewTicketReply): Promise<CreateTicketResult> {
    const messageId = normalizeMessageId(first.messageId);
    const existingId = this.messageIds.get(messageId);
    if (existingId !== undefined) {
      return { ticket: clone(this.tickets.get(existingId)!), created: false, reply: null };
    }
    if (this.tickets.has(input.id)) throw new ConflictError(`ticket id ${input.id} is taken`);
    const now = this.now();
    const opened: Ticket = {
      ...clone(input),
      messageId: normalizeMessageId(input.messageId),
      version: 1,
      updatedAt: input.createdAt,
      messageCount: 1,
      lastMessageAt: first.at,
    };
    let ticket = opened;
    const events = [createdEvent(opened), ...extra];
    const messages: TicketMessage[] = [{ ...clone(first), messageId, ticketId: opened.id }];
    if (reply) {
      // Checked before anything is written: the whole creation happens or none of it.
      const sender = reply.window.sender.toLowerCase();
      const held = this.windows.get(sender);
      if (held && held.holder !== reply.window.holder && held.until > reply.window.now) throw new ReplyWindowTakenError(held.holder, held.until);
      if (!this.deps.outbox) throw new Error('MemoryTicketStore: a ticket with a reply needs the outbox');
      const after = ticketAfterMessage(opened, reply.message.at, { events: reply.events }, now);
      ticket = after.next;
      events.push(...after.events);
      const replyId = normalizeMessageId(reply.message.messageId);
      messages.push({ ...clone(reply.message), messageId: replyId, ticketId: ticket.id });
      this.windows.set(sender, { holder: reply.window.holder, until: reply.window.until });
      this.deps.outbox.insert(reply.record);
      this.messageIds.set(replyId, ticket.id);
    }
    this.tickets.set(ticket.id, ticket);
    this.messageIds.set(messageId, ticket.id);
    this.messages.set(ticket.id, messages);
    this.events.set(ticket.id, events.map((e) => toEvent(ticket.id, e, now)));
    return { ticket: clone(ticket), created: true, reply: reply ? clone(reply.record) : null };
  }

  async findTicketIdByMessageId(messageId: string): Promise<string | null> {
    return this.messageIds.get(normalizeMessageId(messageId)) ?? null;
  }

  async findTicketIdByAnyMessageId(messageIds: string[]): Promise<string | null> {
    for (const id of messageIds) {
      const found = this.messageIds.get(normalizeMessageId(id));
      if (found !== undefined) return found;
    }
    return null;
  }

  async appendMessage(ticketId: string, message: NewTicketMessage, options: AppendMessageOptions = {}): Promise<AppendMessageResult> {
    const current = this.tickets.get(ticketId);
    if (!current) throw new NotFoundError(`ticket ${ticketId} not found`);
    const messageId = normalizeMessageId(message.messageId);
    if (this.messageIds.has(messageId)) return { ticket: clone(current), appended: false };
    const now = this.now();
    const { next, events } = ticketAfterMessage(current, message.at, options, now);
    this.tickets.set(ticketId, next);
    this.messageIds.set(messageId, ticketId);
    this.messages.get(ticketId)!.push({ ...clone(message), messageId, ticketId });
    this.events.get(ticketId)!.push(...events.map((e) => toEvent(ticketId, e, now)));
    return { ticket: clone(next), appended: true };
  }

  async registerMessageId(ticketId: string, messageId: string): Promise<void> {
    const id = normalizeMessageId(messageId);
    const existing = this.messageIds.get(id);
    if (existing !== undefined && existing !== ticketId) {
      throw new ConflictError(`message id ${id} already belongs to ticket ${existing}`);
    }
    this.messageIds.set(id, ticketId);
  }

  async getTicket(id: string): Promise<Ticket | null> {
    const t = this.tickets.get(id);
    return t ? clone(t) : null;
  }

  async getThread(id: string): Promise<TicketThread | null> {
    const ticket = this.tickets.get(id);
    if (!ticket) return null;
    return {
      ticket: clone(ticket),
      messages: clone(this.messages.get(id) ?? []).sort((a, b) => cmp(a.at + a.id, b.at + b.id)),
      events: clone(this.events.get(id) ?? []).sort((a, b) => cmp(a.at + a.id, b.at + b.id)),
      outbox: this.deps.outbox ? await this.deps.outbox.listForTicket(id) : [],
    };
  }

  async listTickets(query: TicketQuery = {}): Promise<Page<Ticket>> {
    const newestFirst = (query.order ?? 'newest') === 'newest';
    let after: string | null = null;
    if (query.cursor) {
      const decoded = decodeCursor(query.cursor);
      if (typeof decoded !== 'string') throw new InvalidCursorError('cursor is not one this store issued');
      after = decoded;
    }
    const limit = pageSize(query);
    const sorted = [...this.tickets.values()]
      .filter((t) => matchesQuery(t, query))
      .sort((a, b) => (newestFirst ? cmp(timeKey(b), timeKey(a)) : cmp(timeKey(a), timeKey(b))));
    const start = after === null ? sorted : sorted.filter((t) => (newestFirst ? timeKey(t) < after! : timeKey(t) > after!));
    const items = start.slice(0, limit);
    const more = start.length > limit;
    return { items: clone(items), cursor: more ? encodeCursor(timeKey(items[items.length - 1]!)) : null };
  }

  async updateTicket(id: string, expectedVersion: number, patch: TicketPatch, events: NewTicketEvent[] = []): Promise<Ticket> {
    const current = this.tickets.get(id);
    if (!current) throw new NotFoundError(`ticket ${id} not found`);
    if (current.version !== expectedVersion) {
      throw new ConflictError(`ticket ${id} is at version ${current.version}, not ${expectedVersion}`, { version: current.version });
    }
    const now = this.now();
    const next: Ticket = { ...current, ...clone(patch), version: current.version + 1, updatedAt: now.toISOString() };
    this.tickets.set(id, next);
    this.events.get(id)!.push(...events.map((e) => toEvent(id, e, now)));
    return clone(next);
  }

  async addEvent(ticketId: string, event: NewTicketEvent): Promise<TicketEvent> {
    const list = this.events.get(ticketId);
    if (!list) throw new NotFoundError(`ticket ${ticketId} not found`);
    const stored = toEvent(ticketId, event, this.now());
    list.push(stored);
    return clone(stored);
  }

  async listEvents(ticketId: string): Promise<TicketEvent[]> {
    return clone(this.events.get(ticketId) ?? []).sort((a, b) => cmp(a.at + a.id, b.at + b.id));
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function clone<T>(value: T): T {
  return structuredClone(value);
}
