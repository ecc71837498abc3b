import { createHash } from 'node:crypto';
import type { OutboxRecord, Ticket, TicketEvent } from '../../tickets/model.ts';
import { normalizeMessageId, ticketIdOfOutboxId } from '../../tickets/model.ts';
import { timeKey } from '../../tickets/store-support.ts';

/**
 * Where each kind of item lives in the single tickets table (TABLE_DESIGN). A ticket's
 * partition holds the ticket, its messages, its events and its outbox records, so one query
 * reads a whole thread; Message-IDs and reply windows have partitions of their own so a
 * conditional write on them is the dedup or the lock.
 */

/** `itemType` on every item (not `type`: events have a domain field of that name). */
export type ItemType = 'ticket' | 'message' | 'event' | 'outbox' | 'message-id' | 'reply-guard';

/** Key parts made from hostile input (Message-IDs, addresses) stay well under DynamoDB's key limits. */
export function keyPart(value: string): string {
  return Buffer.byteLength(value, 'utf8') <= 512 ? value : `sha256:${createHash('sha256').update(value).digest('hex')}`;
}

export const ticketPk = (ticketId: string) => `TICKET#${ticketId}`;

export const keys = {
  ticket: (id: string) => ({ pk: ticketPk(id), sk: 'TICKET' }),
  message: (ticketId: string, at: string, id: string) => ({ pk: ticketPk(ticketId), sk: `MSG#${at}#${id}` }),
  event: (ticketId: string, at: string, id: string) => ({ pk: ticketPk(ticketId), sk: `EVENT#${at}#${id}` }),
  outbox: (id: string) => ({ pk: ticketPk(ticketIdOfOutboxId(id)), sk: `OUTBOX#${id}` }),
  messageId: (messageId: string) => {
    const pk = `MSGID#${keyPart(normalizeMessageId(messageId))}`;
    return { pk, sk: pk };
  },
  replyGuard: (sender: string) => {
    const pk = `REPLYGUARD#${keyPart(sender.toLowerCase())}`;
    return { pk, sk: pk };
  },
};

/** The index attributes of a ticket item: every index sorts by `<createdAt>#<id>`. */
export function ticketIndexKeys(ticket: Ticket): Record<string, string> {
  const sk = timeKey(ticket);
  return {
    gsi1pk: `STATUS#${ticket.status}`,
    gsi1sk: sk,
    gsi2pk: `CATEGORY#${ticket.category}`,
    gsi2sk: sk,
    gsi3pk: `SENDER#${keyPart(ticket.sender)}`,
    gsi3sk: sk,
    gsi4pk: 'TICKETS',
    gsi4sk: sk,
  };
}

/** An audit event as an item of its ticket's partition. */
export function eventItem(event: TicketEvent): Record<string, unknown> {
  return { ...event, ...keys.event(event.ticketId, event.at, event.id), itemType: 'event' };
}

export function outboxIndexKeys(record: Pick<OutboxRecord, 'state' | 'createdAt' | 'id'>): Record<string, string> {
  return { gsi4pk: `OUTBOX#${record.state}`, gsi4sk: `${record.createdAt}#${record.id}` };
}

const STORAGE_ATTRIBUTES = [
  'pk',
  'sk',
  'itemType',
  'expiresAt',
  'gsi1pk',
  'gsi1sk',
  'gsi2pk',
  'gsi2sk',
  'gsi3pk',
  'gsi3sk',
  'gsi4pk',
  'gsi4sk',
];

/** The domain object stored in an item, without the table's bookkeeping attributes. */
export function fromItem<T>(item: Record<string, unknown>): T {
  const copy: Record<string, unknown> = { ...item };
  for (const name of STORAGE_ATTRIBUTES) delete copy[name];
  return copy as T;
}
