import type { TicketPatch, TicketStore } from '../ports/ticket-store.ts';
import { ConflictError, NotFoundError } from '../ports/errors.ts';
import type { NewTicketEvent, Ticket } from '../tickets/model.ts';
import type { PatchTicketBody } from './requests.ts';

/**
 * The patch and audit events for an agent's change, against the ticket as it stands. Fields
 * that would not change are left out (no empty events); a category different from the
 * machine's is an override, which is what `export-labels` later reads back as a labelled
 * example. Pure, so it is unit-tested.
 */
export function planAgentChange(ticket: Ticket, change: PatchTicketBody, actor: string): { patch: TicketPatch; events: NewTicketEvent[] } {
  const patch: TicketPatch = {};
  const events: NewTicketEvent[] = [];
  if (change.category !== undefined && change.category !== ticket.category) {
    patch.category = change.category;
    events.push({
      actor,
      type: 'category-changed',
      before: ticket.category,
      after: change.category,
      note: change.category === ticket.machineCategory ? 'back to the machine category' : `override of machine category ${ticket.machineCategory}`,
    });
  }
  if (change.status !== undefined && change.status !== ticket.status) {
    patch.status = change.status;
    events.push({ actor, type: 'status-changed', before: ticket.status, after: change.status, note: null });
  }
  if (change.assignee !== undefined && change.assignee !== ticket.assignee) {
    patch.assignee = change.assignee;
    events.push({ actor, type: 'assigned', before: ticket.assignee, after: change.assignee, note: null });
  }
  if (change.note !== undefined) {
    events.push({ actor, type: 'note', before: null, after: null, note: change.note });
  }
  return { patch, events };
}

/**
 * Applies an agent's change if the ticket is still at `expectedVersion` (the store raises
 * ConflictError otherwise: two agents cannot overwrite each other silently). A change that
 * changes nothing still checks the version and returns the ticket untouched.
 */
export async function applyAgentChange(
  store: TicketStore,
  input: { id: string; expectedVersion: number; change: PatchTicketBody; actor: string },
): Promise<Ticket> {
  const ticket = await store.getTicket(input.id);
  if (!ticket) throw new NotFoundError(`ticket ${input.id} not found`);
  const { patch, events } = planAgentChange(ticket, input.change, input.actor);
  if (events.length === 0) {
    if (ticket.version !== input.expectedVersion) {
      throw new ConflictError(`ticket ${input.id} is at version ${ticket.version}, not ${input.expectedVersion}`, { version: ticket.version });
    }
    return ticket;
  }
  return store.updateTicket(input.id, input.expectedVersion, patch, events);
}
