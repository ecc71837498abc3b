import { createServer } from 'node:net';

/**
 * A TCP port that is free on `host` right now. Only for servers that cannot listen on port 0
 * themselves (DynamoDB Local takes a `-port` argument): there is a short race between closing
 * this probe and the child binding, so callers retry on a bind failure.
 */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.once('error', reject);
    probe.listen(0, host, () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => (port > 0 ? resolve(port) : reject(new Error('no port assigned'))));
    });
  });
}
