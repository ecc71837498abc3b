// `npm run bench` (agents' page part), also `tsx bench/web.ts`: page loads in Chromium with
// 1,000 tickets in DynamoDB Local — navigation until the view's content is on screen — beside
// the same API calls made alone from Node, measured in the same run. Target: each page < 1 s.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CHROMIUM, CHROMIUM_FLAGS, haveChromium } from '../test/support/chromium.ts';
import { chromium, type Page } from 'playwright-core';
import { createAwsClients, destroyAwsClients } from '../shared/aws-clients.ts';
import { DynamoTicketStore } from '../shared/adapters/dynamodb/ticket-store.ts';
import { S3RawMailStore } from '../shared/adapters/s3-raw-mail-store.ts';
import { parsePipelineConfig } from '../shared/config.ts';
import { applyAgentChange } from '../shared/queue/update-ticket.ts';
import { CATEGORIES } from '../shared/taxonomy.ts';
import { createBucket } from '../local/create-bucket.ts';
import { createTable } from '../local/create-table.ts';
import { startLocalStack } from '../local/stack.ts';
import { agentApiDeps } from '../functions/agent-api/deps.ts';
import { startAgentServer } from '../functions/agent-api/local-server.ts';
import { seedTickets } from '../test/support/agent-api.ts';
import { hostileEmail } from '../test/support/hostile-email.ts';

const TICKETS = Number(process.env.BENCH_WEB_TICKETS ?? 1000);
const RUNS = Number(process.env.BENCH_WEB_RUNS ?? 15);
const TARGET_MS = 1000;

function quantile(values: number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
}

