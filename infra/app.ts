import { App } from 'aws-cdk-lib';
import { useRepoCdkHome } from './cdk-home.ts';
import { ConfigError } from './config.ts';
import { createTriageApp } from './triage-app.ts';

// `cdk synth` / `cdk deploy` run this (cdk.json: `npx tsx infra/app.ts`). This process needs no
// AWS credentials, so its HOME can be the repo's cache folder (see cdk-home.ts).
useRepoCdkHome();
const app = new App();
try {
  createTriageApp(app);
} catch (error) {
  // A configuration mistake is the operator's to fix: say what and how, without a stack trace.
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}
app.synth();
