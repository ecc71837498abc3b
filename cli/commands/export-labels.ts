import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { InvalidArgumentError, type Command } from 'commander';
import { DynamoTicketStore } from '../../shared/adapters/dynamodb/ticket-store.ts';
import type { TicketStore } from '../../shared/ports/ticket-store.ts';
import { exportLabels } from '../../shared/queue/labels.ts';
import { readLocalConfig } from '../../local/config.ts';

function parseSince(value: string): Date {
  const date = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(date.getTime())) {
    throw new InvalidArgumentError('expected a date (YYYY-MM-DD) or an ISO 8601 time.');
  }
  return date;
}

interface ExportOptions {
  since?: Date;
  table: string;
  endpoint?: string;
  aws?: boolean;
}

/**
 * The store the command reads: the deployed table with `--aws` (credentials and region from
 * the usual AWS variables), otherwise DynamoDB at `--endpoint`, $AWS_ENDPOINT_URL_DYNAMODB or
 * the one `npm start` runs.
 */
function openStore(opts: ExportOptions): { store: TicketStore; close(): void } {
  const local = readLocalConfig();
  const endpoint = opts.aws ? undefined : (opts.endpoint ?? process.env.AWS_ENDPOINT_URL_DYNAMODB ?? `http://127.0.0.1:${local.DYNAMODB_PORT}`);
  const client = new DynamoDBClient(
    endpoint === undefined
      ? {}
      : {
          endpoint,
          region: process.env.AWS_REGION ?? 'us-east-1',
          credentials: { accessKeyId: process.env.AWS_ACCESS_KEY_ID ?? 'local', secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY ?? 'local' },
        },
  );
  const doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  return { store: new DynamoTicketStore(doc, opts.table), close: () => doc.destroy() };
}

/**
 * Adds `triage export-labels [--since DATE]`: agents' category overrides as labels.jsonl lines
 * (`{"file","category","secondary","autoReply","notes"}`, the evaluation sets' format), so
 * corrections become evaluation and training data. `file` is the raw message's S3 key.
 */
export function registerExportLabelsCommand(program: Command, options: { openStore?: (opts: ExportOptions) => { store: TicketStore; close(): void } } = {}): Command {
  return program
    .command('export-labels')
    .description("print agents' category overrides as labels.jsonl lines (one JSON object per line)")
    .option('--since <date>', 'only overrides made at or after this date/time', parseSince)
    .option('--table <name>', 'tickets table ($TABLE_NAME)', process.env.TABLE_NAME ?? readLocalConfig().TABLE_NAME)
    .option('--endpoint <url>', 'DynamoDB endpoint (default: $AWS_ENDPOINT_URL_DYNAMODB or the local one of `npm start`)')
    .option('--aws', 'read the deployed table in AWS (no local endpoint)')
    .action(async function (this: Command) {
      const opts = this.opts<ExportOptions>();
      const { store, close } = (options.openStore ?? openStore)(opts);
      try {
        let n = 0;
        for await (const line of exportLabels(store, opts.since ? { since: opts.since } : {})) {
          this.configureOutput().writeOut?.(`${JSON.stringify(line)}\n`);
          n++;
        }
        this.configureOutput().writeErr?.(`${n} label${n === 1 ? '' : 's'} exported\n`);
      } finally {
        close();
      }
    });
}
