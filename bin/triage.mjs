#!/usr/bin/env node
// The `triage` CLI. Runs the TypeScript sources through tsx, so the CLI is never stale.
import { register } from 'tsx/esm/api';

register();
await import('../cli/triage.ts');