async function once(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

async function time(runs: number, fn: () => Promise<unknown>): Promise<number[]> {
  await fn(); // warm: module caches, JIT, connections
  const out: number[] = [];
  for (let i = 0; i < runs; i++) out.push(await once(fn));
  return out;
}

export async function benchWeb(): Promise<void> {
  console.log(`\n## Agents' page (Chromium, ${TICKETS} tickets in DynamoDB Local; median and p90 of ${RUNS} loads)`);
  if (!haveChromium()) {
    console.log(`skipped: ${CHROMIUM} not found (apt-get install chromium)`);
    return;
  }
  const stack = await startLocalStack();
  const saved = { ...process.env };
  Object.assign(process.env, stack.env, { TABLE_NAME: 'bench-web', RAW_MAIL_BUCKET: 'bench-web-raw', SUPPORT_ADDRESS: 'support@kdp.example.com' });
  const clients = createAwsClients();
  const userDataDir = mkdtempSync(join(tmpdir(), 'kdp-triage-bench-chromium-'));
  let server: Awaited<ReturnType<typeof startAgentServer>> | null = null;
  let browser: Awaited<ReturnType<typeof chromium.launchPersistentContext>> | null = null;
  try {
    const raw = new DynamoDBClient({});
    await createTable(raw, 'bench-web');
    raw.destroy();
    await createBucket(clients.s3, 'bench-web-raw');
    const store = new DynamoTicketStore(clients.dynamo, 'bench-web');
    // 1,000 tickets over a week (one every 10 minutes), 40 of them overridden by an agent.
    const tickets = await seedTickets(store, { count: TICKETS, newest: new Date(), spacingMs: 10 * 60_000, rawBucket: 'bench-web-raw' });
    for (const [i, t] of tickets.slice(0, 40).entries()) {
      const to = CATEGORIES[(CATEGORIES.indexOf(t.category) + 1 + (i % 3)) % CATEGORIES.length]!;
      await applyAgentChange(store, { id: t.id, expectedVersion: 1, change: { category: to }, actor: 'bench' });
    }
    const viewed = tickets[3]!;
    await new S3RawMailStore(clients.s3).put(viewed.raw, hostileEmail({ remoteOrigin: 'http://127.0.0.1:9', messageId: viewed.messageId }));

    server = await startAgentServer({ deps: agentApiDeps(parsePipelineConfig(process.env), clients), buildWeb: 'if-missing' });
    const base = server.url;
    const headers = { authorization: `Bearer ${server.token}` };
    const get = async (path: string) => {
      const res = await fetch(new URL(`api${path}`, base), { headers });
      if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
      return res.json();
    };

    browser = await chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS, viewport: { width: 1280, height: 860 } });
    const page: Page = browser.pages()[0] ?? (await browser.newPage());
    await page.goto(base);
    await page.getByLabel(/Access token/).fill(server.token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('tr.row').first().waitFor();
    // A full page load each time (from about:blank, not a hash change), timed from navigation
    // start until the view's content is in the DOM; the hop to about:blank is not counted.
    const load = (hash: string, ready: (p: Page) => Promise<unknown>) => async (): Promise<number> => {
      await page.goto('about:blank');
      const t0 = performance.now();
      await page.goto(new URL(hash, base).toString(), { waitUntil: 'commit' });
      await ready(page);
      return performance.now() - t0;
    };

    // The page's own calls per view: /me, then the view's data (queue: a page of 50 and the counts).
    const views = [
      {
        name: 'queue (50 rows; status counts load beside)',
        page: load('#/', (p) => p.locator('tr.row').nth(49).waitFor()),
        api: async () => (await get('/me'), Promise.all([get('/tickets?limit=50'), get('/tickets/counts')])),
      },
      {
        name: 'ticket (thread, raw HTML from S3, sandboxed frame)',
        page: load(`#/tickets/${viewed.id}`, (p) => p.getByTestId('email-frame').waitFor()),
        api: async () => (await get('/me'), get(`/tickets/${viewed.id}`)),
      },
      {
        name: 'dashboard (24 h stats, 3 charts, matrix)',
        page: load('#/dashboard', (p) => p.getByTestId('confusion').waitFor()),
        api: async () => (await get('/me'), get('/stats?window=24h')),
      },
    ];
    // Baseline: the page itself (HTML, bundle, config.json, first render) with no API call —
    // a fresh tab has no session, so it stops at the sign-in form.
    const bare = await browser.newPage();
    const bareMs: number[] = [];
    for (let i = 0; i <= RUNS; i++) {
      await bare.goto('about:blank');
      const t0 = performance.now();
      await bare.goto(base, { waitUntil: 'commit' });
      await bare.getByLabel(/Access token/).waitFor();
      if (i > 0) bareMs.push(performance.now() - t0);
    }
    await bare.close();
    console.log(`- baseline, the page alone (sign-in form, no API call): median ${quantile(bareMs, 0.5).toFixed(0)} ms, p90 ${quantile(bareMs, 0.9).toFixed(0)} ms`);
    console.log(`\n| view | page load median | p90 | same API calls alone (median) | page / API | < ${TARGET_MS} ms |`);
    console.log('|---|---:|---:|---:|---:|---|');
    for (const view of views) {
      // Interleaved so drift on this shared machine hits both alike.
      const pageMs: number[] = [];
      const apiMs: number[] = [];
      await view.page();
      await view.api();
      for (let i = 0; i < RUNS; i++) {
        pageMs.push(await view.page());
        apiMs.push(await once(view.api));
      }
      const p50 = quantile(pageMs, 0.5);
      const a50 = quantile(apiMs, 0.5);
      console.log(`| ${view.name} | ${p50.toFixed(0)} ms | ${quantile(pageMs, 0.9).toFixed(0)} ms | ${a50.toFixed(0)} ms | ×${(p50 / a50).toFixed(1)} | ${p50 < TARGET_MS ? 'met' : 'MISSED'} |`);
    }
    const [counts, stats7d, list] = await Promise.all([
      time(RUNS, () => get('/tickets/counts')),
      time(RUNS, () => get('/stats?window=7d')),
      time(RUNS, () => get('/tickets?limit=50&status=needs-review')),
    ]);
    console.log(
      `- API alone, medians: GET /tickets/counts ${quantile(counts, 0.5).toFixed(0)} ms (Select COUNT on the status index, 5 statuses), ` +
        `GET /stats?window=7d ${quantile(stats7d, 0.5).toFixed(0)} ms (all ${TICKETS}), GET /tickets?status=needs-review ${quantile(list, 0.5).toFixed(0)} ms`,
    );
  } finally {
    await browser?.close();
    await server?.close();
    destroyAwsClients(clients);
    await stack.stop();
    rmSync(userDataDir, { recursive: true, force: true });
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await benchWeb();
}
