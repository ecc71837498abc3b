import type { TicketStore } from '../ports/ticket-store.ts';
import type { Ticket, TicketEvent } from '../tickets/model.ts';
import type { Category } from '../taxonomy.ts';
import { isOverridden } from './stats.ts';

/** One line of `labels.jsonl`, the evaluation sets' format (see eval/dev/README.md). */
export interface LabelLine {
  /** Where the raw message is (the S3 key), standing in for the corpus file name. */
  file: string;
  category: Category;
  secondary: Category[];
  /** Whether the article would have been the right answer: never for `other` or machine mail. */
  autoReply: boolean;
  notes: string;
}

/**
 * An agent's override as a labelled example: the agent's category is the label, the
 * machine's guess and who corrected it when go into the notes. Null when the ticket's current
 * category is the machine's (no override stands). Pure.
 */
export function labelFromOverride(ticket: Ticket, events: readonly TicketEvent[]): LabelLine | null {
  if (!isOverridden(ticket)) return null;
  const last = standingOverride(ticket, events);
  const agentNotes = events.filter((e) => e.type === 'note' && e.note).map((e) => e.note!.replace(/\s+/g, ' ').trim());
  return {
    file: ticket.raw.key,
    category: ticket.category,
    secondary: ticket.secondary.filter((c) => c !== ticket.category),
    autoReply: ticket.category !== 'other' && !ticket.automated,
    notes: [
      `ticket ${ticket.id}: agent override ${ticket.machineCategory} → ${ticket.category}`,
      last ? `by ${last.actor} at ${last.at}` : null,
      `machine confidence ${ticket.confidence.toFixed(2)}`,
      ...agentNotes.map((n) => `note: ${n}`),
    ]
      .filter(Boolean)
      .join('; '),
  };
}

/** The event of the override that stands: the last category change to the current category. */
function standingOverride(ticket: Ticket, events: readonly TicketEvent[]): TicketEvent | undefined {
  return [...events].reverse().find((e) => e.type === 'category-changed' && e.after === ticket.category);
}

/**
 * Every standing override (made at or after `since`, when given), oldest ticket first, as
 * label lines. Reads all tickets through the time index; only tickets updated since `since`
 * can carry a newer override, so only their events are read.
 */
export async function* exportLabels(store: TicketStore, options: { since?: Date } = {}): AsyncGenerator<LabelLine> {
  const since = options.since?.toISOString();
  let cursor: string | null = null;
  do {
    const page = await store.listTickets({ order: 'oldest', limit: 500, cursor });
    for (const ticket of page.items) {
      if (!isOverridden(ticket) || (since !== undefined && ticket.updatedAt < since)) continue;
      const events = await store.listEvents(ticket.id);
      const at = standingOverride(ticket, events)?.at;
      if (since !== undefined && (at === undefined || at < since)) continue;
      const line = labelFromOverride(ticket, events);
      if (line) yield line;
    }
    cursor = page.cursor;
  } while (cursor);
}
