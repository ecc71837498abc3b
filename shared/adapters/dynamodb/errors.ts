import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';

/** Cancellation codes of a cancelled transaction, one per item in order ('None' for fine ones). */
export function cancellationCodes(error: unknown): string[] | null {
  if (error instanceof TransactionCanceledException || (error as { name?: string })?.name === 'TransactionCanceledException') {
    return ((error as TransactionCanceledException).CancellationReasons ?? []).map((r) => r.Code ?? 'None');
  }
  return null;
}

/**
 * The string attributes of the item a cancelled transaction returned for position `index`
 * (ReturnValuesOnConditionCheckFailure ALL_OLD; errors are not unmarshalled by the document
 * client); null when the service sent none.
 */
export function cancellationItem(error: unknown, index: number): Record<string, string> | null {
  const item = (error as TransactionCanceledException).CancellationReasons?.[index]?.Item;
  if (!item) return null;
  return Object.fromEntries(Object.entries(item).flatMap(([name, value]) => (value.S === undefined ? [] : [[name, value.S]])));
}

export function isConditionFailure(error: unknown): boolean {
  return error instanceof ConditionalCheckFailedException || (error as { name?: string })?.name === 'ConditionalCheckFailedException';
}

/** Transactions touching the same items at once are cancelled with TransactionConflict: retry them. */
export function isTransactionConflict(codes: string[] | null): boolean {
  return codes !== null && codes.includes('TransactionConflict');
}

export async function backoff(attempt: number): Promise<void> {
  const ms = Math.min(20 * 2 ** attempt, 400) * (0.5 + Math.random());
  await new Promise((r) => setTimeout(r, ms));
}
