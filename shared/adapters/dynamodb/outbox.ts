import { randomUUID } from 'node:crypto';
import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient, type UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import { InvalidStateError, NotFoundError } from '../../ports/errors.ts';
import type { ClaimResult, NewOutboxRecord, Outbox, OutboxFailure } from '../../ports/outbox.ts';
import type { Page } from '../../ports/ticket-store.ts';
import type { NewTicketEvent, OutboxRecord, OutboxState } from '../../tickets/model.ts';
import { pendingRecord, sentRecord, whyNotClaimable } from '../../tickets/outbox-rules.ts';
import { decodeCursor, encodeCursor, InvalidCursorError, toEvent } from '../../tickets/store-support.ts';
import { cancellationCodes, isConditionFailure } from './errors.ts';
import { eventItem, fromItem, keys, outboxIndexKeys, ticketPk } from './keys.ts';

/**
 * The outbox in the tickets table: each record in its ticket's partition (`OUTBOX#<id>`), and
 * on the `byTime` index under `OUTBOX#<state>` so the retry sweep finds what is pending. Every
 * transition is one conditional update.
 */
export class DynamoOutbox implements Outbox {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async enqueue(input: NewOutboxRecord): Promise<{ record: OutboxRecord; created: boolean }> {
    const at = input.createdAt ?? this.now().toISOString();
    const record = pendingRecord(input, at);
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...record, ...keys.outbox(record.id), itemType: 'outbox', ...outboxIndexKeys(record) },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return { record, created: true };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const existing = await this.get(record.id);
      if (!existing) throw error;
      return { record: existing, created: false };
    }
  }

  async get(id: string): Promise<OutboxRecord | null> {
    const out = await this.client.send(new GetCommand({ TableName: this.tableName, Key: keys.outbox(id), ConsistentRead: true }));
    return out.Item ? fromItem<OutboxRecord>(out.Item) : null;
  }

  async claim(id: string, { now, leaseMs }: { now: Date; leaseMs: number }): Promise<ClaimResult> {
    try {
      // One conditional write, the same rule as whyNotClaimable: exactly one concurrent claimer wins.
      const out = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.outbox(id),
          UpdateExpression:
            'SET #state = :sending, claimToken = :token, leaseUntil = :lease, attempts = attempts + :one, updatedAt = :now, gsi4pk = :gsi',
          ConditionExpression:
            'attribute_exists(pk) AND (#state = :pending OR (#state = :failed AND retryable = :true AND (attribute_type(nextAttemptAt, :nullType) OR nextAttemptAt <= :now)))',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: {
            ':sending': 'sending',
            ':pending': 'pending',
            ':failed': 'failed',
            ':true': true,
            ':nullType': 'NULL',
            ':token': randomUUID(),
            ':lease': new Date(now.getTime() + leaseMs).toISOString(),
            ':one': 1,
            ':now': now.toISOString(),
            ':gsi': 'OUTBOX#sending',
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return { claimed: true, record: fromItem<OutboxRecord>(out.Attributes!) };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const latest = await this.get(id);
      if (!latest) throw new NotFoundError(`outbox record ${id} not found`, { cause: error });
      return { claimed: false, record: latest, reason: whyNotClaimable(latest, now) ?? 'in-flight' };
    }
  }

  async markSent(claimed: OutboxRecord, result: { sesMessageId: string; now: Date }, event?: NewTicketEvent): Promise<OutboxRecord> {
    const sent = sentRecord(claimed, result);
    const spec = {
      condition: '#state = :sending AND claimToken = :token',
      set: { sesMessageId: sent.sesMessageId, sentAt: sent.sentAt, updatedAt: sent.updatedAt, retryable: false, nextAttemptAt: null },
      values: { ':token': claimed.claimToken },
    };
    if (event === undefined) return this.transition(claimed.id, 'sent', spec);
    // The record and the ticket's `reply-sent` event: one write, one round trip.
    const { TableName, Key, UpdateExpression, ConditionExpression, ExpressionAttributeNames, ExpressionAttributeValues } = this.transitionInput(claimed.id, 'sent', spec);
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            { Update: { TableName, Key, UpdateExpression, ConditionExpression, ExpressionAttributeNames, ExpressionAttributeValues } },
            { Put: { TableName: this.tableName, Item: eventItem(toEvent(claimed.ticketId, event, result.now)) } },
          ],
        }),
      );
      return sent;
    } catch (error) {
      if (cancellationCodes(error)?.[0] !== 'ConditionalCheckFailed') throw error;
      const latest = await this.get(claimed.id);
      throw new InvalidStateError(`outbox ${claimed.id} cannot become sent from ${latest?.state ?? 'absent'}`, { cause: error });
    }
  }

  async markFailed(
    id: string,
    claimToken: string,
    f: OutboxFailure,
  ): Promise<OutboxRecord> {
    const retryable = f.retryable && !f.outcomeUnknown;
    return this.transition(id, f.outcomeUnknown ? 'failed-unknown' : 'failed', {
      condition: '#state = :sending AND claimToken = :token',
      set: {
        lastError: f.error,
        retryable,
        nextAttemptAt: retryable && f.nextAttemptAt ? f.nextAttemptAt.toISOString() : null,
        updatedAt: f.now.toISOString(),
      },
      values: { ':token': claimToken },
    });
  }

  async markUnknown(id: string, now: Date): Promise<OutboxRecord> {
    const current = await this.get(id);
    if (!current) throw new NotFoundError(`outbox record ${id} not found`);
    return this.transition(id, 'failed-unknown', {
      condition: '#state = :sending AND leaseUntil < :now',
      set: {
        lastError: `lease expired at ${current.leaseUntil} with no outcome recorded; not resent (at most once)`,
        retryable: false,
        updatedAt: now.toISOString(),
      },
      values: { ':now': now.toISOString() },
    });
  }

  async listByState(state: OutboxState, options: { limit?: number; cursor?: string | null } = {}): Promise<Page<OutboxRecord>> {
    const limit = Math.min(Math.max(options.limit ?? 100, 1), 500);
    let startKey: Record<string, unknown> | undefined;
    if (options.cursor) {
      const decoded = decodeCursor(options.cursor) as { state?: unknown; key?: unknown };
      if (decoded?.state !== state || typeof decoded.key !== 'object' || decoded.key === null) {
        throw new InvalidCursorError('cursor belongs to a different query');
      }
      startKey = decoded.key as Record<string, unknown>;
    }
    const out = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'byTime',
        KeyConditionExpression: 'gsi4pk = :pk',
        ExpressionAttributeValues: { ':pk': `OUTBOX#${state}` },
        ScanIndexForward: true,
        Limit: limit,
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      }),
    );
    const items = (out.Items ?? []).map((item) => fromItem<OutboxRecord>(item));
    return { items, cursor: out.LastEvaluatedKey ? encodeCursor({ state, key: out.LastEvaluatedKey }) : null };
  }

  async listForTicket(ticketId: string): Promise<OutboxRecord[]> {
    const records: OutboxRecord[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const out = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': ticketPk(ticketId), ':prefix': 'OUTBOX#' },
          ConsistentRead: true,
          ...(startKey ? { ExclusiveStartKey: startKey } : {}),
        }),
      );
      records.push(...(out.Items ?? []).map((item) => fromItem<OutboxRecord>(item)));
      startKey = out.LastEvaluatedKey;
    } while (startKey);
    return records.sort((a, b) => (a.createdAt + a.id < b.createdAt + b.id ? -1 : 1));
  }

  /** One conditional update to `state`, clearing the claim. */
  private async transition(id: string, state: OutboxState, spec: TransitionSpec): Promise<OutboxRecord> {
    try {
      const out = await this.client.send(new UpdateCommand({ ...this.transitionInput(id, state, spec), ReturnValues: 'ALL_NEW' }));
      return fromItem<OutboxRecord>(out.Attributes!);
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const latest = await this.get(id);
      throw new InvalidStateError(`outbox ${id} cannot become ${state} from ${latest?.state ?? 'absent'}`, { cause: error });
    }
  }

  private transitionInput(id: string, state: OutboxState, spec: TransitionSpec): UpdateCommandInput {
    const names: Record<string, string> = { '#state': 'state' };
    const values: Record<string, unknown> = { ...spec.values, ':sending': 'sending', ':next': state, ':gsi': `OUTBOX#${state}`, ':null': null };
    const sets = ['#state = :next', 'gsi4pk = :gsi', 'claimToken = :null', 'leaseUntil = :null'];
    Object.entries(spec.set).forEach(([name, value], i) => {
      names[`#s${i}`] = name;
      values[`:s${i}`] = value;
      sets.push(`#s${i} = :s${i}`);
    });
    return {
      TableName: this.tableName,
      Key: keys.outbox(id),
      UpdateExpression: `SET ${sets.join(', ')}`,
      ConditionExpression: spec.condition,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    };
  }
}

interface TransitionSpec {
  condition: string;
  set: Record<string, unknown>;
  values: Record<string, unknown>;
}
