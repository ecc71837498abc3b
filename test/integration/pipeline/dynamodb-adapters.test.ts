import { afterAll, beforeAll } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createAwsClients, destroyAwsClients, type AwsClients } from '../../../shared/aws-clients.ts';
import { DynamoOutbox } from '../../../shared/adapters/dynamodb/outbox.ts';
import { DynamoTicketStore } from '../../../shared/adapters/dynamodb/ticket-store.ts';
import { createTable, startLocalStack, type LocalStack } from '../../support/local-stack.ts';
import { outboxContract } from '../../unit/pipeline/contracts/outbox.contract.ts';
import { ticketStoreContract } from '../../unit/pipeline/contracts/ticket-store.contract.ts';

// The same contract suites the in-memory adapters pass, against DynamoDB Local.
let stack: LocalStack;
let clients: AwsClients;
let tableCount = 0;

beforeAll(async () => {
  stack = await startLocalStack();
  Object.assign(process.env, stack.env);
  clients = createAwsClients();
});

afterAll(async () => {
  if (clients) destroyAwsClients(clients);
  await stack?.stop();
});

/** A fresh table per test, so list assertions see only their own items. */
async function freshTable(): Promise<string> {
  const name = `contract-${++tableCount}`;
  const raw = new DynamoDBClient({});
  try {
    await createTable(raw, name);
  } finally {
    raw.destroy();
  }
  return name;
}

ticketStoreContract('DynamoDB Local', async () => new DynamoTicketStore(clients.dynamo, await freshTable()));
outboxContract('DynamoDB Local', async () => new DynamoOutbox(clients.dynamo, await freshTable()));
