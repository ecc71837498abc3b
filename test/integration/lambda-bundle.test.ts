// The inbound Lambda bundle exactly as it ships (infra/bundling.ts, with its build-time plugins:
// SDK schema keys, franc's trimmed data, environment credentials, nodemailer's unreachable
// modules, zod/mini) handles SES events on the local stack the same way the unbundled handler
// does: dev-corpus and held-out emails go to both, each writing its own table, and the
// tickets and the replies they recorded must match.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import PostalMime from 'postal-mime';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoOutbox } from '../../shared/adapters/dynamodb/outbox.ts';
import { DynamoTicketStore } from '../../shared/adapters/dynamodb/ticket-store.ts';
import { createAwsClients, destroyAwsClients, type AwsClients } from '../../shared/aws-clients.ts';
import { parsePipelineConfig } from '../../shared/config.ts';
import type { OutboxRecord, Ticket } from '../../shared/tickets/model.ts';
import { createInboundHandler, type InboundResult } from '../../functions/inbound-email/handler.ts';
import { inboundDeps } from '../../functions/inbound-email/deps.ts';
import { bundleFunction, BUNDLE_FILE, FUNCTION_ENTRIES, REPO_ROOT } from '../../infra/bundling.ts';
import { buildSesEvent, sesMessageId } from '../../local/ses-event.ts';
import { createBucket, createTable, startLocalStack, type LocalStack } from '../support/local-stack.ts';

const SUPPORT = 'support@kdp.example.com';
const BUCKET = 'raw-mail-bundle';
const BUNDLED_TABLE = 'tickets-bundled';
const SOURCE_TABLE = 'tickets-source';
const CORPORA = [resolve(REPO_ROOT, '../shared/eval/dev'), resolve(REPO_ROOT, 'test/fixtures/holdout')];

type Handler = (event: unknown) => Promise<InboundResult[]>;

/** What a ticket says, without what differs per run (ids, clocks, versions, where the raw mail is). */
function ticketContent(ticket: Ticket) {
  const { id, createdAt, updatedAt, lastMessageAt, version, raw, ...content } = ticket;
  return content;
}

/**
 * A recorded reply as a reader gets it (headers, decoded subject, text, html), the run-specific
 * parts (ticket id, Message-ID, Date, MIME boundary) replaced.
 */
