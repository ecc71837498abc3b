import { InvalidArgumentError, type Command } from 'commander';
import { OUTBOX_STATES, type OutboxRecord, type OutboxState } from '../../shared/tickets/model.ts';
import { describeStoreError, openStores, parseLimit, printable, table, withStoreOptions, type StoreOptions, type Stores } from './tickets.ts';

interface RepliesOptions extends StoreOptions {
  state?: OutboxState;
  ticket?: string;
  limit: number;
  json?: boolean;
  raw?: boolean;
}

function parseState(value: string): OutboxState {
  if (!(OUTBOX_STATES as readonly string[]).includes(value)) throw new InvalidArgumentError(`expected one of ${OUTBOX_STATES.join(', ')}.`);
  return value as OutboxState;
}

/** The header block of a raw MIME message (up to the first empty line), unfolded lines kept as sent. */
export function headerBlock(raw: string): string {
  const end = raw.search(/\r?\n\r?\n/);
  return (end < 0 ? raw : raw.slice(0, end)).replace(/\r\n/g, '\n');
}

/**
 * Adds `triage replies [--state S] [--ticket ID] [--limit N] [--json] [--raw]`: the outbox —
 * every reply queued or sent, oldest first, with its ticket, recipient, delivery state, SES
 * MessageId and the MIME headers actually sent (the whole message with `--raw`). This is where
 * to check the RFC 3834 headers locally: aws-ses-v2-local drops custom headers.
 */
export function registerRepliesCommand(program: Command, options: { openStores?: (opts: StoreOptions) => Stores } = {}): Command {
  return withStoreOptions(
    program
      .command('replies')
      .description('list outbox records (replies queued or sent) with their raw MIME headers')
      .option('--state <state>', `only this state (${OUTBOX_STATES.join(', ')})`, parseState)
      .option('--ticket <id>', "only this ticket's replies")
      .option('--limit <n>', 'at most this many', parseLimit, 100)
      .option('--json', 'one JSON object per line: id, ticketId, kind, recipient, state, attempts, sesMessageId, messageId, createdAt, sentAt, lastError, headers (or raw)')
      .option('--raw', 'the whole raw MIME instead of its headers'),
  ).action(async function (this: Command) {
    const opts = this.opts<RepliesOptions>();
    const out = (text: string) => this.configureOutput().writeOut?.(text);
    const stores = (options.openStores ?? openStores)(opts);
    try {
      let records: OutboxRecord[];
      if (opts.ticket) {
        records = (await stores.outbox.listForTicket(opts.ticket)).filter((r) => !opts.state || r.state === opts.state);
      } else {
        records = [];
        for (const state of opts.state ? [opts.state] : OUTBOX_STATES) {
          let cursor: string | null = null;
          do {
            const page = await stores.outbox.listByState(state, { limit: 500, cursor });
            records.push(...page.items);
            cursor = page.cursor;
          } while (cursor !== null && records.length < opts.limit * OUTBOX_STATES.length);
        }
        records.sort((a, b) => (a.createdAt + a.id < b.createdAt + b.id ? -1 : 1));
      }
      records = records.slice(-opts.limit);
      const mime = async (r: OutboxRecord) => r.raw ?? (r.rawLocation ? new TextDecoder().decode(await stores.rawMail.get(r.rawLocation)) : '');
      if (opts.json) {
        for (const r of records) {
          const raw = await mime(r);
          out(
            JSON.stringify({
              id: r.id,
              ticketId: r.ticketId,
              kind: r.kind,
              recipient: r.recipient,
              state: r.state,
              attempts: r.attempts,
              sesMessageId: r.sesMessageId,
              messageId: r.messageId,
              createdAt: r.createdAt,
              sentAt: r.sentAt,
              lastError: r.lastError,
              ...(opts.raw ? { raw } : { headers: headerBlock(raw) }),
            }) + '\n',
          );
        }
        return;
      }
      if (records.length === 0) {
        out('no replies\n');
        return;
      }
      for (const r of records) {
        out(
          table(
            ['TICKET', 'STATE', 'ATTEMPTS', 'RECIPIENT', 'SES MESSAGE ID', 'CREATED'],
            [[r.ticketId, r.state, String(r.attempts), printable(r.recipient, 60), r.sesMessageId ?? '-', r.createdAt.slice(0, 19).replace('T', ' ')]],
          ),
        );
        if (r.lastError) out(`  last error: ${printable(r.lastError, 200)}\n`);
        const raw = await mime(r);
        const shown = opts.raw ? raw.replace(/\r\n/g, '\n') : headerBlock(raw);
        out(shown.split('\n').map((l) => `  | ${l}`).join('\n') + '\n\n');
      }
    } catch (error) {
      this.error(`error: cannot list replies from table ${opts.table}: ${describeStoreError(error)}`, { code: 'triage.storeFailed', exitCode: 1 });
    } finally {
      stores.close();
    }
  });
}
