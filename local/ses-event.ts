/**
 * What SES email receiving does with a message before our Lambda sees it, as pure functions, so
 * the local SMTP server (and tests) hand the handler exactly what SES would:
 * - `sesMessageId()`: an id shaped like SES's (lower-case base32, also the S3 object name);
 * - `sesTraceHeaders()`: the headers SES prepends to the stored message (Return-Path, Received,
 *   X-SES-* verdicts);
 * - `buildSesEvent()`: the receipt-rule Lambda event (`Records[0].ses.{mail,receipt}`), shape as
 *   documented in "Invoke Lambda function action" of the SES developer guide, including the
 *   10 KB header limit that sets `headersTruncated`.
 * Inbound mail is hostile: nothing here throws on a malformed message.
 */
import { randomBytes } from 'node:crypto';
import { addressParser, decodeWords } from 'postal-mime';
import type { SESEvent, SESMail, SESMailCommonHeaders, SESReceipt, SESReceiptStatus } from 'aws-lambda';
import type { SesVerdicts as TicketVerdicts } from '../shared/tickets/model.ts';

export type VerdictStatus = SESReceiptStatus['status'];

/** The verdicts an event carries: the ticket's verdicts without the DMARC policy (SES states it apart). */
export type SesVerdicts = Omit<TicketVerdicts, 'dmarcPolicy'>;

/** Locally nothing is scanned or authenticated, so every verdict passes unless a test says otherwise. */
export const PASSING_VERDICTS: SesVerdicts = { spam: 'PASS', virus: 'PASS', spf: 'PASS', dkim: 'PASS', dmarc: 'PASS' };

export const LOCAL_FUNCTION_ARN = 'arn:aws:lambda:us-east-1:000000000000:function:kdp-triage-inbound-email';

/** SES puts at most this many bytes of headers in the event and sets `headersTruncated`. */
export const SES_EVENT_HEADERS_LIMIT = 10 * 1024;

export interface InboundDelivery {
  /** The SES message id (also the object name under the raw-mail prefix). */
  messageId: string;
  /** The message as stored in S3, trace headers included. */
  raw: Uint8Array;
  /** SMTP MAIL FROM; empty for the null sender `<>` (bounces). */
  mailFrom: string;
  /** Every RCPT TO of the transaction. */
  destination: string[];
  /** The recipients the receipt rule matched (our support address); defaults to `destination`. */
  recipients?: string[];
  receivedAt: Date;
  processingTimeMillis?: number;
  verdicts?: Partial<SesVerdicts>;
  functionArn?: string;
}

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** 40 lower-case base32 characters, like the ids SES gives received mail. */
export function sesMessageId(bytes: Uint8Array = randomBytes(25)): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

export interface TraceHeaderInput {
  messageId: string;
  mailFrom: string;
  /** The first matched recipient, named in the Received header. */
  recipient: string;
  clientHostname: string;
  clientAddress: string;
  heloName: string;
  receivedAt: Date;
  verdicts?: Partial<SesVerdicts>;
  /** The host SES names itself as; locally, the SMTP server's. */
  receivingHost?: string;
}

/** The header block SES prepends to a received message (CRLF-terminated, ready to concatenate). */
export function sesTraceHeaders(input: TraceHeaderInput): string {
  const verdicts = { ...PASSING_VERDICTS, ...input.verdicts };
  const host = input.receivingHost ?? 'inbound-smtp.local';
  const lines = [
    `Return-Path: <${oneLine(input.mailFrom)}>`,
    `Received: from ${oneLine(input.heloName || input.clientHostname)} (${oneLine(input.clientHostname)} [${oneLine(input.clientAddress)}])`,
    ` by ${host} with SMTP id ${input.messageId}`,
    ` for ${oneLine(input.recipient)};`,
    ` ${input.receivedAt.toUTCString().replace('GMT', '+0000')}`,
    `X-SES-Spam-Verdict: ${verdicts.spam}`,
    `X-SES-Virus-Verdict: ${verdicts.virus}`,
  ];
  return `${lines.join('\r\n')}\r\n`;
}

