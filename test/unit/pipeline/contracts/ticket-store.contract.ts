import { describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError, ReplyWindowTakenError } from '../../../../shared/ports/errors.ts';
import type { TicketStore } from '../../../../shared/ports/ticket-store.ts';
import type { Ticket } from '../../../../shared/tickets/model.ts';
import { newItemId } from '../../../../shared/tickets/model.ts';
import { aMessage, aReply, aTicket } from './builders.ts';

/** The behaviour every TicketStore adapter must have; run against memory and DynamoDB Local. */
export function ticketStoreContract(name: string, make: () => Promise<TicketStore> | TicketStore): void {
  describe(`TicketStore contract: ${name}`, () => {
    it('creates a ticket with its first message and a created event', async () => {
      const store = await make();
      const input = aTicket();
      const { ticket, created } = await store.createTicket(input, aMessage(input));
      expect(created).toBe(true);
      expect(ticket).toMatchObject({ id: input.id, version: 1, messageCount: 1, status: 'auto-replied', lastMessageAt: input.createdAt });
      expect(await store.getTicket(input.id)).toEqual(ticket);
      const thread = await store.getThread(input.id);
      expect(thread?.messages.map((m) => m.messageId)).toEqual([input.messageId]);
      expect(thread?.messages[0]?.ticketId).toBe(input.id);
      expect(thread?.events.map((e) => e.type)).toEqual(['created']);
      expect(await store.getThread('0000000000ZZ')).toBeNull();
      expect(await store.getTicket('0000000000ZZ')).toBeNull();
    });

    it('yields one ticket for one Message-ID, however often and however concurrently it is created', async () => {
      const store = await make();
      const messageId = `dup-${newItemId()}@example.com`;
      const attempts = Array.from({ length: 10 }, () => {
        const t = aTicket({ messageId });
        return store.createTicket(t, aMessage(t));
      });
      const results = await Promise.all(attempts);
      expect(results.filter((r) => r.created)).toHaveLength(1);
      const winner = results.find((r) => r.created)!.ticket;
      expect(new Set(results.map((r) => r.ticket.id))).toEqual(new Set([winner.id]));
      const again = aTicket({ messageId: `<${messageId}>` });
      expect(await store.createTicket(again, aMessage(again))).toMatchObject({ created: false, ticket: { id: winner.id } });
      expect(await store.getTicket(again.id)).toBeNull();
      expect(await store.findTicketIdByMessageId(` <${messageId}> `)).toBe(winner.id);
    });

    it('creates a ticket with its auto-reply in one write: the claimed outbox record, the reply in the thread, its Message-ID mapped', async () => {
      const store = await make();
      const input = aTicket({ sender: `reply-${newItemId().toLowerCase()}@example.com` });
      const reply = aReply(input);
      const result = await store.createTicket(input, aMessage(input), [], reply);
      expect(result).toMatchObject({ created: true, reply: { id: reply.record.id, state: 'sending', attempts: 1, claimToken: reply.record.claimToken } });
      expect(result.ticket).toMatchObject({ version: 2, messageCount: 2, status: 'auto-replied' });
      expect(await store.getTicket(input.id)).toEqual(result.ticket);
      const thread = (await store.getThread(input.id))!;
      expect(thread.messages.map((m) => m.direction)).toEqual(['inbound', 'outbound']);
      expect(thread.events.map((e) => e.type)).toEqual(['created', 'reply-queued']);
      expect(thread.outbox).toEqual([reply.record]);
      expect(await store.findTicketIdByMessageId(reply.record.messageId)).toBe(input.id);
      // Delivered again: the ticket that exists, nothing written.
      const again = aTicket({ messageId: input.messageId, sender: input.sender });
      expect(await store.createTicket(again, aMessage(again), [], aReply(again))).toMatchObject({ created: false, reply: null, ticket: { id: input.id } });
      expect(await store.getTicket(again.id)).toBeNull();
    });

    it('gives a sender one reply window: taken again by its holder, refused to others until it ends', async () => {
      const store = await make();
      const sender = `window-${newItemId().toLowerCase()}@example.com`;
      const t0 = '2026-03-01T10:00:00.000Z';
      const hours = (h: number) => new Date(Date.parse(t0) + h * 3_600_000).toISOString();
      const first = aTicket({ sender, createdAt: t0 });
      await store.createTicket(first, aMessage(first), [], aReply(first));
      const second = aTicket({ sender, createdAt: hours(23) });
      const refused = await store.createTicket(second, aMessage(second), [], aReply(second)).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(ReplyWindowTakenError);
      expect(refused).toMatchObject({ holder: first.messageId, until: hours(24) });
      expect(await store.getTicket(second.id)).toBeNull();
      expect(await store.findTicketIdByMessageId(second.messageId)).toBeNull();
      // The holder itself takes it again (a window written without its ticket by an older
      // version, say); after the end anybody may.
      const holder = aTicket({ sender, messageId: `again-${newItemId()}`, createdAt: hours(2) });
      await expect(store.createTicket(holder, aMessage(holder), [], { ...aReply(holder), window: aReply(first).window })).resolves.toMatchObject({ created: true });
      const third = aTicket({ sender, createdAt: hours(24.5) });
      await expect(store.createTicket(third, aMessage(third), [], aReply(third))).resolves.toMatchObject({ created: true });
      const fourth = aTicket({ sender, createdAt: hours(25) });
      await expect(store.createTicket(fourth, aMessage(fourth), [], aReply(fourth))).rejects.toMatchObject({ holder: third.messageId, until: hours(48.5) });
    });

    it('lets exactly one of many concurrent messages from one sender take the window', async () => {
      const store = await make();
      const sender = `race-${newItemId().toLowerCase()}@example.com`;
      const tickets = Array.from({ length: 10 }, () => aTicket({ sender, createdAt: '2026-03-02T10:00:00.000Z' }));
      const results = await Promise.allSettled(tickets.map((t) => store.createTicket(t, aMessage(t), [], aReply(t))));
      const won = results.filter((r) => r.status === 'fulfilled');
      expect(won).toHaveLength(1);
      const winner = (won[0] as PromiseFulfilledResult<Awaited<ReturnType<TicketStore['createTicket']>>>).value.ticket;
      for (const r of results.filter((r) => r.status === 'rejected')) {
        expect((r as PromiseRejectedResult).reason).toMatchObject({ name: 'ReplyWindowTakenError', holder: winner.messageId });
      }
    });

    it('appends a follow-up once, applies the next status and records the change', async () => {
      const store = await make();
      const input = aTicket({ status: 'resolved' });
      await store.createTicket(input, aMessage(input));
      const followUp = aMessage(input, { messageId: `follow-${newItemId()}@example.com`, at: '2026-02-01T00:00:00.000Z' });
      const reopen = (t: Ticket) => (t.status === 'resolved' ? ('open' as const) : null);
      const first = await store.appendMessage(input.id, followUp, { nextStatus: reopen, events: [{ actor: 'system', type: 'message-appended', before: null, after: null, note: null }] });
      expect(first.appended).toBe(true);
      expect(first.ticket).toMatchObject({ status: 'open', messageCount: 2, version: 2, lastMessageAt: '2026-02-01T00:00:00.000Z' });
      const second = await store.appendMessage(input.id, followUp, { nextStatus: reopen });
      expect(second).toMatchObject({ appended: false, ticket: { messageCount: 2, version: 2 } });
      const thread = await store.getThread(input.id);
      expect(thread?.messages).toHaveLength(2);
      expect(thread?.events.map((e) => e.type).sort()).toEqual(['created', 'message-appended', 'status-changed']);
      const changed = thread?.events.find((e) => e.type === 'status-changed');
      expect(changed).toMatchObject({ before: 'resolved', after: 'open', actor: 'system' });
      expect(await store.findTicketIdByMessageId(followUp.messageId)).toBe(input.id);
      await expect(store.appendMessage('0000000000ZZ', aMessage(input, { messageId: `x-${newItemId()}` }))).rejects.toBeInstanceOf(NotFoundError);
    });

    it('maps our outbound Message-IDs to the ticket and finds a thread by any of several ids', async () => {
      const store = await make();
      const input = aTicket();
      await store.createTicket(input, aMessage(input));
      const ours = `reply-${newItemId()}@kdp.example.com`;
      await store.registerMessageId(input.id, `<${ours}>`);
      await store.registerMessageId(input.id, ours); // idempotent
      expect(await store.findTicketIdByMessageId(ours)).toBe(input.id);
      expect(await store.findTicketIdByAnyMessageId(['unknown@x', `<${ours}>`])).toBe(input.id);
      expect(await store.findTicketIdByAnyMessageId([])).toBeNull();
      expect(await store.findTicketIdByAnyMessageId(['nope@x'])).toBeNull();
    });

    it('updates on the expected version only; a stale writer gets a ConflictError', async () => {
      const store = await make();
      const input = aTicket();
      await store.createTicket(input, aMessage(input));
      const updated = await store.updateTicket(input.id, 1, { category: 'email-address', assignee: 'agent-1' }, [
        { actor: 'agent-1', type: 'category-changed', before: 'password', after: 'email-address', note: null },
      ]);
      expect(updated).toMatchObject({ version: 2, category: 'email-address', machineCategory: 'password', assignee: 'agent-1' });
      await expect(store.updateTicket(input.id, 1, { status: 'resolved' })).rejects.toBeInstanceOf(ConflictError);
      const race = await Promise.allSettled([
        store.updateTicket(input.id, 2, { status: 'resolved' }),
        store.updateTicket(input.id, 2, { status: 'needs-review' }),
      ]);
      expect(race.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const loser = race.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(loser.reason).toBeInstanceOf(ConflictError);
      await expect(store.updateTicket('0000000000ZZ', 1, { status: 'resolved' })).rejects.toBeInstanceOf(NotFoundError);
      const events = await store.listEvents(input.id);
      expect(events.map((e) => e.type)).toEqual(['created', 'category-changed']);
      expect(events[1]).toMatchObject({ actor: 'agent-1', before: 'password', after: 'email-address' });
      // The new status is reflected in status queries.
      const status = (await store.getTicket(input.id))!.status;
      const page = await store.listTickets({ status, sender: input.sender, limit: 500 });
      expect(page.items.map((t) => t.id)).toContain(input.id);
    });

    it('adds events to the audit trail', async () => {
      const store = await make();
      const input = aTicket();
      await store.createTicket(input, aMessage(input));
      const note = await store.addEvent(input.id, { actor: 'agent-2', type: 'note', before: null, after: null, note: 'called the author' });
      expect(note).toMatchObject({ ticketId: input.id, actor: 'agent-2', note: 'called the author' });
      expect((await store.listEvents(input.id)).map((e) => e.type)).toEqual(['created', 'note']);
      await expect(store.addEvent('0000000000ZZ', { actor: 'a', type: 'note', before: null, after: null, note: 'x' })).rejects.toBeInstanceOf(NotFoundError);
    });

    it('lists by status, category, sender and time with cursor pagination in both orders', async () => {
      const store = await make();
      const sender = `list-${newItemId().toLowerCase()}@example.com`;
      const made: Ticket[] = [];
      for (let i = 0; i < 23; i++) {
        const input = aTicket({
          sender,
          createdAt: new Date(Date.UTC(2026, 2, 1, 0, i)).toISOString(),
          status: i % 3 === 0 ? 'needs-review' : 'auto-replied',
          category: i % 2 === 0 ? 'password' : 'error-404',
          language: i % 4 === 0 ? 'de' : 'en',
          confidence: i / 23,
        });
        made.push((await store.createTicket(input, aMessage(input))).ticket);
      }
      const collect = async (query: Parameters<TicketStore['listTickets']>[0]) => {
        const ids: string[] = [];
        let cursor: string | null = null;
        let pages = 0;
        do {
          const page = await store.listTickets({ ...query, cursor, limit: 5 });
          expect(page.items.length).toBeLessThanOrEqual(5);
          ids.push(...page.items.map((t) => t.id));
          cursor = page.cursor;
          pages++;
        } while (cursor !== null && pages < 50);
        return ids;
      };
      const newest = made.map((t) => t.id).reverse();
      expect(await collect({ sender: sender.toUpperCase() })).toEqual(newest);
      expect(await collect({ sender, order: 'oldest' })).toEqual([...newest].reverse());
      const review = made.filter((t) => t.status === 'needs-review').map((t) => t.id).reverse();
      expect(await collect({ sender, status: 'needs-review' })).toEqual(review);
      const byStatus = await collect({ status: 'needs-review', since: made[0]!.createdAt, until: made[22]!.createdAt });
      expect(byStatus.filter((id) => review.includes(id))).toEqual(review);
      const p404 = made.filter((t) => t.category === 'error-404').map((t) => t.id);
      expect(await collect({ sender, category: 'error-404', order: 'oldest' })).toEqual(p404);
      const de = made.filter((t) => t.language === 'de' && t.confidence >= 0.3).map((t) => t.id);
      expect(await collect({ sender, language: 'de', minConfidence: 0.3, order: 'oldest' })).toEqual(de);
      const window = made.slice(5, 9).map((t) => t.id);
      expect(await collect({ sender, since: made[5]!.createdAt, until: made[8]!.createdAt, order: 'oldest' })).toEqual(window);
      const low = made.filter((t) => t.confidence <= 0.2).map((t) => t.id);
      expect(await collect({ sender, maxConfidence: 0.2, order: 'oldest' })).toEqual(low);
      const all = await collect({ since: made[0]!.createdAt, until: made[22]!.createdAt, order: 'oldest' });
      expect(all.filter((id) => newest.includes(id))).toEqual([...newest].reverse());
    });
  });
}
