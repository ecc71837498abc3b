import PostalMime, { decodeWords } from 'postal-mime';
import type { Address, Attachment, Email } from 'postal-mime';
import type { AttachmentMeta, Mailbox, ParsedEmail } from '../types.ts';
import { splitCustomerText } from './customer-text.ts';
import { htmlToText } from './html-text.ts';

export interface ParseLimits {
  /** Raw size above which the message is refused with `MailTooLargeError`. Default 40 MiB. */
  maxBytes?: number;
  /** How deep attached messages (message/rfc822 inside message/rfc822…) are read. Default 2. */
  maxForwardDepth?: number;
}

export const DEFAULT_MAX_BYTES = 40 * 1024 * 1024;
const DEFAULT_FORWARD_DEPTH = 2;
/**
 * Lines of attached messages re-parsed per email, across all nesting levels. postal-mime's cost
 * grows with the number of lines (about 6 µs each for 7bit parts on Node 20), and each nesting
 * level parses its content again, so the budget bounds what a forward bomb can cost.
 */
const FORWARD_LINE_BUDGET = 20_000;
/** Forwarded text kept per attached message; the rest of a huge attachment is not text we need. */
const MAX_FORWARDED_CHARS = 256 * 1024;
/** HTML converted to text when there is no text part; beyond this the markup is not read. */
const MAX_HTML_CHARS = 2 * 1024 * 1024;
/** Raw bytes scanned for charset labels and boundaries (the headers of every part sit early). */
const RAW_SCAN_CHARS = 256 * 1024;

/**
 * Prefix of the warnings that mean the message could not be read as an email at all (empty, no
 * header block, MIME structure rejected): its text is a best effort and a person should look.
 * Every other warning is informational (a missing header, an odd charset, a truncated part).
 */
export const UNPARSEABLE = 'unparseable:';

export function isUnparseable(email: Pick<ParsedEmail, 'warnings'>): boolean {
  return email.warnings.some((w) => w.startsWith(UNPARSEABLE));
}

/** The one shape `parseEmail` refuses: the caller keeps the raw message and files it unparsed. */
export class MailTooLargeError extends Error {
  override readonly name = 'MailTooLargeError';
  constructor(
    readonly size: number,
    readonly limit: number,
    options?: ErrorOptions,
  ) {
    super(`Email of ${size} bytes exceeds the ${limit}-byte limit`, options);
  }
}

/**
 * Parses a raw RFC 5322 message. Never throws on the message's shape (malformed MIME, missing
 * headers, unknown charsets, binary garbage, empty input): what was odd is listed in `warnings`.
 * Throws only `MailTooLargeError` when the raw size exceeds `limits.maxBytes`.
 */
export async function parseEmail(raw: Uint8Array | string, limits: ParseLimits = {}): Promise<ParsedEmail> {
  const maxBytes = limits.maxBytes ?? DEFAULT_MAX_BYTES;
  // A string is at most 3 bytes per UTF-16 unit, so its length bounds the work before encoding.
  const size = typeof raw === 'string' ? (raw.length * 3 <= maxBytes ? raw.length : Buffer.byteLength(raw, 'utf8')) : raw.byteLength;
  if (size > maxBytes) throw new MailTooLargeError(size, maxBytes);
  const bytes = typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw;
  const budget = { lines: FORWARD_LINE_BUDGET };
  return (await parseBytes(bytes, limits.maxForwardDepth ?? DEFAULT_FORWARD_DEPTH, budget)).email;
}

interface Parsed {
  email: ParsedEmail;
  /** Text blocks of attached messages (forwards, returned messages of bounces). */
  attached: string[];
}

interface ForwardBudget {
  lines: number;
}

