import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { Context, SESEvent } from 'aws-lambda';
import { buildSesEvent, LOCAL_FUNCTION_ARN, sesMessageId, sesTraceHeaders } from './ses-event.ts';
import { localLambdaContext } from './lambda-context.ts';

/** SES accepts messages up to 40 MB (headers and body, after encoding); so do we. */
export const SES_MAX_MESSAGE_BYTES = 40 * 1024 * 1024;

export type InboundHandler = (event: SESEvent, context: Context) => Promise<unknown>;

export interface InboundOutcome {
  messageId: string;
  /** `processed`: the handler returned; `dead-lettered`: it failed on every attempt. */
  status: 'processed' | 'dead-lettered';
  attempts: number;
  /** When the SMTP transaction was accepted (ms since epoch). */
  acceptedAt: number;
  finishedAt: number;
  error?: unknown;
  deadLetterFile?: string;
}

export type LogFn = (level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => void;

export interface SmtpInboundOptions {
  /** 0: a random free port. */
  port: number;
  host?: string;
  /** The addresses we receive for (the receipt rule's recipients); anything else gets 550. */
  recipients: string[];
  /** Where SES's S3 action would put the message: `s3://bucket/prefix<messageId>`. */
  s3: S3Client;
  bucket: string;
  prefix: string;
  /** The Lambda handler, invoked asynchronously after the message is stored, as SES does. */
  handler: InboundHandler;
  /** Failed events land here after the retries, as Lambda's on-failure destination records. */
  deadLetterDir: string;
  /**
   * Lambda queues async events durably; locally each accepted event is written here before the
   * 250 and removed once handled or dead-lettered, and whatever is left (a crash, a kill -9) is
   * invoked again at the next start. Absent: in memory only.
   */
  pendingDir?: string;
  sizeLimit?: number;
  /** Waits before each retry; Lambda's async invocation retries twice (after ~1 and ~2 minutes). */
  retryDelaysMs?: number[];
  /** How many handler invocations run at once (Lambda's reserved concurrency, locally). */
  maxConcurrency?: number;
  functionArn?: string;
  log?: LogFn;
  onOutcome?: (outcome: InboundOutcome) => void;
}

export interface SmtpInbound {
  host: string;
  port: number;
  /** Resolves when every accepted message has been handled (or dead-lettered). */
  drain(): Promise<void>;
  /** Stops accepting, lets open sessions and queued invocations finish. */
  stop(): Promise<void>;
}

class SmtpReplyError extends Error {
  constructor(
    readonly responseCode: number,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'SmtpReplyError';
  }
}

/**
 * The local stand-in for SES email receiving: an SMTP server that accepts mail for the support
 * address, stores each message in S3 under the raw-mail prefix (the receipt rule's S3 action;
 * the client gets 250 only once that write succeeded), then invokes the inbound Lambda handler
 * with the SES event (the Lambda action, asynchronous), retrying like Lambda and writing
 * dead letters. Any SMTP client works: no AUTH, no STARTTLS.
 */
export async function startSmtpInbound(options: SmtpInboundOptions): Promise<SmtpInbound> {
  const host = options.host ?? '127.0.0.1';
  const sizeLimit = options.sizeLimit ?? SES_MAX_MESSAGE_BYTES;
  const recipients = new Set(options.recipients.map((address) => address.toLowerCase()));
  const functionArn = options.functionArn ?? LOCAL_FUNCTION_ARN;
  const retryDelays = options.retryDelaysMs ?? [1_000, 2_000];
  const log: LogFn = options.log ?? (() => undefined);
  const invocations = new InvocationQueue(options.maxConcurrency ?? 16);

  const server = new SMTPServer({
    name: 'kdp-triage.local',
    banner: 'kdp-triage local inbound (SES stand-in)',
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: sizeLimit,
    rejectOversized: true,
    logger: false,
    closeTimeout: 5_000,
    onRcptTo(address, _session, callback) {
      if (recipients.has(address.address.toLowerCase())) return callback();
      callback(new SmtpReplyError(550, `5.7.1 <${address.address}>: relay not permitted, this server receives only for the support address`));
    },
    onData(stream, session, callback) {
      receive(stream, session).then(
        (messageId) => callback(null, `Ok: queued as ${messageId}`),
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
    },
  });
  server.on('error', (error) => log('error', 'smtp server error', { error: String(error) }));

  async function receive(stream: SMTPServerDataStream, session: SMTPServerSession): Promise<string> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size <= sizeLimit) chunks.push(chunk);
    }
    if (stream.sizeExceeded || size > sizeLimit) {
      // rejectOversized answers 552; this keeps the oversize message from being stored at all.
      throw new SmtpReplyError(552, `5.3.4 message exceeds the fixed maximum message size (${sizeLimit} bytes)`);
    }

    const acceptedAt = Date.now();
    const receivedAt = new Date(acceptedAt);
    const messageId = sesMessageId();
    const mailFrom = session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address;
    const destination = session.envelope.rcptTo.map((address) => address.address);
    const matched = destination.filter((address) => recipients.has(address.toLowerCase()));
    const trace = sesTraceHeaders({
      messageId,
      mailFrom,
      recipient: matched[0] ?? destination[0] ?? '',
      clientHostname: session.clientHostname,
      clientAddress: session.remoteAddress,
      heloName: session.hostNameAppearsAs,
      receivedAt,
      receivingHost: 'kdp-triage.local',
    });
    const raw = Buffer.concat([Buffer.from(trace, 'utf8'), ...chunks]);
    const key = `${options.prefix}${messageId}`;
    try {
      await options.s3.send(new PutObjectCommand({ Bucket: options.bucket, Key: key, Body: raw, ContentType: 'message/rfc822' }));
    } catch (error) {
      log('error', 'could not store the raw message; the client will retry', { messageId, error: String(error) });
      throw new SmtpReplyError(451, '4.3.0 could not store the message, try again later', { cause: error });
    }
    log('info', 'message accepted', { messageId, bytes: raw.length, from: mailFrom, to: matched, s3: `s3://${options.bucket}/${key}` });

    const event = buildSesEvent({ messageId, raw, mailFrom, destination, recipients: matched, receivedAt, functionArn });
    if (options.pendingDir !== undefined) {
      try {
        await writeFile(join(options.pendingDir, `${messageId}.json`), JSON.stringify(event));
      } catch (error) {
        log('error', 'could not queue the invocation; the client will retry', { messageId, error: String(error) });
        throw new SmtpReplyError(451, '4.3.0 could not queue the message, try again later', { cause: error });
      }
    }
    schedule(event, messageId, acceptedAt);
    return messageId;
  }

  function schedule(event: SESEvent, messageId: string, acceptedAt: number): void {
    invocations
      .run(async () => {
        const settled = await invoke(event, messageId, acceptedAt);
        if (settled && options.pendingDir !== undefined) await rm(join(options.pendingDir, `${messageId}.json`), { force: true });
      })
      .catch((error: unknown) => log('error', 'invocation bookkeeping failed', { messageId, error: String(error) }));
  }

  /** Invokes again what an earlier run accepted but did not finish. */
  async function resumePending(dir: string): Promise<void> {
    await mkdir(dir, { recursive: true });
    for (const name of (await readdir(dir)).filter((file) => file.endsWith('.json')).sort()) {
      const messageId = name.slice(0, -'.json'.length);
      try {
        const event = JSON.parse(await readFile(join(dir, name), 'utf8')) as SESEvent;
        log('info', 'resuming an invocation left by an earlier run', { messageId });
        schedule(event, messageId, Date.now());
      } catch (error) {
        log('error', 'unreadable pending invocation left in place', { file: join(dir, name), error: String(error) });
      }
    }
  }

  /** True once the event is settled: handled, or written to the dead-letter folder. */
  async function invoke(event: SESEvent, messageId: string, acceptedAt: number): Promise<boolean> {
    let lastError: unknown;
    for (let attempt = 1; attempt <= retryDelays.length + 1; attempt += 1) {
      try {
        await options.handler(event, localLambdaContext(functionArn, 60_000));
        options.onOutcome?.({ messageId, status: 'processed', attempts: attempt, acceptedAt, finishedAt: Date.now() });
        return true;
      } catch (error) {
        lastError = error;
        const delay = retryDelays[attempt - 1];
        log('warn', delay === undefined ? 'handler failed, no retries left' : 'handler failed, will retry', {
          messageId,
          attempt,
          error: describeError(error),
        });
        if (delay !== undefined) await new Promise((done) => setTimeout(done, delay));
      }
    }
    const attempts = retryDelays.length + 1;
    let deadLetterFile: string | undefined;
    try {
      deadLetterFile = await writeDeadLetter(options.deadLetterDir, event, lastError, functionArn, attempts);
      log('error', 'event written to the dead-letter folder', { messageId, file: deadLetterFile });
    } catch (error) {
      log('error', 'could not write the dead letter', { messageId, error: String(error) });
    }
    options.onOutcome?.({
      messageId,
      status: 'dead-lettered',
      attempts,
      acceptedAt,
      finishedAt: Date.now(),
      error: lastError,
      ...(deadLetterFile === undefined ? {} : { deadLetterFile }),
    });
    return deadLetterFile !== undefined;
  }

  if (options.pendingDir !== undefined) await resumePending(options.pendingDir);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.server.address() as AddressInfo).port;

  let stopped: Promise<void> | null = null;
  return {
    host,
    port,
    drain: () => invocations.idle(),
    stop: () =>
      (stopped ??= (async () => {
        await new Promise<void>((done) => server.close(() => done()));
        await invocations.idle();
      })()),
  };
}

