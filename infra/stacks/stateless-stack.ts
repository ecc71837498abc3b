import { CfnOutput, Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { FUNCTION_ENTRIES, type FunctionName } from '../bundling.ts';
import type { DeployConfig } from '../config.ts';
import { AGENTS_GROUP, AgentsApi, AgentsAuth } from '../constructs/agents-api.ts';
import { AgentsWeb } from '../constructs/agents-web.ts';
import { bindBucket, bindSesSender, bindTable } from '../constructs/bindings.ts';
import { InboundRule } from '../constructs/inbound-rule.ts';
import { Operations } from '../constructs/operations.ts';
import { TriageFunction } from '../constructs/triage-function.ts';
import type { StatefulResources } from './stateful-stack.ts';

export interface StatelessStackProps extends StackProps {
  readonly config: DeployConfig;
  readonly stateful: StatefulResources;
  /** Handler files by function; defaults to FUNCTION_ENTRIES (the real handlers). */
  readonly entries?: Record<FunctionName, string>;
  /** The built agents' page. */
  readonly webDistDir: string;
}

const SERVICE_NAME = 'kdp-triage';
const METRICS_NAMESPACE = 'KdpTriage';

/**
 * Everything that can be replaced by redeploying: the functions, the SES receipt rule that feeds
 * the inbound one, the agents' API, sign-in and page, and the alarms.
 */
export class StatelessStack extends Stack {
  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const { config, stateful } = props;
    const entries = props.entries ?? FUNCTION_ENTRIES;
    const prod = config.envName === 'prod';
    const removalPolicy = prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    const logRetention = config.logRetentionDays as logs.RetentionDays;

    const rawMail = s3.Bucket.fromBucketName(this, 'RawMail', stateful.rawMailBucketName);

    const deadLetters = new sqs.Queue(this, 'DeadLetters', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(deadLetters).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This is the dead-letter queue (Lambda on-failure destination); it needs none of its own.',
    });

    const pipelineEnv = {
      POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
      POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
      ...(config.autoReplyWindowHours !== undefined
        ? { AUTO_REPLY_WINDOW_HOURS: String(config.autoReplyWindowHours) }
        : {}),
      ...(config.confidenceThreshold !== undefined
        ? { CONFIDENCE_THRESHOLD: String(config.confidenceThreshold) }
        : {}),
    };
    const sender = {
      identityArns: stateful.sendingIdentityArns,
      fromAddress: config.supportAddress,
      fromName: config.supportFromName,
    };
    /**
     * What every function of the mail pipeline touches: the table; raw inbound mail (read); the
     * MIME of large replies under `outbound/` (written when queued, read when sent); SES as the
     * support address.
     */
    const bindPipeline = (fn: TriageFunction) => {
      bindTable(fn, stateful.table, 'readWrite');
      bindBucket(fn, rawMail, {
        access: 'read',
        prefix: stateful.rawMailPrefix,
        bucketEnvVar: 'RAW_MAIL_BUCKET',
        prefixEnvVar: 'RAW_MAIL_PREFIX',
      });
      bindBucket(fn, rawMail, { access: 'readWrite', prefix: stateful.outboundPrefix, bucketEnvVar: 'RAW_MAIL_BUCKET' });
      bindSesSender(fn, sender);
    };

    // A 40 MB message (SES's limit) is read whole from S3 and parsed: base64 attachments decode to
    // ~30 MB, and parsing holds a few copies; 1 GB leaves room and buys ~0.6 vCPU so a large
    // message parses in seconds. 60 s covers that plus DynamoDB and SES calls with retries.
    const inbound = new TriageFunction(this, 'InboundEmail', {
      entry: entries.inboundEmail,
      description: 'SES receipt → raw mail from S3 → ticket → safe auto-reply',
      memorySize: 1024,
      timeout: Duration.seconds(60),
      reservedConcurrency: config.reservedConcurrency === 'off' ? undefined : config.reservedConcurrency,
      deadLetters,
      logRetention,
      removalPolicy,
      tracing: config.tracing,
      environment: pipelineEnv,
    });
    bindPipeline(inbound);

    // The outbox sweep: every minute, sends replies still pending or failed-retryably and settles
    // expired claims. One at a time (reserved concurrency 1); a failed sweep is not retried —
    // the next minute's sweep is the retry — but still dead-lettered, so the alarm shows it.
    const sweep = new TriageFunction(this, 'OutboxSweep', {
      entry: entries.outboxSweep,
      description: 'Outbox sweep: retries due replies, settles expired send claims',
      memorySize: 512,
      timeout: Duration.seconds(60),
      reservedConcurrency: config.reservedConcurrency === 'off' ? undefined : 1,
      retryAttempts: 0,
      maxEventAge: Duration.minutes(2),
      deadLetters,
      logRetention,
      removalPolicy,
      tracing: config.tracing,
      environment: pipelineEnv,
    });
    bindPipeline(sweep);
    new events.Rule(this, 'OutboxSweepSchedule', {
      description: 'Runs the outbox sweep every minute',
      schedule: events.Schedule.rate(Duration.minutes(1)),
      targets: [new targets.LambdaFunction(sweep.fn)],
    });

    new InboundRule(this, 'InboundRule', {
      ruleSet: stateful.ruleSet,
      ruleSetName: stateful.ruleSetName,
      ruleName: stateful.ruleName,
      recipients: [config.supportAddress],
      bucket: rawMail,
      prefix: stateful.rawMailPrefix,
      handler: inbound.fn,
    });

    const web = new AgentsWeb(this, 'AgentsWeb', { distDir: props.webDistDir });
    const auth = new AgentsAuth(this, 'AgentsAuth', {
      domainPrefix: config.authDomainPrefix,
      pageOrigin: web.origin,
      removalPolicy,
    });

    const agentApiFn = new TriageFunction(this, 'AgentApi', {
      entry: entries.agentApi,
      description: "Agents' queue API (behind the Cognito JWT authorizer)",
      memorySize: 512,
      timeout: Duration.seconds(15),
      deadLetters,
      logRetention,
      removalPolicy,
      tracing: config.tracing,
      environment: {
        ...pipelineEnv,
        POWERTOOLS_SERVICE_NAME: `${SERVICE_NAME}-agent-api`,
        AUTH_MODE: 'cognito',
        AGENTS_GROUP,
      },
    });
    bindPipeline(agentApiFn);

    const api = new AgentsApi(this, 'AgentsApi', {
      handler: agentApiFn.fn,
      auth,
      pageOrigin: web.origin,
      rateLimit: config.apiRateLimit,
      burstLimit: config.apiBurstLimit,
      logRetention,
      removalPolicy,
    });

    web.deployPage({
      apiBase: api.url,
      auth: {
        mode: 'cognito',
        domain: auth.hostedUiUrl,
        clientId: auth.client.userPoolClientId,
        redirectUri: `${web.origin}/`,
        scopes: ['openid', 'email', auth.scope],
      },
    });

    const operations = new Operations(this, 'Operations', {
      functions: { InboundEmail: inbound.fn, OutboxSweep: sweep.fn, AgentApi: agentApiFn.fn },
      deadLetters,
      ruleSetName: stateful.ruleSetName,
      ruleName: stateful.ruleName,
      metricsNamespace: METRICS_NAMESPACE,
      serviceName: SERVICE_NAME,
      autoReplyMetricName: 'auto-replied',
      replyProblemMetricNames: ['reply-failed', 'reply-unknown'],
      autoReplyAlarmPerHour: config.autoReplyAlarmPerHour,
      alarmEmail: config.alarmEmail,
      api: api.api,
    });

    const out = (id: string, value: string, description: string) =>
      new CfnOutput(this, id, { value, description });
    const mailDomain = config.supportAddress.slice(config.supportAddress.lastIndexOf('@') + 1);
    out('MxRecord', `${mailDomain} MX 10 inbound-smtp.${this.region}.amazonaws.com`, "DNS: routes the support address's mail to SES");
    out('ApiUrl', api.url, "Agents' API base URL");
    out('PageUrl', `${web.origin}/`, "Agents' page");
    out('UserPoolId', auth.userPool.userPoolId, 'Cognito user pool of the agents');
    out('UserPoolClientId', auth.client.userPoolClientId, "App client of the agents' page");
    out('HostedUiUrl', auth.hostedUiUrl, 'Cognito hosted sign-in');
    out('DeadLetterQueueUrl', deadLetters.queueUrl, 'Failed async invocations (after retries) land here');
    out(
      'RedriveHint',
      `For each message: aws lambda invoke --invocation-type Event --function-name <Body.requestContext.functionArn> --payload <Body.requestPayload>, then aws sqs delete-message (handlers are idempotent; a loop is in infra/README.md)`,
      'How to replay dead-lettered events',
    );
    out('AlarmTopicArn', operations.topic.topicArn, 'Alarms publish here; subscribe (or pass --context alarmEmail=…)');
  }
}
