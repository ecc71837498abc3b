import { App } from 'aws-cdk-lib';
import { useRepoCdkHome } from './cdk-home.ts';
import { createTriageApp } from './triage-app.ts';

// `cdk synth` / `cdk deploy` run this (cdk.json: `npx tsx infra/app.ts`). This process needs no
// AWS credentials, so its HOME can be the repo's cache folder (see cdk-home.ts).
useRepoCdkHome();
const app = new App();
createTriageApp(app);
app.synth();
