import { CATEGORIES, LANGUAGES } from '../../shared/taxonomy.ts';
import type { RawMailStore } from '../../shared/ports/raw-mail-store.ts';
import type { TicketStore } from '../../shared/ports/ticket-store.ts';
import { isTicketId, TICKET_STATUSES } from '../../shared/tickets/model.ts';
import type { Me, TicketDetail } from '../../shared/queue/api-types.ts';
import type { AgentReplies } from '../../shared/queue/agent-reply.ts';
import { readAttachment } from '../../shared/queue/attachment.ts';
import { listQueue } from '../../shared/queue/list-tickets.ts';
import { countByStatus, type StatusCounter } from '../../shared/queue/status-counts.ts';
import { ListTicketsQuerySchema, PatchTicketBodySchema, ReplyBodySchema, StatsQuerySchema, VersionHeaderSchema } from '../../shared/queue/requests.ts';
import { loadStats } from '../../shared/queue/stats.ts';
import { getTicketDetail } from '../../shared/queue/ticket-view.ts';
import { applyAgentChange } from '../../shared/queue/update-ticket.ts';
import { HttpError, json } from './errors.ts';
import { Router } from './router.ts';

export interface RouteDeps {
  tickets: TicketStore;
  rawMail: RawMailStore;
  replies: AgentReplies;
  counter: StatusCounter;
  now: () => Date;
}

function ticketId(params: Record<string, string>): string {
  const id = params.id ?? '';
  // Not a ticket id cannot be a ticket: 404 without touching the store.
  if (!isTicketId(id)) throw new HttpError('not_found', 'no such ticket');
  return id;
}

async function detailOrNotFound(deps: RouteDeps, id: string): Promise<TicketDetail> {
  const detail = await getTicketDetail({ tickets: deps.tickets, rawMail: deps.rawMail }, id);
  if (!detail) throw new HttpError('not_found', 'no such ticket');
  return detail;
}

/** Lambda responses are capped at 6 MB; base64 grows a file by a third. */
const MAX_DOWNLOAD_BYTES = 4 * 1024 * 1024;

/** A filename safe inside a quoted header parameter (the exact name goes in `filename*`). */
function asciiName(name: string): string {
  return name.replace(/[^\x20-\x7e]|["\\]/g, '_').slice(0, 200) || 'attachment';
}

/** The ETag is the version: what `If-Match` must send back on PATCH. */
const withEtag = (status: number, detail: TicketDetail) => json(status, detail, { etag: `"${detail.version}"` });

/** The agents' API routes (paths as API Gateway passes them, without a stage or `/api` prefix). */
export function agentRoutes(deps: RouteDeps): Router {
  return new Router()
    .on('GET', '/me', async ({ agent }) =>
      json(200, {
        agent: agent.id,
        groups: agent.groups,
        vocabulary: { statuses: [...TICKET_STATUSES], categories: [...CATEGORIES], languages: [...LANGUAGES] },
      } satisfies Me),
    )
    .on('GET', '/tickets', async ({ query }) => json(200, await listQueue(deps.tickets, ListTicketsQuerySchema.parse(query))))
    .on('GET', '/tickets/counts', async () => json(200, { counts: await countByStatus(deps.counter) }))
    .on('GET', '/tickets/:id', async ({ params }) => withEtag(200, await detailOrNotFound(deps, ticketId(params))))
    .on('PATCH', '/tickets/:id', async ({ params, headers, body, agent }) => {
      const id = ticketId(params);
      const change = PatchTicketBodySchema.parse(body ?? {});
      const ifMatch = headers['if-match'];
      if (ifMatch === undefined) throw new HttpError('precondition_required', 'send If-Match with the version you read');
      const expectedVersion = VersionHeaderSchema.parse(ifMatch);
      await applyAgentChange(deps.tickets, { id, expectedVersion, change, actor: agent.id });
      return withEtag(200, await detailOrNotFound(deps, id));
    })
    .on('POST', '/tickets/:id/reply', async ({ params, body, agent }) => {
      const id = ticketId(params);
      const reply = ReplyBodySchema.parse(body ?? {});
      await deps.replies.send({ ticketId: id, reply, actor: agent.id, now: deps.now() });
      return withEtag(201, await detailOrNotFound(deps, id));
    })
    .on('GET', '/tickets/:id/attachments/:index', async ({ params }) => {
      const id = ticketId(params);
      const index = /^\d{1,4}$/.test(params.index ?? '') ? Number(params.index) : NaN;
      if (Number.isNaN(index)) throw new HttpError('not_found', 'no such attachment');
      const file = await readAttachment(deps, id, index);
      if (file.content.byteLength > MAX_DOWNLOAD_BYTES) {
        throw new HttpError('payload_too_large', 'this attachment is too large to download through the API; it is kept in the raw message');
      }
      return {
        statusCode: 200,
        isBase64Encoded: true,
        headers: {
          // Always a download, never rendered by the browser: customer files are hostile.
          'content-type': 'application/octet-stream',
          'content-disposition': `attachment; filename="${asciiName(file.filename)}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
          'x-content-type-options': 'nosniff',
          'content-security-policy': "default-src 'none'; sandbox",
          'cache-control': 'no-store',
          'x-attachment-type': file.mimeType.replace(/[^\w.+/-]/g, ''),
        },
        body: Buffer.from(file.content).toString('base64'),
      };
    })
    .on('GET', '/stats', async ({ query }) => json(200, await loadStats(deps.tickets, StatsQuerySchema.parse(query).window, deps.now())));
}