async function parseBytes(bytes: Uint8Array, forwardDepth: number, budget: ForwardBudget): Promise<Parsed> {
  const warnings: string[] = [];
  let email: Email;
  try {
    // Attached messages are read separately (see forwardedText) so their text never mixes
    // into what the customer wrote; arraybuffer keeps attachments as views, no copies.
    email = await PostalMime.parse(bytes, { forceRfc822Attachments: true, attachmentEncoding: 'arraybuffer' });
  } catch (error) {
    // postal-mime rejects only on its safety limits (nesting depth, header size).
    warnings.push(`${UNPARSEABLE} MIME structure not parsed (${errorMessage(error)}): body read as plain text`);
    return { email: fallbackEmail(bytes, warnings), attached: [] };
  }

  const headers: ParsedEmail['headers'] = [];
  let wellFormedName = false;
  let malformedName = false;
  let notUtf8 = false;
  for (const header of email.headers) {
    const value = cleanHeaderValue(header.value);
    headers.push({ key: header.key, value });
    if (FIELD_NAME.test(header.key)) wellFormedName = true;
    else malformedName = true;
    if (value.includes('\uFFFD')) notUtf8 = true;
  }
  if (!wellFormedName) {
    if (bytes.byteLength === 0) warnings.push(`${UNPARSEABLE} empty message`);
    else warnings.push(`${UNPARSEABLE} no header block, whole message read as text`);
    return { email: fallbackEmail(bytes, warnings), attached: [] };
  }
  if (malformedName) warnings.push('malformed header line(s)');
  if (notUtf8) warnings.push('header with bytes that are not UTF-8');

  const scan = rawScan(bytes);
  const contentType = topContentType(headers, warnings, scan);
  checkCharsets(scan, warnings);
  if (/^base64$/i.test(headerValue(headers, 'content-transfer-encoding') ?? '') && !contentType.startsWith('multipart/')) {
    checkBase64Body(scan, warnings);
  }
  if (bytes.indexOf(0) !== -1) warnings.push('NUL bytes removed');

  const from = firstMailbox(email.from);
  if (!headerValue(headers, 'from')) warnings.push('missing From header');
  else if (!from || from.address === '') warnings.push('From header without a usable address');

  let date: string | null = null;
  const dateHeader = headerValue(headers, 'date');
  if (dateHeader === null) warnings.push('missing Date header');
  else {
    const parsed = new Date(email.date ?? '');
    if (Number.isNaN(parsed.getTime())) warnings.push(`invalid Date header: ${dateHeader.slice(0, 80)}`);
    else date = parsed.toISOString();
  }

  let text = email.text ?? '';
  const html = email.html === undefined ? null : fixC1(email.html);
  if (text.trim() === '' && html !== null) {
    if (html.length > MAX_HTML_CHARS) warnings.push(`HTML body over ${MAX_HTML_CHARS} characters: only the start read`);
    text = htmlToText(html.length > MAX_HTML_CHARS ? html.slice(0, MAX_HTML_CHARS) : html);
  }
  text = cleanText(text, warnings);
  const subject = cleanHeaderValue(email.subject ?? '');

  const customer = splitCustomerText(text, { subject });
  const attachments: AttachmentMeta[] = [];
  const attached: string[] = [];
  for (const attachment of email.attachments) {
    attachments.push(attachmentMeta(attachment));
    const attachedText = await attachedMessageText(attachment, forwardDepth, budget, warnings);
    if (attachedText !== '') attached.push(attachedText);
  }
  const forwarded = customer.forwarded === '' ? attached : [customer.forwarded, ...attached];

  const messageId = firstId(email.messageId);
  const inReplyTo = firstId(email.inReplyTo);
  const references = messageIds(email.references ?? '');
  if (inReplyTo !== null && !references.includes(inReplyTo)) references.push(inReplyTo);
  if (messageId === null) warnings.push('missing Message-ID header');

  const parsed: ParsedEmail = {
    messageId,
    inReplyTo,
    references,
    subject,
    from,
    replyTo: mailboxes(email.replyTo),
    returnPath: returnPath(headers),
    to: mailboxes(email.to),
    cc: mailboxes(email.cc),
    date,
    headers,
    contentType,
    text,
    html,
    customer: { ...customer, forwarded: forwarded.join('\n\n') },
    attachments,
    warnings,
  };
  return { email: parsed, attached };
}

