import { html } from 'htm/preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { Me, TicketSummary } from '../../../shared/queue/api-types.ts';
import type { AgentApi } from '../api.ts';
import { age, pct } from '../format.ts';

/** The filters, as they stand in the hash query and in the API query string (same names). */
const FILTER_KEYS = ['status', 'category', 'language', 'minConfidence', 'maxConfidence', 'sender', 'from', 'to', 'q', 'order'] as const;
type Filters = Partial<Record<(typeof FILTER_KEYS)[number], string>>;

const PAGE_SIZE = '50';

function readFilters(query: string): Filters {
  const p = new URLSearchParams(query);
  const f: Filters = {};
  for (const k of FILTER_KEYS) {
    const v = p.get(k);
    if (v) f[k] = v;
  }
  return f;
}

function writeFilters(f: Filters): void {
  const p = new URLSearchParams(Object.entries(f).filter(([, v]) => v) as Array<[string, string]>);
  const qs = p.toString();
  location.hash = qs ? `#/?${qs}` : '#/';
}

/** Date inputs give `YYYY-MM-DD`; the API takes ISO instants (the `to` day is inclusive). */
function apiQuery(f: Filters, cursor: string | null): Record<string, string> {
  const q: Record<string, string> = { limit: PAGE_SIZE };
  for (const [k, v] of Object.entries(f)) {
    if (!v) continue;
    if (k === 'from') q.from = new Date(`${v}T00:00:00`).toISOString();
    else if (k === 'to') q.to = new Date(new Date(`${v}T00:00:00`).getTime() + 86_400_000).toISOString();
    else q[k] = v;
  }
  if (cursor) q.cursor = cursor;
  return q;
}

