import { defineConfig } from 'vitest/config';

// Three projects: `unit` (pure core, in-memory ports), `integration` (real local servers:
// DynamoDB Local, aws-ses-v2-local, S3-compatible store, SMTP), `e2e` (real Chromium; needs the
// Debian package, so it runs only under `npm run test:e2e`).
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], testTimeout: 60_000 } },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