/** RFC 5322 field names: printable ASCII but colon and space. */
const FIELD_NAME = /^[!-9;-~]+$/;

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Unfolded, RFC 2047-decoded, whitespace runs (left by folding) collapsed to one space. */
function cleanHeaderValue(value: string): string {
  if (isPlainHeaderValue(value)) return value;
  const decoded = value.includes('=?') ? safeDecodeWords(value) : value;
  return fixC1(decoded).replace(/[\s\u0000]+/g, ' ').trim();
}

/**
 * Printable ASCII with single inner spaces and no encoded word: already what cleanHeaderValue
 * returns. Most header values are, and this check costs less than the decode/replace/trim.
 */
function isPlainHeaderValue(value: string): boolean {
  let previous = 32; // a leading space is not plain
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 32 || c > 126 || (c === 32 && previous === 32) || (c === 63 /* ? */ && previous === 61 /* = */)) return false;
    previous = c;
  }
  return previous !== 32;
}

// Node 20's TextDecoder reads windows-1252 (and ISO-8859-1, which WHATWG maps to it) as
// Latin-1, so 0x80–0x9F come out as C1 controls instead of “smart quotes”, dashes, € … No mail
// means a C1 control, so they are mapped the way the WHATWG windows-1252 table does.
const WINDOWS_1252_C1 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
const C1 = /[\u0080-\u009f]/g;

function fixC1(text: string): string {
  C1.lastIndex = 0;
  if (!C1.test(text)) return text;
  return text.replace(C1, (c) => WINDOWS_1252_C1[c.charCodeAt(0) - 0x80] ?? c);
}

function safeDecodeWords(value: string): string {
  try {
    return decodeWords(value);
  } catch {
    return value;
  }
}

function headerValue(headers: ParsedEmail['headers'], key: string): string | null {
  for (const h of headers) if (h.key === key) return h.value;
  return null;
}

/**
 * The message read without MIME: the caller still gets every field, the text is the raw bytes
 * after the first empty line (or all of them when there is no header block) as UTF-8.
 */
function fallbackEmail(bytes: Uint8Array, warnings: string[]): ParsedEmail {
  const text = cleanText(new TextDecoder('utf-8').decode(bytes.subarray(0, MAX_HTML_CHARS)), warnings);
  return { ...emptyEmail(warnings), contentType: 'text/plain', text, customer: splitCustomerText(text) };
}

/** A ParsedEmail with nothing in it but the warnings: for messages that could not be read at all. */
export function emptyEmail(warnings: string[]): ParsedEmail {
  return {
    messageId: null,
    inReplyTo: null,
    references: [],
    subject: '',
    from: null,
    replyTo: [],
    returnPath: null,
    to: [],
    cc: [],
    date: null,
    headers: [],
    contentType: '',
    text: '',
    html: null,
    customer: { own: '', quoted: '', forwarded: '', signature: '' },
    attachments: [],
    warnings,
  };
}

/** Normalises line ends, drops NULs, notes replacement characters from undecodable bytes. */
function cleanText(text: string, warnings: string[]): string {
  let out = fixC1(text);
  if (out.includes('\r')) out = out.replace(/\r\n?/g, '\n');
  if (out.includes('\u0000')) out = out.replace(/\u0000/g, '');
  if (out.includes('\uFFFD')) warnings.push('text with bytes invalid in its charset (shown as U+FFFD)');
  return out;
}

/** The start of the raw message as Latin-1: byte-exact, cheap, enough to see every part header of normal mail. */
function rawScan(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, RAW_SCAN_CHARS)).toString('latin1');
}

function topContentType(headers: ParsedEmail['headers'], warnings: string[], scan: string): string {
  const header = headerValue(headers, 'content-type');
  if (header === null) return 'text/plain';
  const type = (header.split(';', 1)[0] ?? '').trim().toLowerCase();
  if (!/^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/.test(type)) {
    warnings.push(`malformed Content-Type: ${header.slice(0, 80)}`);
    return 'text/plain';
  }
  if (type.startsWith('multipart/')) {
    const boundary = /boundary\s*=\s*(?:"([^"]{1,200})"|([^\s;]{1,200}))/i.exec(header);
    const value = boundary?.[1] ?? boundary?.[2];
    if (value === undefined) warnings.push(`${type} without a boundary`);
    else if (scan.length < RAW_SCAN_CHARS && !scan.includes(`--${value}--`)) {
      warnings.push(`${type} boundary never closed (truncated message?)`);
    }
  }
  return type;
}

