// The inbound pipeline against the real local servers: SMTP → s3rver → the real handler →
// DynamoDB Local → aws-ses-v2-local, and the same handler invoked directly with SES events for
// duplicates and injected failures. aws-ses-v2-local drops custom headers, so the RFC 3834
// headers are checked on the raw MIME the outbox recorded (the bytes that were sent).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { DynamoOutbox } from '../../../shared/adapters/dynamodb/outbox.ts';
import { DynamoTicketStore } from '../../../shared/adapters/dynamodb/ticket-store.ts';
import { keys } from '../../../shared/adapters/dynamodb/keys.ts';
import { SesMailer } from '../../../shared/adapters/ses-mailer.ts';
import { createAwsClients, destroyAwsClients, type AwsClients } from '../../../shared/aws-clients.ts';
import { parsePipelineConfig, type PipelineConfig } from '../../../shared/config.ts';
import { sweepOutbox } from '../../../shared/pipeline/deliver-reply.ts';
import type { InboundDeps } from '../../../shared/pipeline/process-inbound.ts';
import { createInboundHandler } from '../../../functions/inbound-email/handler.ts';
import { inboundDeps } from '../../../functions/inbound-email/deps.ts';
import { startLocalRuntime, type LocalRuntime } from '../../../local/runtime.ts';
import type { InboundOutcome as SmtpOutcome } from '../../../local/smtp-inbound.ts';
import type { CapturedMail } from '../../support/local-stack.ts';
import { createSmtpSender } from '../../../local/smtp-send.ts';
import { buildSesEvent, sesMessageId } from '../../../local/ses-event.ts';
import { devEmail, headersOf } from '../../unit/pipeline/memory-pipeline.ts';

const SUPPORT = 'support@kdp.example.com';
const TABLE = 'tickets-pipeline';
const BUCKET = 'raw-mail-pipeline';
const VICTOR = 'victor.almeida@example.org';

/** aws-ses-v2-local records the To header as written (`"Name" <address>`). */
function sentTo(mail: CapturedMail, address: string): boolean {
  return mail.destination.to.some((to) => to.toLowerCase().includes(`<${address}>`) || to.toLowerCase() === address);
}

