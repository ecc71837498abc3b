import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { Command } from 'commander';
import { createAwsClients, destroyAwsClients, type AwsClients } from '../../../shared/aws-clients.ts';
import { DynamoTicketStore } from '../../../shared/adapters/dynamodb/ticket-store.ts';
import { S3RawMailStore } from '../../../shared/adapters/s3-raw-mail-store.ts';
import { parsePipelineConfig } from '../../../shared/config.ts';
import type { TicketDetail, TicketPage, TicketSummary } from '../../../shared/queue/api-types.ts';
import { countByStatus, listingStatusCounter } from '../../../shared/queue/status-counts.ts';
import { agentApiDeps } from '../../../functions/agent-api/deps.ts';
import { startAgentServer, type AgentServer } from '../../../functions/agent-api/local-server.ts';
import { registerExportLabelsCommand } from '../../../cli/commands/export-labels.ts';
import { createBucket, createTable, startLocalStack, type LocalStack } from '../../support/local-stack.ts';
import { seedTickets, ticketFixture, seeded as seededRandom } from '../../support/agent-api.ts';
import { hostileEmail } from '../../support/hostile-email.ts';

// The agents' API end to end over HTTP: local server → the Lambda handler → DynamoDB Local,
// s3rver and aws-ses-v2-local. A few hundred tickets, real conditional writes, real SES capture.
const TABLE = 'agent-api-it';
const BUCKET = 'raw-mail-it';
const COUNT = 300;

let stack: LocalStack;
let clients: AwsClients;
let server: AgentServer;
let store: DynamoTicketStore;
let tickets: Awaited<ReturnType<typeof seedTickets>>;

async function call<T = any>(method: string, path: string, init: { body?: unknown; headers?: Record<string, string>; token?: string | null } = {}) {
  const token = init.token === undefined ? server.token : init.token;
  const res = await fetch(new URL(`api${path}`, server.url), {
    method,
    headers: {
      ...(token !== null && { authorization: `Bearer ${token}` }),
      ...(init.body !== undefined && { 'content-type': 'application/json' }),
      ...init.headers,
    },
    ...(init.body !== undefined && { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) }),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as T };
}

beforeAll(async () => {
  stack = await startLocalStack();
  Object.assign(process.env, stack.env, { TABLE_NAME: TABLE, RAW_MAIL_BUCKET: BUCKET, SUPPORT_ADDRESS: 'support@kdp.example.com' });
  const raw = new DynamoDBClient({});
  await createTable(raw, TABLE);
  raw.destroy();
  clients = createAwsClients();
  await createBucket(clients.s3, BUCKET);
  const deps = agentApiDeps(parsePipelineConfig(process.env), clients);
  server = await startAgentServer({ deps, buildWeb: 'never', agent: 'ada' });
  store = new DynamoTicketStore(clients.dynamo, TABLE);
  tickets = await seedTickets(store, { count: COUNT, newest: new Date(), spacingMs: 7 * 60_000, rawBucket: BUCKET });
});

afterAll(async () => {
  await server?.close();
  if (clients) destroyAwsClients(clients);
  await stack?.stop();
});

async function allPages(query: Record<string, string>): Promise<TicketSummary[]> {
  const out: TicketSummary[] = [];
  let cursor: string | null = null;
  do {
    const qs = new URLSearchParams({ ...query, ...(cursor && { cursor }) });
    const { status, body } = await call<TicketPage>('GET', `/tickets?${qs}`);
    expect(status).toBe(200);
    expect(body.items.length).toBeLessThanOrEqual(Number(query.limit ?? 50));
    out.push(...body.items);
    cursor = body.nextCursor;
  } while (cursor);
  return out;
}

