import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { createInboundHandler } from '../../../functions/inbound-email/handler.ts';
import { MailerThrottledError } from '../../../shared/ports/mailer.ts';
import { devEmail, memoryPipeline } from './memory-pipeline.ts';

const fixture = (name: string) => new URL(`../../fixtures/events/${name}`, import.meta.url);
const docsEvent = () => JSON.parse(readFileSync(fixture('ses-receipt-lambda.json'), 'utf8')) as { Records: Array<{ ses: { mail: { messageId: string }; receipt: Record<string, unknown> } }> };

/** Captures what Powertools writes (structured JSON logs, EMF metrics) to stdout and stderr. */
function captureStdout() {
  const lines: string[] = [];
  const write = (chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  };
  const spies = [vi.spyOn(process.stdout, 'write').mockImplementation(write), vi.spyOn(process.stderr, 'write').mockImplementation(write)];
  return {
    lines,
    json: () => lines.flatMap((l) => l.split('\n')).filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>),
    spy: { mockRestore: () => spies.forEach((s) => s.mockRestore()) },
  };
}

function setUp() {
  const p = memoryPipeline();
  const handler = createInboundHandler({
    pipeline: p.deps,
    config: { rawMailBucket: 'raw-mail', rawMailPrefix: 'inbound/' },
    logger: new Logger({ serviceName: 'inbound-test' }),
    metrics: new Metrics({ namespace: 'KdpTriageTest', serviceName: 'inbound-test' }),
  });
  return { p, handler };
}

afterEach(() => vi.restoreAllMocks());

describe('inbound-email handler', () => {
  it('handles the AWS docs example event: raw read from S3 under the prefix, Precedence: Bulk → no reply', async () => {
    const { p, handler } = setUp();
    const event = docsEvent();
    await p.rawMail.put({ bucket: 'raw-mail', key: `inbound/${event.Records[0]!.ses.mail.messageId}` }, readFileSync(fixture('ses-receipt-lambda.eml')));
    const out = captureStdout();
    const results = await handler(event);
    out.spy.mockRestore();
    expect(results).toEqual([
      expect.objectContaining({ outcome: 'processed', kind: 'created', status: 'needs-review', sesMessageId: 'EXAMPLE7c191be45-e9aedb9a-02f9-4d12-a87d-dd0099a07f8a-000000' }),
    ]);
    expect(p.mailer.sent).toHaveLength(0);
    const ticket = (await p.tickets.listTickets({})).items[0]!;
    expect(ticket).toMatchObject({ sender: 'sender@example.com', automated: true, verdicts: { dmarc: 'GRAY', spf: 'PASS' } });
    expect(ticket.reasons[0]?.code).toBe('automated');

    const records = out.json();
    const log = records.find((r) => r.message === 'processed')!;
    expect(log).toMatchObject({ level: 'INFO', service: 'inbound-test', ticketId: ticket.id, messageId: 'F8098FDD-49A3-442D-9935-F6112example@example.com', status: 'needs-review' });
    const emf = records.find((r) => r._aws !== undefined)!;
    expect(emf).toMatchObject({ received: 1, 'needs-review': 1 });
    // Never the customer's words or address.
    expect(out.lines.join('')).not.toMatch(/forgot my password|sender@example\.com|This is a test/);
  });

  it('auto-replies to an authenticated sign-in question and counts it', async () => {
    const { p, handler } = setUp();
    const event = docsEvent();
    event.Records[0]!.ses.mail.messageId = 'devmessage003';
    await p.rawMail.put({ bucket: 'raw-mail', key: 'inbound/devmessage003' }, devEmail('dev-004.eml'));
    const out = captureStdout();
    const [result] = await handler(event);
    out.spy.mockRestore();
    expect(result).toMatchObject({ outcome: 'processed', kind: 'created', status: 'auto-replied' });
    expect(p.mailer.sent).toHaveLength(1);
    expect(out.json().find((r) => r._aws !== undefined)).toMatchObject({ received: 1, 'auto-replied': 1 });
  });

  it('drops a poison event (invalid shape, unsafe id, missing raw mail) without throwing', async () => {
    const { p, handler } = setUp();
    const out = captureStdout();
    expect(await handler({ hello: 'world' })).toEqual([{ sesMessageId: null, outcome: 'rejected', reason: 'invalid event' }]);
    const traversal = docsEvent();
    traversal.Records[0]!.ses.mail.messageId = '../../etc/passwd';
    expect(await handler(traversal)).toMatchObject([{ outcome: 'rejected', reason: 'invalid event' }]);
    expect(await handler(docsEvent())).toMatchObject([{ outcome: 'rejected', reason: 'raw message not found' }]);
    out.spy.mockRestore();
    expect(out.json().filter((r) => r.level === 'ERROR')).toHaveLength(3);
    expect((await p.tickets.listTickets({})).items).toHaveLength(0);
  });

  it('throws when retrying can help (a throttled reply), and the retry sends it once', async () => {
    const { p, handler: _unused } = setUp();
    let throttles = 1;
    const deps = { ...p.deps, mailer: { sendRaw: async (i: Parameters<typeof p.mailer.sendRaw>[0]) => { if (throttles-- > 0) throw new MailerThrottledError('Throttling'); return p.mailer.sendRaw(i); } } };
    const handler = createInboundHandler({ pipeline: deps, config: { rawMailBucket: 'raw-mail', rawMailPrefix: 'inbound/' }, logger: new Logger({ logLevel: 'SILENT' }), metrics: new Metrics({ namespace: 'T' }) });
    const event = docsEvent();
    event.Records[0]!.ses.mail.messageId = 'throttled003';
    await p.rawMail.put({ bucket: 'raw-mail', key: 'inbound/throttled003' }, devEmail('dev-004.eml'));
    const out = captureStdout();
    await expect(handler(event)).rejects.toThrow(/waits for a retry/);
    p.advance(60_000);
    await expect(handler(event)).resolves.toMatchObject([{ kind: 'duplicate', status: 'auto-replied' }]);
    out.spy.mockRestore();
    expect(p.mailer.sent).toHaveLength(1);
  });
});

describe('inbound-email handler entry point', () => {
  it('imports without any environment and fails loudly on the first event when config is missing', async () => {
    for (const name of ['TABLE_NAME', 'RAW_MAIL_BUCKET', 'SUPPORT_ADDRESS']) vi.stubEnv(name, '');
    const { handler } = await import('../../../functions/inbound-email/handler.ts');
    const out = captureStdout();
    await expect(handler(docsEvent())).rejects.toThrow(/TABLE_NAME[\s\S]*RAW_MAIL_BUCKET[\s\S]*SUPPORT_ADDRESS/);
    out.spy.mockRestore();
    vi.unstubAllEnvs();
    expect(out.json().find((r) => r.level === 'CRITICAL')).toMatchObject({ message: 'invalid configuration' });
  });
});
