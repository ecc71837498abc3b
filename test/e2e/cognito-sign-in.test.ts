import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { CHROMIUM, CHROMIUM_FLAGS, haveChromium } from '../support/chromium.ts';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryOutbox } from '../../shared/adapters/memory/outbox.ts';
import { MemoryRawMailStore } from '../../shared/adapters/memory/raw-mail-store.ts';
import { MemoryTicketStore } from '../../shared/adapters/memory/ticket-store.ts';
import { listingStatusCounter } from '../../shared/queue/status-counts.ts';
import { createAgentApi } from '../../functions/agent-api/handler.ts';
import { buildWebPage, DEFAULT_WEB_DIST, toApiGatewayEvent } from '../../functions/agent-api/local-server.ts';
import { agentRepliesForTest } from '../support/agent-replies.ts';
import { seedTickets } from '../support/agent-api.ts';

// The deployed sign-in, end to end in Chromium: the page in Cognito mode runs the hosted-UI
// authorization-code flow with PKCE against a stand-in for Cognito's /oauth2 endpoints (which
// checks the S256 challenge like Cognito does), then calls the API as API Gateway's JWT
// authorizer would deliver it: claims in requestContext, the handler checking the group.

let server: Server;
let origin: string;
let context: BrowserContext;
let userDataDir: string;
const issued = new Map<string, { claims: Record<string, unknown> }>();
const codes = new Map<string, { challenge: string; redirectUri: string; clientId: string }>();
let groups = '[agents]';
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

function fakeJwt(claims: Record<string, unknown>): string {
  const part = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  return `${part({ alg: 'none' })}.${part(claims)}.sig`;
}

describe.skipIf(!haveChromium())('Cognito hosted-UI sign-in (PKCE) in Chromium', () => {
  beforeAll(async () => {
    await buildWebPage();
    const outbox = new MemoryOutbox();
    const tickets = new MemoryTicketStore({ outbox });
    await seedTickets(tickets, { count: 5 });
    const api = createAgentApi({
      tickets,
      rawMail: new MemoryRawMailStore(),
      counter: listingStatusCounter(tickets),
      replies: agentRepliesForTest({ tickets, outbox }).replies,
      auth: { mode: 'cognito', group: 'agents' },
    });
    server = createServer(async (req, res) => {
      const url = new URL(req.url ?? '/', origin);
      if (url.pathname === '/config.json') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ apiBase: '/api', auth: { mode: 'cognito', domain: `${origin}/cognito`, clientId: 'page-client', scopes: ['openid', 'email', 'kdp-triage/agent'] } }));
      } else if (url.pathname === '/cognito/oauth2/authorize') {
        // The hosted UI after the agent typed their password: back to the page with a code.
        expect(url.searchParams.get('code_challenge_method')).toBe('S256');
        expect(url.searchParams.get('scope')).toBe('openid email kdp-triage/agent');
        const code = randomBytes(8).toString('hex');
        codes.set(code, { challenge: url.searchParams.get('code_challenge')!, redirectUri: url.searchParams.get('redirect_uri')!, clientId: url.searchParams.get('client_id')! });
        const back = new URL(url.searchParams.get('redirect_uri')!);
        back.searchParams.set('code', code);
        back.searchParams.set('state', url.searchParams.get('state')!);
        res.writeHead(302, { location: back.toString() }).end();
      } else if (url.pathname === '/cognito/oauth2/token' && req.method === 'POST') {
        let body = '';
        for await (const chunk of req) body += chunk;
        const form = new URLSearchParams(body);
        const grant = codes.get(form.get('code') ?? '');
        codes.delete(form.get('code') ?? '');
        const verifier = form.get('code_verifier') ?? '';
        const ok =
          grant !== undefined &&
          form.get('grant_type') === 'authorization_code' &&
          form.get('client_id') === grant.clientId &&
          form.get('redirect_uri') === grant.redirectUri &&
          createHash('sha256').update(verifier).digest('base64url') === grant.challenge;
        if (!ok) {
          res.writeHead(400, { 'content-type': 'application/json' }).end('{"error":"invalid_grant"}');
          return;
        }
        const claims = { sub: 'u-1', username: 'grace', 'cognito:groups': groups, client_id: 'page-client', scope: 'openid email kdp-triage/agent' };
        const access = fakeJwt(claims);
        issued.set(access, { claims });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ access_token: access, id_token: fakeJwt({ email: 'grace@kdp.example.com', aud: 'page-client' }), expires_in: 3600, token_type: 'Bearer' }));
      } else if (url.pathname.startsWith('/api/')) {
        // API Gateway's JWT authorizer: unknown token → 401 before the function; else claims in the event.
        const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
        const grantOk = token ? issued.get(token) : undefined;
        if (!grantOk) {
          res.writeHead(401, { 'content-type': 'application/json' }).end('{"message":"Unauthorized"}');
          return;
        }
        const event = toApiGatewayEvent(req, url, url.pathname.slice(4), Buffer.alloc(0));
        (event.requestContext as unknown as { authorizer: unknown }).authorizer = { jwt: { claims: grantOk.claims, scopes: ['kdp-triage/agent'] } };
        const out = await api(event);
        res.writeHead(out.statusCode ?? 200, out.headers as Record<string, string>).end(out.body);
      } else {
        const file = join(DEFAULT_WEB_DIST, url.pathname === '/' ? 'index.html' : url.pathname.replace(/^\/+/, '').replace(/\.\./g, ''));
        const data = await readFile(file).catch(() => null);
        if (!data) res.writeHead(404).end();
        else res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(data);
      }
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    userDataDir = mkdtempSync(join(tmpdir(), 'kdp-triage-cognito-chromium-'));
    context = await chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
  });

  afterAll(async () => {
    await context?.close();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
    await new Promise<void>((ok) => (server ? server.close(() => ok()) : ok()));
  });

  it('signs in through the hosted UI with PKCE and works the queue with the access token', async () => {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${origin}/`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('tr.row').first().waitFor();
    expect(await page.locator('tr.row').count()).toBe(5);
    await expect(page.getByTestId('agent').textContent()).resolves.toBe('grace');
    expect(new URL(page.url()).search).toBe('');
    expect(codes.size).toBe(0);
  });

  it('shows the refusal to a signed-in user outside the agents group', async () => {
    groups = '[readers]';
    const page = await context.newPage();
    await page.goto(`${origin}/`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'agents group' }).waitFor();
    expect(await page.locator('tr.row').count()).toBe(0);
    await page.close();
  });
});
