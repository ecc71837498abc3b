import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { TicketStore } from '../ports/ticket-store.ts';
import { TICKET_STATUSES, type TicketStatus } from '../tickets/model.ts';

/**
 * How many tickets are in a status: the queue's header. A port of the queue's own, because
 * the ticket store can only list (every item read and returned); DynamoDB can count an index
 * partition without returning the items.
 */
export interface StatusCounter {
  count(status: TicketStatus): Promise<number>;
}

/** Counting by listing: any TicketStore (the in-memory one in unit tests). */
export function listingStatusCounter(store: TicketStore): StatusCounter {
  return {
    async count(status) {
      let n = 0;
      let cursor: string | null = null;
      do {
        const page = await store.listTickets({ status, limit: 500, cursor });
        n += page.items.length;
        cursor = page.cursor;
      } while (cursor);
      return n;
    },
  };
}

/**
 * `Select: COUNT` on the `byStatus` index (partition `STATUS#<status>`, as
 * ../adapters/dynamodb/keys.ts writes it; the integration test checks both agree).
 */
export class DynamoStatusCounter implements StatusCounter {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async count(status: TicketStatus): Promise<number> {
    let n = 0;
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: 'byStatus',
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': `STATUS#${status}` },
          Select: 'COUNT',
          ...(start && { ExclusiveStartKey: start }),
        }),
      );
      n += out.Count ?? 0;
      start = out.LastEvaluatedKey;
    } while (start);
    return n;
  }
}

export async function countByStatus(counter: StatusCounter): Promise<Record<TicketStatus, number>> {
  const counts = await Promise.all(TICKET_STATUSES.map(async (s) => [s, await counter.count(s)] as const));
  return Object.fromEntries(counts) as Record<TicketStatus, number>;
}
