import type { NewTicket, NewTicketMessage, NewTicketReply } from '../../../../shared/ports/ticket-store.ts';
import type { NewOutboxRecord } from '../../../../shared/ports/outbox.ts';
import { newItemId, newTicketId, outboxId } from '../../../../shared/tickets/model.ts';
import { claimedRecord } from '../../../../shared/tickets/outbox-rules.ts';

/** Builders for contract tests: realistic tickets, messages and outbox records. */

let seq = 0;

export function aTicket(overrides: Partial<NewTicket> = {}): NewTicket {
  seq++;
  const createdAt = overrides.createdAt ?? new Date(Date.UTC(2026, 0, 1, 0, 0, seq)).toISOString();
  return {
    id: newTicketId(new Date(createdAt)),
    createdAt,
    sender: 'author@example.com',
    senderName: 'An Author',
    subject: `Cannot sign in (${seq})`,
    messageId: `msg-${seq}-${newItemId()}@example.com`,
    category: 'password',
    machineCategory: 'password',
    secondary: [],
    confidence: 0.9,
    evidence: [{ phrase: 'forgot my password', category: 'password', source: 'own', weight: 2 }],
    language: 'en',
    automated: false,
    reasons: [{ code: 'article-match', detail: 'password' }],
    status: 'auto-replied',
    assignee: null,
    raw: { bucket: 'raw', key: `inbound/${seq}` },
    verdicts: { spam: 'PASS', virus: 'PASS', spf: 'PASS', dkim: 'PASS', dmarc: 'PASS', dmarcPolicy: null },
    customerText: { text: 'I forgot my password', truncated: false, originalBytes: 20 },
    attachments: [],
    ...overrides,
  };
}

export function aMessage(ticket: Pick<NewTicket, 'messageId' | 'createdAt' | 'sender' | 'subject'>, overrides: Partial<NewTicketMessage> = {}): NewTicketMessage {
  return {
    id: newItemId(new Date(ticket.createdAt)),
    direction: 'inbound',
    messageId: ticket.messageId,
    at: ticket.createdAt,
    from: ticket.sender,
    to: ['support@kdp.example.com'],
    subject: ticket.subject,
    text: { text: 'I forgot my password', truncated: false, originalBytes: 20 },
    automated: false,
    attachments: [],
    raw: { bucket: 'raw', key: 'inbound/x' },
    verdicts: null,
    outboxId: null,
    category: null,
    confidence: null,
    ...overrides,
  };
}

export function anOutboxRecord(ticketId: string, overrides: Partial<NewOutboxRecord> = {}): NewOutboxRecord {
  return {
    id: outboxId(ticketId, 'auto'),
    ticketId,
    kind: 'auto-reply',
    recipient: 'Author@Example.com',
    from: 'support@kdp.example.com',
    subject: 'Re: Cannot sign in',
    messageId: `<reply-${newItemId()}@kdp.example.com>`,
    raw: 'Message-ID: <x@kdp.example.com>\r\nAuto-Submitted: auto-replied\r\n\r\nHello',
    rawLocation: null,
    requestedBy: 'system',
    ...overrides,
  };
}

/**
 * The auto-reply written with `ticket` a second after it arrived: claimed for its first send,
 * holding the sender's window from the ticket's arrival for `hours`.
 */
export function aReply(ticket: Pick<NewTicket, 'id' | 'messageId' | 'createdAt' | 'sender' | 'subject'>, hours = 24): NewTicketReply {
  const received = Date.parse(ticket.createdAt);
  const now = new Date(received + 1000).toISOString();
  const record = claimedRecord(anOutboxRecord(ticket.id, { recipient: ticket.sender }), now, {
    token: `token-${newItemId()}`,
    leaseUntil: new Date(Date.parse(now) + 60_000).toISOString(),
  });
  return {
    window: { sender: ticket.sender, holder: ticket.messageId, now: ticket.createdAt, until: new Date(received + hours * 3_600_000).toISOString() },
    record,
    message: { ...aMessage(ticket), id: newItemId(new Date(now)), direction: 'outbound', messageId: record.messageId, at: now, from: record.from, to: [record.recipient], raw: null, outboxId: record.id },
    events: [{ actor: 'system', type: 'reply-queued', before: null, after: { outboxId: record.id }, note: null }],
  };
}
