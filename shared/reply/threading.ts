import { randomBytes } from 'node:crypto';
import { SUBJECT_PREFIX } from '../mail/subject-prefix.ts';
import { isTicketId } from '../tickets/model.ts';
import { singleLine } from './header-text.ts';

// How our replies carry the ticket so that the customer's answer finds its way back: the
// ticket id sits in the subject tag (`[Ticket #ID]`, survives clients that drop threading
// headers) and in the local part of our Message-ID (`<ID.random@our-domain>`, survives
// subject edits). Both parsers live here, beside the code that writes them.

// Anything tag-shaped is recognised (and stripped from a customer's subject); only a real
// ticket id (`isTicketId`, defined with the ticket model) is ever returned.
const TAG_RE = /\[\s*ticket\s*#\s*([A-Za-z0-9_-]{1,64})\s*\]/gi;

export function ticketTag(ticketId: string): string {
  return `[Ticket #${ticketId}]`;
}

/** The ticket id in a subject's `[Ticket #ID]` tag (the first valid one), or null. */
export function ticketIdFromSubject(subject: string | null | undefined): string | null {
  for (const match of singleLine(subject ?? '', 2000).matchAll(TAG_RE)) {
    if (isTicketId(match[1] as string)) return match[1] as string;
  }
  return null;
}

/** Most characters of the customer's subject we keep (the tag and prefix come on top). */
const SUBJECT_MAX = 150;

/**
 * The subject of our reply: the customer's subject with every reply/forward prefix and any
 * ticket tag removed, then one `Re: ` in front and our ticket tag behind. `fallback` stands in
 * when nothing is left (e.g. an empty subject or a bare "Re:").
 */
export function replySubject(original: string | null | undefined, ticketId: string, fallback: string): string {
  let subject = singleLine(original ?? '', 2000).replace(TAG_RE, ' ').replace(/\s+/g, ' ').trim();
  for (let previous = ''; previous !== subject; ) {
    previous = subject;
    subject = subject.replace(SUBJECT_PREFIX, '').trim();
  }
  subject = singleLine(subject, SUBJECT_MAX) || singleLine(fallback, SUBJECT_MAX);
  return `Re: ${subject} ${ticketTag(ticketId)}`;
}

/**
 * A message id from a header or a parsed email, without angle brackets, or null when it is not
 * one we can safely repeat in a header: printable ASCII only, no whitespace, brackets, quotes,
 * commas or comments, at most 250 characters.
 */
export function normalizeMessageId(value: string | null | undefined): string | null {
  if (typeof value !== 'string') return null;
  const id = value.trim().replace(/^<+/, '').replace(/>+$/, '').trim();
  if (id.length === 0 || id.length > 250) return null;
  return /^[\x21-\x7e]+$/.test(id) && !/["(),<>[\\\]]/.test(id) ? id : null;
}

/** Most ids in a References header we send; RFC 5322 §3.6.4 allows trimming the middle. */
export const MAX_REFERENCES = 10;

/**
 * The References of a reply: the earlier references followed by the message we answer, unsafe
 * ids dropped, duplicates removed, and — past `max` — the thread's first message kept with the
 * most recent ones.
 */
export function replyReferences(
  previous: readonly string[] | null | undefined,
  inReplyTo: string | null | undefined,
  max = MAX_REFERENCES,
): string[] {
  const ids: string[] = [];
  for (const value of [...(previous ?? []), inReplyTo]) {
    const id = normalizeMessageId(value);
    if (id !== null && !ids.includes(id)) ids.push(id);
  }
  // Keep the answered message last even if it also appeared earlier in the list.
  const answered = normalizeMessageId(inReplyTo);
  if (answered !== null && ids[ids.length - 1] !== answered) {
    ids.splice(ids.indexOf(answered), 1);
    ids.push(answered);
  }
  if (ids.length <= max) return ids;
  return max <= 1 ? ids.slice(-max) : [ids[0] as string, ...ids.slice(ids.length - (max - 1))];
}

/** A new Message-ID (without brackets) for a reply of `ticketId`: `ID.random@domain`. */
export function newMessageId(ticketId: string, domain: string, token = randomBytes(12).toString('base64url')): string {
  return `${ticketId}.${token}@${domain}`;
}

/**
 * The ticket id inside one of our own Message-IDs, or null. Only ids on `ourDomain` count:
 * anyone else's `abc.def@example.com` must not be mistaken for ticket `abc`.
 */
export function ticketIdFromMessageId(messageId: string | null | undefined, ourDomain: string): string | null {
  const id = normalizeMessageId(messageId);
  if (id === null) return null;
  const at = id.lastIndexOf('@');
  if (at < 0 || id.slice(at + 1).toLowerCase() !== ourDomain.toLowerCase()) return null;
  const local = id.slice(0, at);
  const dot = local.indexOf('.');
  if (dot < 0 || dot === local.length - 1) return null;
  const ticketId = local.slice(0, dot);
  return isTicketId(ticketId) ? ticketId : null;
}
