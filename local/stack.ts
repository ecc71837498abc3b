import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import type { Email } from 'aws-ses-v2-local/dist/store.js';
import S3rver from 's3rver';
import { startDynamoDbLocal, type DynamoDbLocal } from './dynamodb-local.ts';

/** One email captured by the local SES endpoint (aws-ses-v2-local's `GET /store` shape). */
export type CapturedMail = Email;

export interface LocalStackOptions {
  /**
   * Where DynamoDB Local and the S3 store keep their data, so it survives a restart
   * (`<dataDir>/dynamodb`, `<dataDir>/s3`). Absent: DynamoDB in memory and S3 in a temporary
   * folder removed on stop.
   */
  dataDir?: string;
  /** Fixed ports (`npm start`); absent or 0: random free ports (tests, benchmarks). */
  ports?: { dynamodb?: number; s3?: number; ses?: number };
}

export interface LocalStack {
  endpoints: { dynamodb: string; s3: string; ses: string };
  /**
   * What an AWS SDK v3 client (or the handler's config) needs to talk to this stack: endpoint
   * URLs per service, a region, dummy credentials (s3rver accepts only `S3RVER`/`S3RVER`; the
   * others accept anything), and checksum settings s3rver understands.
   */
  env: Record<string, string>;
  /** Every email sent through the local SES endpoint, oldest first. */
  capturedMail(): Promise<CapturedMail[]>;
  /** Empties the SES capture (aws-ses-v2-local keeps it in memory, one store per process). */
  clearCapturedMail(): Promise<void>;
  stop(): Promise<void>;
}

// aws-ses-v2-local is CommonJS with `exports.default`; ESM loaders disagree on what its default
// import is (Node: module.exports, vite: exports.default), so take it through require.
const sesLocal = createRequire(import.meta.url)('aws-ses-v2-local') as typeof import('aws-ses-v2-local');

const HOST = '127.0.0.1';
export const LOCAL_REGION = 'us-east-1';

/**
 * Starts the AWS stand-ins the pipeline talks to, all on 127.0.0.1: DynamoDB Local (java),
 * aws-ses-v2-local (in-process, captures outgoing mail) and s3rver (in-process, files on disk).
 * Used by `npm start`, the integration tests and the benchmark alike.
 */
export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const dataDir = options.dataDir === undefined ? null : resolve(options.dataDir);
  const s3Dir = dataDir === null ? mkdtempSync(join(tmpdir(), 'kdp-triage-s3-')) : join(dataDir, 's3');
  mkdirSync(s3Dir, { recursive: true });

  const started = await Promise.allSettled([
    startDynamoDbLocal({
      port: options.ports?.dynamodb ?? 0,
      ...(dataDir === null ? {} : { path: join(dataDir, 'dynamodb') }),
    }),
    startSes(options.ports?.ses ?? 0),
    startS3(options.ports?.s3 ?? 0, s3Dir),
  ]);
  const [dynamo, ses, s3] = started;

  const stopAll = async () => {
    await Promise.allSettled([
      dynamo.status === 'fulfilled' ? dynamo.value.stop() : undefined,
      ses.status === 'fulfilled' ? ses.value.stop() : undefined,
      s3.status === 'fulfilled' ? s3.value.stop() : undefined,
    ]);
    if (dataDir === null) rmSync(s3Dir, { recursive: true, force: true });
  };

  if (dynamo.status === 'rejected' || ses.status === 'rejected' || s3.status === 'rejected') {
    await stopAll();
    const failure = started.find((result) => result.status === 'rejected') as PromiseRejectedResult;
    throw new Error('local stack did not start', { cause: failure.reason });
  }

  const endpoints = { dynamodb: dynamo.value.endpoint, s3: s3.value.endpoint, ses: ses.value.endpoint };
  let stopped: Promise<void> | null = null;
  return {
    endpoints,
    env: {
      AWS_REGION: LOCAL_REGION,
      AWS_ACCESS_KEY_ID: 'S3RVER',
      AWS_SECRET_ACCESS_KEY: 'S3RVER',
      AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
      AWS_ENDPOINT_URL_S3: endpoints.s3,
      AWS_ENDPOINT_URL_SESV2: endpoints.ses,
      AWS_ENDPOINT_URL_SES: endpoints.ses,
      // s3rver predates the SDK's default CRC32 checksums.
      AWS_REQUEST_CHECKSUM_CALCULATION: 'WHEN_REQUIRED',
      AWS_RESPONSE_CHECKSUM_VALIDATION: 'WHEN_REQUIRED',
    },
    capturedMail: async () => {
      const response = await fetch(`${endpoints.ses}/store`);
      if (!response.ok) throw new Error(`SES capture answered ${response.status}`);
      const body = (await response.json()) as { emails: CapturedMail[] };
      return body.emails;
    },
    clearCapturedMail: async () => {
      const response = await fetch(`${endpoints.ses}/clear-store`, { method: 'POST' });
      if (!response.ok) throw new Error(`SES capture answered ${response.status}`);
    },
    stop: () => (stopped ??= stopAll()),
  };
}

interface Running {
  endpoint: string;
  stop(): Promise<void>;
}

async function startSes(port: number): Promise<Running> {
  const server = await sesLocal.default({ host: HOST, port });
  return { endpoint: `http://${HOST}:${portOf(server)}`, stop: () => closeServer(server) };
}

async function startS3(port: number, directory: string): Promise<Running> {
  const s3rver = new S3rver({ address: HOST, port, silent: true, directory });
  const address = await s3rver.run();
  return {
    endpoint: `http://${HOST}:${address.port}`,
    stop: async () => {
      const closing = s3rver.close();
      // SDK clients keep connections alive; without this close() waits for them.
      s3rver.httpServer?.closeAllConnections();
      await closing;
    },
  };
}

function portOf(server: Server): number {
  return (server.address() as AddressInfo).port;
}

async function closeServer(server: Server): Promise<void> {
  const closing = new Promise<void>((done, fail) => server.close((error) => (error ? fail(error) : done())));
  server.closeAllConnections();
  await closing;
}

export type { DynamoDbLocal };
