import { html } from 'htm/preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Me, ThreadMessage, TicketDetail } from '../../../shared/queue/api-types.ts';
import { ApiError, type AgentApi } from '../api.ts';
import { bytes, pct, when } from '../format.ts';
import { highlightSegments } from '../highlight.ts';
import { emailFrameDocument } from '../safe-email.ts';

/** The customer's message in a sandboxed frame: no scripts, nothing remote (see safe-email.ts). */
function EmailFrame({ message }: { message: ThreadMessage }) {
  const doc = useMemo(() => emailFrameDocument(message), [message]);
  return html`<iframe class="email" title="Customer email" sandbox="" referrerpolicy="no-referrer" srcdoc=${doc} data-testid="email-frame"></iframe>`;
}

function Highlighted({ text, phrases }: { text: string; phrases: string[] }) {
  return html`<div class="customer-text" data-testid="customer-text">
    ${highlightSegments(text, phrases).map((s) => (s.mark ? html`<mark title=${`evidence: ${s.mark}`}>${s.text}</mark>` : s.text))}
  </div>`;
}

function describe(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value !== 'object') return String(value);
  return Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => `${k} ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join(', ');
}

export function TicketView({ api, me, id }: { api: AgentApi; me: Me; id: string }) {
  const [t, setT] = useState<TicketDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState('');
  const [mode, setMode] = useState<'article' | 'text'>('article');
  const [article, setArticle] = useState('');
  const [text, setText] = useState('');
  const [replyKey, setReplyKey] = useState(() => crypto.randomUUID());

  useEffect(() => {
    setT(null);
    api.ticket(id).then(
      (x) => (setT(x), setArticle(x.category === 'other' ? '' : x.category)),
      (e: Error) => setError(e.message),
    );
  }, [id]);

  const act = async (fn: () => Promise<TicketDetail>, after?: () => void) => {
    setBusy(true);
    setError(null);
    try {
      setT(await fn());
      after?.();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'version_conflict') {
        setError('Someone else changed this ticket meanwhile. It has been reloaded; check it and try again.');
        setT(await api.ticket(id));
      } else setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  // Fetched with the token, then saved as a file: the browser never renders a customer's file.
  const download = async (index: number, name: string) => {
    try {
      const url = URL.createObjectURL(await api.attachment(id, index));
      const a = Object.assign(document.createElement('a'), { href: url, download: name });
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const patch = (body: Record<string, unknown>, after?: () => void) => t && act(() => api.update(t.id, t.version, body), after);

  if (error && !t) return html`<div class="error" role="alert">${error}</div><a href="#/">← Back to the queue</a>`;
  if (!t) return html`<p class="muted">Loading…</p>`;
  const first = t.messages.find((m) => m.direction === 'inbound');
  const phrases = t.evidence.map((e) => e.phrase);
  const closed = t.status === 'resolved';

  return html`<div class="ticket" data-testid="ticket" data-version=${t.version}>
    <div>
      <a href="#/">← Queue</a>
      <h1>${t.subject || '(no subject)'}</h1>
      <div class="meta">
        <span class=${`pill st-${t.status}`} data-testid="status">${t.status}</span>
        <span>from <strong>${t.sender}</strong></span>
        <span>${when(t.receivedAt)}</span>
        <span>lang ${t.language}</span>
        ${t.assignee && html`<span>assigned to <strong>${t.assignee}</strong></span>`}
      </div>
      ${error && html`<div class="error" role="alert">${error}</div>`}
      <section class="panel">
        <h2>Customer email</h2>
        ${first ? html`<${EmailFrame} message=${first} />` : html`<p class="muted">No message stored.</p>`}
        ${first && first.attachments.length > 0 &&
        html`<h3>Attachments</h3>
          <ul class="attachments" data-testid="attachments">
            ${first.attachments.map(
              (a, i) => html`<li>
                ${a.filename ?? '(unnamed)'} <span class="muted">${a.mimeType}, ${bytes(a.size)}</span>
                <button onClick=${() => download(i, a.filename ?? `attachment-${i + 1}`)}>Download</button>
              </li>`,
            )}
          </ul>`}
      </section>
      <section class="panel">
        <h2>What the classifier read <span class="muted">(evidence highlighted)</span></h2>
        <${Highlighted} text=${t.text} phrases=${phrases} />
        ${t.textTruncated && html`<p class="muted">The stored text was cut; the whole message is kept in ${t.raw.key}.</p>`}
        ${t.rawError && html`<p class="muted">${t.rawError}</p>`}
      </section>
      <section class="panel thread">
        <h2>Thread</h2>
        ${t.messages.map(
          (m) => html`<div class=${`msg ${m.direction}`}>
            <div class="meta"><strong>${m.direction === 'inbound' ? m.from : `We replied (${m.from})`}</strong><span>${when(m.at)}</span><span>${m.subject}</span></div>
            <pre>${m.text}</pre>
          </div>`,
        )}
      </section>
      <section class="panel">
        <h2>Replies</h2>
        ${t.replies.length === 0 && html`<p class="muted">No reply has been sent.</p>`}
        ${t.replies.map(
          (r) => html`<div class="msg" data-testid="reply">
            <div class="meta">
              <strong>${r.kind === 'auto-reply' ? 'Auto-reply' : `Agent reply by ${r.requestedBy}`}</strong>
              <span>to ${r.to}</span>
              <span class="pill" data-testid="reply-state">${r.state}</span>
              ${r.sesMessageId && html`<span class="muted">SES ${r.sesMessageId}</span>`}
              <span>${when(r.updatedAt)}</span>
            </div>
            ${r.lastError && html`<div class="error">${r.lastError}</div>`}
            <details><summary>${r.subject}</summary><pre style="white-space:pre-wrap">${r.text ?? '(text not stored)'}</pre></details>
          </div>`,
        )}
      </section>
      <section class="panel">
        <h2>History</h2>
        <ul class="events" data-testid="events">
          ${[...t.events].reverse().map(
            (e) => html`<li>
              <span class="when">${when(e.at)} · ${e.actor}</span><br />
              <strong>${e.type}</strong>
              ${(e.before !== null || e.after !== null) && html` ${describe(e.before)} → ${describe(e.after)}`}
              ${e.note && html`<div>${e.note}</div>`}
            </li>`,
          )}
        </ul>
      </section>
    </div>
    <aside>
      <section class="panel">
        <h2>Decision</h2>
        <p>
          <strong data-testid="category">${t.category}</strong>
          ${t.overridden
            ? html`<br /><span class="muted">set by an agent; the machine said ${t.machineCategory} at <span class="conf">${pct(t.confidence)}</span></span>`
            : html` at <span class="conf">${pct(t.confidence)}</span>`}
        </p>
        ${t.secondary.length > 0 && html`<p class="muted">also: ${t.secondary.join(', ')}</p>`}
        <ul class="reasons">${t.reasons.map((r) => html`<li><code>${r.code}</code> ${r.detail}</li>`)}</ul>
        ${t.automated && html`<p class="muted">Machine-written mail (never auto-answered).</p>`}
        ${t.verdicts &&
        html`<p class="muted">SES: ${(['spam', 'virus', 'spf', 'dkim', 'dmarc'] as const).map((k) => `${k} ${t.verdicts![k]}`).join(' · ')}</p>`}
      </section>
      <section class="panel actions">
        <h2>Actions</h2>
        <div class="row">
          <label for="category">Category</label>
          <select id="category" name="category" value=${t.category} disabled=${busy} onChange=${(e: Event) => patch({ category: (e.target as HTMLSelectElement).value })}>
            ${me.vocabulary.categories.map((c) => html`<option value=${c}>${c}</option>`)}
          </select>
        </div>
        <div class="row">
          ${closed
            ? html`<button disabled=${busy} onClick=${() => patch({ status: 'open' })}>Reopen</button>`
            : html`<button disabled=${busy} onClick=${() => patch({ status: 'resolved' })}>Resolve</button>`}
          <button disabled=${busy || t.assignee === me.agent} onClick=${() => patch({ assignee: me.agent })}>Assign to me</button>
        </div>
        <div>
          <textarea name="note" placeholder="Internal note (not sent)" value=${note} onInput=${(e: Event) => setNote((e.target as HTMLTextAreaElement).value)}></textarea>
          <button disabled=${busy || !note.trim()} onClick=${() => patch({ note: note.trim() }, () => setNote(''))}>Add note</button>
        </div>
      </section>
      <section class="panel actions">
        <h2>Reply to ${t.sender}</h2>
        <div class="tabs">
          <button class=${mode === 'article' ? 'on' : ''} onClick=${() => setMode('article')}>Article</button>
          <button class=${mode === 'text' ? 'on' : ''} onClick=${() => setMode('text')}>Free text</button>
        </div>
        ${mode === 'article'
          ? html`<select name="article" value=${article} onChange=${(e: Event) => setArticle((e.target as HTMLSelectElement).value)}>
              <option value="">choose an article…</option>
              ${me.vocabulary.categories.filter((c) => c !== 'other').map((c) => html`<option value=${c}>${c}</option>`)}
            </select>`
          : html`<textarea name="reply" placeholder="Write to the customer" value=${text} onInput=${(e: Event) => setText((e.target as HTMLTextAreaElement).value)}></textarea>`}
        <button
          class="primary"
          data-testid="send-reply"
          disabled=${busy || (mode === 'article' ? !article : !text.trim())}
          onClick=${() =>
            act(
              () => api.reply(t.id, mode === 'article' ? { article } : { text: text.trim() }, replyKey),
              () => (setText(''), setReplyKey(crypto.randomUUID())),
            )}
        >
          Send reply
        </button>
      </section>
    </aside>
  </div>`;
}