/** The receipt-rule Lambda event for one delivered message. */
export function buildSesEvent(delivery: InboundDelivery): SESEvent {
  const headers = parseHeaderBlock(delivery.raw);
  const { kept, truncated } = limitHeaders(headers, SES_EVENT_HEADERS_LIMIT);
  const verdicts = { ...PASSING_VERDICTS, ...delivery.verdicts };
  const timestamp = delivery.receivedAt.toISOString();

  const mail: SESMail = {
    timestamp,
    source: delivery.mailFrom,
    messageId: delivery.messageId,
    destination: [...delivery.destination],
    headersTruncated: truncated,
    headers: kept,
    commonHeaders: commonHeaders(headers, delivery.mailFrom),
  };
  const receipt: SESReceipt = {
    timestamp,
    processingTimeMillis: delivery.processingTimeMillis ?? 0,
    recipients: [...(delivery.recipients ?? delivery.destination)],
    spamVerdict: { status: verdicts.spam },
    virusVerdict: { status: verdicts.virus },
    spfVerdict: { status: verdicts.spf },
    dkimVerdict: { status: verdicts.dkim },
    dmarcVerdict: { status: verdicts.dmarc },
    action: { type: 'Lambda', invocationType: 'Event', functionArn: delivery.functionArn ?? LOCAL_FUNCTION_ARN },
  };
  return { Records: [{ eventSource: 'aws:ses', eventVersion: '1.0', ses: { mail, receipt } }] };
}

export interface Header {
  name: string;
  value: string;
}

/**
 * The message's header fields in order, unfolded, values as they stand (not decoded), like the
 * `headers` SES sends. Stops at the first empty line; a message with no body separator is all
 * headers; lines that are not fields are skipped.
 */
export function parseHeaderBlock(raw: Uint8Array): Header[] {
  const bytes = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  const end = headerEnd(bytes);
  const text = bytes.subarray(0, end).toString('utf8');
  const headers: Header[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (line === '') break;
    const last = headers[headers.length - 1];
    if ((line.startsWith(' ') || line.startsWith('\t')) && last !== undefined) {
      last.value += line;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim();
    if (name === '' || /\s/.test(name)) continue;
    headers.push({ name, value: line.slice(colon + 1).trim() });
  }
  return headers;
}

function headerEnd(bytes: Buffer): number {
  const crlf = bytes.indexOf('\r\n\r\n');
  const lf = bytes.indexOf('\n\n');
  const ends = [crlf, lf].filter((index) => index >= 0);
  return ends.length === 0 ? bytes.length : Math.min(...ends);
}

function limitHeaders(headers: Header[], limit: number): { kept: Header[]; truncated: boolean } {
  const kept: Header[] = [];
  let size = 0;
  for (const header of headers) {
    size += Buffer.byteLength(header.name) + Buffer.byteLength(header.value) + 4;
    if (size > limit) return { kept, truncated: true };
    kept.push(header);
  }
  return { kept, truncated: false };
}

function commonHeaders(headers: Header[], mailFrom: string): SESMailCommonHeaders {
  const first = (name: string) => headers.find((header) => header.name.toLowerCase() === name)?.value;
  const mailboxes = (name: string): string[] | undefined => {
    const values = headers.filter((header) => header.name.toLowerCase() === name).map((header) => header.value);
    if (values.length === 0) return undefined;
    return values.flatMap(formatMailboxes);
  };
  const common: SESMailCommonHeaders = {
    returnPath: mailFrom,
    // SES always sends these two; a message without them gets empty strings rather than a crash.
    date: first('date') ?? '',
    messageId: first('message-id') ?? '',
  };
  const from = mailboxes('from');
  const to = mailboxes('to');
  const cc = mailboxes('cc');
  const replyTo = mailboxes('reply-to');
  const sender = mailboxes('sender');
  const subject = first('subject');
  if (from !== undefined) common.from = from;
  if (to !== undefined) common.to = to;
  if (cc !== undefined) common.cc = cc;
  if (replyTo !== undefined) common.replyTo = replyTo;
  if (sender !== undefined) common.sender = sender;
  if (subject !== undefined) common.subject = safeDecode(subject);
  return common;
}

/** One entry per mailbox, `Name <addr>` or `addr`, display names decoded (as SES lists them). */
function formatMailboxes(value: string): string[] {
  try {
    const parsed = addressParser(value, { flatten: true });
    const out: string[] = [];
    for (const mailbox of parsed) {
      if (typeof mailbox.address !== 'string' || mailbox.address === '') continue;
      const name = mailbox.name ? safeDecode(mailbox.name) : '';
      out.push(name === '' ? mailbox.address : `${name} <${mailbox.address}>`);
    }
    return out.length > 0 ? out : [value];
  } catch {
    return [value];
  }
}

function safeDecode(value: string): string {
  try {
    return decodeWords(value);
  } catch {
    return value;
  }
}

function oneLine(value: string): string {
  return value.replace(/[\r\n]+/g, ' ');
}