/** The record Lambda sends to an on-failure destination, written as a file. */
async function writeDeadLetter(dir: string, event: SESEvent, error: unknown, functionArn: string, attempts: number): Promise<string> {
  await mkdir(dir, { recursive: true });
  const messageId = event.Records[0]?.ses.mail.messageId ?? 'unknown';
  const timestamp = new Date().toISOString();
  const file = join(dir, `${timestamp.replace(/[:.]/g, '-')}-${messageId}.json`);
  const { errorType, errorMessage, trace } = describeError(error);
  const record = {
    version: '1.0',
    timestamp,
    requestContext: { requestId: null, functionArn, condition: 'RetriesExhausted', approximateInvokeCount: attempts },
    requestPayload: event,
    responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
    responsePayload: { errorType, errorMessage, trace },
  };
  await writeFile(file, `${JSON.stringify(record, null, 2)}\n`);
  return file;
}

function describeError(error: unknown): { errorType: string; errorMessage: string; trace: string[] } {
  if (error instanceof Error) {
    return { errorType: error.name, errorMessage: error.message, trace: (error.stack ?? '').split('\n').slice(1).map((line) => line.trim()) };
  }
  return { errorType: 'NonError', errorMessage: String(error), trace: [] };
}

/** Runs at most `limit` tasks at once; `idle()` resolves when none run or wait. */
class InvocationQueue {
  private running = 0;
  private readonly waiting: Array<() => void> = [];
  private idleWaiters: Array<() => void> = [];

  constructor(private readonly limit: number) {}

  async run(task: () => Promise<void>): Promise<void> {
    if (this.running >= this.limit) await new Promise<void>((go) => this.waiting.push(go));
    this.running += 1;
    try {
      await task();
    } finally {
      this.running -= 1;
      const next = this.waiting.shift();
      if (next) next();
      else if (this.running === 0) {
        const waiters = this.idleWaiters;
        this.idleWaiters = [];
        for (const done of waiters) done();
      }
    }
  }

  idle(): Promise<void> {
    if (this.running === 0 && this.waiting.length === 0) return Promise.resolve();
    return new Promise((done) => this.idleWaiters.push(done));
  }
}
