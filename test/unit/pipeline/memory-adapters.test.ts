import { MemoryOutbox } from '../../../shared/adapters/memory/outbox.ts';
import { MemoryReplyGuard } from '../../../shared/adapters/memory/reply-guard.ts';
import { MemoryTicketStore } from '../../../shared/adapters/memory/ticket-store.ts';
import { outboxContract } from './contracts/outbox.contract.ts';
import { replyGuardContract } from './contracts/reply-guard.contract.ts';
import { ticketStoreContract } from './contracts/ticket-store.contract.ts';

ticketStoreContract('memory', () => new MemoryTicketStore({ outbox: new MemoryOutbox() }));
outboxContract('memory', () => new MemoryOutbox());
replyGuardContract('memory', () => new MemoryReplyGuard());
