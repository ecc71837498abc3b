import { join } from 'node:path';
import { Tags, Validations, type App } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { REPO_ROOT, type FunctionName } from './bundling.ts';
import { loadConfig, type DeployConfig } from './config.ts';
import { StatefulStack } from './stacks/stateful-stack.ts';
import { StatelessStack } from './stacks/stateless-stack.ts';

export interface TriageAppOptions {
  /** Handler files by function (tests may point these at fixtures); default: the real handlers. */
  readonly entries?: Record<FunctionName, string>;
  /** Built agents' page; default `web/dist`. */
  readonly webDistDir?: string;
  readonly env?: Record<string, string | undefined>;
}

export interface TriageApp {
  readonly config: DeployConfig;
  readonly stateful: StatefulStack;
  readonly stateless: StatelessStack;
}

/**
 * Builds the two stacks into `app` and registers cdk-nag's AWS Solutions checks as a policy
 * validation plugin, so synthesis fails on any finding not acknowledged (each acknowledgement
 * sits next to the resource it concerns, with its reason).
 */
export function createTriageApp(app: App, options: TriageAppOptions = {}): TriageApp {
  // Server access logs are delivered under a bucket policy (not the legacy log-delivery ACL), so
  // log buckets can keep ACLs disabled. Set here, not in cdk.json, so tests synthesize the same.
  app.node.setContext('@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy', true);
  // Cross-stack references (table, rule set) stay CloudFormation exports that protect the producer.
  app.node.setContext('@aws-cdk/core:defaultCrossStackReferences', 'strong');
  const config = loadConfig((key) => app.node.tryGetContext(key), options.env ?? process.env);
  const env = { account: config.account, region: config.region };

  const stateful = new StatefulStack(app, `${config.stackPrefix}-Stateful`, {
    env,
    config,
    description: 'kdp-triage: raw mail, tickets table, SES receipt rule set (data)',
    terminationProtection: config.envName === 'prod',
  });
  const stateless = new StatelessStack(app, `${config.stackPrefix}-Stateless`, {
    env,
    config,
    stateful: stateful.resources,
    entries: options.entries,
    webDistDir: options.webDistDir ?? join(REPO_ROOT, 'web/dist'),
    description: "kdp-triage: functions, SES receipt rule, agents' API, sign-in, page, alarms",
  });
  stateless.addStackDependency(stateful);

  Tags.of(app).add('project', 'kdp-triage');
  Tags.of(app).add('environment', config.envName);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { config, stateful, stateless };
}
