import { describe, expect, it } from 'vitest';
import { MailerOutcomeUnknownError, MailerThrottledError, type Mailer } from '../../../shared/ports/mailer.ts';
import type { Outbox } from '../../../shared/ports/outbox.ts';
import { deliverReply, sweepOutbox } from '../../../shared/pipeline/deliver-reply.ts';
import { processInbound } from '../../../shared/pipeline/process-inbound.ts';
import { devEmail, email, headersOf, memoryPipeline } from './memory-pipeline.ts';

const VICTOR = 'victor.almeida@example.org';
const VICTOR_ID = '7a3e3ffb67602149164519a4944ac4bd@example.org';

describe('processInbound (in-memory adapters, real classifier)', () => {
  it('turns a sign-in question into one ticket and one RFC 3834 auto-reply with the article', async () => {
    const p = memoryPipeline();
    const outcome = await processInbound(p.deps, await p.receive(devEmail('dev-004.eml')));
    expect(outcome).toMatchObject({ kind: 'created', status: 'auto-replied', category: 'two-step-verification', messageId: VICTOR_ID });
    expect(outcome.reply).toMatchObject({ state: 'sent', sent: true });

    expect(p.mailer.sent).toHaveLength(1);
    const mail = p.mailer.sent[0]!;
    expect(mail).toMatchObject({ from: 'support@kdp.example.com', to: VICTOR });
    const h = headersOf(mail.raw);
    expect(h.get('auto-submitted')).toEqual(['auto-replied']);
    expect(h.get('in-reply-to')).toEqual([`<${VICTOR_ID}>`]);
    expect(h.get('references')).toEqual([`<${VICTOR_ID}>`]);
    expect(h.get('to')).toHaveLength(1);
    expect(h.get('subject')?.[0]).toMatch(/^Re: authenticator app codes rejected \[Ticket #[0-9A-Z]{12}\]$/);
    expect(mail.raw).toMatch(/Two-Step Verification help page/);

    const thread = (await p.tickets.getThread(outcome.ticketId))!;
    expect(thread.ticket).toMatchObject({ sender: VICTOR, category: 'two-step-verification', machineCategory: 'two-step-verification', status: 'auto-replied', messageCount: 2 });
    expect(thread.ticket.customerText.text).toMatch(/moved my authenticator app over/);
    expect(thread.messages.map((m) => m.direction)).toEqual(['inbound', 'outbound']);
    expect(thread.outbox).toEqual([expect.objectContaining({ kind: 'auto-reply', state: 'sent', sesMessageId: mail.sesMessageId, recipient: VICTOR })]);
    expect(`<${thread.outbox[0]!.messageId}>`).toBe(h.get('message-id')?.[0]);
    expect(thread.events.map((e) => e.type)).toEqual(['created', 'reply-queued', 'reply-sent']);
    // Our Message-ID maps back to the ticket, for the customer's answer.
    expect(await p.tickets.findTicketIdByMessageId(thread.outbox[0]!.messageId)).toBe(outcome.ticketId);
  });

  it('yields one ticket and one reply for the same message 10 times at once and again later', async () => {
    const p = memoryPipeline();
    const message = await p.receive(devEmail('dev-004.eml'));
    const outcomes = await Promise.all(Array.from({ length: 10 }, () => processInbound(p.deps, message)));
    p.advance(10 * 60_000);
    const later = await processInbound(p.deps, await p.receive(devEmail('dev-004.eml')));
    const ids = new Set([...outcomes, later].map((o) => o.ticketId));
    expect(ids.size).toBe(1);
    expect(outcomes.filter((o) => o.kind === 'created')).toHaveLength(1);
    expect(later.kind).toBe('duplicate');
    expect(p.mailer.sent).toHaveLength(1);
    expect((await p.tickets.listTickets({})).items).toHaveLength(1);
  });

  it('threads a follow-up into its ticket, reopens it and sends nothing more', async () => {
    const p = memoryPipeline();
    const first = await processInbound(p.deps, await p.receive(devEmail('dev-004.eml')));
    const ours = (await p.outbox.listForTicket(first.ticketId))[0]!.messageId;
    p.advance(3_600_000);
    const followUp = email(
      { From: `Victor Almeida <${VICTOR}>`, To: 'support@kdp.example.com', Subject: 'Re: authenticator app codes rejected', 'Message-ID': '<follow-1@example.net>', 'In-Reply-To': `<${ours}>`, References: `<${VICTOR_ID}> <${ours}>` },
      'That did not help, the codes are still rejected. Can a person look at it?',
    );
    const outcome = await processInbound(p.deps, await p.receive(followUp));
    expect(outcome).toMatchObject({ kind: 'follow-up', ticketId: first.ticketId, status: 'open', reply: null });
    expect(p.mailer.sent).toHaveLength(1);
    const thread = (await p.tickets.getThread(first.ticketId))!;
    expect(thread.messages.map((m) => m.direction)).toEqual(['inbound', 'outbound', 'inbound']);
    expect(thread.events.map((e) => e.type)).toContain('status-changed');
    // Delivered again: nothing changes.
    expect(await processInbound(p.deps, await p.receive(followUp))).toMatchObject({ kind: 'duplicate-follow-up', ticketId: first.ticketId });
    expect((await p.tickets.getTicket(first.ticketId))!.messageCount).toBe(3);
  });

  it('threads by the subject tag only for the ticket\'s own sender', async () => {
    const p = memoryPipeline();
    const first = await processInbound(p.deps, await p.receive(devEmail('dev-004.eml')));
    const tag = `[Ticket #${first.ticketId}]`;
    const own = email({ From: VICTOR, To: 'support@kdp.example.com', Subject: `Re: ${tag}`, 'Message-ID': '<tag-1@example.net>' }, 'Still broken, sorry.');
    expect(await processInbound(p.deps, await p.receive(own))).toMatchObject({ kind: 'follow-up', ticketId: first.ticketId });
    const stranger = email({ From: 'mallory@evil.example', To: 'support@kdp.example.com', Subject: `Re: ${tag}`, 'Message-ID': '<tag-2@evil.example>' }, 'I forgot my password and cannot sign in.');
    const other = await processInbound(p.deps, await p.receive(stranger));
    expect(other.kind).toBe('created');
    expect(other.ticketId).not.toBe(first.ticketId);
  });

  it('ends two-bot ping-pong: an auto-responder answering our reply gets nothing back', async () => {
    const p = memoryPipeline();
    const first = await processInbound(p.deps, await p.receive(devEmail('dev-004.eml')));
    const ours = (await p.outbox.listForTicket(first.ticketId))[0]!.messageId;
    const bot = email(
      { From: VICTOR, To: 'support@kdp.example.com', Subject: 'Automatic reply: Re: authenticator app codes rejected', 'Message-ID': '<ooo-1@example.net>', 'In-Reply-To': `<${ours}>`, 'Auto-Submitted': 'auto-replied' },
      'I am out of the office until Monday. I forgot my password anyway.',
    );
    const outcome = await processInbound(p.deps, await p.receive(bot));
    expect(outcome).toMatchObject({ kind: 'follow-up', ticketId: first.ticketId, status: 'auto-replied', reply: null });
    expect(p.mailer.sent).toHaveLength(1);
  });

  it('sends an out-of-office that opens a conversation to review, never a reply', async () => {
    const p = memoryPipeline();
    const outcome = await processInbound(p.deps, await p.receive(devEmail('dev-002.eml')));
    expect(outcome).toMatchObject({ kind: 'created', status: 'needs-review', reply: null });
    expect(outcome.kind === 'created' && outcome.reasons[0]?.code).toBe('automated');
    expect(p.mailer.sent).toHaveLength(0);
  });

  it('gives one sender one auto-reply per window; the next email goes to review', async () => {
    const p = memoryPipeline();
    await processInbound(p.deps, await p.receive(devEmail('dev-004.eml')));
    p.advance(3_600_000);
    const again = email({ From: VICTOR, To: 'support@kdp.example.com', Subject: 'Password reset', 'Message-ID': '<second@example.net>' }, 'I forgot my password and the password reset email never arrives, not even in my spam folder.');
    const second = await processInbound(p.deps, await p.receive(again));
    expect(second).toMatchObject({ kind: 'created', status: 'needs-review', reply: null });
    expect(second.kind === 'created' && second.reasons[0]?.code).toBe('reply-window');
    p.advance(24 * 3_600_000);
    const third = email({ From: VICTOR, To: 'support@kdp.example.com', Subject: 'Two-step codes', 'Message-ID': '<third@example.net>' }, 'The two-step verification code never arrives on my phone, I cannot sign in.');
    expect(await processInbound(p.deps, await p.receive(third))).toMatchObject({ status: 'auto-replied' });
    expect(p.mailer.sent).toHaveLength(2);
  });

  it('sends a ticket whose reply cannot be composed safely to review, without taking the sender\'s window', async () => {
    const p = memoryPipeline();
    const broken = { ...p.deps, config: { ...p.deps.config, messageIdDomain: 'not a host name' } };
    const outcome = await processInbound(broken, await p.receive(devEmail('dev-004.eml')));
    expect(outcome).toMatchObject({ kind: 'created', status: 'needs-review', reply: null });
    expect(outcome.kind === 'created' && outcome.reasons[0]).toEqual({ code: 'reply-failed', detail: 'reply not composed: invalid-domain' });
    expect((await p.tickets.getThread(outcome.ticketId))!.outbox).toEqual([]);
    expect(p.mailer.sent).toHaveLength(0);
    const again = email({ From: VICTOR, To: 'support@kdp.example.com', Subject: 'Password reset', 'Message-ID': '<after-broken@example.net>' }, 'I forgot my password and the password reset email never arrives, not even in my spam folder.');
    expect(await processInbound(p.deps, await p.receive(again))).toMatchObject({ status: 'auto-replied', reply: { sent: true } });
  });

  it('quarantines spam and sends unauthenticated senders to review, without replies', async () => {
    const p = memoryPipeline();
    const spam = await processInbound(p.deps, await p.receive(devEmail('dev-004.eml'), { verdicts: { spam: 'FAIL' } }));
    expect(spam).toMatchObject({ status: 'quarantined', reply: null });
    const forged = await processInbound(p.deps, await p.receive(devEmail('dev-003.eml'), { verdicts: { dmarc: 'FAIL' } }));
    expect(forged).toMatchObject({ status: 'needs-review', reply: null });
    expect(forged.kind === 'created' && forged.reasons[0]).toMatchObject({ code: 'sender-not-authenticated', detail: expect.stringMatching(/sender not authenticated/) });
    expect(p.mailer.sent).toHaveLength(0);
  });

  it('dedups a message without a Message-ID by its SES id', async () => {
    const p = memoryPipeline();
    const raw = email({ From: 'nobody-id@example.org', To: 'support@kdp.example.com', Subject: 'password' }, 'I forgot my password and the reset email never arrives.');
    const message = await p.receive(raw);
    const a = await processInbound(p.deps, message);
    const b = await processInbound(p.deps, message);
    expect(a.messageId).toBe(`${message.sesMessageId}@ses.invalid`);
    expect(b).toMatchObject({ kind: 'duplicate', ticketId: a.ticketId });
  });

  it('retries a throttled send later and sends it exactly once', async () => {
    const p = memoryPipeline();
    let throttles = 2;
    const flaky: Mailer = {
      sendRaw: async (input) => {
        if (throttles-- > 0) throw new MailerThrottledError('Throttling: Maximum sending rate exceeded');
        return p.mailer.sendRaw(input);
      },
    };
    const deps = { ...p.deps, mailer: flaky };
    const message = await p.receive(devEmail('dev-004.eml'));
    const first = await processInbound(deps, message);
    expect(first.reply).toMatchObject({ state: 'failed', retryLater: true, sent: false });
    // Redelivered before the backoff ends: not claimed, still waiting.
    expect((await processInbound(deps, message)).reply).toMatchObject({ retryLater: true, sent: false });
    p.advance(30_000);
    expect((await sweepOutbox(deps)).waiting).toBe(1); // second throttle
    p.advance(60_000);
    expect(await sweepOutbox(deps)).toMatchObject({ sent: 1 });
    expect(await sweepOutbox(deps)).toMatchObject({ examined: 0 });
    expect((await processInbound(deps, message)).reply).toMatchObject({ state: 'sent', sent: false });
    expect(p.mailer.sent).toHaveLength(1);
    expect((await p.outbox.listForTicket(first.ticketId))[0]).toMatchObject({ attempts: 3, state: 'sent' });
  });

  it('survives a storage failure at the ticket write: nothing half-stored, the retry finishes, nothing twice', async () => {
    const p = memoryPipeline();
    let failures = 1;
    const flakyTickets = Object.assign(Object.create(p.tickets) as typeof p.tickets, {
      createTicket: async (...args: Parameters<typeof p.tickets.createTicket>) => {
        if (failures-- > 0) throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
        return p.tickets.createTicket(...args);
      },
    });
    const deps = { ...p.deps, tickets: flakyTickets };
    const message = await p.receive(devEmail('dev-004.eml'));
    await expect(processInbound(deps, message)).rejects.toThrow(/ECONNREFUSED/);
    expect((await p.tickets.listTickets({})).items).toHaveLength(0);
    expect((await p.outbox.listByState('sending')).items).toHaveLength(0);
    expect(p.mailer.sent).toHaveLength(0);
    const retried = await processInbound(deps, message);
    expect(retried).toMatchObject({ kind: 'created', status: 'auto-replied', reply: { sent: true } });
    expect(await processInbound(deps, message)).toMatchObject({ kind: 'duplicate', reply: { sent: false, state: 'sent' } });
    expect(p.mailer.sent).toHaveLength(1);
    expect((await p.tickets.listTickets({})).items).toHaveLength(1);
  });

  it('never sends again when recording "sent" fails after SES took the reply', async () => {
    const p = memoryPipeline();
    const cannotRecord = Object.assign(Object.create(p.outbox) as typeof p.outbox, {
      markSent: async () => {
        throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
      },
    });
    const message = await p.receive(devEmail('dev-004.eml'));
    await expect(processInbound({ ...p.deps, outbox: cannotRecord }, message)).rejects.toThrow(/socket hang up/);
    expect(p.mailer.sent).toHaveLength(1);
    const again = await processInbound(p.deps, message);
    expect(again).toMatchObject({ kind: 'duplicate', reply: { sent: false, detail: 'not claimed: in-flight' } });
    p.advance(p.deps.leaseMs + 1);
    expect(await sweepOutbox(p.deps)).toMatchObject({ unknown: 1, sent: 0 });
    expect(p.mailer.sent).toHaveLength(1);
    const thread = (await p.tickets.getThread(again.ticketId))!;
    expect(thread.ticket.status).toBe('needs-review');
    expect(thread.messages.map((m) => m.direction)).toEqual(['inbound', 'outbound']);
  });

  it('never resends when the outcome is unknown (a timeout, or a lease that ran out) and flags the ticket', async () => {
    const p = memoryPipeline();
    const timingOut: Mailer = { sendRaw: async () => { throw new MailerOutcomeUnknownError('TimeoutError: socket hang up'); } };
    const first = await processInbound({ ...p.deps, mailer: timingOut }, await p.receive(devEmail('dev-004.eml')));
    expect(first.reply).toMatchObject({ state: 'failed-unknown', retryLater: false });
    expect(await processInbound(p.deps, await p.receive(devEmail('dev-004.eml')))).toMatchObject({ reply: { sent: false } });
    expect(await sweepOutbox(p.deps)).toMatchObject({ examined: 0 });
    const ticket = (await p.tickets.getTicket(first.ticketId))!;
    expect(ticket.status).toBe('needs-review');
    expect(ticket.reasons[0]?.code).toBe('reply-failed');

    // A worker that claimed and died: after the lease, the sweep settles it as unknown.
    const q = memoryPipeline();
    let reached!: () => void;
    const sending = new Promise<void>((r) => (reached = r));
    const dying: Mailer = {
      sendRaw: () => {
        reached();
        return new Promise(() => {});
      },
    };
    const message = await q.receive(devEmail('dev-004.eml'));
    void processInbound({ ...q.deps, mailer: dying }, message);
    await sending;
    const [record] = (await q.outbox.listByState('sending')).items;
    expect(record).toBeDefined();
    expect(await deliverReply(q.deps, record!.id)).toMatchObject({ sent: false, detail: 'not claimed: in-flight' });
    q.advance(q.deps.leaseMs + 1);
    expect(await sweepOutbox(q.deps)).toMatchObject({ unknown: 1, sent: 0 });
    expect(q.mailer.sent).toHaveLength(0);
    expect((await q.tickets.getTicket(record!.ticketId))!.status).toBe('needs-review');
  });
});

describe('processInbound: hostile ids', () => {
  it('keeps a message that reuses another sender\'s Message-ID as its own ticket', async () => {
    const p = memoryPipeline();
    const first = await processInbound(p.deps, await p.receive(devEmail('dev-004.eml')));
    const forged = email(
      { From: 'mallory@evil.example', To: 'support@kdp.example.com', Subject: 'hello', 'Message-ID': `<${VICTOR_ID}>` },
      'My bookshelf is empty after signing in, all my books vanished.',
    );
    const message = await p.receive(forged);
    const second = await processInbound(p.deps, message);
    expect(second).toMatchObject({ kind: 'created', messageId: `${message.sesMessageId}@ses.invalid` });
    expect(second.ticketId).not.toBe(first.ticketId);
    expect(await processInbound(p.deps, message)).toMatchObject({ kind: 'duplicate', ticketId: second.ticketId });
    expect((await p.tickets.getTicket(first.ticketId))!.messageCount).toBe(2);
  });
});
