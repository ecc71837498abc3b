/**
 * The single-table design of the tickets table: one definition used by the CDK stack
 * (infra/) and by the local runner and tests that create the table in DynamoDB Local.
 *
 * Base table: `pk`/`sk` (strings). Global secondary indexes, all projecting ALL attributes,
 * each keyed by a string partition and a sort key of `<ISO time>#<id>` so queries come back in
 * time order (ScanIndexForward=false for newest first):
 * - `byStatus`   gsi1pk = `STATUS#<status>`      — the agents' queue by status and time
 * - `byCategory` gsi2pk = `CATEGORY#<category>`  — by category
 * - `bySender`   gsi3pk = `SENDER#<address>`     — a customer's history, reply-rate checks
 * - `byTime`     gsi4pk = `TICKETS` / `OUTBOX#<state>` — every ticket by time; outbox by state
 * `expiresAt` (epoch seconds) is the TTL attribute, for items that may age out (dedup markers).
 */
export const TABLE_DESIGN = {
  partitionKey: 'pk',
  sortKey: 'sk',
  ttlAttribute: 'expiresAt',
  indexes: [
    { name: 'byStatus', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    { name: 'byCategory', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
    { name: 'bySender', partitionKey: 'gsi3pk', sortKey: 'gsi3sk' },
    { name: 'byTime', partitionKey: 'gsi4pk', sortKey: 'gsi4sk' },
  ],
} as const;

export type IndexName = (typeof TABLE_DESIGN.indexes)[number]['name'];
