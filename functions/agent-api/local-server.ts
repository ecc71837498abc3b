import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { createAgentApi, type AgentApiDeps, type AgentApiHandler } from './handler.ts';
import { agentApiDeps } from './deps.ts';
import { parsePipelineConfig } from '../../shared/config.ts';
import { createAwsClients } from '../../shared/aws-clients.ts';

export const DEFAULT_WEB_DIST = fileURLToPath(new URL('../../web/dist/', import.meta.url));
const WEB_CONFIG = fileURLToPath(new URL('../../web/vite.config.ts', import.meta.url));

export interface AgentServerOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** The bearer token agents sign in with; a random one when absent (read it from the result). */
  token?: string;
  /** Recorded as the actor of local agents' changes. */
  agent?: string;
  /** Stores and reply sender; built from `env` (TABLE_NAME, RAW_MAIL_BUCKET, …) when absent. */
  deps?: Omit<AgentApiDeps, 'auth'>;
  env?: NodeJS.ProcessEnv;
  /** The built page (default web/dist). */
  webDist?: string;
  /** How often the queue page looks for new tickets (config.json `refreshSeconds`, default 15). */
  pageRefreshSeconds?: number;
  /** `if-missing` (default) runs `vite build` once when web/dist has no index.html. */
  buildWeb?: 'if-missing' | 'always' | 'never';
}

export interface AgentServer {
  url: string;
  token: string;
  close(): Promise<void>;
}

const MAX_REQUEST_BYTES = 1024 * 1024;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.map': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
};

const PAGE_HEADERS = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
};

/** Builds the page with Vite (a dev dependency: only ever needed locally). */
export async function buildWebPage(): Promise<void> {
  const { build } = await import('vite');
  await build({ configFile: WEB_CONFIG, logLevel: 'warn' });
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_REQUEST_BYTES) throw Object.assign(new Error('request too large'), { status: 413 });
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** A node:http request as the API Gateway HTTP API (payload 2.0) event Lambda would get. */
export function toApiGatewayEvent(req: IncomingMessage, url: URL, path: string, body: Buffer): APIGatewayProxyEventV2 {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(',') : v;
  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) query[k] = k in query ? `${query[k]},${v}` : v;
  const now = new Date();
  const text = body.toString('utf8');
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: url.search.replace(/^\?/, ''),
    headers,
    ...(Object.keys(query).length > 0 && { queryStringParameters: query }),
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: url.host,
      domainPrefix: url.hostname.split('.')[0] ?? '',
      http: {
        method: req.method ?? 'GET',
        path,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp: req.socket.remoteAddress ?? '',
        userAgent: req.headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: '$default',
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    ...(body.length > 0 && { body: text }),
    isBase64Encoded: false,
  };
}

function send(res: ServerResponse, result: APIGatewayProxyStructuredResultV2): void {
  const body = result.body === undefined ? '' : result.isBase64Encoded ? Buffer.from(result.body, 'base64') : result.body;
  res.writeHead(result.statusCode ?? 200, result.headers as Record<string, string>);
  res.end(body);
}

async function serveStatic(res: ServerResponse, root: string, pathname: string, configJson: string): Promise<void> {
  if (pathname === '/config.json') {
    res.writeHead(200, { 'content-type': TYPES['.json']!, 'cache-control': 'no-store', ...PAGE_HEADERS });
    res.end(configJson);
    return;
  }
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    res.writeHead(400).end();
    return;
  }
  const file = resolve(root, `.${normalize(decoded === '/' ? '/index.html' : decoded)}`);
  if (!file.startsWith(root)) {
    res.writeHead(404).end();
    return;
  }
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', ...PAGE_HEADERS });
    res.end('not found');
    return;
  }
  const immutable = file.startsWith(join(root, 'assets') + sep);
  res.writeHead(200, {
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    ...PAGE_HEADERS,
  });
  res.end(await readFile(file));
}

/**
 * The agents' page and API on one local origin: `/` serves web/dist (plus a `config.json` in
 * token mode), `/api/*` goes to the very handler Lambda runs, through an API-Gateway-shaped
 * event (with `/api` stripped, as the HTTP API would route it).
 */
export async function startAgentServer(options: AgentServerOptions = {}): Promise<AgentServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const root = resolve(options.webDist ?? DEFAULT_WEB_DIST) + sep;
  const buildMode = options.buildWeb ?? 'if-missing';
  if (buildMode === 'always' || (buildMode === 'if-missing' && !existsSync(join(root, 'index.html')))) await buildWebPage();
  const env = options.env ?? process.env;
  const deps = options.deps ?? agentApiDeps(parsePipelineConfig(env), createAwsClients(env));
  const api: AgentApiHandler = createAgentApi({ ...deps, auth: { mode: 'token', token, agent: options.agent ?? 'local-agent' } });
  const configJson = JSON.stringify({ apiBase: '/api', auth: { mode: 'token' }, refreshSeconds: options.pageRefreshSeconds ?? 15 });

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
    const run = async () => {
      if (url.pathname === '/api' || url.pathname.startsWith('/api/')) {
        const body = await readBody(req);
        send(res, await api(toApiGatewayEvent(req, url, url.pathname.slice(4) || '/', body)));
      } else if (req.method === 'GET' || req.method === 'HEAD') {
        await serveStatic(res, root, url.pathname, configJson);
      } else {
        res.writeHead(405).end();
      }
    };
    run().catch((err: { status?: number }) => {
      if (!res.headersSent) res.writeHead(err.status ?? 500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: err.status === 413 ? 'payload_too_large' : 'internal', message: 'request failed' } }));
    });
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => ok());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}/`,
    token,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
