import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM, CHROMIUM_FLAGS, haveChromium } from '../support/chromium.ts';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalRuntime, type LocalRuntime } from '../../local/runtime.ts';
import { createSmtpSender } from '../../local/smtp-send.ts';
import { startAgentServer, type AgentServer } from '../../functions/agent-api/local-server.ts';
import type { TicketPage } from '../../shared/queue/api-types.ts';
import { customerEmail } from '../support/agent-api.ts';
import { hostileEmail } from '../support/hostile-email.ts';

// The product as an agent meets it: mail arrives over SMTP, goes through the real inbound
// handler into DynamoDB Local, and an agent works it in Debian's Chromium.
const SHOTS = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
const SUPPORT = 'support@kdp.example.com';
const CUSTOMERS = [
  { from: 'maria.lopez@example.com', name: 'Maria Lopez', subject: 'Password reset email never arrives', text: 'Hello,\nI forgot my password and requested a reset three times but the password reset email never arrives. Please help.\nMaria' },
  { from: 'j.tanaka@example.net', name: 'Jun Tanaka', subject: 'Two-step verification code not received', text: 'Hi,\nI cannot sign in because the two-step verification code never arrives on my phone. The OTP text message does not come.\nJun' },
  { from: 'p.okafor@example.org', name: 'Peter Okafor', subject: 'Bookshelf empty after signing in', text: 'Hello support,\nAfter I sign in my Bookshelf is empty, all my books are gone from the bookshelf.\nPeter' },
  { from: 'anna.berg@example.com', name: 'Anna Berg', subject: 'Page not found after login', text: 'Hi,\nEvery time I sign in to KDP I get a 404 page not found error instead of my dashboard.\nAnna' },
  { from: 'li.wei@example.com', name: 'Li Wei', subject: 'Changed my email address', text: 'Hello,\nI changed the email address on my account and now I cannot sign in with the new email address.\nLi' },
  { from: 'sam.reed@example.net', name: 'Sam Reed', subject: 'Question about my account', text: 'Hi,\nI have a question about royalties for last month, can someone look at it?\nSam' },
];

let runtime: LocalRuntime;
let server: AgentServer;
let remote: Server;
let remoteHits: string[] = [];
let remoteOrigin: string;
let context: BrowserContext;
let page: Page;
let userDataDir: string;
const pageErrors: string[] = [];

async function api<T>(path: string): Promise<T> {
  const res = await fetch(new URL(`api${path}`, server.url), { headers: { authorization: `Bearer ${server.token}` } });
  return (await res.json()) as T;
}

