// The operators' commands against DynamoDB Local (and s3rver for large outbound MIME), the way
// an operator runs them beside `npm start`: endpoint and table from options/env.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { Command } from 'commander';
import { registerRepliesCommand } from '../../../cli/commands/replies.ts';
import { registerTicketsCommand } from '../../../cli/commands/tickets.ts';
import { createAwsClients, destroyAwsClients, type AwsClients } from '../../../shared/aws-clients.ts';
import { DynamoOutbox } from '../../../shared/adapters/dynamodb/outbox.ts';
import { DynamoTicketStore } from '../../../shared/adapters/dynamodb/ticket-store.ts';
import { outboxId } from '../../../shared/tickets/model.ts';
import { createTable, startLocalStack, type LocalStack } from '../../support/local-stack.ts';
import { aMessage, anOutboxRecord, aTicket } from '../../unit/pipeline/contracts/builders.ts';

const TABLE = 'tickets-cli';

async function run(args: string[]): Promise<{ out: string; err: string; code: number }> {
  let out = '';
  let err = '';
  const program = new Command('triage').exitOverride().configureOutput({ writeOut: (s) => (out += s), writeErr: (s) => (err += s) });
  registerTicketsCommand(program);
  registerRepliesCommand(program);
  try {
    await program.parseAsync(['node', 'triage', ...args]);
    return { out, err, code: 0 };
  } catch (error) {
    return { out, err, code: (error as { exitCode?: number }).exitCode ?? 1 };
  }
}

describe('triage tickets / triage replies', () => {
  let stack: LocalStack;
  let clients: AwsClients;
  const ids: string[] = [];

  beforeAll(async () => {
    stack = await startLocalStack();
    Object.assign(process.env, stack.env);
    const raw = new DynamoDBClient({});
    await createTable(raw, TABLE);
    raw.destroy();
    clients = createAwsClients();
    const tickets = new DynamoTicketStore(clients.dynamo, TABLE);
    const outbox = new DynamoOutbox(clients.dynamo, TABLE);
    for (const [i, status] of (['auto-replied', 'needs-review', 'auto-replied'] as const).entries()) {
      const t = aTicket({ status, createdAt: `2026-04-0${i + 1}T10:00:00.000Z`, subject: i === 1 ? 'Evil \u001b[31mred\u001b[0m subject' : `Subject ${i}` });
      await tickets.createTicket(t, aMessage(t));
      ids.push(t.id);
    }
    const queued = await outbox.enqueue(anOutboxRecord(ids[0]!, { raw: 'Message-ID: <r1@kdp.example.com>\r\nAuto-Submitted: auto-replied\r\nIn-Reply-To: <a@b>\r\n\r\nBody text here' }));
    const claim = await outbox.claim(queued.record.id, { now: new Date(), leaseMs: 60_000 });
    if (claim.claimed) await outbox.markSent(claim.record, { sesMessageId: 'ses-123', now: new Date() });
    await outbox.enqueue(anOutboxRecord(ids[2]!, { id: outboxId(ids[2]!, 'auto') }));
  });

  afterAll(async () => {
    if (clients) destroyAwsClients(clients);
    await stack?.stop();
  });

  const where = () => ['--table', TABLE, '--endpoint', stack.endpoints.dynamodb];

  it('prints one JSON object per line with the documented fields, newest first, filtered by status', async () => {
    const all = await run(['tickets', '--json', ...where()]);
    expect(all.code).toBe(0);
    const lines = all.out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l.id)).toEqual([...ids].reverse());
    expect(Object.keys(lines[0]!)).toEqual(['id', 'messageId', 'sender', 'subject', 'category', 'status', 'confidence', 'createdAt']);
    const review = await run(['tickets', '--status', 'needs-review', '--json', ...where()]);
    expect(review.out.trim().split('\n').map((l) => (JSON.parse(l) as { id: string }).id)).toEqual([ids[1]]);
  });

  it('prints a readable table without passing escape sequences from a subject to the terminal', async () => {
    const { out, code } = await run(['tickets', ...where()]);
    expect(code).toBe(0);
    expect(out.split('\n')[0]).toMatch(/^ID\s+CREATED\s+STATUS\s+CATEGORY\s+CONF\s+SENDER\s+SUBJECT$/);
    expect(out).toContain(ids[1]);
    expect(out).not.toContain('\u001b');
  });

  it('rejects an unknown status and reports an unreachable store', async () => {
    expect((await run(['tickets', '--status', 'bogus', ...where()])).err).toMatch(/expected one of/);
    const down = await run(['tickets', '--table', TABLE, '--endpoint', 'http://127.0.0.1:9']);
    expect(down.code).toBe(1);
    expect(down.err).toMatch(/cannot list tickets/);
  });

  it('lists replies with state, SES id and the raw headers, or the whole raw MIME', async () => {
    const json = await run(['replies', '--json', ...where()]);
    const lines = json.out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ ticketId: ids[0], state: 'sent', sesMessageId: 'ses-123', recipient: 'author@example.com' });
    expect(lines[0]!.headers).toBe('Message-ID: <r1@kdp.example.com>\nAuto-Submitted: auto-replied\nIn-Reply-To: <a@b>');
    expect(lines[1]).toMatchObject({ ticketId: ids[2], state: 'pending', sesMessageId: null });
    const raw = await run(['replies', '--json', '--raw', '--ticket', ids[0]!, ...where()]);
    expect((JSON.parse(raw.out) as { raw: string }).raw).toContain('Body text here');
    const text = await run(['replies', '--state', 'sent', ...where()]);
    expect(text.out).toMatch(/TICKET\s+STATE\s+ATTEMPTS\s+RECIPIENT\s+SES MESSAGE ID/);
    expect(text.out).toContain('| Auto-Submitted: auto-replied');
    expect(text.out).not.toContain(ids[2]);
  });
});
