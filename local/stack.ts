import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Email } from 'aws-ses-v2-local/dist/store.js';
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
  /** DynamoDB Local's java process id (for measuring its CPU). */
  dynamodbPid: number;
  /**
   * What an AWS SDK v3 client (or the handler's config) needs to talk to this stack: endpoint
   * URLs per service, a region, dummy credentials (s3rver accepts only `S3RVER`/`S3RVER`; the
   * others accept anything), and checksum settings s3rver understands.
   */
  env: Record<string, string>;
  /** Every email sent through the local SES endpoint, oldest first. */
  capturedMail(): Promise<CapturedMail[]>;
  /** Empties the SES capture (kept in memory, one per stack: each stack has its own worker). */
  clearCapturedMail(): Promise<void>;
  stop(): Promise<void>;
}

const HOST = '127.0.0.1';
export const LOCAL_REGION = 'us-east-1';

/**
 * Starts the AWS stand-ins the pipeline talks to, all on 127.0.0.1: DynamoDB Local (java),
 * aws-ses-v2-local (captures outgoing mail) and s3rver (files on disk), the last two on a worker
 * thread of this process.
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
    startStandIns({ ses: options.ports?.ses ?? 0, s3: options.ports?.s3 ?? 0 }, s3Dir),
  ]);
  const [dynamo, standIns] = started;

  const stopAll = async () => {
    await Promise.allSettled([
      dynamo.status === 'fulfilled' ? dynamo.value.stop() : undefined,
      standIns.status === 'fulfilled' ? standIns.value.stop() : undefined,
    ]);
    if (dataDir === null) rmSync(s3Dir, { recursive: true, force: true });
  };

  if (dynamo.status === 'rejected' || standIns.status === 'rejected') {
    await stopAll();
    const failure = started.find((result) => result.status === 'rejected') as PromiseRejectedResult;
    throw new Error('local stack did not start', { cause: failure.reason });
  }

  const endpoints = { dynamodb: dynamo.value.endpoint, s3: standIns.value.s3, ses: standIns.value.ses };
  let stopped: Promise<void> | null = null;
  return {
    endpoints,
    dynamodbPid: dynamo.value.pid,
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

interface StandIns {
  ses: string;
  s3: string;
  stop(): Promise<void>;
}

/** aws-ses-v2-local and s3rver on a worker thread (see stand-ins-worker.mjs for why). */
async function startStandIns(ports: { ses: number; s3: number }, s3Dir: string): Promise<StandIns> {
  const worker = new Worker(new URL('./stand-ins-worker.mjs', import.meta.url), {
    workerData: { host: HOST, sesPort: ports.ses, s3Port: ports.s3, s3Dir },
  });
  const exited = new Promise<void>((done) => worker.once('exit', () => done()));
  const ready = await new Promise<{ sesPort: number; s3Port: number }>((resolve, reject) => {
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`stand-ins worker exited (${code}) before it was ready`)));
    worker.once('message', (message: { type: string; sesPort: number; s3Port: number; message?: string }) => {
      if (message.type === 'ready') resolve(message);
      else reject(new Error(`local SES/S3 did not start: ${message.message ?? message.type}`));
    });
  }).catch(async (error: unknown) => {
    await worker.terminate();
    throw error;
  });
  // A stray error later (a port dropped, a bug in a stand-in) is logged, never an unhandled crash.
  worker.on('error', (error) => console.error('[local] SES/S3 stand-ins failed:', error));
  let stopped: Promise<void> | null = null;
  return {
    ses: `http://${HOST}:${ready.sesPort}`,
    s3: `http://${HOST}:${ready.s3Port}`,
    stop: () =>
      (stopped ??= (async () => {
        worker.postMessage('stop');
        const timeout = setTimeout(() => void worker.terminate(), 5_000);
        await exited;
        clearTimeout(timeout);
      })()),
  };
}

export type { DynamoDbLocal };
