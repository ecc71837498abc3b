// `npm run bench` (pipeline part), also `tsx bench/pipeline.ts`: emails through SMTP → ticket →
// captured reply on this machine, beside the I/O floor measured in the same run.
//
// How the floor is measured: while the pipeline pass runs, every AWS SDK call the handler makes
// is recorded per email (command class and input, attributed through AsyncLocalStorage). The
// floor pass then sends the same emails through the same SMTP server, S3 write and async
// invocation, but the "handler" only replays that email's recorded calls, in order, on the same
// SDK clients, against a fresh table: the same S3 read, the same DynamoDB items, conditions and
// transactions, the same raw SES send — without parsing, classifying, redacting or composing.
// So "our code adds X%" is the cost of everything the handler does besides its I/O.
//
// Then, to show where the floor's CPU goes, each kind of recorded call is replayed alone (all of
// batch A's calls of that kind, each email's in order, into a fresh table) and its CPU measured,
// in this process and in DynamoDB Local's JVM; what the calls do not explain is the front door
// (SMTP in, the S3 put, the pending-invocation file, the invocation).
//
// Like the tests, the bench runs DynamoDB Local in memory and s3rver on a temporary folder;
// `npm start` keeps both on disk (DATA_DIR). BENCH_PERSIST=1 measures that setup instead.
import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Context, SESEvent } from 'aws-lambda';
import { REPO_ROOT } from '../local/config.ts';
import { createTable } from '../local/create-table.ts';
import { startLocalRuntime, type LocalRuntime } from '../local/runtime.ts';
import { createSmtpSender, envelopeSender } from '../local/smtp-send.ts';
import type { InboundHandler, InboundOutcome } from '../local/smtp-inbound.ts';

const SUPPORT = 'support@kdp.example.com';
const TABLE = 'bench-tickets';
const FLOOR_TABLE = 'bench-floor';

interface BenchOptions {
  emails: number;
  concurrency: number;
  warmup: number;
  /** Each pass stops taking new emails after this long. */
  passLimitMs: number;
  corpusDir: string;
  /** Keep DynamoDB Local and S3 on disk, as `npm start` does. */
  persist: boolean;
}

function optionsFromEnv(): BenchOptions {
  const int = (name: string, fallback: number, min: number, max: number) => {
    const value = process.env[name];
    if (value === undefined || value === '') return fallback;
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < min || parsed > max) throw new Error(`${name} must be an integer in [${min}, ${max}]`);
    return parsed;
  };
  return {
    emails: int('BENCH_EMAILS', 500, 10, 20_000),
    concurrency: int('BENCH_CONCURRENCY', 12, 1, 64),
    // DynamoDB Local's JIT keeps compiling for the first few hundred emails (it costs several ms
    // of CPU per email meanwhile); a sustained rate is measured after that.
    warmup: int('BENCH_WARMUP', 300, 0, 5_000),
    passLimitMs: int('BENCH_PASS_LIMIT_SECONDS', 120, 5, 1_800) * 1000,
    corpusDir: resolve(process.env.BENCH_CORPUS_DIR ?? join(REPO_ROOT, '..', 'shared', 'eval', 'dev')),
    persist: process.env.BENCH_PERSIST === '1',
  };
}

interface BenchEmail {
  /** The Message-ID header value, unique per email: how an SES event is matched back to it. */
  messageIdHeader: string;
  raw: Buffer;
  from: string;
}

/** The dev corpus, repeated to `count`, each copy with its own Message-ID and sender address. */
function benchEmails(corpusDir: string, count: number, tag: string): BenchEmail[] {
  let files: string[];
  try {
    files = readdirSync(corpusDir).filter((name) => name.endsWith('.eml')).sort();
  } catch (error) {
    throw new Error(`bench: cannot read the dev corpus at ${corpusDir} (set BENCH_CORPUS_DIR)`, { cause: error });
  }
  if (files.length === 0) throw new Error(`bench: no .eml files in ${corpusDir}`);
  const corpus = files.map((name) => readFileSync(join(corpusDir, name)));
  return Array.from({ length: count }, (_, index) => {
    const messageIdHeader = `<bench-${tag}-${index}@bench.kdp-triage.example>`;
    const raw = rewriteHeaders(corpus[index % corpus.length]!, messageIdHeader, `b${tag}${index}`);
    return { messageIdHeader, raw, from: envelopeSender(raw) };
  });
}

