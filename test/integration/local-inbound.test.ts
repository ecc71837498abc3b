// The SES-receiving stand-in of `npm start` (local/smtp-inbound.ts) against real servers: a real
// SMTP client, s3rver for the raw mail. The handler here is a recorder standing in for Lambda's
// invocation of our function, so what SES and Lambda do around the handler (store first, 250,
// async invoke, retries, dead letters) is tested on its own; smtp-inbound.test.ts runs the real
// handler end to end.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { connect } from 'node:net';
import { join } from 'node:path';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Command } from 'commander';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import type { SESEvent } from 'aws-lambda';
import { registerSendCommand } from '../../cli/commands/send.ts';
import { buildSesEvent, sesMessageId } from '../../local/ses-event.ts';
import { createSmtpSender } from '../../local/smtp-send.ts';
import { startSmtpInbound, type InboundOutcome, type SmtpInbound } from '../../local/smtp-inbound.ts';
import { createBucket, startLocalStack, type LocalStack } from '../support/local-stack.ts';

const SUPPORT = 'support@kdp.example.com';
const BUCKET = 'raw-mail';
const PREFIX = 'inbound/';

async function compose(subject: string, text: string, from = 'Author One <author.one@example.org>'): Promise<Buffer> {
  return new MailComposer({ from, to: SUPPORT, subject, text, messageId: `<${subject.replace(/\W+/g, '-')}@example.org>` })
    .compile()
    .build();
}

/** Speaks SMTP line by line (no client library), returning the final line of each reply. */
async function rawSmtpSession(port: number, commands: string[]): Promise<string[]> {
  const socket = connect(port, '127.0.0.1');
  socket.setEncoding('utf8');
  const replies: string[] = [];
  let buffer = '';
  let waiting: (() => void) | null = null;
  socket.on('data', (chunk: string) => {
    buffer += chunk;
    let newline: number;
    while ((newline = buffer.indexOf('\r\n')) >= 0) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + 2);
      // `250-…` continues a reply; `250 …` ends it.
      if (/^\d{3}(?: |$)/.test(line)) {
        replies.push(line);
        waiting?.();
      }
    }
  });
  const nextReply = (count: number) =>
    new Promise<void>((done) => {
      waiting = () => {
        if (replies.length >= count) done();
      };
      waiting();
    });
  try {
    await nextReply(1);
    for (const command of commands) {
      socket.write(`${command}\r\n`);
      await nextReply(replies.length + 1);
    }
  } finally {
    socket.destroy();
  }
  return replies;
}

