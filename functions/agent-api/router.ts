import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { HttpError } from './errors.ts';
import type { Agent } from './auth.ts';

/** What a route gets: the authenticated agent, path parameters, the query and the body. */
export interface RouteRequest {
  agent: Agent;
  params: Record<string, string>;
  query: Record<string, string>;
  headers: Record<string, string>;
  /** Parsed JSON body (undefined when there was none). */
  body: unknown;
}

export type RouteHandler = (req: RouteRequest) => Promise<APIGatewayProxyStructuredResultV2>;

interface Route {
  method: string;
  /** e.g. `/tickets/:id/reply` */
  path: string;
  segments: string[];
  run: RouteHandler;
}

/** A small method + path router; `:name` segments become params. */
export class Router {
  private readonly routes: Route[] = [];

  on(method: string, path: string, run: RouteHandler): this {
    this.routes.push({ method: method.toUpperCase(), path, segments: path.split('/').filter(Boolean), run });
    return this;
  }

  /** The route for a request, or an HttpError: 404 for an unknown path, 405 for a known path with another method. */
  match(method: string, path: string): { run: RouteHandler; params: Record<string, string> } {
    const parts = path.split('/').filter(Boolean);
    let pathKnown = false;
    for (const route of this.routes) {
      if (route.segments.length !== parts.length) continue;
      const params: Record<string, string> = {};
      const ok = route.segments.every((seg, i) => {
        const part = parts[i]!;
        if (seg.startsWith(':')) {
          try {
            params[seg.slice(1)] = decodeURIComponent(part);
          } catch {
            return false;
          }
          return true;
        }
        return seg === part;
      });
      if (!ok) continue;
      pathKnown = true;
      if (route.method === method.toUpperCase()) return { run: route.run, params };
    }
    if (pathKnown) throw new HttpError('method_not_allowed', `${method} is not supported here`);
    throw new HttpError('route_not_found', `no route for ${method} ${path}`);
  }
}

/** Headers with lower-cased names (API Gateway v2 already lower-cases them; node:http too). */
export function lowerHeaders(event: APIGatewayProxyEventV2): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(event.headers ?? {})) if (v !== undefined) out[k.toLowerCase()] = v;
  return out;
}

const MAX_BODY_BYTES = 64 * 1024;

export function parseJsonBody(event: APIGatewayProxyEventV2): unknown {
  if (event.body === undefined || event.body === null || event.body === '') return undefined;
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  if (Buffer.byteLength(text, 'utf8') > MAX_BODY_BYTES) throw new HttpError('payload_too_large', `bodies are limited to ${MAX_BODY_BYTES} bytes`);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError('invalid_json', 'the body is not valid JSON');
  }
}