/** A single-part base64 body: characters outside the alphabet or a length that is not a multiple of 4. */
function checkBase64Body(scan: string, warnings: string[]): void {
  const start = /\r?\n\r?\n/.exec(scan);
  if (start === null || scan.length >= RAW_SCAN_CHARS) return;
  const body = scan.slice(start.index + start[0].length).replace(/\s+/g, '');
  const valid = /^[A-Za-z0-9+/]*={0,2}$/.test(body);
  if (!valid || body.length % 4 !== 0) warnings.push('base64 body malformed or truncated: decoded what was readable');
}

const charsetSupport = new Map<string, boolean>();
/** Content-Type header fields (with up to three folded lines), not body text or QP-encoded HTML. */
const CONTENT_TYPE_FIELD = /^content-type[ \t]*:[^\n]{0,400}(?:\n[ \t][^\n]{0,400}){0,3}/gim;
const CHARSET_PARAMETER = /charset\s*=\s*"?([^\s";]{1,40})/i;

/** Bytes 0x80–0xFF: every charset but windows-1252 itself reads some of them differently. */
const HIGH_BYTES = Uint8Array.from({ length: 128 }, (_, i) => 0x80 + i);
const HIGH_BYTES_BASE64 = Buffer.from(HIGH_BYTES).toString('base64');
const AS_WINDOWS_1252 = new TextDecoder('windows-1252').decode(HIGH_BYTES);

/**
 * Whether postal-mime decodes text in this charset as such rather than falling back to
 * windows-1252. TextDecoder alone is not the test: postal-mime also knows labels it lacks
 * (cp932, x-euc-jp, windows31j …). Asked through an RFC 2047 word, which takes the same decoder.
 */
function postalMimeDecodes(label: string): boolean {
  try {
    new TextDecoder(label);
    return true;
  } catch {
    if (!/^[\w.:+-]+$/.test(label)) return false;
    return decodeWords(`=?${label}?B?${HIGH_BYTES_BASE64}?=`) !== AS_WINDOWS_1252;
  }
}

function checkCharsets(scan: string, warnings: string[]): void {
  const seen = new Set<string>();
  CONTENT_TYPE_FIELD.lastIndex = 0;
  for (let field = CONTENT_TYPE_FIELD.exec(scan); field !== null; field = CONTENT_TYPE_FIELD.exec(scan)) {
    const match = CHARSET_PARAMETER.exec(field[0]);
    if (match === null) continue;
    const label = (match[1] ?? '').toLowerCase();
    if (seen.has(label)) continue;
    seen.add(label);
    let ok = charsetSupport.get(label);
    if (ok === undefined) {
      ok = postalMimeDecodes(label);
      if (charsetSupport.size < 1000) charsetSupport.set(label, ok);
    }
    if (!ok) warnings.push(`unknown charset "${label}" decoded as windows-1252`);
  }
}

function toMailbox(address: { name: string; address: string }): Mailbox {
  return { name: cleanHeaderValue(address.name ?? ''), address: (address.address ?? '').trim().toLowerCase() };
}

function firstMailbox(address: Address | undefined): Mailbox | null {
  if (address === undefined) return null;
  if (address.group === undefined) return toMailbox(address);
  const first = address.group[0];
  return first === undefined ? null : toMailbox(first);
}

/** Every mailbox, groups flattened, entries with neither address nor name left out. */
function mailboxes(addresses: Address[] | undefined): Mailbox[] {
  const out: Mailbox[] = [];
  if (addresses === undefined) return out;
  for (const address of addresses) {
    for (const member of address.group ?? [address]) {
      const mailbox = toMailbox(member);
      if (mailbox.address !== '' || mailbox.name !== '') out.push(mailbox);
    }
  }
  return out;
}

