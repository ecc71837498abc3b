import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { createInboundHandler } from '../../../functions/inbound-email/handler.ts';
import { processInbound } from '../../../shared/pipeline/process-inbound.ts';
import { devEmail, memoryPipeline } from './memory-pipeline.ts';
import { seeded } from '../../support/seeded-random.ts';


/** Metrics that count but do not print 400 EMF blobs (POWERTOOLS_METRICS_DISABLED, read at construction). */
function quietMetrics(): Metrics {
  vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'true');
  try {
    return new Metrics({ namespace: 'KdpTriageFuzz' });
  } finally {
    vi.unstubAllEnvs();
  }
}

const docsEvent = readFileSync(new URL('../../fixtures/events/ses-receipt-lambda.json', import.meta.url), 'utf8');
const NASTY: unknown[] = [null, undefined, 0, -1, 1e309, '', ' ', '\r\nBcc: x@y', 'x'.repeat(5000), [], {}, true, '../../x', '2019-13-45T99:99:99Z'];

/** Replaces, deletes or retypes one value somewhere in a JSON tree. */
function mutate(value: unknown, rand: () => number): unknown {
  if (Array.isArray(value)) {
    if (value.length === 0 || rand() < 0.15) return NASTY[Math.floor(rand() * NASTY.length)];
    const copy = [...value];
    const i = Math.floor(rand() * copy.length);
    copy[i] = mutate(copy[i], rand);
    return copy;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 0 || rand() < 0.1) return NASTY[Math.floor(rand() * NASTY.length)];
    const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    const [key, inner] = entries[Math.floor(rand() * entries.length)]!;
    if (rand() < 0.2) delete copy[key];
    else copy[key] = mutate(inner, rand);
    return copy;
  }
  return NASTY[Math.floor(rand() * NASTY.length)];
}

describe('inbound handler under hostile input (seeded)', () => {
  it('never throws on 400 mutated SES events: each is processed or rejected', async () => {
    const p = memoryPipeline();
    const raw = readFileSync(new URL('../../fixtures/events/ses-receipt-lambda.eml', import.meta.url));
    await p.rawMail.put({ bucket: 'raw-mail', key: 'inbound/EXAMPLE7c191be45-e9aedb9a-02f9-4d12-a87d-dd0099a07f8a-000000' }, raw);
    const handler = createInboundHandler({ pipeline: p.deps, config: { rawMailBucket: 'raw-mail', rawMailPrefix: 'inbound/' }, logger: new Logger({ logLevel: 'SILENT' }), metrics: quietMetrics() });
    const seed = 0x5e5e5;
    const rand = seeded(seed);
    const outcomes = new Map<string, number>();
    for (let i = 0; i < 400; i++) {
      let event: unknown = JSON.parse(docsEvent);
      const rounds = 1 + Math.floor(rand() * 3);
      for (let r = 0; r < rounds; r++) event = mutate(event, rand);
      const results = await handler(event).catch((error: unknown) => {
        throw new Error(`seed ${seed}, case ${i}: handler threw ${String(error)} for ${JSON.stringify(event).slice(0, 300)}`);
      });
      for (const r of results) outcomes.set(r.outcome, (outcomes.get(r.outcome) ?? 0) + 1);
    }
    expect(outcomes.get('rejected')).toBeGreaterThan(0);
    expect(outcomes.get('processed')).toBeGreaterThan(0);
    expect(p.mailer.sent).toHaveLength(0); // Precedence: Bulk, whatever else changed
  });

  it('stores byte-mangled messages as tickets without failing; any reply goes to one parsed address', async () => {
    const p = memoryPipeline();
    const base = devEmail('dev-004.eml');
    const rand = seeded(0xbadc0de);
    for (let i = 0; i < 60; i++) {
      const bytes = Buffer.from(base);
      const edits = 1 + Math.floor(rand() * 40);
      for (let e = 0; e < edits; e++) bytes[Math.floor(rand() * bytes.length)] = Math.floor(rand() * 256);
      const cut = rand() < 0.3 ? bytes.subarray(0, Math.floor(rand() * bytes.length)) : bytes;
      p.advance(25 * 3_600_000); // outside the reply window each time
      const outcome = await processInbound(p.deps, await p.receive(cut));
      expect(['created', 'duplicate', 'follow-up', 'duplicate-follow-up']).toContain(outcome.kind);
    }
    const all = await p.tickets.listTickets({ limit: 500 });
    expect(all.items.length).toBeGreaterThan(0);
    // Whatever was replied to went to one parsed address, never to an empty one.
    for (const mail of p.mailer.sent) expect(mail.to).toMatch(/^[^@\s]+@[^@\s]+$/);
  });
});
