// The integration tests' handle on the local AWS stand-ins. The implementation is the one
// `npm start` runs (local/stack.ts); tests get random ports and, by default, in-memory data.
import { startLocalStack as start, type CapturedMail, type LocalStack } from '../../local/stack.ts';

export type { CapturedMail, LocalStack };
export { createTable } from '../../local/create-table.ts';
export { createBucket } from '../../local/create-bucket.ts';

/**
 * DynamoDB Local + aws-ses-v2-local + s3rver on 127.0.0.1, random free ports. Call `stop()` in
 * `afterAll`. `env` holds the endpoint variables to hand to the code under test. The SES capture
 * lives as long as the stack: `clearCapturedMail()` between tests of one file when counts matter.
 */
export function startLocalStack(opts: { dataDir?: string } = {}): Promise<LocalStack> {
  return start(opts.dataDir === undefined ? {} : { dataDir: opts.dataDir });
}
