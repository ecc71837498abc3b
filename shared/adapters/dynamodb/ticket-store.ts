import {
  BatchGetCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  type DynamoDBDocumentClient,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { ConflictError, NotFoundError, ReplyWindowTakenError, RetryableError } from '../../ports/errors.ts';
import type {
  AppendMessageOptions,
  AppendMessageResult,
  CreateTicketResult,
  NewTicket,
  NewTicketMessage,
  NewTicketReply,
  Page,
  TicketPatch,
  TicketQuery,
  TicketStore,
  TicketThread,
} from '../../ports/ticket-store.ts';
import type { NewTicketEvent, OutboxRecord, Ticket, TicketEvent, TicketMessage } from '../../tickets/model.ts';
import { normalizeMessageId } from '../../tickets/model.ts';
import {
  createdEvent,
  decodeCursor,
  encodeCursor,
  InvalidCursorError,
  pageSize,
  ticketAfterMessage,
  toEvent,
} from '../../tickets/store-support.ts';
import { backoff, cancellationCodes, cancellationItem, isConditionFailure, isTransactionConflict } from './errors.ts';
import { eventItem, fromItem, keyPart, keys, outboxIndexKeys, ticketIndexKeys, ticketPk } from './keys.ts';

type Item = Record<string, unknown>;
type TransactItem = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>[number];

const MAX_TRIES = 6;

/** Tickets, threads and audit trail in the single DynamoDB table (layout: ./keys.ts). */
export class DynamoTicketStore implements TicketStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async createTicket(
    input: NewTicket,
    first: NewTicketMessage,
    extraEvents: NewTicketEvent[] = [],
    reply?: NewTicketReply,
  ): Promise<CreateTicketResult> {
    const messageId = normalizeMessageId(first.messageId);
    const now = this.now();
    const opened: Ticket = {
      ...input,
      messageId: normalizeMessageId(input.messageId),
      version: 1,
      updatedAt: input.createdAt,
      messageCount: 1,
      lastMessageAt: first.at,
    };
    const message: TicketMessage = { ...first, messageId, ticketId: opened.id };
    const events = [createdEvent(opened), ...extraEvents];
    // Positions in the transaction, for reading its cancellation reasons.
    const TICKET = 0;
    const MARKER = 1;
    let ticket = opened;
    const rest: TransactItem[] = [this.put(this.messageItem(message))];
    let windowAt = -1;
    if (reply) {
      const after = ticketAfterMessage(opened, reply.message.at, { events: reply.events }, now);
      ticket = after.next;
      events.push(...after.events);
      const replyId = normalizeMessageId(reply.message.messageId);
      const { window, record } = reply;
      const sender = window.sender.toLowerCase();
      windowAt = 2 + rest.length;
      rest.push(
        {
          Put: {
            TableName: this.tableName,
            Item: {
              ...keys.replyGuard(sender),
              itemType: 'reply-guard',
              sender,
              holder: window.holder,
              until: window.until,
              expiresAt: Math.ceil(Date.parse(window.until) / 1000) + 86_400,
            },
            ConditionExpression: 'attribute_not_exists(pk) OR #until <= :now OR holder = :holder',
            ExpressionAttributeNames: { '#until': 'until' },
            ExpressionAttributeValues: { ':now': window.now, ':holder': window.holder },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          },
        },
        this.put({ ...record, ...keys.outbox(record.id), itemType: 'outbox', ...outboxIndexKeys(record) }, 'attribute_not_exists(pk)'),
        this.put(this.markerItem(replyId, ticket.id), 'attribute_not_exists(pk)'),
        this.put(this.messageItem({ ...reply.message, messageId: replyId, ticketId: ticket.id })),
      );
    }
    const items: TransactItem[] = [
      this.put(this.ticketItem(ticket), 'attribute_not_exists(pk)'),
      this.put(this.markerItem(messageId, ticket.id), 'attribute_not_exists(pk)'),
      ...rest,
      ...events.map((e) => this.put(eventItem(toEvent(ticket.id, e, now)))),
    ];
    for (let attempt = 0; ; attempt++) {
      try {
        await this.client.send(new TransactWriteCommand({ TransactItems: items }));
        return { ticket, created: true, reply: reply?.record ?? null };
      } catch (error) {
        const codes = cancellationCodes(error);
        if (codes?.[MARKER] === 'ConditionalCheckFailed') {
          const existingId = await this.findTicketIdByMessageId(messageId);
          const existing = existingId === null ? null : await this.getTicket(existingId);
          if (existing) return { ticket: existing, created: false, reply: null };
          throw new ConflictError(`message id ${messageId} is taken but its ticket is not readable`, null, { cause: error });
        }
        if (codes?.[TICKET] === 'ConditionalCheckFailed') throw new ConflictError(`ticket id ${ticket.id} is taken`, null, { cause: error });
        if (windowAt >= 0 && codes?.[windowAt] === 'ConditionalCheckFailed') {
          const held = cancellationItem(error, windowAt) ?? (await this.replyWindow(reply!.window.sender));
          throw new ReplyWindowTakenError(String(held?.holder), String(held?.until), { cause: error });
        }
        if (isTransactionConflict(codes) && attempt < MAX_TRIES) {
          await backoff(attempt);
          continue;
        }
        if (isTransactionConflict(codes)) throw new RetryableError('ticket creation kept conflicting', { cause: error });
        throw error;
      }
    }
  }

  private async replyWindow(sender: string): Promise<Item | null> {
    const out = await this.client.send(new GetCommand({ TableName: this.tableName, Key: keys.replyGuard(sender.toLowerCase()), ConsistentRead: true }));
    return out.Item ?? null;
  }

  private markerItem(messageId: string, ticketId: string): Item {
    return { ...keys.messageId(messageId), itemType: 'message-id', messageId, ticketId };
  }

  async findTicketIdByMessageId(messageId: string): Promise<string | null> {
    const out = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: keys.messageId(messageId), ConsistentRead: true }),
    );
    return (out.Item?.ticketId as string | undefined) ?? null;
  }

  async findTicketIdByAnyMessageId(messageIds: string[]): Promise<string | null> {
    const wanted = [...new Set(messageIds.map(normalizeMessageId).filter((id) => id !== ''))].slice(0, 100);
    if (wanted.length === 0) return null;
    const found = new Map<string, string>();
    let pending: Item[] | undefined = wanted.map((id) => keys.messageId(id));
    for (let attempt = 0; pending && pending.length > 0; attempt++) {
      const out = await this.client.send(
        new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: pending, ConsistentRead: true } } }),
      );
      for (const item of out.Responses?.[this.tableName] ?? []) found.set(item.pk as string, item.ticketId as string);
      pending = out.UnprocessedKeys?.[this.tableName]?.Keys as Item[] | undefined;
      if (pending && pending.length > 0) {
        if (attempt >= MAX_TRIES) throw new RetryableError('message id lookup left keys unprocessed');
        await backoff(attempt);
      }
    }
    for (const id of wanted) {
      const ticketId = found.get(keys.messageId(id).pk);
      if (ticketId !== undefined) return ticketId;
    }
    return null;
  }

  async appendMessage(ticketId: string, input: NewTicketMessage, options: AppendMessageOptions = {}): Promise<AppendMessageResult> {
    const messageId = normalizeMessageId(input.messageId);
    const message: TicketMessage = { ...input, messageId, ticketId };
    for (let attempt = 0; ; attempt++) {
      const current = await this.getTicket(ticketId);
      if (!current) throw new NotFoundError(`ticket ${ticketId} not found`);
      const now = this.now();
      const { next, events } = ticketAfterMessage(current, message.at, options, now);
      try {
        await this.client.send(
          new TransactWriteCommand({
            TransactItems: [
              this.put(this.markerItem(messageId, ticketId), 'attribute_not_exists(pk)'),
              this.put(this.ticketItem(next), 'version = :v', { ':v': current.version }),
              this.put(this.messageItem(message)),
              ...events.map((e) => this.put(eventItem(toEvent(ticketId, e, now)))),
            ],
          }),
        );
        return { ticket: next, appended: true };
      } catch (error) {
        const codes = cancellationCodes(error);
        if (codes?.[0] === 'ConditionalCheckFailed') {
          return { ticket: (await this.getTicket(ticketId)) ?? current, appended: false };
        }
        const retry = codes?.[1] === 'ConditionalCheckFailed' || isTransactionConflict(codes);
        if (retry && attempt < MAX_TRIES) {
          await backoff(attempt);
          continue;
        }
        if (retry) throw new RetryableError(`appending to ticket ${ticketId} kept conflicting`, { cause: error });
        throw error;
      }
    }
  }

  async registerMessageId(ticketId: string, messageId: string): Promise<void> {
    const id = normalizeMessageId(messageId);
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...keys.messageId(id), itemType: 'message-id', messageId: id, ticketId },
          ConditionExpression: 'attribute_not_exists(pk) OR ticketId = :t',
          ExpressionAttributeValues: { ':t': ticketId },
        }),
      );
    } catch (error) {
      if (isConditionFailure(error)) throw new ConflictError(`message id ${id} already belongs to another ticket`, null, { cause: error });
      throw error;
    }
  }

  async getTicket(id: string): Promise<Ticket | null> {
    const out = await this.client.send(new GetCommand({ TableName: this.tableName, Key: keys.ticket(id), ConsistentRead: true }));
    return out.Item ? fromItem<Ticket>(out.Item) : null;
  }

  async getThread(id: string): Promise<TicketThread | null> {
    const items = await this.queryPartition(id, null);
    let ticket: Ticket | null = null;
    const messages: TicketMessage[] = [];
    const events: TicketEvent[] = [];
    const outbox: OutboxRecord[] = [];
    for (const item of items) {
      if (item.itemType === 'ticket') ticket = fromItem<Ticket>(item);
      else if (item.itemType === 'message') messages.push(fromItem<TicketMessage>(item));
      else if (item.itemType === 'event') events.push(fromItem<TicketEvent>(item));
      else if (item.itemType === 'outbox') outbox.push(fromItem<OutboxRecord>(item));
    }
    if (!ticket) return null;
    outbox.sort((a, b) => (a.createdAt + a.id < b.createdAt + b.id ? -1 : 1));
    return { ticket, messages, events, outbox };
  }

  async listTickets(query: TicketQuery = {}): Promise<Page<Ticket>> {
    const limit = pageSize(query);
    const plan = planQuery(query);
    const names: Record<string, string> = { '#pk': plan.pkAttr };
    if (query.since !== undefined || query.until !== undefined) names['#sk'] = plan.skAttr;
    const values: Record<string, unknown> = { ':pk': plan.pkValue };
    let keyCondition = '#pk = :pk';
    if (query.since !== undefined && query.until !== undefined) {
      keyCondition += ' AND #sk BETWEEN :lo AND :hi';
      values[':lo'] = query.since;
      values[':hi'] = `${query.until}#~`;
    } else if (query.since !== undefined) {
      keyCondition += ' AND #sk >= :lo';
      values[':lo'] = query.since;
    } else if (query.until !== undefined) {
      keyCondition += ' AND #sk <= :hi';
      values[':hi'] = `${query.until}#~`;
    }
    const filters: string[] = [];
    const filter = (attr: string, op: string, value: unknown) => {
      const n = `#f${filters.length}`;
      const v = `:f${filters.length}`;
      names[n] = attr;
      values[v] = value;
      filters.push(`${n} ${op} ${v}`);
    };
    if (query.status !== undefined && plan.index !== 'byStatus') filter('status', '=', query.status);
    if (query.category !== undefined && plan.index !== 'byCategory') filter('category', '=', query.category);
    if (query.language !== undefined) filter('language', '=', query.language);
    if (query.minConfidence !== undefined) filter('confidence', '>=', query.minConfidence);
    if (query.maxConfidence !== undefined) filter('confidence', '<=', query.maxConfidence);

    let startKey: Item | undefined;
    if (query.cursor) {
      const decoded = decodeCursor(query.cursor) as { index?: unknown; key?: unknown };
      if (decoded?.index !== plan.index || typeof decoded.key !== 'object' || decoded.key === null) {
        throw new InvalidCursorError('cursor belongs to a different query');
      }
      startKey = decoded.key as Item;
    }
    const items: Item[] = [];
    for (;;) {
      const input: QueryCommandInput = {
        TableName: this.tableName,
        IndexName: plan.index,
        KeyConditionExpression: keyCondition,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ScanIndexForward: query.order === 'oldest',
        Limit: filters.length > 0 ? Math.max(limit * 2, 100) : limit + 1,
        ...(filters.length > 0 ? { FilterExpression: filters.join(' AND ') } : {}),
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      };
      const out = await this.client.send(new QueryCommand(input));
      items.push(...(out.Items ?? []));
      startKey = out.LastEvaluatedKey;
      if (items.length > limit || !startKey) break;
    }
    const page = items.slice(0, limit);
    const more = items.length > limit || (startKey !== undefined && page.length === limit);
    const last = page[page.length - 1];
    const cursor =
      more && last
        ? encodeCursor({
            index: plan.index,
            key: { pk: last.pk, sk: last.sk, [plan.pkAttr]: last[plan.pkAttr], [plan.skAttr]: last[plan.skAttr] },
          })
        : null;
    return { items: page.map((item) => fromItem<Ticket>(item)), cursor };
  }

  async updateTicket(id: string, expectedVersion: number, patch: TicketPatch, events: NewTicketEvent[] = []): Promise<Ticket> {
    const current = await this.getTicket(id);
    if (!current) throw new NotFoundError(`ticket ${id} not found`);
    if (current.version !== expectedVersion) {
      throw new ConflictError(`ticket ${id} is at version ${current.version}, not ${expectedVersion}`, { version: current.version });
    }
    const now = this.now();
    const next: Ticket = { ...current, ...patch, version: current.version + 1, updatedAt: now.toISOString() };
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            this.put(this.ticketItem(next), 'version = :v', { ':v': expectedVersion }),
            ...events.map((e) => this.put(eventItem(toEvent(id, e, now)))),
          ],
        }),
      );
      return next;
    } catch (error) {
      const codes = cancellationCodes(error);
      if (codes?.[0] === 'ConditionalCheckFailed' || isTransactionConflict(codes)) {
        const latest = await this.getTicket(id);
        throw new ConflictError(`ticket ${id} changed while updating`, latest ? { version: latest.version } : null, { cause: error });
      }
      throw error;
    }
  }

  async addEvent(ticketId: string, event: NewTicketEvent): Promise<TicketEvent> {
    const stored = toEvent(ticketId, event, this.now());
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              ConditionCheck: {
                TableName: this.tableName,
                Key: keys.ticket(ticketId),
                ConditionExpression: 'attribute_exists(pk)',
              },
            },
            this.put(eventItem(stored)),
          ],
        }),
      );
      return stored;
    } catch (error) {
      if (cancellationCodes(error)?.[0] === 'ConditionalCheckFailed') throw new NotFoundError(`ticket ${ticketId} not found`, { cause: error });
      throw error;
    }
  }

  async listEvents(ticketId: string): Promise<TicketEvent[]> {
    return (await this.queryPartition(ticketId, 'EVENT#')).map((item) => fromItem<TicketEvent>(item));
  }

  private async queryPartition(ticketId: string, prefix: string | null): Promise<Item[]> {
    const items: Item[] = [];
    let startKey: Item | undefined;
    do {
      const out = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: prefix === null ? 'pk = :pk' : 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: prefix === null ? { ':pk': ticketPk(ticketId) } : { ':pk': ticketPk(ticketId), ':prefix': prefix },
          ConsistentRead: true,
          ...(startKey ? { ExclusiveStartKey: startKey } : {}),
        }),
      );
      items.push(...(out.Items ?? []));
      startKey = out.LastEvaluatedKey;
    } while (startKey);
    return items;
  }

  private put(item: Item, condition?: string, values?: Record<string, unknown>): TransactItem {
    return {
      Put: {
        TableName: this.tableName,
        Item: item,
        ...(condition ? { ConditionExpression: condition } : {}),
        ...(values ? { ExpressionAttributeValues: values } : {}),
      },
    };
  }

  private ticketItem(ticket: Ticket): Item {
    return { ...ticket, ...keys.ticket(ticket.id), itemType: 'ticket', ...ticketIndexKeys(ticket) };
  }

  private messageItem(message: TicketMessage): Item {
    return { ...message, ...keys.message(message.ticketId, message.at, message.id), itemType: 'message' };
  }
}

interface QueryPlan {
  index: 'byStatus' | 'byCategory' | 'bySender' | 'byTime';
  pkAttr: string;
  skAttr: string;
  pkValue: string;
}

/** The most selective index for a query; the other conditions become filters. */
function planQuery(query: TicketQuery): QueryPlan {
  if (query.sender !== undefined) {
    return { index: 'bySender', pkAttr: 'gsi3pk', skAttr: 'gsi3sk', pkValue: `SENDER#${keyPart(query.sender.toLowerCase())}` };
  }
  if (query.status !== undefined) return { index: 'byStatus', pkAttr: 'gsi1pk', skAttr: 'gsi1sk', pkValue: `STATUS#${query.status}` };
  if (query.category !== undefined) {
    return { index: 'byCategory', pkAttr: 'gsi2pk', skAttr: 'gsi2sk', pkValue: `CATEGORY#${query.category}` };
  }
  return { index: 'byTime', pkAttr: 'gsi4pk', skAttr: 'gsi4sk', pkValue: 'TICKETS' };
}
