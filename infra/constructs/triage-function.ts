import { AssetHashType, Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { BUNDLE_FILE, bundleCommand, bundleFunctionSync, FUNCTION_BUNDLE, REPO_ROOT } from '../bundling.ts';

export interface TriageFunctionProps {
  /** Handler file (exports `handler`), absolute or relative to the repository root. */
  readonly entry: string;
  readonly description: string;
  readonly memorySize: number;
  readonly timeout: Duration;
  /** Failed asynchronous invocations (after retries, or too old) land here. */
  readonly deadLetters: sqs.IQueue;
  readonly logRetention: logs.RetentionDays;
  readonly removalPolicy: RemovalPolicy;
  /** Concurrency reserved (and capped) for this function; undefined = unreserved. */
  readonly reservedConcurrency?: number;
  /** Asynchronous retries after the first attempt (Lambda allows 0–2). @default 2 */
  readonly retryAttempts?: number;
  /** How long an async event may wait for a successful attempt. @default 6 hours (the maximum) */
  readonly maxEventAge?: Duration;
  readonly tracing?: boolean;
  readonly environment?: Record<string, string>;
}

/**
 * A Lambda function with the project's defaults: Node 22 on arm64, bundled by local esbuild
 * (infra/bundling.ts: ESM, minified, source maps, AWS SDK v3 bundled, build-time plugins — which
 * is why the code comes from our bundling hook rather than `NodejsFunction`'s esbuild CLI run),
 * its own role with only the
 * log-group write it needs (no managed policy), a log group with retention, async retries and
 * event age set explicitly with an on-failure destination. Permissions and the matching env vars
 * are added together by the helpers in bindings.ts.
 */
export class TriageFunction extends Construct {
  readonly fn: lambda.Function;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: TriageFunctionProps) {
    super(scope, id);

    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: props.logRetention,
      removalPolicy: props.removalPolicy,
    });

    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of ${id}`,
    });
    this.logGroup.grantWrite(this.role);

    this.fn = new lambda.Function(this, 'Function', {
      code: functionCode(props.entry),
      handler: `${BUNDLE_FILE.replace(/\.m?js$/, '')}.handler`,
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      description: props.description,
      memorySize: props.memorySize,
      timeout: props.timeout,
      role: this.role,
      logGroup: this.logGroup,
      reservedConcurrentExecutions: props.reservedConcurrency,
      retryAttempts: props.retryAttempts ?? 2,
      maxEventAge: props.maxEventAge ?? Duration.hours(6),
      onFailure: new SqsDestination(props.deadLetters),
      tracing: props.tracing ? lambda.Tracing.ACTIVE : lambda.Tracing.DISABLED,
      environment: { NODE_OPTIONS: FUNCTION_BUNDLE.nodeOptions, ...props.environment },
    });

    Validations.of(this.fn).acknowledge({
      id: 'AwsSolutions-L1',
      reason: 'Node 22 is the runtime the project targets and bundles for (esbuild target node22).',
    });
    if (props.tracing) {
      Validations.of(this.role).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: 'X-Ray PutTraceSegments/PutTelemetryRecords support no resource-level permissions.',
      });
    }
  }

  /** Adds an environment variable (used by the bind helpers, which grant at the same time). */
  addEnvironment(name: string, value: string): void {
    this.fn.addEnvironment(name, value);
  }

  addToRolePolicy(statement: iam.PolicyStatement): void {
    this.role.addToPrincipalPolicy(statement);
  }
}

/**
 * The handler bundled into the asset directory on this machine (no Docker), the asset named by
 * the hash of the bundle. The bundling `command` is only what the Docker fallback would run; it
 * also keeps CDK's per-synth asset cache from handing one function's bundle to another.
 */
function functionCode(entry: string): lambda.Code {
  return lambda.Code.fromAsset(REPO_ROOT, {
    assetHashType: AssetHashType.OUTPUT,
    bundling: {
      image: lambda.Runtime.NODEJS_22_X.bundlingImage,
      command: ['node', ...bundleCommand(entry), '/asset-output'],
      local: {
        tryBundle(outputDir) {
          bundleFunctionSync(entry, outputDir);
          return true;
        },
      },
    },
  });
}