describe('agents API on DynamoDB Local', () => {
  it('pages through every ticket, newest and oldest first, without gaps or repeats', async () => {
    const newest = await allPages({ limit: '40' });
    expect(newest.map((t) => t.id)).toEqual(tickets.map((t) => t.id));
    const oldest = await allPages({ limit: '64', order: 'oldest' });
    expect(oldest.map((t) => t.id)).toEqual(tickets.map((t) => t.id).reverse());
  });

  it('filters through the indexes and filter expressions, paged', async () => {
    const ids = (list: Array<{ id: string }>) => list.map((t) => t.id);
    expect(ids(await allPages({ status: 'needs-review', limit: '10' }))).toEqual(ids(tickets.filter((t) => t.status === 'needs-review')));
    expect(ids(await allPages({ category: 'error-404', language: 'en', limit: '5' }))).toEqual(
      ids(tickets.filter((t) => t.category === 'error-404' && t.language === 'en')),
    );
    expect(ids(await allPages({ sender: 'author3@example.com', limit: '3' }))).toEqual(ids(tickets.filter((t) => t.sender === 'author3@example.com')));
    expect(ids(await allPages({ status: 'open', minConfidence: '0.25', maxConfidence: '0.75', limit: '4' }))).toEqual(
      ids(tickets.filter((t) => t.status === 'open' && t.confidence >= 0.25 && t.confidence <= 0.75)),
    );
    const from = tickets[120]!.createdAt;
    const to = tickets[20]!.createdAt;
    expect(ids(await allPages({ from, to, limit: '30' }))).toEqual(ids(tickets.slice(20, 121)));
    expect(ids(await allPages({ q: 'two-step', status: 'auto-replied', limit: '6' }))).toEqual(
      ids(tickets.filter((t) => t.status === 'auto-replied' && /two-step/i.test(t.subject))),
    );
    // Counted with Select COUNT on the status index: the same as listing, for every status.
    const { body } = await call<{ counts: Record<string, number> }>('GET', '/tickets/counts');
    expect(body.counts).toEqual(await countByStatus(listingStatusCounter(store)));
    expect(Object.values(body.counts).reduce((a, b) => a + b, 0)).toBe(COUNT);
    expect(body.counts['resolved']).toBe(tickets.filter((t) => t.status === 'resolved').length);
  });

  it('records an override with its audit event, exports it as a label, and counts it in the stats', async () => {
    const t = tickets.find((x) => x.category !== 'mobile-phone' && x.category !== 'other')!;
    const { body: before, headers } = await call<TicketDetail>('GET', `/tickets/${t.id}`);
    expect(headers.get('etag')).toBe(`"${before.version}"`);
    const { status, body: after } = await call<TicketDetail>('PATCH', `/tickets/${t.id}`, {
      headers: { 'if-match': headers.get('etag')! },
      body: { category: 'mobile-phone', assignee: 'ada', note: 'phone number changed, not a password problem' },
    });
    expect(status).toBe(200);
    expect(after).toMatchObject({ category: 'mobile-phone', machineCategory: t.category, overridden: true, assignee: 'ada', version: before.version + 1 });
    expect(after.events.filter((e) => e.actor === 'ada').map((e) => [e.type, e.before, e.after])).toEqual([
      ['category-changed', t.category, 'mobile-phone'],
      ['assigned', null, 'ada'],
      ['note', null, null],
    ]);

    const out: string[] = [];
    const program = new Command().exitOverride().configureOutput({ writeOut: (s) => void out.push(s), writeErr: () => undefined });
    registerExportLabelsCommand(program);
    await program.parseAsync(['node', 'triage', 'export-labels', '--table', TABLE, '--since', new Date(Date.now() - 60_000).toISOString()]);
    const lines = out.join('').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toEqual([
      {
        file: t.raw.key,
        category: 'mobile-phone',
        secondary: [],
        autoReply: true,
        notes: expect.stringContaining(`ticket ${t.id}: agent override ${t.category} → mobile-phone; by ada`),
      },
    ]);
    expect(Object.keys(lines[0]!)).toEqual(['file', 'category', 'secondary', 'autoReply', 'notes']);

    const { body: stats } = await call('GET', '/stats?window=7d');
    expect(stats.overridden).toBe(1);
    expect(stats.confusion).toEqual({ [t.category]: { 'mobile-phone': 1 } });
  });

  it('lets one of two concurrent edits of the same version win; the other gets 409', async () => {
    const t = tickets[5]!;
    const { body: current } = await call<TicketDetail>('GET', `/tickets/${t.id}`);
    const results = await Promise.all(
      (['resolved', 'open'] as const).map((status) => call('PATCH', `/tickets/${t.id}`, { headers: { 'if-match': String(current.version) }, body: { status, note: `set ${status}` } })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const lost = results.find((r) => r.status === 409)!;
    expect(lost.body.error.code).toBe('version_conflict');
    const { body: final } = await call<TicketDetail>('GET', `/tickets/${t.id}`);
    const won = results.find((r) => r.status === 200)!.body as TicketDetail;
    expect(final.status).toBe(won.status);
    expect(final.events.filter((e) => e.type === 'note')).toHaveLength(1);
  });

  it('sends a reply through the outbox exactly once, even when the request is repeated concurrently', async () => {
    await stack.clearCapturedMail();
    const t = tickets[7]!;
    const body = { article: 'password', idempotencyKey: 'it-reply-0001' };
    const results = await Promise.all(Array.from({ length: 5 }, () => call<TicketDetail>('POST', `/tickets/${t.id}/reply`, { body })));
    expect(results.every((r) => r.status === 201)).toBe(true);
    const mail = await stack.capturedMail();
    expect(mail).toHaveLength(1);
    expect(mail[0]!.destination.to).toEqual([expect.stringContaining(`<${t.sender}>`)]);
    const { body: detail } = await call<TicketDetail>('GET', `/tickets/${t.id}`);
    expect(detail.replies).toEqual([expect.objectContaining({ kind: 'agent-reply', state: 'sent', attempts: 1, requestedBy: 'ada', sesMessageId: expect.any(String) })]);
    expect(detail.messages.filter((m) => m.direction === 'outbound')).toHaveLength(1);
    expect(await call('POST', `/tickets/${t.id}/reply`, { body })).toMatchObject({ status: 201 });
    expect(await stack.capturedMail()).toHaveLength(1);
  });

  it("shows the customer's HTML from the raw message in S3", async () => {
    const { ticket, message } = ticketFixture(9999, seededRandom(1), new Date(), BUCKET);
    const raw = hostileEmail({ remoteOrigin: 'http://127.0.0.1:9', messageId: ticket.messageId });
    await new S3RawMailStore(clients.s3).put(ticket.raw, raw);
    await store.createTicket(ticket, message);
    const { status, body } = await call<TicketDetail>('GET', `/tickets/${ticket.id}`);
    expect(status).toBe(200);
    expect(body.rawError).toBeNull();
    expect(body.messages[0]!.html).toContain('forgot my password');
  });

  it('serves an attachment as a download only, read from the raw message', async () => {
    const { ticket, message } = ticketFixture(9998, seededRandom(2), new Date(), BUCKET);
    const page = '<html><script>alert(1)</script></html>';
    const raw = [
      'From: Author <author@example.com>',
      'To: support@kdp.example.com',
      'Subject: screenshot attached',
      `Message-ID: <${ticket.messageId}>`,
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b"',
      '',
      '--b',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'See the attached page.',
      '--b',
      "Content-Type: text/html; name*=UTF-8''erreur%20%C3%A9t%C3%A9.html",
      "Content-Disposition: attachment; filename*=UTF-8''erreur%20%C3%A9t%C3%A9.html",
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from(page).toString('base64'),
      '--b--',
      '',
    ].join('\r\n');
    await new S3RawMailStore(clients.s3).put(ticket.raw, raw);
    const meta = { filename: 'erreur été.html', mimeType: 'text/html', size: page.length, disposition: 'attachment' as const, contentId: null };
    await store.createTicket({ ...ticket, attachments: [meta] }, { ...message, attachments: [meta] });
    const res = await fetch(new URL(`api/tickets/${ticket.id}/attachments/0`, server.url), { headers: { authorization: `Bearer ${server.token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="erreur _t_.html"; filename*=UTF-8''${encodeURIComponent('erreur été.html')}`);
    expect(await res.text()).toBe(page);
    expect((await call('GET', `/tickets/${ticket.id}/attachments/1`)).status).toBe(404);
    expect((await call('GET', `/tickets/${ticket.id}/attachments/x`)).status).toBe(404);
    expect((await call('GET', `/tickets/${ticket.id}/attachments/0`, { token: null })).status).toBe(401);
  });

  it('answers 401 without or with a wrong token, 400 for bad input, 404 for unknown tickets', async () => {
    expect((await call('GET', '/tickets', { token: null })).status).toBe(401);
    const wrong = await call('GET', '/tickets', { token: 'not-the-token' });
    expect([wrong.status, wrong.body]).toEqual([401, { error: { code: 'unauthorized', message: expect.any(String) } }]);
    expect((await call('GET', '/tickets?status=nope')).body.error.code).toBe('invalid_request');
    expect((await call('GET', '/tickets?cursor=eyJ4IjoxfQ')).body.error.code).toBe('invalid_cursor');
    expect((await call('PATCH', `/tickets/${tickets[0]!.id}`, { headers: { 'if-match': '1' }, body: '{"status":' })).body.error.code).toBe('invalid_json');
    expect((await call('POST', `/tickets/${tickets[0]!.id}/reply`, { body: { text: '' , idempotencyKey: 'abcdefgh' } })).status).toBe(400);
    const missing = await call('GET', '/tickets/01ZZZZZZZZZZ');
    expect([missing.status, missing.body.error.code]).toEqual([404, 'not_found']);
    expect((await call('PATCH', '/tickets/01ZZZZZZZZZZ', { headers: { 'if-match': '1' }, body: { status: 'resolved' } })).status).toBe(404);
  });
});
