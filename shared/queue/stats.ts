import type { TicketStore } from '../ports/ticket-store.ts';
import type { Ticket, TicketReasonCode } from '../tickets/model.ts';
import type { Stats } from './api-types.ts';
import type { StatsWindow } from './requests.ts';

const WINDOW_MS: Record<StatsWindow, number> = { '24h': 24 * 3_600_000, '7d': 7 * 86_400_000 };
const BUCKET_MS: Record<StatsWindow, number> = { '24h': 3_600_000, '7d': 86_400_000 };

/** Reasons the pipeline records when it did not (or could not) send the article. */
const NO_AUTO_REPLY: ReadonlySet<TicketReasonCode> = new Set<TicketReasonCode>([
  'ses-spam',
  'ses-virus',
  'sender-not-authenticated',
  'reply-window',
  'no-return-path',
  'no-recipient',
  'reply-failed',
]);

/** The machine decided to answer with the article, and no gate of the pipeline stopped it. */
export function wasAutoReplied(t: Pick<Ticket, 'reasons'>): boolean {
  return t.reasons.some((r) => r.code === 'article-match') && !t.reasons.some((r) => NO_AUTO_REPLY.has(r.code));
}

export function isOverridden(t: Pick<Ticket, 'category' | 'machineCategory'>): boolean {
  return t.category !== t.machineCategory;
}

function inc(map: Record<string, number>, key: string): void {
  map[key] = (map[key] ?? 0) + 1;
}

/** The dashboard's figures over tickets received in the window ending at `now`. Pure. */
export function computeStats(tickets: readonly Ticket[], window: StatsWindow, now: Date): Stats {
  const to = now.getTime();
  const from = to - WINDOW_MS[window];
  const bucket = BUCKET_MS[window];
  // Whole hours/days (UTC), labelled by their start; the first and last may be partial.
  const first = Math.floor(from / bucket) * bucket;
  const series = Array.from({ length: Math.ceil((to - first) / bucket) || 1 }, (_, i) => ({
    bucket: new Date(first + i * bucket).toISOString(),
    count: 0,
  }));
  const stats: Stats = {
    window,
    from: new Date(from).toISOString(),
    to: now.toISOString(),
    total: 0,
    byCategory: {},
    byStatus: {},
    byLanguage: {},
    series,
    autoReplied: 0,
    autoReplyRate: 0,
    overridden: 0,
    overrideShare: 0,
    confusion: {},
  };
  for (const t of tickets) {
    const at = Date.parse(t.createdAt);
    if (!(at > from && at <= to)) continue;
    stats.total++;
    inc(stats.byCategory, t.category);
    inc(stats.byStatus, t.status);
    inc(stats.byLanguage, t.language);
    series[Math.min(series.length - 1, Math.floor((at - first) / bucket))]!.count++;
    if (wasAutoReplied(t)) stats.autoReplied++;
    if (isOverridden(t)) {
      stats.overridden++;
      inc((stats.confusion[t.machineCategory] ??= {}), t.category);
    }
  }
  stats.autoReplyRate = stats.total ? stats.autoReplied / stats.total : 0;
  stats.overrideShare = stats.total ? stats.overridden / stats.total : 0;
  return stats;
}

/** Reads the window's tickets through the store's time index and computes the figures. */
export async function loadStats(store: TicketStore, window: StatsWindow, now: Date): Promise<Stats> {
  const since = new Date(now.getTime() - WINDOW_MS[window]).toISOString();
  const tickets: Ticket[] = [];
  let cursor: string | null = null;
  do {
    const page = await store.listTickets({ since, until: now.toISOString(), order: 'oldest', limit: 500, cursor });
    tickets.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  return computeStats(tickets, window, now);
}