async function waitFor<T>(what: string, fn: () => Promise<T | null | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe.skipIf(!haveChromium())("agents' page in Chromium", () => {
  beforeAll(async () => {
    // A "remote" server standing in for a tracker on the internet: the page must never call it.
    remote = createServer((req, res) => {
      remoteHits.push(req.url ?? '');
      res.writeHead(200, { 'content-type': 'image/png' }).end();
    });
    await new Promise<void>((ok) => remote.listen(0, '127.0.0.1', ok));
    remoteOrigin = `http://127.0.0.1:${(remote.address() as AddressInfo).port}`;

    runtime = await startLocalRuntime({
      supportAddress: SUPPORT,
      tableName: 'e2e-tickets',
      rawMailBucket: 'e2e-raw-mail',
      rawMailPrefix: 'inbound/',
      smtpPort: 0,
      loadHandler: async () => (await import('../../functions/inbound-email/handler.ts')).handler,
      log: () => undefined,
    });
    server = await startAgentServer({ env: process.env, buildWeb: 'always', agent: 'ada@kdp.example.com', pageRefreshSeconds: 2 });

    const smtp = createSmtpSender({ host: '127.0.0.1', port: runtime.smtp.port });
    try {
      for (const [i, c] of CUSTOMERS.entries()) {
        await smtp.send(Buffer.from(customerEmail({ ...c, messageId: `e2e-${i}-${Date.now()}@example.com` })), { from: c.from, to: [SUPPORT] });
      }
      const hostile = hostileEmail({ remoteOrigin, from: 'mallory@example.org', messageId: `e2e-hostile-${Date.now()}@example.org`, subject: 'URGENT verify your account' });
      await smtp.send(Buffer.from(hostile), { from: 'mallory@example.org', to: [SUPPORT] });
    } finally {
      smtp.close();
    }
    await runtime.smtp.drain();
    await waitFor('tickets from SMTP', async () => (await api<TicketPage>('/tickets?limit=50')).items.length === CUSTOMERS.length + 1);

    userDataDir = mkdtempSync(join(tmpdir(), 'kdp-triage-chromium-'));
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_FLAGS,
      viewport: { width: 1280, height: 860 },
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (err) => pageErrors.push(err.message));
  });

  afterAll(async () => {
    await context?.close();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
    await server?.close();
    await runtime?.stop();
    await new Promise<void>((ok) => (remote ? remote.close(() => ok()) : ok()));
  });

  it('shows nothing without signing in, and refuses a wrong token', async () => {
    await page.goto(new URL('#/dashboard', server.url).toString());
    await page.getByLabel(/Access token/).waitFor();
    expect(await page.locator('table.queue, [data-testid=dashboard]').count()).toBe(0);
    await page.getByLabel(/Access token/).fill('wrong-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'not accepted' }).waitFor();
  });

  it('signs in and lists the tickets that arrived over SMTP, with counts per status', async () => {
    await page.getByLabel(/Access token/).fill(server.token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('dashboard').waitFor();
    await page.getByRole('link', { name: 'Queue' }).click();
    await page.locator('tr.row').first().waitFor();
    expect(await page.locator('tr.row').count()).toBe(CUSTOMERS.length + 1);
    for (const c of CUSTOMERS) await expect(page.locator('tr.row', { hasText: c.subject }).count()).resolves.toBe(1);
    await expect(page.getByTestId('agent').textContent()).resolves.toBe('ada@kdp.example.com');
    await waitFor('status counts', async () => {
      const counts = await page.locator('[data-testid^=count-]').allTextContents();
      return counts.map(Number).reduce((a, b) => a + b, 0) === CUSTOMERS.length + 1;
    });
    await page.screenshot({ path: join(SHOTS, 'queue.png') });
  });

  it('filters by category and moves with j/k', async () => {
    const password = (await api<TicketPage>('/tickets?category=password')).items;
    expect(password.length).toBeGreaterThan(0);
    await page.locator('select[name=category]').selectOption('password');
    await page.waitForURL(/category=password/);
    await waitFor('filtered rows', async () => (await page.locator('tr.row').count()) === password.length);
    await page.locator('select[name=category]').selectOption('');
    await waitFor('all rows again', async () => (await page.locator('tr.row').count()) === CUSTOMERS.length + 1);
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    const selected = await page.locator('tr.row.sel').getAttribute('data-id');
    const second = await page.locator('tr.row').nth(1).getAttribute('data-id');
    expect(selected).toBe(second);
  });

  it('opens a ticket, overrides its category, replies with an article, and the reply reaches local SES', async () => {
    const maria = CUSTOMERS[0]!;
    await page.goto(new URL('#/', server.url).toString());
    await page.locator('tr.row', { hasText: maria.subject }).click();
    await page.getByTestId('ticket').waitFor();
    await expect(page.locator('[data-testid=customer-text] mark').first().textContent()).resolves.toBeTruthy();
    await page.locator('select#category').selectOption('email-address');
    await page.locator('[data-testid=events] li', { hasText: 'category-changed' }).waitFor();
    await expect(page.getByTestId('category').textContent()).resolves.toBe('email-address');

    await runtime.stack.clearCapturedMail();
    await page.locator('select[name=article]').selectOption('password');
    await page.getByTestId('send-reply').click();
    await page.locator('[data-testid=reply]', { hasText: 'Agent reply' }).locator('[data-testid=reply-state]', { hasText: 'sent' }).waitFor();
    const mail = await runtime.stack.capturedMail();
    expect(mail).toHaveLength(1);
    expect(mail[0]!.destination.to).toEqual([expect.stringContaining(maria.from)]);
    expect(mail[0]!.subject).toMatch(/^Re: /);
    await page.screenshot({ path: join(SHOTS, 'ticket.png'), fullPage: true });
  });

  it('runs no script and loads nothing remote from a hostile email', async () => {
    remoteHits = [];
    await page.goto(new URL('#/', server.url).toString());
    await page.locator('tr.row', { hasText: 'URGENT verify your account' }).click();
    const frame = page.getByTestId('email-frame');
    await frame.waitFor();
    expect(await frame.getAttribute('sandbox')).toBe('');
    const srcdoc = (await frame.getAttribute('srcdoc')) ?? '';
    expect(srcdoc).toContain("default-src 'none'");
    expect(srcdoc).toContain('forgot my password');
    expect(srcdoc).not.toMatch(/<script|onerror=|onload=|javascript:|<iframe|<form|http:\/\/127\.0\.0\.1/i);
    // Give anything that could load or run the time to do it, then try the link too.
    await page.frameLocator('[data-testid=email-frame]').getByText('Click here to verify your account').click({ timeout: 5_000 });
    await page.waitForTimeout(1_500);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(remoteHits).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('shows the dashboard with charts and the override confusion matrix', async () => {
    await page.goto(new URL('#/dashboard', server.url).toString());
    await page.getByTestId('dashboard').waitFor();
    await page.getByTestId('confusion').waitFor();
    await expect(page.getByTestId('kpi-total').textContent()).resolves.toBe(String(CUSTOMERS.length + 1));
    expect(await page.locator('canvas').count()).toBe(3);
    await expect(page.getByTestId('confusion').textContent()).resolves.toContain('email-address');
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(SHOTS, 'dashboard.png'), fullPage: true });
  });

  it('stays usable on a narrow window', async () => {
    await page.setViewportSize({ width: 420, height: 860 });
    await page.goto(new URL('#/', server.url).toString());
    await page.locator('tr.row').first().waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(SHOTS, 'queue-narrow.png') });
    await page.setViewportSize({ width: 1280, height: 860 });
  });

  it('announces tickets that arrive while the agent looks at the queue', async () => {
    await page.goto(new URL('#/', server.url).toString());
    await page.locator('tr.row').first().waitFor();
    const before = await page.locator('tr.row').count();
    const c = { from: 'late.comer@example.com', name: 'Late Comer', subject: 'Cannot sign in since this morning', text: 'Hello,\nI cannot sign in since this morning, it keeps asking for my password.\nLate' };
    const smtp = createSmtpSender({ host: '127.0.0.1', port: runtime.smtp.port });
    try {
      await smtp.send(Buffer.from(customerEmail({ ...c, messageId: `e2e-late-${Date.now()}@example.com` })), { from: c.from, to: [SUPPORT] });
    } finally {
      smtp.close();
    }
    await runtime.smtp.drain();
    const notice = page.getByTestId('new-tickets');
    await notice.filter({ hasText: '1 new ticket' }).waitFor({ timeout: 15_000 });
    expect(await page.locator('tr.row').count()).toBe(before);
    await notice.getByRole('button', { name: 'Show' }).click();
    await page.locator('tr.row', { hasText: c.subject }).waitFor();
    expect(await page.locator('tr.row').count()).toBe(before + 1);
  });
});
