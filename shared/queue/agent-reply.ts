import { renderArticle } from '../articles/index.ts';
import { NotFoundError } from '../ports/errors.ts';
import { deliverReply, queueReply, type DeliveryResult, type ReplyDeps } from '../pipeline/deliver-reply.ts';
import { composeReply, type ReplyBody } from '../reply/compose-reply.ts';
import type { AgentReplyBody } from './requests.ts';

export interface AgentReplyInput {
  ticketId: string;
  reply: AgentReplyBody;
  actor: string;
  now: Date;
}

/** Sends an agent's reply to a ticket's customer. */
export interface AgentReplies {
  send(input: AgentReplyInput): Promise<DeliveryResult>;
}

export interface AgentReplyDeps extends ReplyDeps {
  from: { address: string; name: string };
  messageIdDomain: string;
  /** Where MIME too large for an item is kept. */
  bucket: string;
  maxStoredTextBytes: number;
}

/**
 * An agent's reply leaves the way the auto-reply does — the pipeline's `queueReply` (outbox
 * record + thread) and `deliverReply` (claim, send, record) — composed as a person's reply
 * (no RFC 3834 auto headers). The outbox id and the Message-ID derive from the request's
 * idempotency key: the same request again finds the same record and sends nothing twice.
 */
export function createAgentReplies(deps: AgentReplyDeps): AgentReplies {
  return {
    async send({ ticketId, reply, actor, now }) {
      const thread = await deps.tickets.getThread(ticketId);
      if (!thread) throw new NotFoundError(`ticket ${ticketId} not found`);
      const { ticket, messages } = thread;
      const lastInbound = [...messages].reverse().find((m) => m.direction === 'inbound');
      const body: ReplyBody =
        'article' in reply
          ? renderArticle(reply.article, { language: ticket.language, customerName: ticket.senderName, ticketId })
          : { text: reply.text };
      const composed = await composeReply({
        from: deps.from,
        to: { address: ticket.sender, name: ticket.senderName },
        inReplyTo: lastInbound?.messageId ?? ticket.messageId,
        references: messages.map((m) => m.messageId),
        originalSubject: ticket.subject,
        ticketId,
        body,
        automatic: false,
        messageIdDomain: deps.messageIdDomain,
        date: now,
        messageIdToken: reply.idempotencyKey.replace(/-/g, '').padEnd(8, '0'),
      });
      const record = await queueReply(deps, {
        ticketId,
        kind: 'agent-reply',
        suffix: `agent-${reply.idempotencyKey}`,
        composed,
        from: deps.from.address,
        text: body.text,
        requestedBy: actor,
        bucket: deps.bucket,
        maxStoredTextBytes: deps.maxStoredTextBytes,
      });
      return deliverReply(deps, record.id);
    },
  };
}