export function QueueView({ api, me, query, refreshMs }: { api: AgentApi; me: Me; query: string; refreshMs: number }) {
  const filters = readFilters(query);
  const key = JSON.stringify(filters);
  const [items, setItems] = useState<TicketSummary[] | null>(null);
  const [counts, setCounts] = useState<Record<string, number>>({});
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  const [next, setNext] = useState<string | null>(null);
  const [selected, setSelected] = useState(0);
  const [fresh, setFresh] = useState<TicketSummary[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [search, setSearch] = useState(filters.q ?? '');
  const searchRef = useRef<HTMLInputElement>(null);
  const cursor = cursors[cursors.length - 1] ?? null;

  // Rows first; the counts (which read every ticket's index entry) fill in when they arrive.
  const load = useCallback(async () => {
    setError(null);
    api.counts().then((c) => setCounts(c.counts), () => undefined);
    try {
      const page = await api.tickets(apiQuery(filters, cursor));
      setItems(page.items);
      setNext(page.nextCursor);
      setFresh([]);
      setSelected((s) => Math.min(s, Math.max(0, page.items.length - 1)));
    } catch (e) {
      setError((e as Error).message);
    }
  }, [key, cursor]);

  useEffect(() => {
    setCursors([null]);
    setSelected(0);
    setSearch(filters.q ?? '');
  }, [key]);
  useEffect(() => {
    void load();
  }, [load]);

  // Auto-refresh: look at the first page again and announce what arrived, without moving rows
  // under the agent's cursor; "show" loads them.
  useEffect(() => {
    const timer = setInterval(async () => {
      if (document.hidden || !items) return;
      try {
        const [page, c] = await Promise.all([api.tickets(apiQuery({ ...filters, order: 'newest' }, null)), api.counts()]);
        setCounts(c.counts);
        const known = new Set(items.map((t) => t.id));
        const newest = items.reduce((m, t) => (t.receivedAt > m ? t.receivedAt : m), '');
        setFresh(page.items.filter((t) => !known.has(t.id) && t.receivedAt > newest));
      } catch {
        // A failed background refresh is retried on the next tick; the visible list stays.
      }
    }, refreshMs);
    return () => clearInterval(timer);
  }, [items, key]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      if (t && ['INPUT', 'SELECT', 'TEXTAREA'].includes(t.tagName)) return;
      if (e.metaKey || e.ctrlKey || e.altKey || !items) return;
      if (e.key === 'j') setSelected((s) => Math.min(s + 1, items.length - 1));
      else if (e.key === 'k') setSelected((s) => Math.max(s - 1, 0));
      else if (e.key === 'Enter' && items[selected]) location.hash = `#/tickets/${encodeURIComponent(items[selected]!.id)}`;
      else if (e.key === '/') searchRef.current?.focus();
      else if (e.key === 'r') void load();
      else return;
      e.preventDefault();
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, [items, selected, load]);

  useEffect(() => {
    document.querySelector('tr.row.sel')?.scrollIntoView({ block: 'nearest' });
  }, [selected]);

  const set = (k: keyof Filters, v: string) => writeFilters({ ...filters, [k]: v || undefined });
  const select = (k: keyof Filters, label: string, options: string[], any = true) => html`<label>
    ${label}
    <select name=${k} value=${filters[k] ?? ''} onChange=${(e: Event) => set(k, (e.target as HTMLSelectElement).value)}>
      ${any && html`<option value="">any</option>`}
      ${options.map((o) => html`<option value=${o}>${o}</option>`)}
    </select>
  </label>`;
  const input = (k: keyof Filters, label: string, type: string, extra: Record<string, string> = {}) => html`<label>
    ${label}
    <input name=${k} type=${type} value=${filters[k] ?? ''} ...${extra} onChange=${(e: Event) => set(k, (e.target as HTMLInputElement).value.trim())} />
  </label>`;
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const activeFilters = Object.entries(filters).filter(([k, v]) => v && k !== 'order').length;
  const narrow = matchMedia('(max-width: 900px)').matches;

  return html`<section>
    <div class="counts" role="group" aria-label="Tickets per status">
      <button class=${!filters.status ? 'on' : ''} onClick=${() => set('status', '')}>All <span class="n">${total}</span></button>
      ${me.vocabulary.statuses.map(
        (s) => html`<button data-status=${s} class=${filters.status === s ? 'on' : ''} onClick=${() => set('status', s)}>
          <span class=${`pill st-${s}`}>${s}</span><span class="n" data-testid=${`count-${s}`}>${counts[s] ?? 0}</span>
        </button>`,
      )}
    </div>
    <details class="panel filter-box" open=${!narrow || activeFilters > 0}>
    <summary>Filters${activeFilters > 0 ? ` (${activeFilters})` : ''}</summary>
    <form class="filters" onSubmit=${(e: Event) => (e.preventDefault(), set('q', search.trim()))}>
      <label class="search">
        Search subject / sender <span class="kbd"><kbd>/</kbd></span>
        <input ref=${searchRef} name="q" type="search" value=${search} placeholder="e.g. password reset" onInput=${(e: Event) => setSearch((e.target as HTMLInputElement).value)} onChange=${(e: Event) => set('q', (e.target as HTMLInputElement).value.trim())} />
      </label>
      ${select('status', 'Status', me.vocabulary.statuses)}
      ${select('category', 'Category', me.vocabulary.categories)}
      ${select('language', 'Language', me.vocabulary.languages)}
      ${input('minConfidence', 'Confidence ≥', 'number', { min: '0', max: '1', step: '0.05' })}
      ${input('maxConfidence', 'Confidence ≤', 'number', { min: '0', max: '1', step: '0.05' })}
      ${input('sender', 'Sender', 'email')}
      ${input('from', 'Received from', 'date')}
      ${input('to', 'Received to', 'date')}
      ${select('order', 'Order', ['newest', 'oldest'], false)}
    </form>
    </details>
    ${error && html`<div class="error" role="alert">${error}</div>`}
    ${fresh.length > 0 &&
    html`<div class="notice" role="status" data-testid="new-tickets">
      <strong>${fresh.length} new ticket${fresh.length === 1 ? '' : 's'}</strong>
      <button onClick=${() => (setCursors([null]), void load())}>Show</button>
    </div>`}
    <div class="panel" style="padding:0;overflow-x:auto">
      <table class="queue" aria-label="Tickets">
        <thead>
          <tr>
            <th>Status</th><th>Category</th><th>Conf.</th><th class="hide-narrow">Lang</th><th class="hide-narrow">Sender</th><th>Subject</th><th>Age</th>
          </tr>
        </thead>
        <tbody>
          ${items === null && html`<tr><td colspan="7" class="muted">Loading…</td></tr>`}
          ${items?.length === 0 && html`<tr><td colspan="7" class="muted">No tickets match.</td></tr>`}
          ${items?.map(
            (t, i) => html`<tr
              class=${`row ${i === selected ? 'sel' : ''}`}
              data-id=${t.id}
              aria-selected=${i === selected}
              onClick=${() => (location.hash = `#/tickets/${encodeURIComponent(t.id)}`)}
            >
              <td><span class=${`pill st-${t.status}`}>${t.status}</span></td>
              <td>${t.category}${t.overridden ? html` <span class="muted" title=${`machine: ${t.machineCategory}`}>✎</span>` : ''}</td>
              <td class=${`conf ${t.confidence < 0.5 ? 'low' : ''}`}>${pct(t.confidence)}</td>
              <td class="hide-narrow">${t.language}</td>
              <td class="hide-narrow">${t.sender}</td>
              <td class="subject" title=${t.subject}><a href=${`#/tickets/${encodeURIComponent(t.id)}`}>${t.subject || '(no subject)'}</a></td>
              <td title=${t.receivedAt}>${age(t.receivedAt)}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>
    <div class="pager">
      <button disabled=${cursors.length < 2} onClick=${() => setCursors((c) => c.slice(0, -1))}>← Previous</button>
      <button disabled=${!next} onClick=${() => next && setCursors((c) => [...c, next])}>Next →</button>
      <span class="kbd"><kbd>j</kbd>/<kbd>k</kbd> move · <kbd>Enter</kbd> open · <kbd>r</kbd> refresh · new tickets checked every ${refreshMs / 1000}s</span>
    </div>
  </section>`;
}
