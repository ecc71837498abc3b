// `npm start`: the whole product on one machine. DynamoDB Local, a local SES that captures what we
// send, an S3-compatible store for raw mail, an SMTP server for the support address feeding the
// real inbound handler, and the agents' page and API. `npm start -- --reset` starts from empty.
import { relative } from 'node:path';
import { readLocalConfig, REPO_ROOT, type LocalConfig } from './config.ts';
import { prepareDataDir, resetDataDir } from './data-dir.ts';
import { startLocalRuntime, type LocalRuntime } from './runtime.ts';
import type { LogFn } from './smtp-inbound.ts';

const USAGE = `Usage: npm start [-- --reset]

Runs the inbound pipeline and the agents' page locally. Settings come from the environment:
  SUPPORT_ADDRESS (support@kdp.example.com)  SMTP_PORT (2525)  WEB_PORT (3000)
  SES_PORT (8005)  DYNAMODB_PORT (8000)  S3_PORT (4569)  DATA_DIR (.local-data)
  TABLE_NAME (kdp-triage-tickets)  RAW_MAIL_BUCKET (kdp-triage-raw-mail)  RAW_MAIL_PREFIX (inbound/)

  --reset   delete the data dir first (tickets, raw mail, dead letters)
  --help    this text`;

const log: LogFn = (level, message, fields) => {
  const line = `[local] ${level === 'info' ? '' : `${level.toUpperCase()} `}${message}${fields ? ` ${JSON.stringify(fields)}` : ''}`;
  (level === 'error' ? console.error : console.log)(line);
};

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    console.log(USAGE);
    return;
  }
  const unknown = args.filter((arg) => arg !== '--reset');
  if (unknown.length > 0) {
    console.error(`unknown argument(s): ${unknown.join(' ')}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  // The SDK's notice that it will need Node 22 in 2027 is noise on every local start.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

  const config = readLocalConfig();
  if (args.includes('--reset')) {
    resetDataDir(config.DATA_DIR, REPO_ROOT);
    log('info', 'data dir cleared', { dataDir: config.DATA_DIR });
  }
  prepareDataDir(config.DATA_DIR);

  const runtime = await startLocalRuntime({
    supportAddress: config.SUPPORT_ADDRESS,
    tableName: config.TABLE_NAME,
    rawMailBucket: config.RAW_MAIL_BUCKET,
    rawMailPrefix: config.RAW_MAIL_PREFIX,
    smtpPort: config.SMTP_PORT,
    dataDir: config.DATA_DIR,
    stackPorts: { dynamodb: config.DYNAMODB_PORT, s3: config.S3_PORT, ses: config.SES_PORT },
    loadHandler: async () => (await import('../functions/inbound-email/handler.ts')).handler,
    log,
    onOutcome: (outcome) => {
      if (outcome.status === 'processed') log('info', 'handled', { messageId: outcome.messageId, ms: outcome.finishedAt - outcome.acceptedAt });
    },
  });

  let web: { url: string; token: string; close(): Promise<void> } | null = null;
  try {
    const { startAgentServer } = await import('../functions/agent-api/local-server.ts');
    web = await startAgentServer({
      port: config.WEB_PORT,
      host: '127.0.0.1',
      env: process.env,
      ...(process.env.TRIAGE_LOCAL_TOKEN ? { token: process.env.TRIAGE_LOCAL_TOKEN } : {}),
    });
  } catch (error) {
    await runtime.stop();
    throw error;
  }

  printWhereEverythingIs(config, runtime, web);
  handleShutdown(runtime, web);
}

function printWhereEverythingIs(config: LocalConfig, runtime: LocalRuntime, web: { url: string; token: string }): void {
  const { endpoints } = runtime.stack;
  const dataDir = relative(process.cwd(), config.DATA_DIR) || '.';
  const sample = relative(process.cwd(), `${REPO_ROOT}/../shared/eval/dev/dev-004.eml`);
  console.log(`
kdp-triage is running locally.

  Inbound SMTP        ${runtime.smtp.host}:${runtime.smtp.port}  (accepts mail for ${config.SUPPORT_ADDRESS}; no TLS, no auth)
  Agents' page        ${web.url}  (token: ${web.token})
  Captured replies    ${endpoints.ses}/  (aws-ses-v2-local viewer; JSON at ${endpoints.ses}/store)
  DynamoDB Local      ${endpoints.dynamodb}  (table ${config.TABLE_NAME})
  S3 (s3rver)         ${endpoints.s3}  (raw mail in s3://${config.RAW_MAIL_BUCKET}/${config.RAW_MAIL_PREFIX})
  Data dir            ${dataDir}  (kept across restarts; npm start -- --reset clears it)
  Dead letters        ${relative(process.cwd(), runtime.deadLetterDir)}

Send a test email:
  npx triage send ${runtime.smtp.port === 2525 ? '' : `--port ${runtime.smtp.port} `}${sample}
  swaks --server 127.0.0.1:${runtime.smtp.port} --to ${config.SUPPORT_ADDRESS} --from author@example.com \\
        --header 'Subject: I cannot sign in' --body 'My password is not accepted any more.'

Look at what happened (these read this stack, given the same port/table settings):
  npx triage tickets            npx triage replies
Other AWS tools: region ${runtime.env.AWS_REGION}, access key/secret ${runtime.env.AWS_ACCESS_KEY_ID}/${runtime.env.AWS_SECRET_ACCESS_KEY}, --endpoint-url as above.

Ctrl+C stops everything.
`);
}

function handleShutdown(runtime: LocalRuntime, web: { close(): Promise<void> }): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      console.error(`[local] ${signal} again: exiting without waiting`);
      process.exit(130);
    }
    stopping = true;
    console.log(`\n[local] ${signal}: finishing messages in flight, then stopping (again to force)…`);
    Promise.allSettled([web.close(), runtime.stop()]).then((results) => {
      const failed = results.filter((result) => result.status === 'rejected');
      for (const failure of failed) console.error('[local] while stopping:', (failure as PromiseRejectedResult).reason);
      console.log('[local] stopped.');
      process.exit(failed.length > 0 ? 1 : 0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error('[local] could not start:', error instanceof Error ? (error.cause ? `${error.message}: ${String(error.cause)}` : error.message) : error);
  process.exit(1);
});