/**
 * Gives a copy its own Message-ID and a distinct sender (a `+tag` on the From local part, so the
 * per-sender reply window does not turn the run into follow-ups), leaving everything else as is.
 */
function rewriteHeaders(raw: Buffer, messageId: string, senderTag: string): Buffer {
  const crlf = raw.indexOf('\r\n\r\n');
  const lf = raw.indexOf('\n\n');
  const end = crlf >= 0 && (lf < 0 || crlf < lf) ? crlf : lf >= 0 ? lf : raw.length;
  const newline = crlf >= 0 && end === crlf ? '\r\n' : '\n';
  const lines = raw.subarray(0, end).toString('latin1').split(/\r?\n/);
  const out: string[] = [];
  let skippingFold = false;
  for (const line of lines) {
    if (skippingFold && /^[ \t]/.test(line)) continue;
    skippingFold = false;
    if (/^message-id:/i.test(line)) {
      skippingFold = true;
      continue;
    }
    out.push(/^from:/i.test(line) ? line.replace(/([A-Za-z0-9._%-]+)@/, `$1+${senderTag}@`) : line);
  }
  out.push(`Message-ID: ${messageId}`);
  return Buffer.concat([Buffer.from(out.join(newline), 'latin1'), raw.subarray(end)]);
}

interface RecordedCall {
  client: { send(command: unknown): Promise<unknown> };
  Command: new (input: unknown) => unknown;
  input: unknown;
}

/**
 * Records the SDK calls made inside `recorder.run(key, …)`. Patches `send` on the client classes
 * the handler uses (the document client does not go through DynamoDBClient.send, so no call is
 * counted twice); `restore()` puts the originals back.
 */
function recordSdkCalls(recorder: AsyncLocalStorage<RecordedCall[]>): { restore(): void } {
  const classes = [DynamoDBDocumentClient, DynamoDBClient, S3Client, SESv2Client] as unknown as Array<{
    prototype: { send: (...args: unknown[]) => Promise<unknown> };
  }>;
  const originals = classes.map((cls) => Object.getOwnPropertyDescriptor(cls.prototype, 'send'));
  for (const cls of classes) {
    const inherited = cls.prototype.send;
    cls.prototype.send = function (this: RecordedCall['client'], ...args: unknown[]) {
      const calls = recorder.getStore();
      const command = args[0] as { constructor: RecordedCall['Command']; input: unknown };
      if (calls) calls.push({ client: this, Command: command.constructor, input: command.input });
      return inherited.apply(this, args);
    };
  }
  return {
    restore() {
      classes.forEach((cls, index) => {
        const original = originals[index];
        if (original) Object.defineProperty(cls.prototype, 'send', original);
        else delete (cls.prototype as { send?: unknown }).send;
      });
    },
  };
}

/** A deep copy with every `TableName` pointing at `to`. */
function retarget(input: unknown, from: string, to: string): unknown {
  const copy = structuredClone(input);
  const visit = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value !== null && typeof value === 'object' && !(value instanceof Uint8Array)) {
      const record = value as Record<string, unknown>;
      for (const [key, inner] of Object.entries(record)) {
        if (key === 'TableName' && inner === from) record[key] = to;
        else visit(inner);
      }
    }
  };
  visit(copy);
  return copy;
}

interface PassResult {
  name: string;
  done: number;
  failed: number;
  wallMs: number;
  latencies: number[];
  handlerMs: number[];
  /** CPU time of this process (all its threads; DynamoDB Local's JVM excluded) during the pass. */
  cpuMs: number;
  /** Time the main event loop was busy during the pass. */
  loopBusyMs: number;
  /** CPU time of DynamoDB Local's JVM during the pass (null where /proc is not there). */
  jvmCpuMs: number | null;
}

