import { createHash, timingSafeEqual } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { HttpError } from './errors.ts';

/**
 * Who may call the API. In AWS the HTTP API's JWT authorizer has verified the Cognito access
 * token before the handler runs; the handler checks the agents group in its claims. Locally
 * there is no authorizer: one bearer token from config (`TRIAGE_LOCAL_TOKEN`, or a random one
 * `npm start` prints) admits the local agent.
 */
export type AuthConfig = { mode: 'cognito'; group: string } | { mode: 'token'; token: string; agent: string };

export interface Agent {
  /** Recorded as the actor of every change. */
  id: string;
  groups: string[];
}

type JwtClaims = Record<string, string | number | boolean | string[] | undefined>;

/** API Gateway flattens an array claim to `"[a b]"`; a raw JWT would carry a JSON array. */
export function groupsOf(claim: unknown): string[] {
  if (Array.isArray(claim)) return claim.map(String);
  if (typeof claim !== 'string') return [];
  return claim
    .replace(/^\[|\]$/g, '')
    .split(/[\s,]+/)
    .map((g) => g.trim())
    .filter(Boolean);
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

function bearer(event: APIGatewayProxyEventV2): string | null {
  const header = event.headers?.authorization ?? event.headers?.Authorization;
  const m = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return m ? m[1]! : null;
}

export function authenticate(event: APIGatewayProxyEventV2, auth: AuthConfig): Agent {
  if (auth.mode === 'token') {
    const token = bearer(event);
    // Compared as digests so the comparison takes the same time whatever the length.
    if (token === null || !timingSafeEqual(digest(token), digest(auth.token))) {
      throw new HttpError('unauthorized', 'sign in with the access token');
    }
    return { id: auth.agent, groups: ['local'] };
  }
  const ctx = event.requestContext as APIGatewayProxyEventV2['requestContext'] & { authorizer?: { jwt?: { claims?: JwtClaims } } };
  const claims = ctx.authorizer?.jwt?.claims;
  if (!claims) throw new HttpError('unauthorized', 'sign in first');
  const groups = groupsOf(claims['cognito:groups']);
  if (!groups.includes(auth.group)) throw new HttpError('forbidden', `only members of the ${auth.group} group may use the queue`);
  const id = claims.username ?? claims['cognito:username'] ?? claims.email ?? claims.sub;
  if (typeof id !== 'string' || id === '') throw new HttpError('unauthorized', 'the token names no user');
  return { id, groups };
}
