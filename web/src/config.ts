/**
 * `config.json`, served beside the page: the local agent server writes the token mode, the
 * deployed stack writes the Cognito hosted-UI settings. Checked by hand (not zod) to keep the
 * page small; a malformed file stops the page with a clear message.
 */
export type AuthConfig =
  | { mode: 'token' }
  | { mode: 'cognito'; domain: string; clientId: string; redirectUri?: string; scopes?: string[] };

export interface PageConfig {
  /** Where the agent API lives: `/api` locally and behind CloudFront, or an absolute URL. */
  apiBase: string;
  auth: AuthConfig;
  /** How often the queue looks for new tickets (default 15). */
  refreshSeconds: number;
}

export function parsePageConfig(value: unknown): PageConfig {
  const v = value as Partial<PageConfig> | null;
  if (!v || typeof v !== 'object' || typeof v.apiBase !== 'string' || !v.auth || typeof v.auth !== 'object') {
    throw new Error('config.json must hold { apiBase, auth }');
  }
  const auth = v.auth as Partial<AuthConfig> & Record<string, unknown>;
  const r = (v as { refreshSeconds?: unknown }).refreshSeconds;
  const refreshSeconds = typeof r === 'number' && r >= 1 && r <= 3600 ? r : 15;
  if (auth.mode === 'token') return { apiBase: v.apiBase, auth: { mode: 'token' }, refreshSeconds };
  if (auth.mode === 'cognito' && typeof auth.domain === 'string' && typeof auth.clientId === 'string') {
    return {
      apiBase: v.apiBase,
      refreshSeconds,
      auth: {
        mode: 'cognito',
        domain: auth.domain.replace(/\/+$/, ''),
        clientId: auth.clientId,
        ...(typeof auth.redirectUri === 'string' ? { redirectUri: auth.redirectUri } : {}),
        ...(Array.isArray(auth.scopes) ? { scopes: auth.scopes.map(String) } : {}),
      },
    };
  }
  throw new Error('config.json auth.mode must be "token" or "cognito" (with domain and clientId)');
}

export async function loadPageConfig(): Promise<PageConfig> {
  const res = await fetch(new URL('config.json', document.baseURI), { cache: 'no-store' });
  if (!res.ok) throw new Error(`config.json: HTTP ${res.status}`);
  return parsePageConfig(await res.json());
}
