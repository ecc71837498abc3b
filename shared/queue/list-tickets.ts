import type { TicketQuery, TicketStore } from '../ports/ticket-store.ts';
import type { Ticket } from '../tickets/model.ts';
import type { TicketPage, TicketSummary } from './api-types.ts';
import type { ListTicketsQuery } from './requests.ts';

/** A cursor the caller sent that this API did not issue (or issued for other filters). */
export class BadCursorError extends Error {
  override readonly name = 'BadCursorError';
}

export function toSummary(t: Ticket): TicketSummary {
  return {
    id: t.id,
    status: t.status,
    category: t.category,
    machineCategory: t.machineCategory,
    overridden: t.category !== t.machineCategory,
    secondary: t.secondary,
    confidence: t.confidence,
    language: t.language,
    sender: t.sender,
    subject: t.subject,
    receivedAt: t.createdAt,
    updatedAt: t.updatedAt,
    assignee: t.assignee,
    version: t.version,
  };
}

function storeQuery(q: ListTicketsQuery): TicketQuery {
  return {
    ...(q.status !== undefined && { status: q.status }),
    ...(q.category !== undefined && { category: q.category }),
    ...(q.language !== undefined && { language: q.language }),
    ...(q.sender !== undefined && { sender: q.sender }),
    ...(q.minConfidence !== undefined && { minConfidence: q.minConfidence }),
    ...(q.maxConfidence !== undefined && { maxConfidence: q.maxConfidence }),
    ...(q.from !== undefined && { since: new Date(q.from).toISOString() }),
    ...(q.to !== undefined && { until: new Date(q.to).toISOString() }),
    order: q.order,
  };
}

/** Free-text search: every word must occur in the subject, sender, sender's name or id. */
export function matchesSearch(t: Ticket, q: string): boolean {
  const hay = `${t.subject}\n${t.sender}\n${t.senderName}\n${t.id}`.toLowerCase();
  return q
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => hay.includes(word));
}

/** Store pages read per search step, and the most tickets one search request looks through. */
const SEARCH_PAGE = 200;
const SEARCH_BUDGET = 2_000;

interface SearchCursor {
  /** The store cursor of the page being read (null = first page)… */
  s: string | null;
  /** …and how many of its tickets were already looked at. */
  k: number;
}

function encodeSearchCursor(c: SearchCursor): string {
  return Buffer.from(JSON.stringify(c), 'utf8').toString('base64url');
}

function decodeSearchCursor(raw: string): SearchCursor {
  try {
    const c = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as SearchCursor;
    if ((c.s === null || typeof c.s === 'string') && Number.isInteger(c.k) && c.k >= 0) return c;
  } catch {
    // fall through
  }
  throw new BadCursorError('cursor is not one this API issued');
}

/**
 * The queue: one page of tickets matching the filters. The store applies the filters through
 * its indexes; a search (`q`) reads the filtered tickets page by page and keeps the matches,
 * with a cursor that remembers the position inside a store page. A search stops after
 * SEARCH_BUDGET tickets and may return a short page with a cursor to continue.
 */
export async function listQueue(store: TicketStore, q: ListTicketsQuery): Promise<TicketPage> {
  const base = storeQuery(q);
  if (q.q === undefined) {
    const page = await store.listTickets({ ...base, limit: q.limit, cursor: q.cursor ?? null });
    return { items: page.items.map(toSummary), nextCursor: page.cursor };
  }
  let at: SearchCursor = q.cursor ? decodeSearchCursor(q.cursor) : { s: null, k: 0 };
  const found: Ticket[] = [];
  let scanned = 0;
  for (;;) {
    const page = await store.listTickets({ ...base, limit: SEARCH_PAGE, cursor: at.s });
    for (let i = at.k; i < page.items.length; i++) {
      scanned++;
      const t = page.items[i]!;
      if (!matchesSearch(t, q.q)) continue;
      found.push(t);
      if (found.length === q.limit) {
        const next: SearchCursor | null = i + 1 < page.items.length ? { s: at.s, k: i + 1 } : page.cursor ? { s: page.cursor, k: 0 } : null;
        return { items: found.map(toSummary), nextCursor: next && encodeSearchCursor(next) };
      }
    }
    if (!page.cursor) return { items: found.map(toSummary), nextCursor: null };
    at = { s: page.cursor, k: 0 };
    if (scanned >= SEARCH_BUDGET) return { items: found.map(toSummary), nextCursor: encodeSearchCursor(at) };
  }
}
