import { Logger } from '@aws-lambda-powertools/logger';
import { describe, expect, it } from 'vitest';
import { MemoryOutbox } from '../../../shared/adapters/memory/outbox.ts';
import { MemoryRawMailStore } from '../../../shared/adapters/memory/raw-mail-store.ts';
import { MemoryTicketStore } from '../../../shared/adapters/memory/ticket-store.ts';
import { listingStatusCounter } from '../../../shared/queue/status-counts.ts';
import { groupsOf } from '../../../functions/agent-api/auth.ts';
import { authFromEnv } from '../../../functions/agent-api/deps.ts';
import { createAgentApi } from '../../../functions/agent-api/handler.ts';
import { apiEvent, bodyOf } from '../../support/agent-api.ts';
import { agentRepliesForTest } from '../../support/agent-replies.ts';

describe('auth configuration', () => {
  it('reads Cognito mode (as the stack sets it) and token mode, and fails loudly otherwise', () => {
    expect(authFromEnv({ AUTH_MODE: 'cognito', AGENTS_GROUP: 'agents' })).toEqual({ mode: 'cognito', group: 'agents' });
    expect(authFromEnv({ AUTH_MODE: 'token', TRIAGE_LOCAL_TOKEN: 'x'.repeat(20) })).toEqual({ mode: 'token', token: 'x'.repeat(20), agent: 'local-agent' });
    expect(() => authFromEnv({})).toThrow(/AUTH_MODE/);
    expect(() => authFromEnv({ AUTH_MODE: 'token', TRIAGE_LOCAL_TOKEN: 'short' })).toThrow(/TRIAGE_LOCAL_TOKEN/);
  });

  it('reads the groups claim as API Gateway flattens it, or as an array', () => {
    expect(groupsOf('[agents admins]')).toEqual(['agents', 'admins']);
    expect(groupsOf('agents')).toEqual(['agents']);
    expect(groupsOf(['agents'])).toEqual(['agents']);
    expect(groupsOf(undefined)).toEqual([]);
  });
});

describe('unexpected errors', () => {
  it('answer 500 with a stable code and no internals, and are logged', async () => {
    const outbox = new MemoryOutbox();
    const tickets = new MemoryTicketStore({ outbox });
    tickets.listTickets = async () => {
      throw new Error('ProvisionedThroughputExceeded on arn:aws:dynamodb:eu-west-1:123456789012:table/secret-table');
    };
    const logged: unknown[] = [];
    const logger = new Logger({ serviceName: 'test', logLevel: 'SILENT' });
    logger.error = (...args: unknown[]) => void logged.push(args);
    const api = createAgentApi({
      tickets,
      rawMail: new MemoryRawMailStore(),
      counter: listingStatusCounter(tickets),
      replies: agentRepliesForTest({ tickets, outbox }).replies,
      auth: { mode: 'token', token: 'a-token-long-enough', agent: 'ada' },
      logger,
    });
    const res = await api(apiEvent('GET', '/tickets', { headers: { authorization: 'Bearer a-token-long-enough' } }));
    expect(res.statusCode).toBe(500);
    expect(bodyOf(res)).toEqual({ error: { code: 'internal', message: 'something went wrong on our side' } });
    expect(res.body).not.toMatch(/arn:|secret-table|Provisioned/);
    expect(logged).toHaveLength(1);
  });
});