async function replyContent(record: OutboxRecord, ticketId: string) {
  const { headers, subject, text, html } = await PostalMime.parse(record.raw ?? '');
  const read = JSON.stringify({
    kind: record.kind,
    state: record.state,
    recipient: record.recipient,
    from: record.from,
    subject: record.subject,
    attempts: record.attempts,
    // Header lines as sent, but the encoded Subject (read decoded below), Date and the boundary.
    headers: headers.filter((h) => h.key !== 'date' && h.key !== 'subject').map((h) => [h.key, h.value.replace(/boundary="[^"]*"/, 'boundary')]),
    decodedSubject: subject,
    text,
    html,
  });
  return read.split(record.messageId).join('MESSAGE-ID').split(ticketId).join('TICKET');
}

describe('the inbound Lambda bundle on the local stack', () => {
  let stack: LocalStack;
  let clients: AwsClients;
  let outDir: string;
  let bundled: Handler;
  let source: Handler;
  const restoreEnv: Record<string, string | undefined> = {};

  beforeAll(async () => {
    stack = await startLocalStack();
    const env: Record<string, string> = {
      ...stack.env,
      TABLE_NAME: BUNDLED_TABLE,
      RAW_MAIL_BUCKET: BUCKET,
      SUPPORT_ADDRESS: SUPPORT,
      POWERTOOLS_SERVICE_NAME: 'kdp-triage',
      POWERTOOLS_METRICS_NAMESPACE: 'KdpTriageTest',
      POWERTOOLS_LOG_LEVEL: 'SILENT',
      POWERTOOLS_METRICS_DISABLED: 'true',
    };
    for (const name of Object.keys(env)) restoreEnv[name] = process.env[name];
    // As Lambda does: the configuration and the role's credentials are in the environment.
    Object.assign(process.env, env);
    clients = createAwsClients();
    await createTable(clients.dynamo, BUNDLED_TABLE);
    await createTable(clients.dynamo, SOURCE_TABLE);
    await createBucket(clients.s3, BUCKET);

    outDir = mkdtempSync(join(tmpdir(), 'kdp-lambda-bundle-'));
    await bundleFunction(FUNCTION_ENTRIES.inboundEmail, outDir);
    bundled = ((await import(pathToFileURL(join(outDir, BUNDLE_FILE)).href)) as { handler: Handler }).handler;
    const config = parsePipelineConfig({ ...process.env, TABLE_NAME: SOURCE_TABLE });
    source = createInboundHandler({
      pipeline: inboundDeps(config, clients),
      config,
      logger: new Logger({ logLevel: 'SILENT' }),
      metrics: new Metrics({ namespace: 'KdpTriageTest' }),
    });
  }, 120_000);

  afterAll(async () => {
    if (clients) destroyAwsClients(clients);
    await stack?.stop();
    if (outDir) rmSync(outDir, { recursive: true, force: true });
    for (const [name, value] of Object.entries(restoreEnv)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it('makes the same tickets and sends the same replies as the unbundled handler for corpus emails', async () => {
    const stores = {
      bundled: { tickets: new DynamoTicketStore(clients.dynamo, BUNDLED_TABLE), outbox: new DynamoOutbox(clients.dynamo, BUNDLED_TABLE) },
      source: { tickets: new DynamoTicketStore(clients.dynamo, SOURCE_TABLE), outbox: new DynamoOutbox(clients.dynamo, SOURCE_TABLE) },
    };
    const statuses = new Map<string, number>();
    let replies = 0;
    // Every fourth email of each corpus keeps the run short; the unit tests compare the bundled
    // language detection and reply composition on all of them.
    const files = CORPORA.flatMap((dir) =>
      readdirSync(dir).filter((f) => f.endsWith('.eml')).sort().filter((_, i) => i % 4 === 0).map((f) => join(dir, f)),
    );
    expect(files.length).toBeGreaterThan(50);
    for (const file of files) {
      const raw = readFileSync(file);
      const id = sesMessageId();
      await clients.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: `inbound/${id}`, Body: raw }));
      const event = buildSesEvent({ messageId: id, raw, mailFrom: 'bounces@example.net', destination: [SUPPORT], receivedAt: new Date() });

      const [ours] = await bundled(event);
      const [theirs] = await source(event);
      expect(ours?.outcome, file).toBe('processed');
      if (ours?.outcome !== 'processed' || theirs?.outcome !== 'processed') throw new Error(`${file}: ${JSON.stringify([ours, theirs])}`);
      expect({ ...ours, ticketId: null }, file).toEqual({ ...theirs, ticketId: null });

      const [a, b] = await Promise.all([stores.bundled.tickets.getTicket(ours.ticketId), stores.source.tickets.getTicket(theirs.ticketId)]);
      expect(ticketContent(a!), file).toEqual(ticketContent(b!));
      statuses.set(a!.status, (statuses.get(a!.status) ?? 0) + 1);

      const [sentByBundle, sentBySource] = await Promise.all([stores.bundled.outbox.listForTicket(ours.ticketId), stores.source.outbox.listForTicket(theirs.ticketId)]);
      const read = (records: OutboxRecord[], ticketId: string) => Promise.all(records.map((r) => replyContent(r, ticketId)));
      expect(await read(sentByBundle, ours.ticketId), file).toEqual(await read(sentBySource, theirs.ticketId));
      replies += sentByBundle.filter((r) => r.state === 'sent').length;
    }
    // The run covered both outcomes: replies sent and tickets held for review.
    expect(replies).toBeGreaterThan(20);
    expect(statuses.get('auto-replied')).toBeGreaterThan(20);
    expect(statuses.get('needs-review')).toBeGreaterThan(5);
  }, 300_000);
});