/** `''` for the null sender `<>`, `null` when there is no Return-Path header. */
function returnPath(headers: ParsedEmail['headers']): string | null {
  const value = headerValue(headers, 'return-path');
  if (value === null) return null;
  const inner = /<([^>]*)>/.exec(value);
  return (inner ? (inner[1] ?? '') : value).trim().toLowerCase();
}

/** A message id in angle brackets, or a bare token (some clients leave the brackets out). */
const MESSAGE_ID = /<([^<>\s]{1,998})>|([^\s<>,]{1,998})/g;

function messageIds(value: string): string[] {
  const ids: string[] = [];
  MESSAGE_ID.lastIndex = 0;
  for (let match = MESSAGE_ID.exec(value); match !== null; match = MESSAGE_ID.exec(value)) {
    const id = match[1] ?? match[2];
    if (id && !ids.includes(id)) ids.push(id);
    if (ids.length >= 100) break;
  }
  return ids;
}

function firstId(value: string | undefined): string | null {
  if (value === undefined) return null;
  MESSAGE_ID.lastIndex = 0;
  const match = MESSAGE_ID.exec(value);
  return match === null ? null : (match[1] ?? match[2] ?? null);
}

function attachmentMeta(attachment: Attachment): AttachmentMeta {
  const content = attachment.content;
  const size = typeof content === 'string' ? Buffer.byteLength(content) : content.byteLength;
  const disposition: AttachmentMeta['disposition'] =
    attachment.disposition === 'attachment' ? 'attachment' : attachment.disposition === 'inline' ? 'inline' : null;
  return {
    filename: attachment.filename,
    mimeType: attachment.mimeType,
    size,
    disposition,
    contentId: attachment.contentId ? attachment.contentId.replace(/^<|>$/g, '') : null,
  };
}

/**
 * Text of an attached message (a forward as message/rfc822, the returned message of a bounce,
 * the headers of a text/rfc822-headers part) as a block headed like an inline forward.
 */
async function attachedMessageText(attachment: Attachment, forwardDepth: number, budget: ForwardBudget, warnings: string[]): Promise<string> {
  const content = attachment.content;
  if (typeof content === 'string') return '';
  const bytes = content instanceof Uint8Array ? content : new Uint8Array(content);
  if (attachment.mimeType === 'text/rfc822-headers') {
    return new TextDecoder('utf-8').decode(bytes.subarray(0, MAX_FORWARDED_CHARS)).replace(/\r\n?/g, '\n').trim();
  }
  if (attachment.mimeType !== 'message/rfc822' && attachment.mimeType !== 'message/global') return '';
  if (forwardDepth <= 0) {
    warnings.push('attached message nested too deep: not read');
    return '';
  }
  const lines = countLines(bytes, budget.lines + 1);
  if (lines > budget.lines) {
    warnings.push('attached message too large to read as text: kept as an attachment only');
    return '';
  }
  budget.lines -= lines;
  const { email: inner, attached } = await parseBytes(bytes, forwardDepth - 1, budget);
  for (const warning of inner.warnings) warnings.push(`attached message: ${warning}`);
  const head = [
    inner.from ? `From: ${formatMailbox(inner.from)}` : null,
    inner.date ? `Date: ${inner.date}` : null,
    inner.subject ? `Subject: ${inner.subject}` : null,
    inner.to.length > 0 ? `To: ${inner.to.map(formatMailbox).join(', ')}` : null,
  ].filter((line): line is string => line !== null);
  const body = [inner.text.trim(), ...attached].filter((s) => s !== '').join('\n\n');
  const block = `${head.join('\n')}\n\n${body}`.trim();
  return block.length > MAX_FORWARDED_CHARS ? block.slice(0, MAX_FORWARDED_CHARS) : block;
}

/** Line count of `bytes`, counting no further than `stop`. */
function countLines(bytes: Uint8Array, stop: number): number {
  let lines = 1;
  let at = bytes.indexOf(10);
  while (at !== -1 && lines < stop) {
    lines++;
    at = bytes.indexOf(10, at + 1);
  }
  return lines;
}

function formatMailbox(mailbox: Mailbox): string {
  return mailbox.name ? `${mailbox.name} <${mailbox.address}>` : mailbox.address;
}