describe('local SMTP inbound (SES receiving stand-in)', () => {
  let stack: LocalStack;
  let s3: S3Client;
  let smtp: SmtpInbound;
  let deadLetterDir: string;
  let pendingDir: string;
  const events: SESEvent[] = [];
  const outcomes: InboundOutcome[] = [];
  // Per subject, how many calls fail before one succeeds (Infinity: always).
  const failures = new Map<string, number>();

  beforeAll(async () => {
    stack = await startLocalStack();
    s3 = new S3Client({ endpoint: stack.endpoints.s3, region: 'us-east-1', credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
    await createBucket(s3, BUCKET);
    deadLetterDir = mkdtempSync(join(tmpdir(), 'kdp-triage-dlq-'));
    pendingDir = mkdtempSync(join(tmpdir(), 'kdp-triage-pending-'));
    smtp = await startSmtpInbound({
      port: 0,
      recipients: [SUPPORT],
      s3,
      bucket: BUCKET,
      prefix: PREFIX,
      deadLetterDir,
      pendingDir,
      sizeLimit: 64 * 1024,
      retryDelaysMs: [10, 20],
      handler: async (event) => {
        events.push(event);
        const subject = event.Records[0]?.ses.mail.commonHeaders.subject ?? '';
        const left = failures.get(subject) ?? 0;
        if (left > 0) {
          failures.set(subject, left - 1);
          throw new Error(`injected failure for ${subject}`);
        }
      },
      onOutcome: (outcome) => outcomes.push(outcome),
    });
  });

  afterAll(async () => {
    await smtp?.stop();
    s3?.destroy();
    await stack?.stop();
    if (deadLetterDir) rmSync(deadLetterDir, { recursive: true, force: true });
    if (pendingDir) rmSync(pendingDir, { recursive: true, force: true });
  });

  beforeEach(() => {
    events.length = 0;
    outcomes.length = 0;
  });

  it('stores the message in S3 before answering 250, then invokes the handler with the SES event', async () => {
    const raw = await compose('Cannot sign in', 'My password stopped working.');
    const sender = createSmtpSender({ host: '127.0.0.1', port: smtp.port });
    const result = await sender.send(raw, { from: 'author.one@example.org', to: [SUPPORT] }).finally(() => sender.close());
    const messageId = /queued as ([a-z2-7]{40})/.exec(result.response)?.[1];
    expect(result.response).toMatch(/^250 /);
    expect(messageId).toBeDefined();

    const object = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: `${PREFIX}${messageId}` }));
    const stored = Buffer.from(await object.Body!.transformToByteArray());
    expect(stored.subarray(stored.length - raw.length).equals(raw)).toBe(true);
    expect(stored.toString('utf8')).toMatch(/^Return-Path: <author\.one@example\.org>\r\nReceived: from /);

    await smtp.drain();
    expect(events).toHaveLength(1);
    const record = events[0]!.Records[0]!;
    expect(record.eventSource).toBe('aws:ses');
    expect(record.ses.mail).toMatchObject({
      messageId,
      source: 'author.one@example.org',
      destination: [SUPPORT],
      headersTruncated: false,
      commonHeaders: { subject: 'Cannot sign in', from: ['Author One <author.one@example.org>'], messageId: '<Cannot-sign-in@example.org>' },
    });
    expect(record.ses.mail.headers[0]).toEqual({ name: 'Return-Path', value: '<author.one@example.org>' });
    expect(record.ses.receipt).toMatchObject({ recipients: [SUPPORT], action: { type: 'Lambda', invocationType: 'Event' } });
    expect(outcomes).toMatchObject([{ messageId, status: 'processed', attempts: 1 }]);
  });

  it('rejects relaying to any other recipient with 550, and accepts the support address beside it', async () => {
    const raw = await compose('Relay attempt', 'hello');
    const sender = createSmtpSender({ host: '127.0.0.1', port: smtp.port });
    try {
      await expect(sender.send(raw, { from: 'spammer@example.net', to: ['victim@example.com'] })).rejects.toMatchObject({ responseCode: 550 });
      // The match is case-insensitive (local parts are case-sensitive in theory, never in practice).
      const mixed = await sender.send(raw, { from: 'author@example.org', to: ['victim@example.com', 'Support@kdp.example.com'] });
      expect(mixed.rejected).toEqual(['victim@example.com']);
      expect(mixed.accepted).toEqual(['Support@kdp.example.com']);
    } finally {
      sender.close();
    }
    await smtp.drain();
    expect(events).toHaveLength(1);
    expect(events[0]!.Records[0]!.ses.receipt.recipients).toEqual(['Support@kdp.example.com']);
  });

  it('rejects a message over the size limit with 552 and stores nothing', async () => {
    const raw = await compose('Too big', 'x'.repeat(100 * 1024));
    const sender = createSmtpSender({ host: '127.0.0.1', port: smtp.port });
    await expect(sender.send(raw, { from: 'author@example.org', to: [SUPPORT] }).finally(() => sender.close())).rejects.toMatchObject({
      responseCode: 552,
    });
    await smtp.drain();
    expect(events).toHaveLength(0);
  });

  it('also answers 552 to a client that does not declare the size (SIZE is optional)', async () => {
    const replies = await rawSmtpSession(smtp.port, [
      'EHLO client.example',
      'MAIL FROM:<author@example.org>',
      `RCPT TO:<${SUPPORT}>`,
      'DATA',
      `From: author@example.org\r\nSubject: undeclared\r\n\r\n${'y'.repeat(100 * 1024)}\r\n.`,
      'QUIT',
    ]);
    expect(replies.map((reply) => reply.slice(0, 3))).toEqual(['220', '250', '250', '250', '354', '552', '221']);
    await smtp.drain();
    expect(events).toHaveLength(0);
  });

  it('retries a failing handler like Lambda (two retries), then writes a dead-letter record', async () => {
    failures.set('Flaky', 2);
    failures.set('Poison', Number.POSITIVE_INFINITY);
    const sender = createSmtpSender({ host: '127.0.0.1', port: smtp.port });
    try {
      await sender.send(await compose('Flaky', 'works on the third try'), { from: 'a@example.org', to: [SUPPORT] });
      await sender.send(await compose('Poison', 'never works'), { from: 'b@example.org', to: [SUPPORT] });
    } finally {
      sender.close();
    }
    await smtp.drain();
    const bySubject = (subject: string) =>
      outcomes.find((outcome) => events.some((event) => event.Records[0]!.ses.mail.messageId === outcome.messageId && event.Records[0]!.ses.mail.commonHeaders.subject === subject));
    expect(bySubject('Flaky')).toMatchObject({ status: 'processed', attempts: 3 });
    const poison = bySubject('Poison');
    expect(poison).toMatchObject({ status: 'dead-lettered', attempts: 3 });
    expect(events).toHaveLength(6);

    const files = readdirSync(deadLetterDir);
    expect(files).toHaveLength(1);
    const record = JSON.parse(readFileSync(join(deadLetterDir, files[0]!), 'utf8'));
    expect(record).toMatchObject({
      requestContext: { condition: 'RetriesExhausted', approximateInvokeCount: 3 },
      responsePayload: { errorType: 'Error', errorMessage: 'injected failure for Poison' },
    });
    expect(record.requestPayload.Records[0].ses.mail.messageId).toBe(poison!.messageId);
  });

  it('keeps no pending invocation once events are handled or dead-lettered', () => {
    expect(readdirSync(pendingDir)).toEqual([]);
  });

  it('invokes again, at start, what an earlier run accepted but never finished (a crash after the 250)', async () => {
    const raw = await compose('Left behind', 'the process was killed before the handler ran');
    const id = sesMessageId();
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: `${PREFIX}${id}`, Body: raw }));
    const leftBehind = mkdtempSync(join(tmpdir(), 'kdp-triage-pending-'));
    const event = buildSesEvent({ messageId: id, raw, mailFrom: 'a@example.org', destination: [SUPPORT], receivedAt: new Date() });
    writeFileSync(join(leftBehind, `${id}.json`), JSON.stringify(event));
    const restarted = await startSmtpInbound({
      port: 0,
      recipients: [SUPPORT],
      s3,
      bucket: BUCKET,
      prefix: PREFIX,
      deadLetterDir,
      pendingDir: leftBehind,
      handler: async (received) => {
        events.push(received);
      },
    });
    try {
      await restarted.drain();
      expect(events).toEqual([event]);
      expect(readdirSync(leftBehind)).toEqual([]);
    } finally {
      await restarted.stop();
      rmSync(leftBehind, { recursive: true, force: true });
    }
  });

  it('answers 451 (try again later) when the message cannot be stored', async () => {
    const unstored = await startSmtpInbound({
      port: 0,
      recipients: [SUPPORT],
      s3,
      bucket: 'no-such-bucket',
      prefix: PREFIX,
      deadLetterDir,
      handler: async (event) => {
        events.push(event);
      },
    });
    const sender = createSmtpSender({ host: '127.0.0.1', port: unstored.port });
    try {
      await expect(sender.send(await compose('Lost?', 'no'), { from: 'a@example.org', to: [SUPPORT] })).rejects.toMatchObject({ responseCode: 451 });
    } finally {
      sender.close();
      await unstored.stop();
    }
    expect(events).toHaveLength(0);
  });

  it('`triage send` delivers .eml files unchanged and reports the server reply', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kdp-triage-eml-'));
    try {
      const file = join(dir, 'one.eml');
      const raw = await compose('Sent by the CLI', 'hello from a file');
      writeFileSync(file, raw);
      let stdout = '';
      let stderr = '';
      const program = new Command('triage').exitOverride().configureOutput({
        writeOut: (text) => (stdout += text),
        writeErr: (text) => (stderr += text),
      });
      registerSendCommand(program);
      await program.parseAsync(['send', '--port', String(smtp.port), file], { from: 'user' });
      expect(stderr).toBe('');
      expect(stdout).toMatch(/one\.eml: 250 Ok: queued as [a-z2-7]{40} \(MAIL FROM:<author\.one@example\.org> RCPT TO:<support@kdp\.example\.com>/);

      await expect(program.parseAsync(['send', '--port', String(smtp.port), '--to', 'else@example.com', file], { from: 'user' })).rejects.toMatchObject({
        code: 'triage.sendFailed',
      });
      expect(stderr).toMatch(/rejected by the server: 550/);

      await smtp.drain();
      expect(events).toHaveLength(1);
      const object = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: `${PREFIX}${events[0]!.Records[0]!.ses.mail.messageId}` }));
      const stored = Buffer.from(await object.Body!.transformToByteArray());
      expect(stored.subarray(stored.length - raw.length).equals(raw)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
