import { App } from 'aws-cdk-lib';
import { createTriageApp } from './triage-app.ts';

// `cdk synth` / `cdk deploy` run this (cdk.json: `npx tsx infra/app.ts`).
const app = new App();
createTriageApp(app);
app.synth();
