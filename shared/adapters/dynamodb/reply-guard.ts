import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ReplyGuard, ReplyGuardResult } from '../../ports/reply-guard.ts';
import { isConditionFailure } from './errors.ts';
import { keys } from './keys.ts';

/**
 * The per-sender auto-reply window as one item per sender (`REPLYGUARD#<address>`), taken with
 * a conditional put: absent or expired. The item ages out through the TTL a day after the
 * window ends.
 */
export class DynamoReplyGuard implements ReplyGuard {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async acquire(sender: string, { holder, now, windowHours }: { holder: string; now: Date; windowHours: number }): Promise<ReplyGuardResult> {
    const address = sender.toLowerCase();
    const until = new Date(now.getTime() + windowHours * 3_600_000);
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...keys.replyGuard(address),
            itemType: 'reply-guard',
            sender: address,
            holder,
            until: until.toISOString(),
            expiresAt: Math.ceil(until.getTime() / 1000) + 86_400,
          },
          ConditionExpression: 'attribute_not_exists(pk) OR #until <= :now',
          ExpressionAttributeNames: { '#until': 'until' },
          ExpressionAttributeValues: { ':now': now.toISOString() },
        }),
      );
      return { acquired: true, holder, until: until.toISOString() };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const out = await this.client.send(
        new GetCommand({ TableName: this.tableName, Key: keys.replyGuard(address), ConsistentRead: true }),
      );
      const current = { holder: String(out.Item?.holder), until: String(out.Item?.until) };
      // The holder itself, retried (a redelivered message), keeps its window.
      return { acquired: current.holder === holder, ...current };
    }
  }
}