describe('inbound pipeline on the local stack', () => {
  let runtime: LocalRuntime;
  let clients: AwsClients;
  let config: PipelineConfig;
  let tickets: DynamoTicketStore;
  let outbox: DynamoOutbox;
  const smtpOutcomes: SmtpOutcome[] = [];
  const quiet = { logger: new Logger({ logLevel: 'SILENT' }), metrics: new Metrics({ namespace: 'KdpTriageTest' }) };

  beforeAll(async () => {
    runtime = await startLocalRuntime({
      supportAddress: SUPPORT,
      tableName: TABLE,
      rawMailBucket: BUCKET,
      rawMailPrefix: 'inbound/',
      smtpPort: 0,
      loadHandler: async () => (await import('../../../functions/inbound-email/handler.ts')).handler,
      handlerEnv: { POWERTOOLS_LOG_LEVEL: 'SILENT', POWERTOOLS_METRICS_DISABLED: 'true' },
      retryDelaysMs: [50, 100],
      onOutcome: (outcome) => smtpOutcomes.push(outcome),
    });
    config = parsePipelineConfig(process.env);
    clients = createAwsClients();
    tickets = new DynamoTicketStore(clients.dynamo, TABLE);
    outbox = new DynamoOutbox(clients.dynamo, TABLE);
  });

  afterAll(async () => {
    if (clients) destroyAwsClients(clients);
    await runtime?.stop();
  });

  beforeEach(async () => {
    await runtime.stack.clearCapturedMail();
  });

  async function sendSmtp(raw: Buffer | string, from: string) {
    const sender = createSmtpSender({ host: runtime.smtp.host, port: runtime.smtp.port });
    try {
      const result = await sender.send(Buffer.from(raw), { from, to: [SUPPORT] });
      await runtime.smtp.drain();
      return result;
    } finally {
      sender.close();
    }
  }

  /** Stores `raw` as SES's S3 action would and returns the receipt event for it. */
  async function sesDelivery(raw: Buffer | string, from: string) {
    const id = sesMessageId();
    const bytes = Buffer.from(raw);
    await clients.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: `inbound/${id}`, Body: bytes }));
    return buildSesEvent({ messageId: id, raw: bytes, mailFrom: from, destination: [SUPPORT], receivedAt: new Date() });
  }

  /** A fresh address per test, so the reply window of one test does not touch another. */
  function asSender(raw: Buffer, address: string): Buffer {
    return Buffer.from(raw.toString('utf8').replace(/victor\.almeida@example\.org/gi, address).replace(/^Message-ID: <([^>]+)>/im, `Message-ID: <$1.${address}>`));
  }

  function handlerWith(overrides: Partial<InboundDeps> = {}) {
    const pipeline = { ...inboundDeps(config, clients), ...overrides };
    return { pipeline, handle: createInboundHandler({ pipeline, config, ...quiet }) };
  }

  it('turns a dev-corpus email sent over SMTP into one ticket and one reply carrying the RFC 3834 headers', async () => {
    const result = await sendSmtp(devEmail('dev-004.eml'), VICTOR);
    expect(result.response).toMatch(/^250 /);
    expect(smtpOutcomes.at(-1)).toMatchObject({ status: 'processed', attempts: 1 });

    const listed = await tickets.listTickets({ sender: VICTOR });
    expect(listed.items).toHaveLength(1);
    const ticket = listed.items[0]!;
    expect(ticket).toMatchObject({ category: 'two-step-verification', status: 'auto-replied', messageId: '7a3e3ffb67602149164519a4944ac4bd@example.org' });
    expect(ticket.raw).toMatchObject({ bucket: BUCKET, key: expect.stringMatching(/^inbound\//) });

    const captured = await runtime.stack.capturedMail();
    expect(captured).toHaveLength(1);
    const [record] = await outbox.listForTicket(ticket.id);
    expect(record).toMatchObject({ state: 'sent', recipient: VICTOR, sesMessageId: captured[0]!.messageId, attempts: 1 });
    expect(captured[0]!.destination.to).toHaveLength(1);
    expect(sentTo(captured[0]!, VICTOR)).toBe(true);
    const h = headersOf(record!.raw!);
    expect(h.get('auto-submitted')).toEqual(['auto-replied']);
    expect(h.get('in-reply-to')).toEqual(['<7a3e3ffb67602149164519a4944ac4bd@example.org>']);
    expect(h.get('references')).toEqual(['<7a3e3ffb67602149164519a4944ac4bd@example.org>']);
    expect(h.get('message-id')).toEqual([`<${record!.messageId}>`]);
    expect(h.get('from')?.[0]).toContain(SUPPORT);
  });

  it('makes one ticket and one reply of the same event delivered 10 times at once and again later', async () => {
    const sender = `dup-${randomBytes(3).toString('hex')}@example.net`;
    const event = await sesDelivery(asSender(devEmail('dev-004.eml'), sender), sender);
    const { handle } = handlerWith();
    const results = await Promise.all(Array.from({ length: 10 }, () => handle(event)));
    expect(results.flat().filter((r) => r.outcome === 'processed' && r.kind === 'created')).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 1500));
    const later = await handle(event);
    expect(later).toMatchObject([{ kind: 'duplicate', status: 'auto-replied' }]);
    expect((await tickets.listTickets({ sender })).items).toHaveLength(1);
    const mail = (await runtime.stack.capturedMail()).filter((m) => sentTo(m, sender));
    expect(mail).toHaveLength(1);
  });

  it('threads a follow-up into its ticket and reopens it, without a second reply; a bot answering our reply gets nothing', async () => {
    const sender = `thread-${randomBytes(3).toString('hex')}@example.net`;
    await sendSmtp(asSender(devEmail('dev-004.eml'), sender), sender);
    const ticket = (await tickets.listTickets({ sender })).items[0]!;
    const ours = (await outbox.listForTicket(ticket.id))[0]!;
    expect(await runtime.stack.capturedMail()).toHaveLength(1);

    const bot = await new MailComposer({
      from: sender,
      to: SUPPORT,
      subject: `Automatic reply: ${ours.subject}`,
      messageId: `<ooo-${randomBytes(4).toString('hex')}@example.net>`,
      inReplyTo: `<${ours.messageId}>`,
      references: [`<${ours.messageId}>`],
      headers: { 'Auto-Submitted': 'auto-replied' },
      text: 'I am out of the office until Monday. I forgot my password anyway.',
    }).compile().build();
    await sendSmtp(bot, sender);
    expect(await tickets.getTicket(ticket.id)).toMatchObject({ status: 'auto-replied', messageCount: 3 });

    const followUp = await new MailComposer({
      from: sender,
      to: SUPPORT,
      subject: `Re: ${ours.subject}`,
      messageId: `<fu-${randomBytes(4).toString('hex')}@example.net>`,
      inReplyTo: `<${ours.messageId}>`,
      references: [`<${ticket.messageId}>`, `<${ours.messageId}>`],
      text: 'That did not help: the codes are still rejected. Can a person please look at my account?',
    }).compile().build();
    await sendSmtp(followUp, sender);
    const thread = (await tickets.getThread(ticket.id))!;
    expect(thread.ticket).toMatchObject({ status: 'open', messageCount: 4 });
    expect(thread.messages.map((m) => m.direction)).toEqual(['inbound', 'outbound', 'inbound', 'inbound']);
    expect((await tickets.listTickets({ sender })).items).toHaveLength(1);
    expect(await runtime.stack.capturedMail()).toHaveLength(1);
  });

  it('retries a send that SES could not take (endpoint refusing connections) and sends it exactly once', async () => {
    const sender = `refused-${randomBytes(3).toString('hex')}@example.net`;
    const event = await sesDelivery(asSender(devEmail('dev-004.eml'), sender), sender);
    const deadSes = new SESv2Client({ endpoint: 'http://127.0.0.1:9', maxAttempts: 1 });
    try {
      const down = handlerWith({ mailer: new SesMailer(deadSes) });
      await expect(down.handle(event)).rejects.toThrow(/waits for a retry/);
      const ticket = (await tickets.listTickets({ sender })).items[0]!;
      const [failed] = await outbox.listForTicket(ticket.id);
      expect(failed).toMatchObject({ state: 'failed', retryable: true, attempts: 1 });
      expect(failed!.lastError).toMatch(/ECONNREFUSED/);

      // Lambda's retry arrives before the backoff ends: nothing is sent, it asks to be retried again.
      await expect(handlerWith().handle(event)).rejects.toThrow(/waits for a retry/);
      // The scheduled sweep, once the backoff has passed, sends it; further sweeps and redeliveries do nothing.
      const later = { ...handlerWith().pipeline, now: () => new Date(Date.now() + 31_000) };
      expect(await sweepOutbox(later)).toMatchObject({ sent: 1 });
      expect(await sweepOutbox(later)).toMatchObject({ sent: 0 });
      await expect(handlerWith().handle(event)).resolves.toMatchObject([{ kind: 'duplicate' }]);
      const mail = (await runtime.stack.capturedMail()).filter((m) => sentTo(m, sender));
      expect(mail).toHaveLength(1);
      expect((await outbox.listForTicket(ticket.id))[0]).toMatchObject({ state: 'sent', attempts: 2, sesMessageId: mail[0]!.messageId });
    } finally {
      deadSes.destroy();
    }
  });

  it('loses nothing and sends nothing twice when DynamoDB goes away mid-pipeline', async () => {
    const sender = `outage-${randomBytes(3).toString('hex')}@example.net`;
    const event = await sesDelivery(asSender(devEmail('dev-004.eml'), sender), sender);
    const deadDynamo = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: 'http://127.0.0.1:9', maxAttempts: 1 }));
    try {
      // The table is unreachable when the ticket (with its reply) is written: nothing is stored,
      // nothing sent, the raw message stays in S3 and the event is retried.
      await expect(handlerWith({ tickets: new DynamoTicketStore(deadDynamo, TABLE) }).handle(event)).rejects.toThrow(/ECONNREFUSED/);
      expect((await tickets.listTickets({ sender })).items).toHaveLength(0);
      expect((await runtime.stack.capturedMail()).filter((m) => sentTo(m, sender))).toHaveLength(0);

      // Lambda retries the event: one ticket, one reply; a further redelivery changes nothing.
      await expect(handlerWith().handle(event)).resolves.toMatchObject([{ kind: 'created', status: 'auto-replied' }]);
      await expect(handlerWith().handle(event)).resolves.toMatchObject([{ kind: 'duplicate', status: 'auto-replied' }]);
      expect((await tickets.listTickets({ sender })).items).toHaveLength(1);
      expect((await runtime.stack.capturedMail()).filter((m) => sentTo(m, sender))).toHaveLength(1);

      // SES took a second message, but the table went away before "sent" was recorded: it is
      // never sent again; once the claim's lease ends the sweep records it as unknown.
      const sender2 = `unrecorded-${randomBytes(3).toString('hex')}@example.net`;
      const event2 = await sesDelivery(asSender(devEmail('dev-004.eml'), sender2), sender2);
      const cannotRecord = new DynamoOutbox(deadDynamo, TABLE);
      await expect(handlerWith({ outbox: cannotRecord }).handle(event2)).rejects.toThrow(/ECONNREFUSED/);
      const t2 = (await tickets.listTickets({ sender: sender2 })).items[0]!;
      expect((await outbox.listForTicket(t2.id))[0]).toMatchObject({ state: 'sending', attempts: 1 });
      await expect(handlerWith().handle(event2)).resolves.toMatchObject([{ kind: 'duplicate' }]);
      const afterLease = { ...handlerWith().pipeline, now: () => new Date(Date.now() + config.replyLeaseMs + 1000) };
      expect(await sweepOutbox(afterLease)).toMatchObject({ unknown: 1, sent: 0 });
      expect((await outbox.listForTicket(t2.id))[0]).toMatchObject({ state: 'failed-unknown' });
      expect(await tickets.getTicket(t2.id)).toMatchObject({ status: 'needs-review' });
      expect((await runtime.stack.capturedMail()).filter((m) => sentTo(m, sender2))).toHaveLength(1);
    } finally {
      deadDynamo.destroy();
    }
  });

  it('stores and classifies a 10 MB message with attachments, keeping the item far below 400 KB', async () => {
    const sender = `big-${randomBytes(3).toString('hex')}@example.net`;
    const story = 'I forgot my password and the password reset email never arrives, not even in the spam folder. ';
    const raw = await new MailComposer({
      from: `Big Sender <${sender}>`,
      to: SUPPORT,
      subject: 'Password reset email never arrives',
      messageId: `<big-${randomBytes(4).toString('hex')}@example.net>`,
      text: story.repeat(12_000), // ~1.1 MB of text
      attachments: [
        { filename: 'screenshot-1.png', content: randomBytes(4 * 1024 * 1024), contentType: 'image/png' },
        { filename: 'screenshot-2.png', content: randomBytes(3 * 1024 * 1024), contentType: 'image/png' },
      ],
    }).compile().build();
    expect(raw.length).toBeGreaterThan(10 * 1024 * 1024);
    await sendSmtp(raw, sender);
    const ticket = (await tickets.listTickets({ sender })).items[0]!;
    expect(ticket).toMatchObject({ category: 'password', status: 'auto-replied' });
    expect(ticket.customerText).toMatchObject({ truncated: true });
    expect(ticket.customerText.originalBytes).toBeGreaterThan(1_000_000);
    expect(ticket.attachments.map((a) => a.filename)).toEqual(['screenshot-1.png', 'screenshot-2.png']);
    const item = await clients.dynamo.send(new GetCommand({ TableName: TABLE, Key: keys.ticket(ticket.id) }));
    const itemBytes = Buffer.byteLength(JSON.stringify(item.Item));
    expect(itemBytes).toBeLessThan(100 * 1024);
    const thread = (await tickets.getThread(ticket.id))!;
    expect(thread.messages[0]!.text.truncated).toBe(true);
    const s3 = new S3Client({ forcePathStyle: true });
    try {
      const { GetObjectCommand } = await import('@aws-sdk/client-s3');
      const stored = await s3.send(new GetObjectCommand({ Bucket: ticket.raw.bucket, Key: ticket.raw.key }));
      expect(stored.ContentLength).toBeGreaterThanOrEqual(raw.length);
    } finally {
      s3.destroy();
    }
  });
});
