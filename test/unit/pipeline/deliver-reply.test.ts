import { describe, expect, it } from 'vitest';
import { composeReply } from '../../../shared/reply/compose-reply.ts';
import { deliverReply, INLINE_RAW_MAX_BYTES, MAX_SEND_ATTEMPTS, queueReply, retryDelayMs } from '../../../shared/pipeline/deliver-reply.ts';
import { MailerPermanentError, MailerThrottledError } from '../../../shared/ports/mailer.ts';
import { processInbound } from '../../../shared/pipeline/process-inbound.ts';
import { devEmail, headersOf, memoryPipeline } from './memory-pipeline.ts';

describe('queueReply / deliverReply', () => {
  it('keeps a large reply in S3 and sends those exact bytes', async () => {
    const p = memoryPipeline();
    const { ticketId } = await processInbound(p.deps, await p.receive(devEmail('dev-002.eml')));
    const text = 'A long, careful answer from an agent. '.repeat(Math.ceil((INLINE_RAW_MAX_BYTES * 1.5) / 38));
    const composed = await composeReply({
      from: { address: 'support@kdp.example.com', name: 'KDP Support' },
      to: { address: 'l.farnsworth@example.net' },
      inReplyTo: 'orig@example.net',
      ticketId,
      body: { text },
      automatic: false,
      messageIdDomain: 'kdp.example.com',
      date: p.now(),
    });
    const input = { ticketId, kind: 'agent-reply' as const, suffix: 'req-1', composed, from: 'support@kdp.example.com', text, requestedBy: 'agent-7', bucket: 'raw-mail', maxStoredTextBytes: 4096 };
    const record = await queueReply(p.deps, input);
    expect(record).toMatchObject({ raw: null, rawLocation: { bucket: 'raw-mail', key: `outbound/${ticketId}.req-1/${composed.messageId}.eml` }, requestedBy: 'agent-7' });
    expect((await queueReply(p.deps, input)).id).toBe(record.id); // idempotent
    const result = await deliverReply(p.deps, record.id);
    expect(result).toMatchObject({ sent: true, state: 'sent' });
    expect(p.mailer.sent).toHaveLength(1);
    expect(p.mailer.sent[0]!.raw).toBe(composed.raw.toString('utf8'));
    expect(headersOf(p.mailer.sent[0]!.raw).has('auto-submitted')).toBe(false);
    const thread = (await p.tickets.getThread(ticketId))!;
    const outbound = thread.messages.filter((m) => m.direction === 'outbound');
    expect(outbound).toHaveLength(1);
    expect(outbound[0]).toMatchObject({ outboxId: record.id, automated: false, text: { truncated: true } });
    expect(thread.events.filter((e) => e.type === 'reply-queued')).toHaveLength(1);
  });

  it('gives up after the last attempt and on a rejection, flagging the ticket for a person', async () => {
    const p = memoryPipeline();
    const rejecting = { ...p.deps, mailer: { sendRaw: async () => { throw new MailerPermanentError('MessageRejected: Email address is not verified.'); } } };
    const outcome = await processInbound(rejecting, await p.receive(devEmail('dev-004.eml')));
    expect(outcome.reply).toMatchObject({ state: 'failed', retryLater: false });
    const ticket = (await p.tickets.getTicket(outcome.ticketId))!;
    expect(ticket.status).toBe('needs-review');
    expect(ticket.reasons[0]).toEqual({ code: 'reply-failed', detail: expect.stringMatching(/MessageRejected/) });

    const q = memoryPipeline();
    const throttled = { ...q.deps, mailer: { sendRaw: async () => { throw new MailerThrottledError('Throttling'); } } };
    const first = await processInbound(throttled, await q.receive(devEmail('dev-004.eml')));
    let last = first.reply!;
    for (let attempt = 1; attempt < MAX_SEND_ATTEMPTS + 2 && last.retryLater; attempt++) {
      q.advance(retryDelayMs(attempt));
      last = await deliverReply(throttled, last.outboxId);
    }
    expect(last).toMatchObject({ state: 'failed', retryLater: false });
    expect((await q.outbox.get(last.outboxId))!.attempts).toBe(MAX_SEND_ATTEMPTS);
    expect((await q.tickets.getTicket(first.ticketId))!.status).toBe('needs-review');
  });

  it('backs off from 30 s, doubling, up to an hour', () => {
    expect([1, 2, 3, 8, 20].map(retryDelayMs)).toEqual([30_000, 60_000, 120_000, 3_600_000, 3_600_000]);
  });
});
