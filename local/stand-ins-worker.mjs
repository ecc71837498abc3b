// The in-process AWS stand-ins (aws-ses-v2-local, s3rver) on a worker thread of their own, so
// parsing captured mail and serving raw objects never waits behind the handler on the main event
// loop (and the benchmark's floor is not slowed by the code it is compared with). Plain ESM
// JavaScript so that Node, tsx and vitest all load it alike. Messages: parent → 'stop';
// worker → { type: 'ready', sesPort, s3Port } | { type: 'error', message } | { type: 'stopped' }.
import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';

const require = createRequire(import.meta.url);
// CommonJS with `exports.default`; ESM loaders disagree on its default import, require does not.
const sesLocal = require('aws-ses-v2-local');
const S3rver = require('s3rver');

const { host, sesPort, s3Port, s3Dir } = workerData;

let ses = null;
let s3 = null;

async function closeAll() {
  const closing = [];
  if (ses) {
    closing.push(new Promise((done) => ses.close(() => done())));
    ses.closeAllConnections();
  }
  if (s3) {
    closing.push(s3.close().catch(() => undefined));
    s3.httpServer?.closeAllConnections();
  }
  await Promise.all(closing);
}

try {
  ses = await sesLocal.default({ host, port: sesPort });
  s3 = new S3rver({ address: host, port: s3Port, silent: true, directory: s3Dir });
  const s3Address = await s3.run();
  parentPort.postMessage({ type: 'ready', sesPort: ses.address().port, s3Port: s3Address.port });
} catch (error) {
  await closeAll();
  parentPort.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) });
}

parentPort.on('message', async (message) => {
  if (message !== 'stop') return;
  await closeAll();
  parentPort.postMessage({ type: 'stopped' });
  parentPort.close();
});
