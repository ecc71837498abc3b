import { render } from 'preact';
import { html } from 'htm/preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Me } from '../../shared/queue/api-types.ts';
import { AgentApi, ApiError } from './api.ts';
import { completeCognitoSignIn, currentSession, saveSession, signOut, startCognitoSignIn, type Session } from './auth.ts';
import { loadPageConfig, type PageConfig } from './config.ts';
import { QueueView } from './views/queue.ts';
import { TicketView } from './views/ticket.ts';

/** Routes live in the hash (`#/`, `#/tickets/ID`, `#/dashboard`) so any static host serves the page. */
type Route = { view: 'queue'; query: string } | { view: 'ticket'; id: string } | { view: 'dashboard' };

function parseRoute(hash: string): Route {
  const h = hash.replace(/^#/, '');
  const [path = '', query = ''] = h.split('?');
  const m = /^\/tickets\/(.+)$/.exec(path);
  if (m) return { view: 'ticket', id: decodeURIComponent(m[1]!) };
  if (path === '/dashboard') return { view: 'dashboard' };
  return { view: 'queue', query };
}

function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const on = () => setRoute(parseRoute(location.hash));
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return route;
}

function SignIn({ config, error, onSession }: { config: PageConfig; error: string | null; onSession: (s: Session) => void }) {
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(error);
  if (config.auth.mode === 'cognito') {
    const auth = config.auth;
    return html`<div class="panel signin">
      <h2>KDP triage — agents</h2>
      ${message && html`<div class="error" role="alert">${message}</div>`}
      <p>Sign in with your support-team account.</p>
      <button class="primary" onClick=${() => void startCognitoSignIn(auth)}>Sign in</button>
    </div>`;
  }
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setMessage(null);
    try {
      const me = await new AgentApi(config.apiBase, token.trim(), () => undefined).me();
      const session = { token: token.trim(), agent: me.agent, expiresAt: null };
      saveSession(session);
      onSession(session);
    } catch (err) {
      setMessage(err instanceof ApiError && err.status === 401 ? 'That token was not accepted.' : String((err as Error).message));
    } finally {
      setBusy(false);
    }
  };
  return html`<div class="panel signin">
    <h2>KDP triage — agents</h2>
    ${message && html`<div class="error" role="alert">${message}</div>`}
    <form onSubmit=${submit}>
      <label for="token">Access token <span class="muted">(printed by <code>npm start</code>)</span></label>
      <input id="token" name="token" type="password" autocomplete="off" value=${token} onInput=${(e: Event) => setToken((e.target as HTMLInputElement).value)} required />
      <button class="primary" type="submit" disabled=${busy || !token.trim()}>Sign in</button>
    </form>
  </div>`;
}

type DashboardModule = typeof import('./views/dashboard.ts');

/** The dashboard (and Chart.js with it) loads on first visit, keeping the queue's bundle small. */
function LazyDashboard({ api }: { api: AgentApi }) {
  const [mod, setMod] = useState<DashboardModule | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    import('./views/dashboard.ts').then(setMod, (e: Error) => setError(e.message));
  }, []);
  if (error) return html`<div class="error" role="alert">${error}</div>`;
  return mod ? html`<${mod.DashboardView} api=${api} />` : html`<p class="muted">Loading…</p>`;
}

function App({ config }: { config: PageConfig }) {
  const [session, setSession] = useState<Session | null>(() => currentSession());
  const [authError, setAuthError] = useState<string | null>(null);
  const [me, setMe] = useState<Me | null>(null);
  const route = useRoute();
  const api = useMemo(
    () =>
      session
        ? new AgentApi(config.apiBase, session.token, () => {
            sessionStorage.clear();
            setAuthError('Your session ended; please sign in again.');
            setSession(null);
            setMe(null);
          })
        : null,
    [session, config.apiBase],
  );

  useEffect(() => {
    if (session || config.auth.mode !== 'cognito') return;
    completeCognitoSignIn(config.auth).then((s) => s && setSession(s), (e: Error) => setAuthError(e.message));
  }, []);
  // Signed in means the API accepted us: a refused token (e.g. not in the agents group) goes
  // back to the sign-in screen with the API's reason.
  useEffect(() => {
    if (!api) return;
    api.me().then(setMe, (e: Error) => {
      sessionStorage.clear();
      setAuthError(e.message);
      setSession(null);
    });
  }, [api]);

  if (!session || !api) return html`<${SignIn} config=${config} error=${authError} onSession=${setSession} />`;
  if (!me) return html`<p class="boot">Signing in…</p>`;
  const nav = (href: string, label: string, on: boolean) => html`<a href=${href} class=${on ? 'active' : ''}>${label}</a>`;
  return html`<header class="top">
      <span class="brand">KDP triage</span>
      <nav>
        ${nav('#/', 'Queue', route.view !== 'dashboard')}
        ${nav('#/dashboard', 'Dashboard', route.view === 'dashboard')}
      </nav>
      <div class="who"><span data-testid="agent">${me.agent}</span><button onClick=${() => signOut(config.auth)}>Sign out</button></div>
    </header>
    <main>
      ${route.view === 'queue' && html`<${QueueView} api=${api} me=${me} query=${route.query} refreshMs=${config.refreshSeconds * 1000} />`}
      ${route.view === 'ticket' && html`<${TicketView} api=${api} me=${me} id=${route.id} />`}
      ${route.view === 'dashboard' && html`<${LazyDashboard} api=${api} />`}
    </main>`;
}

const root = document.getElementById('app')!;
loadPageConfig().then(
  (config) => {
    root.textContent = '';
    render(html`<${App} config=${config} />`, root);
  },
  (err: Error) => {
    root.textContent = `The page could not start: ${err.message}`;
  },
);
