// End to end on one machine, as `npm start` runs it: a real SMTP client → the local SES stand-in
// (raw mail in s3rver) → the real inbound handler → a ticket in DynamoDB Local and a reply
// captured by aws-ses-v2-local; what the front door refuses; data kept across a restart.
// (The pipeline's own behaviour — duplicates, threading, failures — is in pipeline/.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoOutbox } from '../../shared/adapters/dynamodb/outbox.ts';
import { DynamoTicketStore } from '../../shared/adapters/dynamodb/ticket-store.ts';
import { REPO_ROOT } from '../../local/config.ts';
import { startLocalRuntime, type LocalRuntime } from '../../local/runtime.ts';
import { SES_MAX_MESSAGE_BYTES, type InboundOutcome } from '../../local/smtp-inbound.ts';
import { createSmtpSender } from '../../local/smtp-send.ts';

const SUPPORT = 'support@kdp.example.com';
const TABLE = 'tickets-e2e';
const VICTOR = 'victor.almeida@example.org';

/** A dev-corpus email (the corpus beside the repo, else the copy among the test fixtures). */
function devEmail(name: string): Buffer {
  const beside = join(REPO_ROOT, '..', 'shared', 'eval', 'dev', name);
  return readFileSync(existsSync(beside) ? beside : join(REPO_ROOT, 'test', 'fixtures', 'events', 'emails', name));
}

describe('SMTP → handler → ticket and captured reply (local runtime)', () => {
  let runtime: LocalRuntime;
  let documents: DynamoDBDocumentClient;
  let tickets: DynamoTicketStore;
  let outbox: DynamoOutbox;
  const outcomes: InboundOutcome[] = [];

  const dataDir = mkdtempSync(join(tmpdir(), 'kdp-triage-e2e-'));
  const startRuntime = (stackPorts?: { dynamodb: number; s3: number; ses: number }) =>
    startLocalRuntime({
      supportAddress: SUPPORT,
      tableName: TABLE,
      rawMailBucket: 'raw-mail-e2e',
      rawMailPrefix: 'inbound/',
      smtpPort: 0,
      dataDir,
      ...(stackPorts ? { stackPorts } : {}),
      loadHandler: async () => (await import('../../functions/inbound-email/handler.ts')).handler,
      handlerEnv: { POWERTOOLS_LOG_LEVEL: 'SILENT', POWERTOOLS_METRICS_DISABLED: 'true' },
      retryDelaysMs: [50, 100],
      onOutcome: (outcome) => outcomes.push(outcome),
    });

  beforeAll(async () => {
    runtime = await startRuntime();
    documents = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: runtime.stack.endpoints.dynamodb }));
    tickets = new DynamoTicketStore(documents, TABLE);
    outbox = new DynamoOutbox(documents, TABLE);
  });

  afterAll(async () => {
    documents?.destroy();
    await runtime?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const send = async (raw: Buffer, envelope: { from: string; to: string[] }) => {
    const sender = createSmtpSender({ host: runtime.smtp.host, port: runtime.smtp.port });
    try {
      return await sender.send(raw, envelope);
    } finally {
      sender.close();
    }
  };

  it('turns a dev-corpus email into one ticket and one captured auto-reply', async () => {
    const result = await send(devEmail('dev-004.eml'), { from: VICTOR, to: [SUPPORT] });
    expect(result.response).toMatch(/^250 /);
    await runtime.smtp.drain();
    expect(outcomes).toMatchObject([{ status: 'processed', attempts: 1 }]);

    const page = await tickets.listTickets({});
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({
      sender: VICTOR,
      subject: 'authenticator app codes rejected',
      category: 'two-step-verification',
      status: 'auto-replied',
    });

    const captured = await runtime.stack.capturedMail();
    expect(captured).toHaveLength(1);
    expect(captured[0]!.destination.to).toHaveLength(1);
    expect(captured[0]!.destination.to[0]).toContain(VICTOR);
    expect(captured[0]!.subject).toMatch(/^Re: authenticator app codes rejected/);
    // aws-ses-v2-local drops custom headers: the RFC 3834 header is checked on the MIME sent.
    const [record] = await outbox.listForTicket(page.items[0]!.id);
    expect(record).toMatchObject({ state: 'sent', sesMessageId: captured[0]!.messageId });
    expect(record!.raw).toMatch(/^Auto-Submitted: auto-replied\r?$/im);
  });

  it('rejects a relay attempt to another recipient with 550 and creates nothing', async () => {
    const before = (await tickets.listTickets({})).items.length;
    await expect(send(devEmail('dev-004.eml'), { from: VICTOR, to: ['someone@elsewhere.example'] })).rejects.toMatchObject({
      responseCode: 550,
    });
    await runtime.smtp.drain();
    expect((await tickets.listTickets({})).items).toHaveLength(before);
  });

  it('rejects a message over the 40 MB limit with 552 and creates nothing', async () => {
    const before = (await tickets.listTickets({})).items.length;
    const huge = Buffer.concat([
      Buffer.from('From: big@example.org\r\nTo: support@kdp.example.com\r\nSubject: huge\r\nMessage-ID: <huge@example.org>\r\n\r\n'),
      Buffer.alloc(SES_MAX_MESSAGE_BYTES + 1024, 'a'),
    ]);
    await expect(send(huge, { from: 'big@example.org', to: [SUPPORT] })).rejects.toMatchObject({ responseCode: 552 });
    await runtime.smtp.drain();
    expect((await tickets.listTickets({})).items).toHaveLength(before);
  });

  it('keeps tickets and dedup state across a restart on the same data dir', async () => {
    const ports = {
      dynamodb: Number(new URL(runtime.stack.endpoints.dynamodb).port),
      s3: Number(new URL(runtime.stack.endpoints.s3).port),
      ses: Number(new URL(runtime.stack.endpoints.ses).port),
    };
    await runtime.stop();
    // Same ports: the handler built its SDK clients once, as a Lambda container does.
    runtime = await startRuntime(ports);
    await runtime.stack.clearCapturedMail();
    expect((await tickets.listTickets({})).items).toHaveLength(1);

    await send(devEmail('dev-004.eml'), { from: VICTOR, to: [SUPPORT] });
    await runtime.smtp.drain();
    expect(outcomes.at(-1)).toMatchObject({ status: 'processed' });
    expect((await tickets.listTickets({})).items).toHaveLength(1);
    expect(await runtime.stack.capturedMail()).toHaveLength(0);
  });
});
