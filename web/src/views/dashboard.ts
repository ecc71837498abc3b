import { html } from 'htm/preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import {
  ArcElement, BarController, BarElement, CategoryScale, Chart, DoughnutController, Legend, LinearScale, LineController,
  LineElement, PointElement, Tooltip, type ChartConfiguration,
} from 'chart.js';
import type { Stats } from '../../../shared/queue/api-types.ts';
import type { AgentApi } from '../api.ts';
import { pct } from '../format.ts';

// Only the pieces used, so the bundle stays small.
Chart.register(ArcElement, BarController, BarElement, CategoryScale, DoughnutController, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip);

const PALETTE = ['#1f5fbf', '#e8833a', '#2e9e5b', '#c0392b', '#8e5cc2', '#8c6d3a', '#d65db1', '#6b7785', '#b5a82b', '#1aa5b8', '#3d4f9a', '#9aa5b1'];

function ChartBox({ config, label }: { config: ChartConfiguration; label: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const chart = new Chart(canvas.current!, { ...config, options: { responsive: true, maintainAspectRatio: false, animation: false, ...config.options } });
    return () => chart.destroy();
  }, [JSON.stringify(config.data)]);
  return html`<div class="chart-box"><canvas ref=${canvas} role="img" aria-label=${label}></canvas></div>`;
}

/** Machine category (rows) → agent category (columns); cell shade grows with the count. */
function ConfusionMatrix({ confusion }: { confusion: Stats['confusion'] }) {
  const rows = Object.keys(confusion).sort();
  const cols = [...new Set(rows.flatMap((r) => Object.keys(confusion[r] ?? {})))].sort();
  if (rows.length === 0) return html`<p class="muted">No overrides in this window.</p>`;
  const max = Math.max(1, ...rows.flatMap((r) => Object.values(confusion[r] ?? {})));
  return html`<div class="scroll-x"><table class="matrix" data-testid="confusion">
    <thead><tr><th class="rowh">machine ↓ / agent →</th>${cols.map((c) => html`<th>${c}</th>`)}</tr></thead>
    <tbody>
      ${rows.map(
        (r) => html`<tr><th class="rowh">${r}</th>${cols.map((c) => {
          const n = confusion[r]?.[c] ?? 0;
          const a = n / max;
          return html`<td style=${n ? `background:rgba(179,38,30,${0.12 + 0.75 * a});color:${a > 0.55 ? '#fff' : 'inherit'}` : ''}>${n || ''}</td>`;
        })}</tr>`,
      )}
    </tbody>
  </table></div>`;
}

export function DashboardView({ api }: { api: AgentApi }) {
  const [window, setWindow] = useState<'24h' | '7d'>('24h');
  const [stats, setStats] = useState<Stats | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.stats(window).then(setStats, (e: Error) => setError(e.message));
  }, [window]);

  if (error) return html`<div class="error" role="alert">${error}</div>`;
  if (!stats) return html`<p class="muted">Loading…</p>`;
  const cats = Object.entries(stats.byCategory).sort((a, b) => b[1] - a[1]);
  const statuses = Object.entries(stats.byStatus);
  return html`<section data-testid="dashboard">
    <div class="row" style="display:flex;gap:8px;align-items:center;margin-bottom:12px">
      <strong>Window</strong>
      ${(['24h', '7d'] as const).map((w) => html`<button class=${w === window ? 'primary' : ''} onClick=${() => setWindow(w)}>${w}</button>`)}
    </div>
    <div class="kpis">
      <div class="kpi"><div class="muted">Tickets</div><div class="v" data-testid="kpi-total">${stats.total}</div></div>
      <div class="kpi"><div class="muted">Auto-replied</div><div class="v">${pct(stats.autoReplyRate)}</div><div class="muted">${stats.autoReplied} tickets</div></div>
      <div class="kpi"><div class="muted">Overridden by agents</div><div class="v">${pct(stats.overrideShare)}</div><div class="muted">${stats.overridden} tickets</div></div>
    </div>
    <div class="dash">
      <div class="panel"><h2>Volume</h2>
        <${ChartBox} label="Tickets over time" config=${{
          type: 'line',
          data: { labels: stats.series.map((s) => (window === '24h' ? s.bucket.slice(11, 16) : s.bucket.slice(5, 10))), datasets: [{ label: 'tickets', data: stats.series.map((s) => s.count), borderColor: PALETTE[0], backgroundColor: PALETTE[0], tension: 0.25 }] },
          options: { plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
        }} />
      </div>
      <div class="panel"><h2>By category</h2>
        <${ChartBox} label="Tickets by category" config=${{
          type: 'bar',
          data: { labels: cats.map((c) => c[0]), datasets: [{ label: 'tickets', data: cats.map((c) => c[1]), backgroundColor: PALETTE[0] }] },
          options: { indexAxis: 'y', plugins: { legend: { display: false } }, scales: { x: { beginAtZero: true, ticks: { precision: 0 } } } },
        }} />
      </div>
      <div class="panel"><h2>By status</h2>
        <${ChartBox} label="Tickets by status" config=${{
          type: 'doughnut',
          data: { labels: statuses.map((s) => s[0]), datasets: [{ data: statuses.map((s) => s[1]), backgroundColor: statuses.map((_, i) => PALETTE[i % PALETTE.length]) }] },
          options: { plugins: { legend: { position: 'right' } } },
        }} />
      </div>
      <div class="panel"><h2>Override confusion matrix</h2><${ConfusionMatrix} confusion=${stats.confusion} /></div>
    </div>
  </section>`;
}
