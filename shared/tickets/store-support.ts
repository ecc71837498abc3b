import type { NewTicketEvent, Ticket, TicketEvent, TicketStatus } from './model.ts';
import { newItemId } from './model.ts';
import type { AppendMessageOptions, TicketQuery } from '../ports/ticket-store.ts';

/** Shared by the store adapters so they agree on defaults, events and cursors. */

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

export function pageSize(query: TicketQuery | undefined): number {
  const limit = query?.limit ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 1) return DEFAULT_PAGE_SIZE;
  return Math.min(limit, MAX_PAGE_SIZE);
}

export function toEvent(ticketId: string, event: NewTicketEvent, now: Date): TicketEvent {
  return {
    id: newItemId(now),
    ticketId,
    at: event.at ?? now.toISOString(),
    actor: event.actor,
    type: event.type,
    before: event.before ?? null,
    after: event.after ?? null,
    note: event.note ?? null,
  };
}

export function createdEvent(ticket: Ticket): NewTicketEvent {
  return { actor: 'system', type: 'created', before: null, after: ticket.status, note: null, at: ticket.createdAt };
}

export function statusChangedEvent(from: TicketStatus, to: TicketStatus, actor: string, note: string | null): NewTicketEvent {
  return { actor, type: 'status-changed', before: from, after: to, note };
}

/** The sort key every index uses: creation time, then id (ids are unique). */
export function timeKey(ticket: Pick<Ticket, 'createdAt' | 'id'>): string {
  return `${ticket.createdAt}#${ticket.id}`;
}

export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

/** Decodes a cursor; a malformed one is a caller error. */
export function decodeCursor(cursor: string): unknown {
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch (cause) {
    throw new InvalidCursorError('cursor is not one this store issued', { cause });
  }
}

export class InvalidCursorError extends Error {
  override readonly name = 'InvalidCursorError';
}

/** The filters that are not the index's key, evaluated on a ticket (memory store, and tests). */
export function matchesQuery(ticket: Ticket, query: TicketQuery): boolean {
  if (query.status !== undefined && ticket.status !== query.status) return false;
  if (query.category !== undefined && ticket.category !== query.category) return false;
  if (query.sender !== undefined && ticket.sender !== query.sender.toLowerCase()) return false;
  if (query.language !== undefined && ticket.language !== query.language) return false;
  if (query.minConfidence !== undefined && ticket.confidence < query.minConfidence) return false;
  if (query.maxConfidence !== undefined && ticket.confidence > query.maxConfidence) return false;
  if (query.since !== undefined && ticket.createdAt < query.since) return false;
  if (query.until !== undefined && ticket.createdAt > query.until) return false;
  return true;
}

/**
 * The ticket after one more message of its thread, and the events to record with it (the
 * caller's, plus the status change a follow-up causes). Both stores apply exactly this.
 */
export function ticketAfterMessage(
  current: Ticket,
  messageAt: string,
  options: AppendMessageOptions,
  now: Date,
): { next: Ticket; events: NewTicketEvent[] } {
  const nextStatus = options.nextStatus?.(structuredClone(current)) ?? null;
  const next: Ticket = {
    ...current,
    version: current.version + 1,
    updatedAt: now.toISOString(),
    messageCount: current.messageCount + 1,
    lastMessageAt: messageAt > current.lastMessageAt ? messageAt : current.lastMessageAt,
    status: nextStatus ?? current.status,
  };
  const events = [...(options.events ?? [])];
  if (nextStatus !== null && nextStatus !== current.status) {
    events.push(statusChangedEvent(current.status, nextStatus, 'system', 'follow-up received'));
  }
  return { next, events };
}
