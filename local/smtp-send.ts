import nodemailer from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import { addressParser } from 'postal-mime';
import { parseHeaderBlock } from './ses-event.ts';

export interface SmtpSenderOptions {
  host: string;
  port: number;
  /** Parallel SMTP connections; messages reuse them as a mail server would (default 1). */
  connections?: number;
}

export interface SendResult {
  /** The server's final reply, e.g. `250 Ok: queued as …`. */
  response: string;
  accepted: string[];
  rejected: string[];
}

export interface SmtpSender {
  /** Sends the bytes exactly as given (no header rewriting) with the given envelope. */
  send(raw: Uint8Array, envelope: { from: string; to: string[] }): Promise<SendResult>;
  close(): void;
}

/** A plain SMTP client for the local inbound server: no TLS, no AUTH, raw messages untouched. */
export function createSmtpSender(options: SmtpSenderOptions): SmtpSender {
  const connections = Math.max(1, options.connections ?? 1);
  const transportOptions: SMTPTransport.Options = {
    host: options.host,
    port: options.port,
    secure: false,
    ignoreTLS: true,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 60_000,
  };
  const transport = nodemailer.createTransport({ ...transportOptions, pool: true, maxConnections: connections, maxMessages: Infinity });
  return {
    async send(raw, envelope) {
      const info = (await transport.sendMail({ envelope, raw: Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength) })) as SMTPTransport.SentMessageInfo;
      const list = (addresses: Array<string | { address: string }>) => addresses.map((entry) => (typeof entry === 'string' ? entry : entry.address));
      return { response: info.response, accepted: list(info.accepted), rejected: list(info.rejected) };
    },
    close: () => transport.close(),
  };
}

/**
 * The envelope sender a mail client would use for this message: the From address, else
 * Return-Path, else the null sender (empty string, sent as `MAIL FROM:<>`).
 */
export function envelopeSender(raw: Uint8Array): string {
  const headers = parseHeaderBlock(raw);
  for (const name of ['from', 'sender', 'return-path']) {
    const value = headers.find((header) => header.name.toLowerCase() === name)?.value;
    if (value === undefined) continue;
    try {
      const address = addressParser(value, { flatten: true }).find((mailbox) => typeof mailbox.address === 'string' && mailbox.address.includes('@'));
      if (address?.address) return address.address;
    } catch {
      // A header we cannot parse: try the next one.
    }
  }
  return '';
}
