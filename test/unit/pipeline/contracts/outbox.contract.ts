import { describe, expect, it } from 'vitest';
import { InvalidStateError } from '../../../../shared/ports/errors.ts';
import type { Outbox } from '../../../../shared/ports/outbox.ts';
import { newTicketId, outboxId } from '../../../../shared/tickets/model.ts';
import { anOutboxRecord } from './builders.ts';

const T0 = new Date('2026-03-01T10:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);

/** The behaviour every Outbox adapter must have; run against memory and DynamoDB Local. */
export function outboxContract(name: string, make: () => Promise<Outbox> | Outbox): void {
  describe(`Outbox contract: ${name}`, () => {
    it('enqueues once per id, pending, with a lower-cased recipient and a bare Message-ID', async () => {
      const outbox = await make();
      const input = anOutboxRecord(newTicketId());
      const first = await outbox.enqueue(input);
      expect(first.created).toBe(true);
      expect(first.record).toMatchObject({ state: 'pending', attempts: 0, recipient: 'author@example.com', sesMessageId: null });
      expect(first.record.messageId).not.toMatch(/[<>]/);
      const again = await outbox.enqueue({ ...input, subject: 'different' });
      expect(again).toMatchObject({ created: false, record: { subject: input.subject } });
      expect(await outbox.get(input.id)).toEqual(first.record);
      expect(await outbox.get('nope.auto')).toBeNull();
    });

    it('claims once with a lease; a live lease is in flight; sent is final', async () => {
      const outbox = await make();
      const { record } = await outbox.enqueue(anOutboxRecord(newTicketId()));
      const claims = await Promise.all(Array.from({ length: 8 }, () => outbox.claim(record.id, { now: T0, leaseMs: 60_000 })));
      const won = claims.filter((c) => c.claimed);
      expect(won).toHaveLength(1);
      const claim = won[0]!;
      if (!claim.claimed) throw new Error('unreachable');
      expect(claim.record).toMatchObject({ state: 'sending', attempts: 1, leaseUntil: at(60_000).toISOString() });
      expect(claims.filter((c) => !c.claimed).every((c) => !c.claimed && c.reason === 'in-flight')).toBe(true);
      await expect(outbox.markSent({ ...claim.record, claimToken: 'not-the-token' }, { sesMessageId: 'x', now: at(1000) })).rejects.toBeInstanceOf(InvalidStateError);
      const sent = await outbox.markSent(claim.record, { sesMessageId: 'ses-1', now: at(1000) });
      expect(sent).toMatchObject({ state: 'sent', sesMessageId: 'ses-1', sentAt: at(1000).toISOString(), claimToken: null });
      expect(await outbox.get(record.id)).toEqual(sent);
      expect(await outbox.claim(record.id, { now: at(999_999), leaseMs: 1 })).toMatchObject({ claimed: false, reason: 'sent' });
      await expect(outbox.markSent(claim.record, { sesMessageId: 'ses-2', now: at(2000) })).rejects.toBeInstanceOf(InvalidStateError);
    });

    it('retries a retryable failure when due, never a permanent one', async () => {
      const outbox = await make();
      const { record } = await outbox.enqueue(anOutboxRecord(newTicketId()));
      const c1 = await outbox.claim(record.id, { now: T0, leaseMs: 60_000 });
      if (!c1.claimed) throw new Error('expected a claim');
      const failed = await outbox.markFailed(record.id, c1.record.claimToken!, { error: 'Throttling', retryable: true, now: at(10), nextAttemptAt: at(30_000) });
      expect(failed).toMatchObject({ state: 'failed', retryable: true, lastError: 'Throttling', nextAttemptAt: at(30_000).toISOString() });
      expect(await outbox.claim(record.id, { now: at(20_000), leaseMs: 60_000 })).toMatchObject({ claimed: false, reason: 'not-due' });
      const c2 = await outbox.claim(record.id, { now: at(30_000), leaseMs: 60_000 });
      expect(c2).toMatchObject({ claimed: true, record: { attempts: 2, state: 'sending' } });
      if (!c2.claimed) throw new Error('expected a claim');
      await outbox.markFailed(record.id, c2.record.claimToken!, { error: 'MessageRejected', retryable: false, now: at(30_010), nextAttemptAt: null });
      expect(await outbox.claim(record.id, { now: at(9_999_999), leaseMs: 1 })).toMatchObject({ claimed: false, reason: 'failed' });
    });

    it('turns an expired lease into failed-unknown and never resends it', async () => {
      const outbox = await make();
      const { record } = await outbox.enqueue(anOutboxRecord(newTicketId()));
      await outbox.claim(record.id, { now: T0, leaseMs: 1000 });
      await expect(outbox.markUnknown(record.id, at(500))).rejects.toBeInstanceOf(InvalidStateError);
      expect(await outbox.claim(record.id, { now: at(2000), leaseMs: 1000 })).toMatchObject({ claimed: false, reason: 'lease-expired' });
      const unknown = await outbox.markUnknown(record.id, at(2000));
      expect(unknown).toMatchObject({ state: 'failed-unknown', retryable: false });
      expect(await outbox.claim(record.id, { now: at(9_000_000), leaseMs: 1000 })).toMatchObject({ claimed: false, reason: 'failed-unknown' });
      await expect(outbox.markUnknown(record.id, at(9_000_000))).rejects.toBeInstanceOf(InvalidStateError);
    });

    it('records a send whose outcome is unknown as failed-unknown, never claimable again', async () => {
      const outbox = await make();
      const { record } = await outbox.enqueue(anOutboxRecord(newTicketId()));
      const c = await outbox.claim(record.id, { now: T0, leaseMs: 60_000 });
      if (!c.claimed) throw new Error('expected a claim');
      const unknown = await outbox.markFailed(record.id, c.record.claimToken!, {
        error: 'TimeoutError',
        retryable: true,
        outcomeUnknown: true,
        now: at(5),
        nextAttemptAt: at(60_000),
      });
      expect(unknown).toMatchObject({ state: 'failed-unknown', retryable: false, nextAttemptAt: null, lastError: 'TimeoutError' });
      expect(await outbox.claim(record.id, { now: at(9_999_999), leaseMs: 1 })).toMatchObject({ claimed: false, reason: 'failed-unknown' });
    });

    it('lists by state oldest first with a cursor, and per ticket', async () => {
      const outbox = await make();
      const ticketId = newTicketId();
      const ids: string[] = [];
      for (let i = 0; i < 7; i++) {
        const input = anOutboxRecord(ticketId, { id: outboxId(ticketId, `r${i}`), createdAt: at(i * 1000).toISOString() });
        ids.push((await outbox.enqueue(input)).record.id);
      }
      const c = await outbox.claim(ids[3]!, { now: at(10_000), leaseMs: 1000 });
      if (!c.claimed) throw new Error('expected a claim');
      await outbox.markSent(c.record, { sesMessageId: 's', now: at(10_001) });
      const pending: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await outbox.listByState('pending', { limit: 2, cursor });
        pending.push(...page.items.filter((r) => r.ticketId === ticketId).map((r) => r.id));
        cursor = page.cursor;
      } while (cursor !== null);
      expect(pending).toEqual(ids.filter((_, i) => i !== 3));
      const sent = await outbox.listByState('sent', { limit: 500 });
      expect(sent.items.map((r) => r.id)).toContain(ids[3]);
      expect((await outbox.listForTicket(ticketId)).map((r) => r.id)).toEqual(ids);
      expect(await outbox.listForTicket(newTicketId())).toEqual([]);
    });
  });
}
