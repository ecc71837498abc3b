import type { AuthConfig } from './config.ts';

/**
 * Sign-in. Locally the agent pastes the bearer token printed by `npm start`; deployed, the
 * Cognito hosted UI runs the authorization-code flow with PKCE (no client secret in a page).
 * The token lives in sessionStorage only: closing the tab signs out.
 */
const TOKEN_KEY = 'triage.token';
const PKCE_KEY = 'triage.pkce';

export interface Session {
  token: string;
  /** Who the agent is, for "assign to me" (JWT `email`/`username`, or "local agent"). */
  agent: string;
  expiresAt: number | null;
}

export function currentSession(): Session | null {
  const raw = sessionStorage.getItem(TOKEN_KEY);
  if (!raw) return null;
  try {
    const s = JSON.parse(raw) as Session;
    if (s.expiresAt !== null && s.expiresAt < Date.now()) {
      sessionStorage.removeItem(TOKEN_KEY);
      return null;
    }
    return s;
  } catch {
    sessionStorage.removeItem(TOKEN_KEY);
    return null;
  }
}

export function saveSession(session: Session): void {
  sessionStorage.setItem(TOKEN_KEY, JSON.stringify(session));
}

export function signOut(auth: AuthConfig): void {
  sessionStorage.removeItem(TOKEN_KEY);
  if (auth.mode === 'cognito') {
    const url = new URL(`${auth.domain}/logout`);
    url.searchParams.set('client_id', auth.clientId);
    url.searchParams.set('logout_uri', redirectUri(auth));
    location.assign(url.toString());
  } else {
    location.hash = '';
    location.reload();
  }
}

function redirectUri(auth: Extract<AuthConfig, { mode: 'cognito' }>): string {
  return auth.redirectUri ?? new URL('.', location.href).toString().split('#')[0]!;
}

function base64url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomString(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}

export async function startCognitoSignIn(auth: Extract<AuthConfig, { mode: 'cognito' }>): Promise<void> {
  const verifier = randomString();
  const state = randomString();
  const challenge = base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  sessionStorage.setItem(PKCE_KEY, JSON.stringify({ verifier, state, hash: location.hash }));
  const url = new URL(`${auth.domain}/oauth2/authorize`);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', auth.clientId);
  url.searchParams.set('redirect_uri', redirectUri(auth));
  url.searchParams.set('scope', (auth.scopes ?? ['openid', 'email', 'profile']).join(' '));
  url.searchParams.set('code_challenge_method', 'S256');
  url.searchParams.set('code_challenge', challenge);
  url.searchParams.set('state', state);
  location.assign(url.toString());
}

function jwtClaims(token: string): Record<string, unknown> {
  const part = token.split('.')[1] ?? '';
  const json = atob(part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '='));
  return JSON.parse(json) as Record<string, unknown>;
}

/** Finishes the hosted-UI round trip when the page is loaded with `?code=…&state=…`. */
export async function completeCognitoSignIn(auth: Extract<AuthConfig, { mode: 'cognito' }>): Promise<Session | null> {
  const params = new URLSearchParams(location.search);
  const code = params.get('code');
  if (!code) return null;
  const saved = JSON.parse(sessionStorage.getItem(PKCE_KEY) ?? 'null') as { verifier: string; state: string; hash: string } | null;
  sessionStorage.removeItem(PKCE_KEY);
  history.replaceState(null, '', location.pathname + (saved?.hash ?? ''));
  if (!saved || saved.state !== params.get('state')) throw new Error('Sign-in state did not match; please sign in again.');
  const res = await fetch(`${auth.domain}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: auth.clientId,
      code,
      redirect_uri: redirectUri(auth),
      code_verifier: saved.verifier,
    }),
  });
  if (!res.ok) throw new Error(`Sign-in failed (HTTP ${res.status}).`);
  const body = (await res.json()) as { id_token?: string; access_token?: string; expires_in?: number };
  // The API's authorizer demands the agent scope, which only the access token carries; the
  // ID token only names the agent for the header.
  const token = body.access_token;
  if (!token) throw new Error('Sign-in returned no access token.');
  const claims = { ...jwtClaims(token), ...(body.id_token ? jwtClaims(body.id_token) : {}) };
  const session: Session = {
    token,
    agent: String(claims.email ?? claims['cognito:username'] ?? claims.username ?? claims.sub ?? 'agent'),
    expiresAt: Date.now() + (body.expires_in ?? 3600) * 1000 - 60_000,
  };
  saveSession(session);
  return session;
}
