import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { InvalidArgumentError, type Command } from 'commander';
import { DynamoOutbox } from '../../shared/adapters/dynamodb/outbox.ts';
import { DynamoTicketStore } from '../../shared/adapters/dynamodb/ticket-store.ts';
import { S3RawMailStore } from '../../shared/adapters/s3-raw-mail-store.ts';
import type { Outbox } from '../../shared/ports/outbox.ts';
import type { RawMailStore } from '../../shared/ports/raw-mail-store.ts';
import type { TicketStore } from '../../shared/ports/ticket-store.ts';
import { TICKET_STATUSES, type Ticket, type TicketStatus } from '../../shared/tickets/model.ts';
import { CATEGORIES, type Category } from '../../shared/taxonomy.ts';
import { readLocalConfig } from '../../local/config.ts';

/** Where the operators' commands read: the deployed table (`--aws`) or a local/explicit endpoint. */
export interface StoreOptions {
  table: string;
  endpoint?: string;
  aws?: boolean;
}

export interface Stores {
  tickets: TicketStore;
  outbox: Outbox;
  rawMail: RawMailStore;
  close(): void;
}

/**
 * The stores over DynamoDB (and S3 for large outbound MIME): in AWS with `--aws` (credentials
 * and region from the usual AWS variables), else at `--endpoint`, $AWS_ENDPOINT_URL_DYNAMODB,
 * or the ports `npm start` uses.
 */
export function openStores(opts: StoreOptions, env: NodeJS.ProcessEnv = process.env): Stores {
  const local = opts.aws ? null : readLocalConfig(env);
  const localClient = (endpoint: string) => ({
    endpoint,
    region: env.AWS_REGION ?? 'us-east-1',
    // The local stand-ins accept any key; s3rver only its own.
    credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID ?? 'S3RVER', secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? 'S3RVER' },
  });
  const dynamo = new DynamoDBClient(
    local === null ? {} : localClient(opts.endpoint ?? env.AWS_ENDPOINT_URL_DYNAMODB ?? `http://127.0.0.1:${local.DYNAMODB_PORT}`),
  );
  const s3 = new S3Client(
    local === null
      ? {}
      : { ...localClient(env.AWS_ENDPOINT_URL_S3 ?? `http://127.0.0.1:${local.S3_PORT}`), forcePathStyle: true, requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' },
  );
  const doc = DynamoDBDocumentClient.from(dynamo, { marshallOptions: { removeUndefinedValues: true } });
  return {
    tickets: new DynamoTicketStore(doc, opts.table),
    outbox: new DynamoOutbox(doc, opts.table),
    rawMail: new S3RawMailStore(s3),
    close: () => {
      doc.destroy();
      s3.destroy();
    },
  };
}

/** Adds the store options every operators' command shares. */
export function withStoreOptions(command: Command): Command {
  return command
    .option('--table <name>', 'tickets table ($TABLE_NAME, else the one `npm start` creates)', process.env.TABLE_NAME || readLocalConfig().TABLE_NAME)
    .option('--endpoint <url>', 'DynamoDB endpoint (default: $AWS_ENDPOINT_URL_DYNAMODB, else the local one of `npm start`)')
    .option('--aws', 'read the deployed table in AWS (credentials and region from the AWS environment)');
}

/** Terminal-safe text: control characters (escape sequences in a hostile subject) become spaces. */
export function printable(value: string, max: number): string {
  // eslint-disable-next-line no-control-regex
  const flat = value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** Left-aligned columns from rows of cells. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n') + '\n';
}

function parseStatus(value: string): TicketStatus {
  if (!(TICKET_STATUSES as readonly string[]).includes(value)) throw new InvalidArgumentError(`expected one of ${TICKET_STATUSES.join(', ')}.`);
  return value as TicketStatus;
}

function parseCategory(value: string): Category {
  if (!(CATEGORIES as readonly string[]).includes(value)) throw new InvalidArgumentError(`expected a category id (${CATEGORIES.join(', ')}).`);
  return value as Category;
}

export function parseLimit(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 100_000) throw new InvalidArgumentError('expected a whole number from 1 to 100000.');
  return n;
}

interface TicketsOptions extends StoreOptions {
  status?: TicketStatus;
  category?: Category;
  sender?: string;
  limit: number;
  oldest?: boolean;
  json?: boolean;
}

/** The fields `triage tickets --json` prints, one object per line. */
export function ticketLine(t: Ticket) {
  return { id: t.id, messageId: t.messageId, sender: t.sender, subject: t.subject, category: t.category, status: t.status, confidence: t.confidence, createdAt: t.createdAt };
}

/**
 * Adds `triage tickets [--status S] [--category C] [--sender ADDR] [--limit N] [--oldest] [--json]`:
 * the stored tickets, newest first — a table, or one JSON object per line with `--json`.
 */
export function registerTicketsCommand(program: Command, options: { openStores?: (opts: StoreOptions) => Stores } = {}): Command {
  return withStoreOptions(
    program
      .command('tickets')
      .description('list stored tickets (newest first), from the local stack or the deployed table')
      .option('--status <status>', `only this status (${TICKET_STATUSES.join(', ')})`, parseStatus)
      .option('--category <id>', 'only this category', parseCategory)
      .option('--sender <address>', "only this sender's tickets")
      .option('--limit <n>', 'at most this many', parseLimit, 100)
      .option('--oldest', 'oldest first')
      .option('--json', 'one JSON object per line: id, messageId, sender, subject, category, status, confidence, createdAt'),
  ).action(async function (this: Command) {
    const opts = this.opts<TicketsOptions>();
    const out = (text: string) => this.configureOutput().writeOut?.(text);
    const stores = (options.openStores ?? openStores)(opts);
    try {
      const found: Ticket[] = [];
      let cursor: string | null = null;
      do {
        const page = await stores.tickets.listTickets({
          ...(opts.status ? { status: opts.status } : {}),
          ...(opts.category ? { category: opts.category } : {}),
          ...(opts.sender ? { sender: opts.sender } : {}),
          order: opts.oldest ? 'oldest' : 'newest',
          limit: Math.min(opts.limit - found.length, 500),
          cursor,
        });
        found.push(...page.items);
        cursor = page.cursor;
      } while (cursor !== null && found.length < opts.limit);
      if (opts.json) {
        out(found.map((t) => JSON.stringify(ticketLine(t)) + '\n').join(''));
        return;
      }
      if (found.length === 0) {
        out('no tickets\n');
        return;
      }
      out(
        table(
          ['ID', 'CREATED', 'STATUS', 'CATEGORY', 'CONF', 'SENDER', 'SUBJECT'],
          found.map((t) => [t.id, t.createdAt.slice(0, 19).replace('T', ' '), t.status, t.category, t.confidence.toFixed(2), printable(t.sender, 40), printable(t.subject, 60)]),
        ),
      );
    } catch (error) {
      this.error(`error: cannot list tickets from table ${opts.table}: ${describeStoreError(error)}`, { code: 'triage.storeFailed', exitCode: 1 });
    } finally {
      stores.close();
    }
  });
}

export function describeStoreError(error: unknown): string {
  const e = error as { name?: string; message?: string; code?: string };
  if (e?.code === 'ECONNREFUSED' || /ECONNREFUSED/.test(e?.message ?? '')) return `${e.message ?? e.code} (is \`npm start\` running, or did you mean --aws?)`;
  if (e?.name === 'ResourceNotFoundException') return `${e.message} (check --table / $TABLE_NAME)`;
  return e?.message ?? String(error);
}
