import { readFile } from 'node:fs/promises';
import { InvalidArgumentError, type Command } from 'commander';
import * as z from 'zod';
import { readLocalConfig } from '../../local/config.ts';
import { createSmtpSender, envelopeSender } from '../../local/smtp-send.ts';

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) throw new InvalidArgumentError('expected a port number (1-65535).');
  return port;
}

function parseAddress(value: string): string {
  if (!z.email().safeParse(value).success) throw new InvalidArgumentError('expected an email address.');
  return value;
}

interface SendOptions {
  host: string;
  port: number;
  to: string;
  from?: string;
}

/**
 * Adds `triage send [--host H] [--port P] [--to ADDR] [--from ADDR] FILE.eml...`: sends raw
 * messages byte for byte over SMTP to the local inbound server (`npm start`), as a mail server
 * would deliver them to SES.
 */
export function registerSendCommand(program: Command): Command {
  const defaults = readLocalConfig();
  return program
    .command('send')
    .description('send raw .eml files over SMTP to the local inbound server started by `npm start`')
    .argument('<files...>', 'raw RFC 5322 messages (.eml), sent unchanged')
    .option('--host <host>', 'SMTP server host', '127.0.0.1')
    .option('--port <port>', 'SMTP server port ($SMTP_PORT)', parsePort, defaults.SMTP_PORT)
    .option('--to <address>', 'envelope recipient ($SUPPORT_ADDRESS)', parseAddress, defaults.SUPPORT_ADDRESS)
    .option('--from <address>', "envelope sender (default: the message's From address)", parseAddress)
    .addHelpText(
      'after',
      '\nExamples:\n  npm start                                  # in another terminal\n  npx triage send ../shared/eval/dev/dev-004.eml\n  npx triage send --port 2526 a.eml b.eml\n\nThe message is not rewritten: headers and body go out exactly as in the file.',
    )
    .action(async function (this: Command, files: string[]) {
      const opts = this.opts<SendOptions>();
      const out = (text: string) => this.configureOutput().writeOut?.(text);
      const err = (text: string) => this.configureOutput().writeErr?.(text);
      const sender = createSmtpSender({ host: opts.host, port: opts.port });
      let sent = 0;
      try {
        for (const file of files) {
          let raw: Buffer;
          try {
            raw = await readFile(file);
          } catch (error) {
            err(`${file}: cannot read: ${READ_ERRORS[(error as NodeJS.ErrnoException).code ?? ''] ?? String(error)}\n`);
            continue;
          }
          const from = opts.from ?? envelopeSender(raw);
          try {
            const result = await sender.send(raw, { from, to: [opts.to] });
            out(`${file}: ${result.response} (MAIL FROM:<${from}> RCPT TO:<${opts.to}>, ${raw.length} bytes)\n`);
            sent += 1;
          } catch (error) {
            err(`${file}: ${describeSendError(error, opts)}\n`);
            if (isConnectionError(error)) break;
          }
        }
      } finally {
        sender.close();
      }
      if (sent < files.length) {
        this.error(`error: ${files.length - sent} of ${files.length} message(s) not sent`, { code: 'triage.sendFailed', exitCode: 1 });
      }
    });
}

const READ_ERRORS: Record<string, string> = {
  ENOENT: 'no such file',
  EISDIR: 'is a directory',
  EACCES: 'permission denied',
};

function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return code === 'ECONNECTION' || code === 'ETIMEDOUT' || code === 'ESOCKET' || code === 'EDNS';
}

function describeSendError(error: unknown, opts: SendOptions): string {
  const details = error as { code?: string; responseCode?: number; response?: string; message?: string };
  if (isConnectionError(error)) {
    return `cannot reach an SMTP server at ${opts.host}:${opts.port} (${details.message ?? details.code}). Is \`npm start\` running?`;
  }
  if (details.responseCode !== undefined) return `rejected by the server: ${details.response ?? details.responseCode}`;
  return details.message ?? String(error);
}
