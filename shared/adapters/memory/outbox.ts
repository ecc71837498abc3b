import { randomUUID } from 'node:crypto';
import { InvalidStateError, NotFoundError } from '../../ports/errors.ts';
import type { ClaimResult, NewOutboxRecord, Outbox, OutboxFailure } from '../../ports/outbox.ts';
import type { Page } from '../../ports/ticket-store.ts';
import type { NewTicketEvent, OutboxRecord, OutboxState } from '../../tickets/model.ts';
import { pendingRecord, sentRecord, whyNotClaimable } from '../../tickets/outbox-rules.ts';
import { decodeCursor, encodeCursor, InvalidCursorError } from '../../tickets/store-support.ts';

/** The outbox in memory, with the DynamoDB adapter's semantics (unit tests). */
export class MemoryOutbox implements Outbox {
  private readonly records = new Map<string, OutboxRecord>();
  private recordEvent: ((ticketId: string, event: NewTicketEvent, now: Date) => void) | null = null;

  constructor(private readonly deps: { now?: () => Date } = {}) {}

  /** Where `markSent` records its ticket event: the memory ticket store that owns the events. */
  recordEventsIn(sink: (ticketId: string, event: NewTicketEvent, now: Date) => void): void {
    this.recordEvent = sink;
  }

  /** Stores a record written with its ticket (MemoryTicketStore.createTicket); the ids are new. */
  insert(record: OutboxRecord): void {
    if (this.records.has(record.id)) throw new Error(`outbox record ${record.id} exists`);
    this.records.set(record.id, structuredClone(record));
  }

  async enqueue(input: NewOutboxRecord): Promise<{ record: OutboxRecord; created: boolean }> {
    const existing = this.records.get(input.id);
    if (existing) return { record: structuredClone(existing), created: false };
    const at = input.createdAt ?? (this.deps.now?.() ?? new Date()).toISOString();
    const record = pendingRecord(input, at);
    this.records.set(record.id, record);
    return { record: structuredClone(record), created: true };
  }

  async get(id: string): Promise<OutboxRecord | null> {
    const r = this.records.get(id);
    return r ? structuredClone(r) : null;
  }

  async claim(id: string, { now, leaseMs }: { now: Date; leaseMs: number }): Promise<ClaimResult> {
    const record = this.must(id);
    const reason = whyNotClaimable(record, now);
    if (reason !== null) return { claimed: false, record: structuredClone(record), reason };
    Object.assign(record, {
      state: 'sending',
      claimToken: randomUUID(),
      leaseUntil: new Date(now.getTime() + leaseMs).toISOString(),
      attempts: record.attempts + 1,
      updatedAt: now.toISOString(),
    } satisfies Partial<OutboxRecord>);
    return { claimed: true, record: structuredClone(record) };
  }

  async markSent(claimed: OutboxRecord, result: { sesMessageId: string; now: Date }, event?: NewTicketEvent): Promise<OutboxRecord> {
    const record = this.owned(claimed.id, claimed.claimToken ?? '');
    if (event !== undefined && this.recordEvent === null) throw new Error('MemoryOutbox: no ticket store records its events');
    Object.assign(record, sentRecord(record, result));
    if (event !== undefined) this.recordEvent!(record.ticketId, event, result.now);
    return structuredClone(record);
  }

  async markFailed(
    id: string,
    claimToken: string,
    f: OutboxFailure,
  ): Promise<OutboxRecord> {
    const record = this.owned(id, claimToken);
    const retryable = f.retryable && !f.outcomeUnknown;
    Object.assign(record, {
      state: f.outcomeUnknown ? 'failed-unknown' : 'failed',
      lastError: f.error,
      retryable,
      nextAttemptAt: retryable && f.nextAttemptAt ? f.nextAttemptAt.toISOString() : null,
      updatedAt: f.now.toISOString(),
      claimToken: null,
      leaseUntil: null,
    } satisfies Partial<OutboxRecord>);
    return structuredClone(record);
  }

  async markUnknown(id: string, now: Date): Promise<OutboxRecord> {
    const record = this.must(id);
    if (record.state !== 'sending' || (record.leaseUntil !== null && record.leaseUntil > now.toISOString())) {
      throw new InvalidStateError(`outbox ${id} is ${record.state} with a live lease or none to expire`);
    }
    Object.assign(record, {
      state: 'failed-unknown',
      lastError: `lease expired at ${record.leaseUntil} with no outcome recorded; not resent (at most once)`,
      retryable: false,
      claimToken: null,
      leaseUntil: null,
      updatedAt: now.toISOString(),
    } satisfies Partial<OutboxRecord>);
    return structuredClone(record);
  }

  async listByState(state: OutboxState, options: { limit?: number; cursor?: string | null } = {}): Promise<Page<OutboxRecord>> {
    const limit = Math.min(Math.max(options.limit ?? 100, 1), 500);
    let after: string | null = null;
    if (options.cursor) {
      const decoded = decodeCursor(options.cursor);
      if (typeof decoded !== 'string') throw new InvalidCursorError('cursor is not one this store issued');
      after = decoded;
    }
    const key = (r: OutboxRecord) => `${r.createdAt}#${r.id}`;
    const all = [...this.records.values()]
      .filter((r) => r.state === state && (after === null || key(r) > after))
      .sort((a, b) => (key(a) < key(b) ? -1 : 1));
    const items = all.slice(0, limit);
    return { items: structuredClone(items), cursor: all.length > limit ? encodeCursor(key(items[items.length - 1]!)) : null };
  }

  async listForTicket(ticketId: string): Promise<OutboxRecord[]> {
    return structuredClone([...this.records.values()].filter((r) => r.ticketId === ticketId)).sort((a, b) =>
      a.createdAt + a.id < b.createdAt + b.id ? -1 : 1,
    );
  }

  private must(id: string): OutboxRecord {
    const record = this.records.get(id);
    if (!record) throw new NotFoundError(`outbox record ${id} not found`);
    return record;
  }

  private owned(id: string, claimToken: string): OutboxRecord {
    const record = this.must(id);
    if (record.state !== 'sending' || record.claimToken !== claimToken) {
      throw new InvalidStateError(`outbox ${id} is ${record.state}; the claim ${claimToken} is no longer held`);
    }
    return record;
  }
}
