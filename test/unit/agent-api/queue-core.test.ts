import { describe, expect, it } from 'vitest';
import { MemoryOutbox } from '../../../shared/adapters/memory/outbox.ts';
import { MemoryTicketStore } from '../../../shared/adapters/memory/ticket-store.ts';
import { exportLabels, labelFromOverride } from '../../../shared/queue/labels.ts';
import { planAgentChange, applyAgentChange } from '../../../shared/queue/update-ticket.ts';
import { computeStats, wasAutoReplied } from '../../../shared/queue/stats.ts';
import type { Ticket } from '../../../shared/tickets/model.ts';
import { seedTickets, seeded, ticketFixture } from '../../support/agent-api.ts';

const AT = new Date('2026-03-10T12:00:00.000Z');

function aTicket(overrides: Partial<Ticket> = {}): Ticket {
  const { ticket } = ticketFixture(1, seeded(7), AT);
  return { ...ticket, version: 1, updatedAt: ticket.createdAt, messageCount: 1, lastMessageAt: ticket.createdAt, ...overrides };
}

describe('planAgentChange', () => {
  it('records only what changes, each with before and after', () => {
    const t = aTicket({ category: 'password', machineCategory: 'password', status: 'needs-review', assignee: null });
    const { patch, events } = planAgentChange(t, { category: 'password', status: 'resolved', assignee: 'ada', note: 'done' }, 'ada');
    expect(patch).toEqual({ status: 'resolved', assignee: 'ada' });
    expect(events.map((e) => [e.type, e.before, e.after, e.note])).toEqual([
      ['status-changed', 'needs-review', 'resolved', null],
      ['assigned', null, 'ada', null],
      ['note', null, null, 'done'],
    ]);
  });

  it('names an override of the machine category, and a change back to it', () => {
    const t = aTicket({ category: 'password', machineCategory: 'password' });
    expect(planAgentChange(t, { category: 'error-404' }, 'ada').events[0]).toMatchObject({ type: 'category-changed', before: 'password', after: 'error-404', note: 'override of machine category password' });
    const back = aTicket({ category: 'error-404', machineCategory: 'password' });
    expect(planAgentChange(back, { category: 'password' }, 'ada').events[0]!.note).toBe('back to the machine category');
  });
});

describe('applyAgentChange', () => {
  it('still checks the version when nothing would change', async () => {
    const store = new MemoryTicketStore();
    const [t] = await seedTickets(store, { count: 1, newest: AT });
    await expect(applyAgentChange(store, { id: t!.id, expectedVersion: 5, change: { status: t!.status }, actor: 'ada' })).rejects.toMatchObject({ name: 'ConflictError' });
    expect(await applyAgentChange(store, { id: t!.id, expectedVersion: 1, change: { status: t!.status }, actor: 'ada' })).toMatchObject({ version: 1 });
  });
});

describe('labels from overrides', () => {
  it('turns a standing override into a labels.jsonl line and skips the rest', async () => {
    const store = new MemoryTicketStore({ outbox: new MemoryOutbox() });
    const tickets = await seedTickets(store, { count: 6, newest: AT });
    const [a, b, c] = tickets.filter((t) => t.category !== 'other' && t.category !== 'password');
    await applyAgentChange(store, { id: a!.id, expectedVersion: 1, change: { category: 'password', note: 'says  "reset"\nlink' }, actor: 'ada' });
    await applyAgentChange(store, { id: b!.id, expectedVersion: 1, change: { category: 'other' }, actor: 'bob' });
    // Overridden then put back: no label.
    await applyAgentChange(store, { id: c!.id, expectedVersion: 1, change: { category: 'password' }, actor: 'ada' });
    await applyAgentChange(store, { id: c!.id, expectedVersion: 2, change: { category: c!.category }, actor: 'ada' });
    const lines = [];
    for await (const line of exportLabels(store)) lines.push(line);
    expect(lines).toEqual(
      expect.arrayContaining([
        {
          file: a!.raw.key,
          category: 'password',
          secondary: [],
          autoReply: true,
          notes: expect.stringMatching(new RegExp(`^ticket ${a!.id}: agent override ${a!.category} → password; by ada at .*; note: says "reset" link$`)),
        },
        expect.objectContaining({ file: b!.raw.key, category: 'other', autoReply: false }),
      ]),
    );
    expect(lines).toHaveLength(2);
    const later = [];
    for await (const line of exportLabels(store, { since: new Date(Date.now() + 60_000) })) later.push(line);
    expect(later).toEqual([]);
  });

  it('gives no label for a ticket whose category is the machine one', () => {
    expect(labelFromOverride(aTicket(), [])).toBeNull();
  });
});

describe('computeStats', () => {
  it('counts only the window, buckets by hour, and rates auto-replies and overrides', () => {
    const inside = [
      aTicket({ id: 'A', createdAt: '2026-03-10T11:30:00.000Z', reasons: [{ code: 'article-match', detail: '' }] }),
      aTicket({ id: 'B', createdAt: '2026-03-10T02:00:00.000Z', reasons: [{ code: 'article-match', detail: '' }, { code: 'reply-window', detail: '' }] }),
      aTicket({ id: 'C', createdAt: '2026-03-09T12:00:01.000Z', category: 'other', machineCategory: 'password', reasons: [{ code: 'low-confidence', detail: '' }] }),
    ];
    const outside = aTicket({ id: 'D', createdAt: '2026-03-09T11:59:59.000Z' });
    const s = computeStats([...inside, outside], '24h', AT);
    expect(s.total).toBe(3);
    expect([s.autoReplied, s.overridden, s.confusion]).toEqual([1, 1, { password: { other: 1 } }]);
    expect(s.autoReplyRate).toBeCloseTo(1 / 3);
    expect(s.series).toHaveLength(24);
    expect(s.series.at(-1)).toEqual({ bucket: '2026-03-10T11:00:00.000Z', count: 1 });
    expect(s.series.reduce((n, b) => n + b.count, 0)).toBe(3);
    expect(wasAutoReplied(inside[1]!)).toBe(false);
  });

  it('is all zeros for an empty window', () => {
    expect(computeStats([], '7d', AT)).toMatchObject({ total: 0, autoReplyRate: 0, overrideShare: 0, confusion: {} });
  });
});
