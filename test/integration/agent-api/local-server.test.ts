import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryOutbox } from '../../../shared/adapters/memory/outbox.ts';
import { MemoryRawMailStore } from '../../../shared/adapters/memory/raw-mail-store.ts';
import { MemoryTicketStore } from '../../../shared/adapters/memory/ticket-store.ts';
import { listingStatusCounter } from '../../../shared/queue/status-counts.ts';
import { startAgentServer, type AgentServer } from '../../../functions/agent-api/local-server.ts';
import { agentRepliesForTest } from '../../support/agent-replies.ts';

// The local server's own job: serve the built page and config.json, keep requests inside
// web/dist, and hand /api/* to the handler.
let dir: string;
let server: AgentServer;

/** A raw GET, so `..` segments reach the server as sent (fetch would normalise them). */
function rawGet(path: string): Promise<{ status: number; body: string; headers: Record<string, string | string[] | undefined> }> {
  const url = new URL(server.url);
  return new Promise((ok, fail) => {
    const req = request({ host: url.hostname, port: url.port, path, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => ok({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', fail);
    req.end();
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'agent-web-'));
  const dist = join(dir, 'dist');
  mkdirSync(join(dist, 'assets'), { recursive: true });
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>page</title>');
  writeFileSync(join(dist, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(dir, 'secret.txt'), 'do not serve');
  const outbox = new MemoryOutbox();
  const tickets = new MemoryTicketStore({ outbox });
  server = await startAgentServer({
    webDist: dist,
    buildWeb: 'never',
    token: 'local-server-test-token',
    deps: { tickets, rawMail: new MemoryRawMailStore(), counter: listingStatusCounter(tickets), replies: agentRepliesForTest({ tickets, outbox }).replies },
  });
});

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('local agent server', () => {
  it('serves the page with security headers and a token-mode config.json', async () => {
    const page = await rawGet('/');
    expect([page.status, page.body]).toEqual([200, '<!doctype html><title>page</title>']);
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect((await rawGet('/assets/app.js')).headers['cache-control']).toContain('immutable');
    expect(JSON.parse((await rawGet('/config.json')).body)).toEqual({ apiBase: '/api', auth: { mode: 'token' }, refreshSeconds: 15 });
  });

  it('never serves a file outside web/dist', async () => {
    for (const path of ['/../secret.txt', '/assets/../../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt']) {
      const res = await rawGet(path);
      expect(res.status).toBe(404);
      expect(res.body).not.toContain('do not serve');
    }
  });

  it('maps /api/* to the handler with the token it was given', async () => {
    expect((await rawGet('/api/me')).status).toBe(401);
    const res = await fetch(new URL('api/me', server.url), { headers: { authorization: 'Bearer local-server-test-token' } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ agent: 'local-agent' });
  });
});