/** utime + stime of a process in ms, from /proc (Linux); null elsewhere. */
function processCpuMs(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // After "pid (comm) ": state is field 3, utime 14 and stime 15 (1-based) → indexes 11 and 12; clock ticks of 10 ms.
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

/**
 * Closed loop: `concurrency` workers, each sends an email over SMTP and waits until the handler
 * has finished with it (reply sent), then takes the next. Latency: SMTP connection use → done.
 */
async function runPass(
  name: string,
  runtime: LocalRuntime,
  emails: BenchEmail[],
  options: BenchOptions,
  waitFor: (sesMessageId: string) => Promise<InboundOutcome>,
): Promise<PassResult> {
  const sender = createSmtpSender({ host: runtime.smtp.host, port: runtime.smtp.port, connections: options.concurrency });
  const latencies: number[] = [];
  let next = 0;
  let failed = 0;
  const cpu0 = process.cpuUsage();
  const jvm0 = processCpuMs(runtime.stack.dynamodbPid);
  const loop0 = performance.eventLoopUtilization();
  const started = performance.now();
  const deadline = started + options.passLimitMs;
  const worker = async () => {
    while (next < emails.length && performance.now() < deadline) {
      const email = emails[next++]!;
      const t0 = performance.now();
      try {
        const result = await sender.send(email.raw, { from: email.from, to: [SUPPORT] });
        const sesMessageId = /queued as ([a-z2-7]+)/.exec(result.response)?.[1];
        if (sesMessageId === undefined) throw new Error(`unexpected SMTP reply: ${result.response}`);
        const outcome = await waitFor(sesMessageId);
        if (outcome.status !== 'processed') throw new Error(`${name}: ${email.messageIdHeader} was dead-lettered`);
        latencies.push(performance.now() - t0);
      } catch (error) {
        failed += 1;
        if (failed <= 3) console.error(`bench ${name}:`, error instanceof Error ? error.message : error);
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpu0);
  const loopBusyMs = performance.eventLoopUtilization(loop0).active;
  const jvm1 = processCpuMs(runtime.stack.dynamodbPid);
  sender.close();
  return { name, done: latencies.length, failed, wallMs, latencies, handlerMs: [], cpuMs: (cpu.user + cpu.system) / 1000, loopBusyMs, jvmCpuMs: jvm0 === null || jvm1 === null ? null : jvm1 - jvm0 };
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);

export async function benchPipeline(): Promise<void> {
  const options = optionsFromEnv();
  const warmupEmails = benchEmails(options.corpusDir, options.warmup, 'w');
  const half = Math.ceil(options.emails / 2);
  const batchA = benchEmails(options.corpusDir, half, 'a');
  const batchB = benchEmails(options.corpusDir, options.emails - half, 'b');

  // Outcomes arrive from the SMTP server's async invocations; a pass waits on them by SES id.
  const outcomes = new Map<string, InboundOutcome>();
  const waiters = new Map<string, (outcome: InboundOutcome) => void>();
  const waitFor = (sesMessageId: string) =>
    new Promise<InboundOutcome>((done) => {
      const known = outcomes.get(sesMessageId);
      if (known) {
        outcomes.delete(sesMessageId);
        done(known);
      } else waiters.set(sesMessageId, done);
    });
  const onOutcome = (outcome: InboundOutcome) => {
    const waiter = waiters.get(outcome.messageId);
    if (waiter) {
      waiters.delete(outcome.messageId);
      waiter(outcome);
    } else outcomes.set(outcome.messageId, outcome);
  };

  const recorder = new AsyncLocalStorage<RecordedCall[]>();
  /** Per email (Message-ID header): the calls the real handler made, in order. */
  const recorded = new Map<string, RecordedCall[]>();
  /** What the floor replays in the current floor pass: the recordings pointed at its own table. */
  let plan = new Map<string, RecordedCall[]>();
  const handlerMs: number[] = [];
  let mode: 'pipeline' | 'floor' | 'front door' = 'pipeline';
  let realHandler: InboundHandler | null = null;
  let floorErrors = 0;
  /** Floor time per call type: where the I/O time goes. */
  const callMs = new Map<string, number[]>();

  const keyOf = (event: SESEvent) => event.Records[0]?.ses.mail.commonHeaders.messageId ?? '';
  const replay = async (event: SESEvent) => {
    for (const call of plan.get(keyOf(event)) ?? []) {
      const t0 = performance.now();
      try {
        const out = (await call.client.send(new call.Command(call.input))) as { Body?: { transformToByteArray?: () => Promise<Uint8Array> } };
        // The handler reads the raw message whole; so must the floor.
        await out?.Body?.transformToByteArray?.();
        const name = (call.Command as { name: string }).name.replace(/Command$/, '');
        callMs.set(name, [...(callMs.get(name) ?? []), performance.now() - t0]);
      } catch (error) {
        // The pipeline met no condition failures on fresh data; the replay should not either.
        floorErrors += 1;
        if (floorErrors <= 3) console.error('bench floor: replayed call failed:', (error as Error).name, (error as Error).message);
      }
    }
  };
  const handler: InboundHandler = async (event: SESEvent, context: Context) => {
    const t0 = performance.now();
    try {
      if (mode === 'floor') return await replay(event);
      if (mode === 'front door') return;
      const calls: RecordedCall[] = [];
      recorded.set(keyOf(event), calls);
      return await recorder.run(calls, () => realHandler!(event, context));
    } finally {
      handlerMs.push(performance.now() - t0);
    }
  };

  const dataDir = options.persist ? mkdtempSync(join(tmpdir(), 'kdp-triage-bench-')) : undefined;
  const runtime = await startLocalRuntime({
    ...(dataDir === undefined ? {} : { dataDir }),
    supportAddress: SUPPORT,
    tableName: TABLE,
    rawMailBucket: 'bench-raw-mail',
    rawMailPrefix: 'inbound/',
    smtpPort: 0,
    loadHandler: async () => {
      realHandler = (await import('../functions/inbound-email/handler.ts')).handler as InboundHandler;
      return handler;
    },
    // Log and metric lines for every email would be written to this terminal; in Lambda they go
    // to CloudWatch. Warnings and errors still print.
    handlerEnv:
      process.env.BENCH_KEEP_LOGS === '1'
        ? {}
        : { POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN', POWERTOOLS_METRICS_DISABLED: 'true' },
    retryDelaysMs: [100, 200],
    maxConcurrency: 64,
    onOutcome,
  });
  const recording = recordSdkCalls(recorder);
  const floorDynamo = new DynamoDBClient({ endpoint: runtime.stack.endpoints.dynamodb });

  const pipelinePass = async (name: string, batch: BenchEmail[]) => {
    mode = 'pipeline';
    handlerMs.length = 0;
    await runtime.stack.clearCapturedMail();
    const pass = await runPass(name, runtime, batch, options, waitFor);
    pass.handlerMs = handlerMs.splice(0);
    return { pass, captured: (await runtime.stack.capturedMail()).length };
  };
  /** Replays a batch's recorded calls into a fresh table (the same items, conditions, transactions). */
  const floorPass = async (name: string, batch: BenchEmail[], table: string) => {
    await createTable(floorDynamo, table);
    plan = new Map(
      batch.map((email) => [
        email.messageIdHeader,
        (recorded.get(email.messageIdHeader) ?? []).map((call) => ({ ...call, input: retarget(call.input, TABLE, table) })),
      ]),
    );
    mode = 'floor';
    handlerMs.length = 0;
    const pass = await runPass(name, runtime, batch, options, waitFor);
    pass.handlerMs = handlerMs.splice(0);
    return pass;
  };

  /**
   * Each kind of call of `batch`'s recordings replayed alone into a fresh table — every email's
   * calls of that kind in order, `concurrency` emails at once — with the CPU it takes per email
   * (this process, DynamoDB Local's JVM). TransactWrite needs no other kind first: the markSent
   * transaction's condition is met by the creating transaction before it.
   */
  const callCosts = async (batch: BenchEmail[], table: string) => {
    await createTable(floorDynamo, table);
    const kinds = [...new Set(batch.flatMap((email) => (recorded.get(email.messageIdHeader) ?? []).map(callName)))];
    const costs: CallCost[] = [];
    for (const kind of kinds) {
      const perEmail = batch
        .map((email) => (recorded.get(email.messageIdHeader) ?? []).filter((call) => callName(call) === kind))
        .filter((calls) => calls.length > 0)
        .map((calls) => calls.map((call) => ({ ...call, input: retarget(call.input, TABLE, table) })));
      let next = 0;
      const cpu0 = process.cpuUsage();
      const jvm0 = processCpuMs(runtime.stack.dynamodbPid);
      await Promise.all(
        Array.from({ length: options.concurrency }, async () => {
          while (next < perEmail.length) {
            for (const call of perEmail[next++]!) {
              const out = (await call.client.send(new call.Command(call.input))) as { Body?: { transformToByteArray?: () => Promise<Uint8Array> } };
              await out?.Body?.transformToByteArray?.();
            }
          }
        }),
      );
      const cpu = process.cpuUsage(cpu0);
      const jvm1 = processCpuMs(runtime.stack.dynamodbPid);
      costs.push({
        kind,
        perEmail: perEmail.reduce((sum, calls) => sum + calls.length, 0) / batch.length,
        processMs: (cpu.user + cpu.system) / 1000 / batch.length,
        jvmMs: jvm0 === null || jvm1 === null ? 0 : (jvm1 - jvm0) / batch.length,
      });
    }
    return costs;
  };

  try {
    console.log(
      `pipeline bench: ${options.emails} emails from ${options.corpusDir} (each with its own Message-ID and sender), ` +
        `${options.concurrency} SMTP connections in a closed loop; loopback only. Order: warm-up (pipeline + floor, ` +
        `${warmupEmails.length} emails), then pipeline A → floor A, floor A' → pipeline B, so neither side always runs first. ` +
        (options.persist
          ? 'DynamoDB Local and S3 on disk, as npm start runs them.'
          : 'DynamoDB Local in memory and S3 in a temporary folder, as in the tests (npm start keeps them on disk: BENCH_PERSIST=1).'),
    );
    if (warmupEmails.length > 0) {
      await pipelinePass('warm-up', warmupEmails);
      await floorPass('warm-up', warmupEmails, `${FLOOR_TABLE}-warmup`);
    }
    callMs.clear();
    const a = await pipelinePass('pipeline', batchA);
    const floorA = await floorPass('I/O floor', batchA.slice(0, a.pass.done + a.pass.failed), `${FLOOR_TABLE}-1`);
    const floorA2 = await floorPass('I/O floor', batchA.slice(0, batchB.length), `${FLOOR_TABLE}-2`);
    const b = await pipelinePass('pipeline', batchB);
    const costs = await callCosts(batchA, `${FLOOR_TABLE}-calls`);
    mode = 'front door';
    const frontDoor = await runPass('front door', runtime, batchA, options, waitFor);

    const calls = [...batchA, ...batchB].map((email) => recorded.get(email.messageIdHeader) ?? []);
    const callMix = new Map<string, number>();
    for (const call of calls.flat()) {
      const key = (call.Command as { name: string }).name;
      callMix.set(key, (callMix.get(key) ?? 0) + 1);
    }
    printResults(combine('pipeline', a.pass, b.pass), combine('I/O floor', floorA, floorA2), {
      captured: a.captured + b.captured,
      callMix,
      callMs,
      emails: calls.length,
      floorErrors,
      costs,
      frontDoor,
    });
  } finally {
    recording.restore();
    floorDynamo.destroy();
    await runtime.stop();
    if (dataDir !== undefined) rmSync(dataDir, { recursive: true, force: true });
  }
}

interface CallCost {
  kind: string;
  /** Calls of this kind per email of the batch. */
  perEmail: number;
  /** CPU per email of the batch for these calls: this process (SDK and the S3/SES stand-ins), DynamoDB Local's JVM. */
  processMs: number;
  jvmMs: number;
}

const callName = (call: RecordedCall) => (call.Command as { name: string }).name.replace(/Command$/, '');

function combine(name: string, first: PassResult, second: PassResult): PassResult {
  return {
    name,
    done: first.done + second.done,
    failed: first.failed + second.failed,
    wallMs: first.wallMs + second.wallMs,
    latencies: [...first.latencies, ...second.latencies],
    handlerMs: [...first.handlerMs, ...second.handlerMs],
    cpuMs: first.cpuMs + second.cpuMs,
    loopBusyMs: first.loopBusyMs + second.loopBusyMs,
    jvmCpuMs: first.jvmCpuMs === null || second.jvmCpuMs === null ? null : first.jvmCpuMs + second.jvmCpuMs,
  };
}

function printResults(
  pipeline: PassResult,
  floor: PassResult,
  facts: { captured: number; callMix: Map<string, number>; callMs: Map<string, number[]>; emails: number; floorErrors: number; costs: CallCost[]; frontDoor: PassResult },
): void {
  const rate = (pass: PassResult) => pass.done / (pass.wallMs / 1000);
  const row = (pass: PassResult) =>
    `  ${pass.name.padEnd(10)} ${String(pass.done).padStart(5)} ok ${String(pass.failed).padStart(3)} failed  ` +
    `${rate(pass).toFixed(1).padStart(7)} emails/s   p50 ${percentile(pass.latencies, 50).toFixed(1).padStart(6)} ms   ` +
    `p99 ${percentile(pass.latencies, 99).toFixed(1).padStart(6)} ms   handler mean ${mean(pass.handlerMs).toFixed(1).padStart(6)} ms   ` +
    `CPU ${(pass.cpuMs / Math.max(1, pass.done)).toFixed(1).padStart(5)} ms/email`;
  const mix = [...facts.callMix.entries()]
    .map(([name, count]) => `${name.replace(/Command$/, '')} ${(count / Math.max(1, facts.emails)).toFixed(2)}`)
    .join(', ');
  const perCall = [...facts.callMs.entries()]
    .map(([name, times]) => `${name} ${mean(times).toFixed(1)} (p99 ${percentile(times, 99).toFixed(0)})`)
    .join(', ');
  const pct = (ours: number, base: number) => `${((ours / base - 1) * 100).toFixed(0)}%`;
  console.log(`\nSMTP → S3 → handler (ticket in DynamoDB, reply through SES) → done`);
  console.log(row(pipeline));
  console.log(row(floor));
  console.log(`  AWS calls per email (recorded from the pipeline, replayed by the floor): ${mix}`);
  console.log(`  floor time per call, mean ms: ${perCall}`);
  console.log(`  replies captured by the local SES in the pipeline pass: ${facts.captured} of ${pipeline.done} emails`);
  if (facts.floorErrors > 0) console.log(`  floor: ${facts.floorErrors} replayed call(s) failed`);
  console.log(
    `  our code adds ${pct(1 / rate(pipeline), 1 / rate(floor))} to the I/O floor in time per email at this concurrency ` +
      `(${pct(mean(pipeline.handlerMs), mean(floor.handlerMs))} inside the handler; p50 latency ${pct(percentile(pipeline.latencies, 50), percentile(floor.latencies, 50))})`,
  );
  const cpuPerEmail = (pass: PassResult) => pass.cpuMs / Math.max(1, pass.done);
  console.log(
    `  CPU per email in this process (SMTP, S3/SES stand-ins, SDK, handler; not DynamoDB Local's JVM): ` +
      `pipeline ${cpuPerEmail(pipeline).toFixed(1)} ms, floor ${cpuPerEmail(floor).toFixed(1)} ms → our code ≈ ${(cpuPerEmail(pipeline) - cpuPerEmail(floor)).toFixed(1)} ms/email; ` +
      `main event loop busy ${((100 * pipeline.loopBusyMs) / pipeline.wallMs).toFixed(0)}% (pipeline), ${((100 * floor.loopBusyMs) / floor.wallMs).toFixed(0)}% (floor)`,
  );
  if (pipeline.jvmCpuMs !== null && floor.jvmCpuMs !== null) {
    console.log(
      `  DynamoDB Local's JVM CPU per email: pipeline ${(pipeline.jvmCpuMs / Math.max(1, pipeline.done)).toFixed(1)} ms, ` +
        `floor ${(floor.jvmCpuMs / Math.max(1, floor.done)).toFixed(1)} ms (load average now ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores)`,
    );
  }
  const floorCpu = floor.cpuMs / Math.max(1, floor.done) + (floor.jvmCpuMs ?? 0) / Math.max(1, floor.done);
  const callsCpu = facts.costs.reduce((sum, cost) => sum + cost.processMs + cost.jvmMs, 0);
  const parts = facts.costs.map((cost) => `${cost.kind} ×${cost.perEmail.toFixed(2)} ${cost.processMs.toFixed(1)} + JVM ${cost.jvmMs.toFixed(1)}`);
  const door = facts.frontDoor;
  const doorCpu = (door.cpuMs + (door.jvmCpuMs ?? 0)) / Math.max(1, door.done);
  console.log(
    `  where the floor's ${floorCpu.toFixed(1)} ms of CPU per email go (this process + JVM): front door alone (SMTP client and server, S3 put, ` +
      `pending-invocation file, SES event, a handler that does nothing; ${rate(door).toFixed(0)} emails/s) ${doorCpu.toFixed(1)}; each kind of ` +
      `call replayed alone: ${parts.join(', ')}; together ${(doorCpu + callsCpu).toFixed(1)}. Our code adds ` +
      `${((pipeline.cpuMs + (pipeline.jvmCpuMs ?? 0)) / Math.max(1, pipeline.done) - floorCpu).toFixed(1)} ms. At the floor's cost ` +
      `${availableParallelism()} cores at 100% give at most ≈ ${((1000 * availableParallelism()) / floorCpu).toFixed(0)} emails/s`,
  );
  console.log(`  targets (issue 3): >= 100 emails/s, <= 25% over the floor`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  benchPipeline().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
