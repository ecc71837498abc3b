// An HTTP proxy in front of a local stand-in that breaks connections the way networks and busy
// hosts do, on cue and without timing: the real server still answers every request it is given,
// so what it recorded (the SES capture) shows what really got through.
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/**
 * What the proxy does with the next request, in order:
 * - `forward`: passes it on and relays the answer;
 * - `lose-answer`: passes it on (the server acts on it), then resets the connection instead of
 *   relaying the answer — the request arrived, the caller cannot know;
 * - `unavailable`: answers 503 itself; the server never sees the request.
 */
export type ProxyStep = 'forward' | 'lose-answer' | 'unavailable';

export interface BreakingProxy {
  url: string;
  /** Steps for the coming requests; once used up, requests are forwarded. */
  plan(...steps: ProxyStep[]): void;
  /** Connections opened to the proxy, and requests that reached the server through it. */
  counts(): { connections: number; forwarded: number; resetIdle: number };
  stop(): Promise<void>;
}

/**
 * `closeIdle`: a connection that has carried a request counts as closed by the server, as one
 * whose keep-alive time ran out while the client was busy: a further request on it is reset
 * before it is read (it never reaches the server).
 */
export async function startBreakingProxy(target: string, options: { closeIdle?: boolean } = {}): Promise<BreakingProxy> {
  const upstream = new URL(target);
  const steps: ProxyStep[] = [];
  const used = new WeakSet<Socket>();
  const totals = { connections: 0, forwarded: 0, resetIdle: 0 };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const socket = req.socket;
    if (options.closeIdle && used.has(socket)) {
      totals.resetIdle++;
      socket.resetAndDestroy();
      return;
    }
    used.add(socket);
    const step = steps.shift() ?? 'forward';
    if (step === 'unavailable') {
      res.writeHead(503, { 'content-type': 'application/json' }).end(JSON.stringify({ message: 'Service Unavailable' }));
      return;
    }
    const out = request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        totals.forwarded++;
        if (step === 'lose-answer') {
          answer.resume();
          socket.resetAndDestroy();
          return;
        }
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    out.on('error', () => socket.destroy());
    req.pipe(out);
  });
  server.on('connection', () => totals.connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    plan: (...next) => void steps.push(...next),
    counts: () => ({ ...totals }),
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
