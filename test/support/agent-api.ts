import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { NewTicket, NewTicketMessage, TicketStore } from '../../shared/ports/ticket-store.ts';
import { CATEGORIES, LANGUAGES, type Category } from '../../shared/taxonomy.ts';
import { newItemId, newTicketId, TICKET_STATUSES, type TicketStatus } from '../../shared/tickets/model.ts';
import { seeded } from './seeded-random.ts';

/**
 * Helpers for the agents' API tests: API Gateway v2 events as the HTTP API sends them, and a
 * seeded spread of tickets (every status, category and language, confidences 0–1).
 */
export function apiEvent(
  method: string,
  path: string,
  options: { query?: Record<string, string>; body?: unknown; headers?: Record<string, string>; claims?: Record<string, unknown> } = {},
): APIGatewayProxyEventV2 {
  const query = options.query ?? {};
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: new URLSearchParams(query).toString(),
    headers: { 'content-type': 'application/json', ...options.headers },
    ...(Object.keys(query).length > 0 && { queryStringParameters: query }),
    requestContext: {
      accountId: '123456789012',
      apiId: 'api',
      domainName: 'api.example.com',
      domainPrefix: 'api',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'test' },
      requestId: newItemId(),
      routeKey: '$default',
      stage: '$default',
      time: new Date().toUTCString(),
      timeEpoch: Date.now(),
      ...(options.claims && { authorizer: { jwt: { claims: options.claims, scopes: ['kdp-triage/agent'] } } }),
    } as APIGatewayProxyEventV2['requestContext'],
    ...(options.body !== undefined && { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) }),
    isBase64Encoded: false,
  };
}

export function bodyOf<T = any>(res: APIGatewayProxyStructuredResultV2): T {
  return JSON.parse(res.body ?? 'null') as T;
}


export interface SeedOptions {
  count: number;
  /** Newest ticket's time; the others go back one `spacingMs` each. */
  newest?: Date;
  spacingMs?: number;
  seed?: number;
  rawBucket?: string;
}

/** A ticket and its first message, as the pipeline stores them. */
export function ticketFixture(i: number, rnd: () => number, at: Date, rawBucket = 'raw'): { ticket: NewTicket; message: NewTicketMessage } {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const category: Category = pick(CATEGORIES);
  const status: TicketStatus = pick(TICKET_STATUSES);
  const sender = `author${i % 37}@example.com`;
  const createdAt = at.toISOString();
  const subject = `${pick(['Cannot sign in', 'Password reset loop', 'Bookshelf is empty', 'Error 404 after login', 'Two-step code never arrives'])} #${i}`;
  const messageId = `m${i}-${newItemId(at)}@mail.example.com`;
  const text = `Hello, I forgot my password and the reset mail never came (${i}).`;
  const ticket: NewTicket = {
    id: newTicketId(at),
    createdAt,
    sender,
    senderName: `Author ${i % 37}`,
    subject,
    messageId,
    category,
    machineCategory: category,
    secondary: [],
    confidence: Math.round(rnd() * 100) / 100,
    evidence: [{ phrase: 'forgot my password', category, source: 'own', weight: 2 }],
    language: pick(LANGUAGES),
    automated: false,
    reasons: status === 'auto-replied' ? [{ code: 'article-match', detail: category }] : [{ code: 'low-confidence', detail: 'below threshold' }],
    status,
    assignee: null,
    raw: { bucket: rawBucket, key: `inbound/${messageId}` },
    verdicts: { spam: 'PASS', virus: 'PASS', spf: 'PASS', dkim: 'PASS', dmarc: 'PASS', dmarcPolicy: null },
    customerText: { text, truncated: false, originalBytes: text.length },
    attachments: [],
  };
  const message: NewTicketMessage = {
    id: newItemId(at),
    direction: 'inbound',
    messageId,
    at: createdAt,
    from: sender,
    to: ['support@kdp.example.com'],
    subject,
    text: { text, truncated: false, originalBytes: text.length },
    automated: false,
    attachments: [],
    raw: ticket.raw,
    verdicts: ticket.verdicts,
    outboxId: null,
    category: null,
    confidence: null,
  };
  return { ticket, message };
}

/** Creates `count` tickets, `concurrency` at a time; returns them newest first. */
export async function seedTickets(store: TicketStore, options: SeedOptions): Promise<NewTicket[]> {
  const rnd = seeded(options.seed ?? 42);
  const newest = (options.newest ?? new Date()).getTime();
  const spacing = options.spacingMs ?? 60_000;
  const fixtures = Array.from({ length: options.count }, (_, i) => ticketFixture(i, rnd, new Date(newest - i * spacing), options.rawBucket));
  for (let i = 0; i < fixtures.length; i += 25) {
    await Promise.all(fixtures.slice(i, i + 25).map((f) => store.createTicket(f.ticket, f.message)));
  }
  return fixtures.map((f) => f.ticket);
}

/** A plain customer email (RFC 5322, CRLF), as a mail client would send it. */
export function customerEmail(options: { from: string; name: string; subject: string; text: string; messageId: string; to?: string; date?: Date }): string {
  return [
    `From: ${options.name} <${options.from}>`,
    `To: ${options.to ?? 'support@kdp.example.com'}`,
    `Subject: ${options.subject}`,
    `Message-ID: <${options.messageId}>`,
    `Date: ${(options.date ?? new Date()).toUTCString().replace('GMT', '+0000')}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    ...options.text.split('\n'),
    '',
  ].join('\r\n');
}

export { seeded };
