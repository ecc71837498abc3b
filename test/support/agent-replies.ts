import { MemoryMailer } from '../../shared/adapters/memory/mailer.ts';
import { MemoryRawMailStore } from '../../shared/adapters/memory/raw-mail-store.ts';
import type { Mailer } from '../../shared/ports/mailer.ts';
import type { Outbox } from '../../shared/ports/outbox.ts';
import type { RawMailStore } from '../../shared/ports/raw-mail-store.ts';
import type { TicketStore } from '../../shared/ports/ticket-store.ts';
import { createAgentReplies } from '../../shared/queue/agent-reply.ts';

/** Agent replies over the given stores, sending through a memory mailer unless one is given. */
export function agentRepliesForTest(deps: { tickets: TicketStore; outbox: Outbox; rawMail?: RawMailStore; mailer?: Mailer }) {
  const mailer = deps.mailer ?? new MemoryMailer();
  return {
    mailer,
    replies: createAgentReplies({
      tickets: deps.tickets,
      outbox: deps.outbox,
      mailer,
      rawMail: deps.rawMail ?? new MemoryRawMailStore(),
      now: () => new Date(),
      leaseMs: 60_000,
      from: { address: 'support@kdp.example.com', name: 'KDP Support' },
      messageIdDomain: 'kdp.example.com',
      bucket: 'raw',
      maxStoredTextBytes: 32_768,
    }),
  };
}
