import { readFileSync } from 'node:fs';
import { MemoryMailer } from '../../../shared/adapters/memory/mailer.ts';
import { MemoryOutbox } from '../../../shared/adapters/memory/outbox.ts';
import { MemoryRawMailStore } from '../../../shared/adapters/memory/raw-mail-store.ts';
import { MemoryTicketStore } from '../../../shared/adapters/memory/ticket-store.ts';
import type { InboundDeps, InboundMessage } from '../../../shared/pipeline/process-inbound.ts';
import type { SesVerdicts } from '../../../shared/tickets/model.ts';
import { classifyEmail, DEFAULT_CONFIDENCE_THRESHOLD } from '../../../shared/triage.ts';

/** The inbound use case wired to the in-memory adapters and the real classifier, with a settable clock. */
export function memoryPipeline() {
  let clock = new Date('2026-03-01T09:00:00.000Z');
  const now = () => new Date(clock);
  const outbox = new MemoryOutbox({ now });
  const tickets = new MemoryTicketStore({ outbox, now });
  const rawMail = new MemoryRawMailStore();
  const mailer = new MemoryMailer();
  const deps: InboundDeps = {
    tickets,
    outbox,
    rawMail,
    mailer,
    classify: classifyEmail,
    now,
    leaseMs: 120_000,
    config: {
      supportAddresses: ['support@kdp.example.com'],
      replyFrom: { address: 'support@kdp.example.com', name: 'KDP Support' },
      messageIdDomain: 'kdp.example.com',
      autoReplyWindowHours: 24,
      maxStoredTextBytes: 32_768,
      rawMailBucket: 'raw-mail',
      confidenceThreshold: DEFAULT_CONFIDENCE_THRESHOLD,
    },
  };
  let seq = 0;
  return {
    deps,
    tickets,
    outbox,
    mailer,
    rawMail,
    advance(ms: number) {
      clock = new Date(clock.getTime() + ms);
    },
    now,
    /** Stores `raw` as SES would and returns the message the handler would pass on. */
    async receive(raw: string | Uint8Array, over: { verdicts?: Partial<SesVerdicts>; envelopeSender?: string; sesMessageId?: string } = {}): Promise<InboundMessage> {
      const sesMessageId = over.sesMessageId ?? `ses${++seq}`;
      const location = { bucket: 'raw-mail', key: `inbound/${sesMessageId}` };
      await rawMail.put(location, raw);
      return {
        sesMessageId,
        raw: location,
        receivedAt: now().toISOString(),
        envelopeSender: over.envelopeSender ?? 'bounces@example.net',
        verdicts: { spam: 'PASS', virus: 'PASS', spf: 'PASS', dkim: 'PASS', dmarc: 'PASS', dmarcPolicy: null, ...over.verdicts },
      };
    },
  };
}

/** Dev-corpus emails copied into the fixtures (dev-002 out-of-office, dev-003 password, dev-004 2SV). */
export function devEmail(file: string): Buffer {
  return readFileSync(new URL(`../../fixtures/events/emails/${file}`, import.meta.url));
}

/** A plain email written the way a mail client would. */
export function email(headers: Record<string, string>, body: string): string {
  const lines = Object.entries({ 'MIME-Version': '1.0', 'Content-Type': 'text/plain; charset=utf-8', Date: 'Sun, 01 Mar 2026 09:00:00 +0000', ...headers }).map(
    ([k, v]) => `${k}: ${v}`,
  );
  return `${lines.join('\r\n')}\r\n\r\n${body.replace(/\n/g, '\r\n')}\r\n`;
}

/** The header block of a raw MIME message, unfolded, as name → values. */
export function headersOf(raw: string): Map<string, string[]> {
  const head = raw.slice(0, raw.search(/\r?\n\r?\n/)).replace(/\r?\n[ \t]+/g, ' ');
  const out = new Map<string, string[]>();
  for (const line of head.split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i <= 0) continue;
    const k = line.slice(0, i).toLowerCase();
    out.set(k, [...(out.get(k) ?? []), line.slice(i + 1).trim()]);
  }
  return out;
}
