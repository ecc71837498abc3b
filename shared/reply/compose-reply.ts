import MailComposer from 'nodemailer/lib/mail-composer';
import { parseSingleAddress, isDomain } from './address.ts';
import { singleLine } from './header-text.ts';
import { isTicketId } from '../tickets/model.ts';
import { newMessageId, normalizeMessageId, replyReferences, replySubject } from './threading.ts';

export {
  MAX_REFERENCES,
  newMessageId,
  normalizeMessageId,
  replyReferences,
  replySubject,
  ticketIdFromMessageId,
  ticketIdFromSubject,
  ticketTag,
} from './threading.ts';
export { parseSingleAddress } from './address.ts';

export type ReplyInputErrorCode =
  | 'invalid-recipient'
  | 'invalid-sender'
  | 'recipient-is-sender'
  | 'invalid-ticket-id'
  | 'invalid-domain'
  | 'invalid-message-id-token'
  | 'invalid-date'
  | 'empty-body';

/** A reply that must not be sent as asked; retrying cannot fix it. */
export class ReplyInputError extends Error {
  override readonly name = 'ReplyInputError';
  readonly code: ReplyInputErrorCode;

  constructor(code: ReplyInputErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }
}

export interface ReplyParty {
  /** Exactly one bare address (`user@example.com`), nothing else. */
  address: string;
  /** Display name; control characters are removed and it is encoded, never trusted as syntax. */
  name?: string;
}

/** What the reply says: a rendered article (`renderArticle`) or an agent's free text. */
export interface ReplyBody {
  /** Used as the subject when the customer's own subject was empty. */
  subject?: string;
  text: string;
  html?: string;
  /** ISO 639-1 language of the body, sent as Content-Language. */
  language?: string;
}

export interface ReplyInput {
  /** Our support address and display name (from config). */
  from: ReplyParty;
  /** The one customer we answer. */
  to: ReplyParty;
  /** Message-ID of the message we answer (with or without brackets), when it had one. */
  inReplyTo?: string | null;
  /** That message's References, oldest first. */
  references?: readonly string[] | null;
  /** That message's subject. */
  originalSubject?: string | null;
  ticketId: string;
  body: ReplyBody;
  /**
   * True for replies nobody wrote by hand (the article auto-reply): adds
   * `Auto-Submitted: auto-replied` (RFC 3834) and `X-Auto-Response-Suppress: All`. False for a
   * person's reply, which must not look automatic.
   */
  automatic: boolean;
  /** Domain of the Message-IDs we generate, e.g. `kdp.example.com`. */
  messageIdDomain: string;
  date: Date;
  /** Random part of the Message-ID; a fresh one when absent. */
  messageIdToken?: string;
}

export interface ComposedReply {
  /** The whole RFC 5322 message, CRLF line ends, ready for a raw send. */
  raw: Buffer;
  /** Our Message-ID, without angle brackets (the form `ParsedEmail.references` uses). */
  messageId: string;
  subject: string;
  /** The recipient as validated, the only one the message names. */
  recipient: string;
  inReplyTo: string | null;
  references: string[];
}

/** Subject when neither the customer's message nor the body supplies one. */
const DEFAULT_SUBJECT = 'Your message to KDP support';

/**
 * The reply as raw MIME, composed with nodemailer's MailComposer. Pure: nothing is sent or
 * stored. Every customer-supplied value (subject, name, address, message ids) is reduced to
 * a single safe line before it reaches a header, and the recipient must be one valid address.
 */
export async function composeReply(input: ReplyInput): Promise<ComposedReply> {
  const recipient = parseSingleAddress(input.to.address);
  if (recipient === null) {
    throw new ReplyInputError('invalid-recipient', 'the recipient must be exactly one valid email address');
  }
  const sender = parseSingleAddress(input.from.address);
  if (sender === null) throw new ReplyInputError('invalid-sender', 'the sender must be one valid email address');
  if (recipient.toLowerCase() === sender.toLowerCase()) {
    throw new ReplyInputError('recipient-is-sender', 'a reply to our own address would start a mail loop');
  }
  if (!isTicketId(input.ticketId)) throw new ReplyInputError('invalid-ticket-id', 'the ticket id is not a valid id');
  const domain = input.messageIdDomain.toLowerCase();
  if (!isDomain(domain)) throw new ReplyInputError('invalid-domain', 'the Message-ID domain is not a host name');
  if (input.messageIdToken !== undefined && !/^[A-Za-z0-9_-]{8,64}$/.test(input.messageIdToken)) {
    throw new ReplyInputError('invalid-message-id-token', 'the Message-ID token must be 8-64 URL-safe characters');
  }
  if (!(input.date instanceof Date) || Number.isNaN(input.date.getTime())) {
    throw new ReplyInputError('invalid-date', 'the date is not a valid Date');
  }
  if (input.body.text.trim().length === 0) throw new ReplyInputError('empty-body', 'the reply has no text');

  const messageId = newMessageId(input.ticketId, domain, input.messageIdToken);
  const inReplyTo = normalizeMessageId(input.inReplyTo);
  const references = replyReferences(input.references, inReplyTo);
  const subject = replySubject(input.originalSubject, input.ticketId, input.body.subject ?? DEFAULT_SUBJECT);

  const headers: Record<string, string> = {};
  if (input.automatic) {
    headers['Auto-Submitted'] = 'auto-replied';
    // Tells Exchange/Outlook not to answer us with out-of-office or other automatic replies.
    headers['X-Auto-Response-Suppress'] = 'All';
  }
  if (input.body.language && /^[a-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/.test(input.body.language)) {
    headers['Content-Language'] = input.body.language;
  }

  const fromName = singleLine(input.from.name ?? '', 80);
  const toName = singleLine(input.to.name ?? '', 80);
  const composer = new MailComposer({
    from: fromName ? { name: fromName, address: sender } : sender,
    to: toName ? { name: toName, address: recipient } : recipient,
    subject,
    messageId: `<${messageId}>`,
    date: input.date,
    ...(inReplyTo !== null ? { inReplyTo: `<${inReplyTo}>` } : {}),
    ...(references.length > 0 ? { references: references.map((id) => `<${id}>`) } : {}),
    headers,
    text: input.body.text,
    ...(input.body.html ? { html: input.body.html } : {}),
    newline: 'win',
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  const raw = await composer.compile().build();
  return { raw, messageId, subject, recipient, inReplyTo, references };
}
