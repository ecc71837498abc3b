import { beforeEach, describe, expect, it } from 'vitest';
import { MemoryMailer } from '../../../shared/adapters/memory/mailer.ts';
import { MemoryOutbox } from '../../../shared/adapters/memory/outbox.ts';
import { MemoryRawMailStore } from '../../../shared/adapters/memory/raw-mail-store.ts';
import { MemoryTicketStore } from '../../../shared/adapters/memory/ticket-store.ts';
import type { TicketSummary } from '../../../shared/queue/api-types.ts';
import { listingStatusCounter } from '../../../shared/queue/status-counts.ts';
import { createAgentApi, type AgentApiHandler } from '../../../functions/agent-api/handler.ts';
import { apiEvent, bodyOf, seedTickets } from '../../support/agent-api.ts';
import { agentRepliesForTest } from '../../support/agent-replies.ts';

const TOKEN = 'a-local-token-long-enough';
const auth = { authorization: `Bearer ${TOKEN}` };
const NOW = new Date('2026-03-10T12:00:00.000Z');

describe('agent API (in-memory stores)', () => {
  let tickets: MemoryTicketStore;
  let api: AgentApiHandler;
  let seeded: Awaited<ReturnType<typeof seedTickets>>;
  let mailer: MemoryMailer;

  beforeEach(async () => {
    const outbox = new MemoryOutbox();
    tickets = new MemoryTicketStore({ outbox });
    const rawMail = new MemoryRawMailStore();
    const replies = agentRepliesForTest({ tickets, outbox, rawMail });
    mailer = replies.mailer as MemoryMailer;
    api = createAgentApi({
      tickets,
      rawMail,
      replies: replies.replies,
      counter: listingStatusCounter(tickets),
      auth: { mode: 'token', token: TOKEN, agent: 'ada' },
      now: () => NOW,
    });
    seeded = await seedTickets(tickets, { count: 120, newest: NOW, spacingMs: 5 * 60_000 });
  });

  it('refuses a missing or wrong token with 401 and the stable code', async () => {
    for (const headers of [{}, { authorization: 'Bearer nope' }, { authorization: TOKEN }] as Array<Record<string, string>>) {
      const res = await api(apiEvent('GET', '/tickets', { headers }));
      expect(res.statusCode).toBe(401);
      expect(bodyOf(res)).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
      expect(res.headers?.['www-authenticate']).toBe('Bearer');
    }
  });

  it('lists newest first, pages with a cursor without overlap, and oldest first on request', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await api(apiEvent('GET', '/tickets', { headers: auth, query: { limit: '50', ...(cursor && { cursor }) } }));
      expect(res.statusCode).toBe(200);
      const page = bodyOf<{ items: TicketSummary[]; nextCursor: string | null }>(res);
      seen.push(...page.items.map((t) => t.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(seeded.map((t) => t.id));
    const oldest = bodyOf(await api(apiEvent('GET', '/tickets', { headers: auth, query: { order: 'oldest', limit: '3' } })));
    expect(oldest.items.map((t: TicketSummary) => t.id)).toEqual(seeded.slice(-3).reverse().map((t) => t.id));
  });

  it('filters by status, category, language, confidence, sender, dates and words', async () => {
    const q = async (query: Record<string, string>) =>
      bodyOf<{ items: TicketSummary[] }>(await api(apiEvent('GET', '/tickets', { headers: auth, query: { limit: '200', ...query } }))).items;
    const expectSame = (got: TicketSummary[], want: typeof seeded) => expect(got.map((t) => t.id)).toEqual(want.map((t) => t.id));
    expectSame(await q({ status: 'needs-review' }), seeded.filter((t) => t.status === 'needs-review'));
    expectSame(await q({ category: 'password', language: 'de' }), seeded.filter((t) => t.category === 'password' && t.language === 'de'));
    expectSame(await q({ maxConfidence: '0.3' }), seeded.filter((t) => t.confidence <= 0.3));
    expectSame(await q({ minConfidence: '0.8', status: 'auto-replied' }), seeded.filter((t) => t.confidence >= 0.8 && t.status === 'auto-replied'));
    expectSame(await q({ sender: 'Author5@Example.com' }), seeded.filter((t) => t.sender === 'author5@example.com'));
    const from = new Date(NOW.getTime() - 60 * 60_000).toISOString();
    expectSame(await q({ from, to: NOW.toISOString() }), seeded.filter((t) => t.createdAt >= from));
    expectSame(await q({ q: 'bookshelf empty' }), seeded.filter((t) => /bookshelf is empty/i.test(t.subject)));
  });

  it('pages through a search with a cursor that resumes inside a store page', async () => {
    const want = seeded.filter((t) => /password reset/i.test(t.subject)).map((t) => t.id);
    const got: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: TicketSummary[]; nextCursor: string | null } = bodyOf(
        await api(apiEvent('GET', '/tickets', { headers: auth, query: { q: 'password reset', limit: '7', ...(cursor && { cursor }) } })),
      );
      got.push(...page.items.map((t: TicketSummary) => t.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(got).toEqual(want);
  });

  it('answers bad query strings with 400 invalid_request naming the field', async () => {
    for (const query of [{ status: 'lost' }, { minConfidence: '2' }, { limit: '0' }, { colour: 'red' }, { from: 'yesterday' }] as Array<Record<string, string>>) {
      const res = await api(apiEvent('GET', '/tickets', { headers: auth, query }));
      expect(res.statusCode).toBe(400);
      expect(bodyOf(res).error.code).toBe('invalid_request');
    }
    const res = await api(apiEvent('GET', '/tickets', { headers: auth, query: { cursor: 'garbage' } }));
    expect([res.statusCode, bodyOf(res).error.code]).toEqual([400, 'invalid_cursor']);
  });

  it('counts tickets per status', async () => {
    const { counts } = bodyOf(await api(apiEvent('GET', '/tickets/counts', { headers: auth })));
    for (const status of ['auto-replied', 'needs-review', 'quarantined', 'open', 'resolved']) {
      expect(counts[status]).toBe(seeded.filter((t) => t.status === status).length);
    }
  });

  it('returns 404 for an unknown ticket, a malformed id and an unknown route; 405 for a wrong method', async () => {
    expect((await api(apiEvent('GET', '/tickets/0000000000ZZ', { headers: auth }))).statusCode).toBe(404);
    expect(bodyOf(await api(apiEvent('GET', '/tickets/..%2Fetc', { headers: auth }))).error.code).toBe('not_found');
    expect(bodyOf(await api(apiEvent('GET', '/nope', { headers: auth }))).error.code).toBe('route_not_found');
    expect((await api(apiEvent('DELETE', '/tickets', { headers: auth }))).statusCode).toBe(405);
  });

  it('overrides a category with If-Match, records who/when/before/after, and refuses a stale version with 409', async () => {
    const t = seeded.find((x) => x.category !== 'password')!;
    const before = bodyOf(await api(apiEvent('GET', `/tickets/${t.id}`, { headers: auth })));
    const res = await api(
      apiEvent('PATCH', `/tickets/${t.id}`, { headers: { ...auth, 'if-match': `"${before.version}"` }, body: { category: 'password', note: 'customer means the password' } }),
    );
    expect(res.statusCode).toBe(200);
    const after = bodyOf(res);
    expect(after).toMatchObject({ category: 'password', machineCategory: t.category, overridden: true, version: before.version + 1 });
    expect(res.headers?.etag).toBe(`"${before.version + 1}"`);
    expect(after.events.slice(-2)).toEqual([
      expect.objectContaining({ actor: 'ada', type: 'category-changed', before: t.category, after: 'password', at: expect.any(String) }),
      expect.objectContaining({ actor: 'ada', type: 'note', note: 'customer means the password' }),
    ]);
    const stale = await api(apiEvent('PATCH', `/tickets/${t.id}`, { headers: { ...auth, 'if-match': String(before.version) }, body: { status: 'resolved' } }));
    expect(stale.statusCode).toBe(409);
    expect(bodyOf(stale).error).toMatchObject({ code: 'version_conflict', details: { currentVersion: before.version + 1 } });
  });

  it('requires If-Match on PATCH (428) and a valid body (400)', async () => {
    const t = seeded[0]!;
    expect((await api(apiEvent('PATCH', `/tickets/${t.id}`, { headers: auth, body: { status: 'resolved' } }))).statusCode).toBe(428);
    for (const body of [{}, { status: 'gone' }, { category: 'cats' }, { extra: 1 }, '{not json']) {
      const res = await api(apiEvent('PATCH', `/tickets/${t.id}`, { headers: { ...auth, 'if-match': '1' }, body }));
      expect(res.statusCode).toBe(400);
      expect(['invalid_request', 'invalid_json']).toContain(bodyOf(res).error.code);
    }
  });

  it('computes stats for the window with the override confusion matrix', async () => {
    const [a, b] = seeded.filter((t) => t.category !== 'error-404').slice(0, 2);
    for (const t of [a!, b!]) {
      await api(apiEvent('PATCH', `/tickets/${t.id}`, { headers: { ...auth, 'if-match': '1' }, body: { category: 'error-404' } }));
    }
    const stats = bodyOf(await api(apiEvent('GET', '/stats', { headers: auth, query: { window: '24h' } })));
    const inWindow = seeded.filter((t) => Date.parse(t.createdAt) > NOW.getTime() - 86_400_000);
    expect(stats.total).toBe(inWindow.length);
    expect(stats.overridden).toBe(2);
    expect(stats.autoReplied).toBe(inWindow.filter((t) => t.status === 'auto-replied').length);
    const cells = Object.entries(stats.confusion as Record<string, Record<string, number>>).flatMap(([m, row]) => Object.entries(row).map(([g, n]) => `${m}>${g}:${n}`));
    expect(cells.sort()).toEqual(
      a!.category === b!.category ? [`${a!.category}>error-404:2`] : [`${a!.category}>error-404:1`, `${b!.category}>error-404:1`].sort(),
    );
    expect(stats.series.reduce((s: number, x: { count: number }) => s + x.count, 0)).toBe(inWindow.length);
    expect((await api(apiEvent('GET', '/stats', { headers: auth, query: { window: '1y' } }))).statusCode).toBe(400);
  });

  it('admits a Cognito agent only with the agents group (403 otherwise) and records the username', async () => {
    const cognito = createAgentApi({
      tickets,
      rawMail: new MemoryRawMailStore(),
      replies: agentRepliesForTest({ tickets, outbox: new MemoryOutbox() }).replies,
      counter: listingStatusCounter(tickets),
      auth: { mode: 'cognito', group: 'agents' },
    });
    expect((await cognito(apiEvent('GET', '/me'))).statusCode).toBe(401);
    const outsider = await cognito(apiEvent('GET', '/me', { claims: { username: 'eve', 'cognito:groups': '[readers]' } }));
    expect([outsider.statusCode, bodyOf(outsider).error.code]).toEqual([403, 'forbidden']);
    const me = bodyOf(await cognito(apiEvent('GET', '/me', { claims: { username: 'grace', 'cognito:groups': '[admins agents]' } })));
    expect(me).toMatchObject({ agent: 'grace', groups: ['admins', 'agents'] });
    expect(me.vocabulary.categories).toContain('password');
  });

  it('sends a reply through the outbox once per idempotency key, threaded, as a person (no auto headers)', async () => {
    const t = seeded[3]!;
    const post = (body: unknown) => api(apiEvent('POST', `/tickets/${t.id}/reply`, { headers: auth, body }));
    const key = 'k-0123456789abcdef';
    const res = await post({ article: 'password', idempotencyKey: key });
    expect(res.statusCode).toBe(201);
    const detail = bodyOf(res);
    expect(detail.replies).toEqual([expect.objectContaining({ kind: 'agent-reply', state: 'sent', to: t.sender, requestedBy: 'ada', attempts: 1 })]);
    expect(detail.messages.map((m: { direction: string }) => m.direction)).toEqual(['inbound', 'outbound']);
    expect(detail.events.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['reply-queued', 'reply-sent']));
    expect((await post({ article: 'password', idempotencyKey: key })).statusCode).toBe(201);
    expect(mailer.sent).toHaveLength(1);
    const raw = mailer.sent[0]!.raw;
    expect(raw).toMatch(new RegExp(`^In-Reply-To: <${t.messageId.replace(/[.]/g, '\\.')}>`, 'm'));
    expect(raw).not.toMatch(/^Auto-Submitted:/m);
    expect(mailer.sent[0]!.to).toBe(t.sender);

    const free = await post({ text: 'Hello, please try the reset link again.', idempotencyKey: 'k-second-reply-1' });
    expect(bodyOf(free).replies).toHaveLength(2);
    expect(mailer.sent).toHaveLength(2);
    for (const body of [{ article: 'other', idempotencyKey: 'k-0123456789' }, { text: '  ', idempotencyKey: 'k-0123456789' }, { text: 'hi' }, { article: 'password', idempotencyKey: 'no' }]) {
      expect((await post(body)).statusCode).toBe(400);
    }
    expect((await api(apiEvent('POST', '/tickets/0000000000ZZ/reply', { headers: auth, body: { text: 'x', idempotencyKey: 'k-0123456789' } }))).statusCode).toBe(404);
    expect(mailer.sent).toHaveLength(2);
  });
});
