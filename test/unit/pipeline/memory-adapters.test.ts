import { MemoryOutbox } from '../../../shared/adapters/memory/outbox.ts';
import { MemoryTicketStore } from '../../../shared/adapters/memory/ticket-store.ts';
import { outboxContract } from './contracts/outbox.contract.ts';
import { ticketStoreContract } from './contracts/ticket-store.contract.ts';

ticketStoreContract('memory', () => new MemoryTicketStore({ outbox: new MemoryOutbox() }));
outboxContract('memory', () => new MemoryOutbox());
