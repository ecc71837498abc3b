import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import { esbuildOptions, FUNCTION_ENTRIES, REPO_ROOT, type FunctionName } from '../../../infra/bundling.ts';
import { useRepoCdkHome } from '../../../infra/cdk-home.ts';
import { createTriageApp, type TriageAppOptions } from '../../../infra/triage-app.ts';
import { TABLE_DESIGN } from '../../../shared/tickets/table-design.ts';
import { WORD_MODEL_FILE } from '../../../shared/classify/trained-model.ts';

// Variants synthesize with a small fixture handler (fast); the main synthesis uses the real ones.
const FIXTURE_HANDLER = 'test/fixtures/infra/handler.ts';
const FIXTURE_ENTRIES: Record<FunctionName, string> = {
  inboundEmail: FIXTURE_HANDLER,
  outboxSweep: FIXTURE_HANDLER,
  agentApi: FIXTURE_HANDLER,
};
const FIXTURE_WEB = join(REPO_ROOT, 'test/fixtures/infra/web-dist');

const outdirs: string[] = [];

/** Synthesizes the whole app once (bundling with esbuild, cdk-nag validating) into a temp dir. */
function synth(options: TriageAppOptions, context: Record<string, string> = {}) {
  const outdir = mkdtempSync(join(tmpdir(), 'kdp-infra-'));
  outdirs.push(outdir);
  const app = new App({ outdir, context });
  const triage = createTriageApp(app, { env: {}, ...options });
  return { app, triage };
}

function templates(options: TriageAppOptions, context: Record<string, string> = {}) {
  const { app, triage } = synth(options, context);
  const assembly = app.synth();
  return {
    stateful: Template.fromJSON(assembly.getStackByName(triage.stateful.stackName).template),
    stateless: Template.fromJSON(assembly.getStackByName(triage.stateless.stackName).template),
    assembly,
  };
}

// aws-cdk-lib caches asset fingerprints under HOME; keep that cache in the repo while synthesizing.
let restoreHome: () => void;
beforeAll(() => {
  restoreHome = useRepoCdkHome();
});
afterAll(() => {
  restoreHome();
  for (const dir of outdirs) rmSync(dir, { recursive: true, force: true });
});

type Resource = { Type: string; Properties?: Record<string, any> };

describe('the synthesized app (dev defaults)', () => {
  let stateful: Template;
  let stateless: Template;
  let assemblyDir: string;

  beforeAll(() => {
    let assembly;
    // The real handlers (FUNCTION_ENTRIES), bundled as in `npm run synth`.
    ({ stateful, stateless, assembly } = templates({ webDistDir: FIXTURE_WEB }));
    assemblyDir = assembly.directory;
  }, 120_000);

  it('deploys the real handler files, each exporting `handler`', async () => {
    for (const entry of Object.values(FUNCTION_ENTRIES)) {
      const module = (await import(join(REPO_ROOT, entry))) as { handler?: unknown };
      expect(typeof module.handler, entry).toBe('function');
    }
  });

  it('ships byte for byte the bundle that bench/bundles.ts measures (one set of esbuild options)', async () => {
    const functions = stateless.findResources('AWS::Lambda::Function', {
      Properties: { Environment: { Variables: { NODE_OPTIONS: '--enable-source-maps' } } },
    });
    const idOf: Record<FunctionName, string> = { inboundEmail: 'InboundEmail', outboxSweep: 'OutboxSweep', agentApi: 'AgentApi' };
    for (const [name, entry] of Object.entries(FUNCTION_ENTRIES) as [FunctionName, string][]) {
      const [, fn] = Object.entries(functions).find(([id]) => id.startsWith(idOf[name]))! as [string, Resource];
      const assetHash = String(fn.Properties!.Code.S3Key).split('.')[0];
      const shipped = readFileSync(join(assemblyDir, `asset.${assetHash}`, 'index.mjs'));
      const benched = await build({ ...esbuildOptions(join(REPO_ROOT, entry), join(assemblyDir, 'bench', name, 'index.mjs')), write: false });
      const js = benched.outputFiles!.find((f) => f.path.endsWith('.mjs'))!;
      expect(Buffer.from(js.contents).equals(shipped), name).toBe(true);
    }
    // The word model's counts are read beside the bundle at first triage: the inbound asset has them.
    const [, inbound] = Object.entries(functions).find(([id]) => id.startsWith('InboundEmail'))! as [string, Resource];
    const inboundAsset = join(assemblyDir, `asset.${String(inbound.Properties!.Code.S3Key).split('.')[0]}`);
    expect(readFileSync(join(inboundAsset, WORD_MODEL_FILE)).equals(readFileSync(join(REPO_ROOT, 'shared/classify', WORD_MODEL_FILE)))).toBe(true);
  });

  it('passes cdk-nag AwsSolutions with nothing left unacknowledged, not even a warning', () => {
    // Synthesis throws on an unacknowledged error; the report also lists warnings.
    const report = JSON.parse(readFileSync(join(assemblyDir, 'validation-report.json'), 'utf8')) as {
      pluginReports: { violations?: unknown[] }[];
    };
    expect(report.pluginReports.flatMap((r) => r.violations ?? [])).toEqual([]);
  });

  it('receives only for the support address: scanning on, TLS required, S3 then Lambda (async)', () => {
    const rules = Object.values(stateless.findResources('AWS::SES::ReceiptRule')) as Resource[];
    expect(rules).toHaveLength(1);
    const rule = rules[0]!.Properties!.Rule;
    expect(rule).toMatchObject({ Enabled: true, ScanEnabled: true, TlsPolicy: 'Require', Recipients: ['support@kdp.example.com'] });
    expect(rule.Actions.map((a: object) => Object.keys(a))).toEqual([['S3Action'], ['LambdaAction']]);
    expect(rule.Actions[0].S3Action.ObjectKeyPrefix).toBe('inbound/');
    expect(rule.Actions[1].LambdaAction.InvocationType).toBe('Event');
  });

  it('activates the rule set after the rule exists, and deactivates it on delete', () => {
    const activations = Object.values(stateless.findResources('Custom::AWS')) as Resource[];
    expect(activations).toHaveLength(1);
    const props = JSON.stringify(activations[0]!.Properties);
    expect(props).toContain('setActiveReceiptRuleSet');
    expect(props).toContain('kdp-triage-dev');
    const [id] = Object.keys(stateless.findResources('Custom::AWS'));
    const ruleId = Object.keys(stateless.findResources('AWS::SES::ReceiptRule'))[0]!;
    expect(stateless.toJSON().Resources[id!].DependsOn).toContain(ruleId);
  });

  it('lets only SES, for this account and rule, write raw mail — under the prefix', () => {
    stateful.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'ses.amazonaws.com' },
            Action: 's3:PutObject',
            Condition: {
              StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
              ArnLike: { 'aws:SourceArn': Match.anyValue() },
            },
          }),
        ]),
      },
    });
    const invoke = Object.values(stateless.findResources('AWS::Lambda::Permission', {
      Properties: { Principal: 'ses.amazonaws.com' },
    })) as Resource[];
    expect(invoke).toHaveLength(1);
    expect(JSON.stringify(invoke[0]!.Properties!.SourceArn)).toContain('receipt-rule-set/kdp-triage-dev:receipt-rule/support-inbound');
  });

  it('keeps raw mail encrypted, private, TLS-only, versioned, expiring after the retention days, logged', () => {
    stateful.hasResourceProperties('AWS::S3::Bucket', {
      BucketName: Match.anyValue(),
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      VersioningConfiguration: { Status: 'Enabled' },
      LoggingConfiguration: Match.objectLike({ DestinationBucketName: Match.anyValue() }),
      LifecycleConfiguration: {
        Rules: Match.arrayWith([Match.objectLike({ Prefix: 'inbound/', ExpirationInDays: 90, Status: 'Enabled' })]),
      },
    });
  });

  it('blocks public access on every bucket and no bucket policy allows anyone', () => {
    for (const template of [stateful, stateless]) {
      const buckets = Object.values(template.findResources('AWS::S3::Bucket')) as Resource[];
      expect(buckets.length).toBeGreaterThan(0);
      for (const bucket of buckets) {
        expect(bucket.Properties!.PublicAccessBlockConfiguration).toEqual({
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        });
      }
      for (const policy of Object.values(template.findResources('AWS::S3::BucketPolicy')) as Resource[]) {
        for (const statement of policy.Properties!.PolicyDocument.Statement) {
          if (statement.Effect === 'Allow') expect(JSON.stringify(statement.Principal)).not.toMatch(/"\*"|"AWS":"\*"/);
        }
      }
    }
  });

  it('builds the tickets table from TABLE_DESIGN: on demand, PITR, encrypted, TTL, the four GSIs', () => {
    stateful.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [
        { AttributeName: TABLE_DESIGN.partitionKey, KeyType: 'HASH' },
        { AttributeName: TABLE_DESIGN.sortKey, KeyType: 'RANGE' },
      ],
      SSESpecification: { SSEEnabled: true },
      TimeToLiveSpecification: { AttributeName: TABLE_DESIGN.ttlAttribute, Enabled: true },
      Replicas: [Match.objectLike({ PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } })],
    });
    const table = Object.values(stateful.findResources('AWS::DynamoDB::GlobalTable'))[0] as Resource;
    const gsis = table.Properties!.GlobalSecondaryIndexes as { IndexName: string; KeySchema: unknown; Projection: unknown }[];
    expect(gsis.map((g) => g.IndexName)).toEqual(TABLE_DESIGN.indexes.map((i) => i.name));
    for (const [i, index] of TABLE_DESIGN.indexes.entries()) {
      expect(gsis[i]).toMatchObject({
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      });
    }
  });

  it('runs the three handlers on Node 22 arm64, bundled, with explicit async retries and a dead-letter destination', () => {
    const ours = stateless.findResources('AWS::Lambda::Function', {
      Properties: { Environment: { Variables: { NODE_OPTIONS: '--enable-source-maps' } } },
    });
    expect(Object.keys(ours)).toHaveLength(3);
    for (const [id, fn] of Object.entries(ours) as [string, Resource][]) {
      expect(fn.Properties).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'], Handler: 'index.handler' });
      stateless.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
        FunctionName: { Ref: id },
        MaximumRetryAttempts: Match.anyValue(),
        MaximumEventAgeInSeconds: Match.anyValue(),
        DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [Match.stringLikeRegexp('^DeadLetters'), 'Arn'] } } },
      });
    }
    const inboundId = Object.keys(ours).find((id) => id.startsWith('InboundEmail'))!;
    stateless.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: inboundId },
      MaximumRetryAttempts: 2,
      MaximumEventAgeInSeconds: 21600,
    });
    const sweepId = Object.keys(ours).find((id) => id.startsWith('OutboxSweep'))!;
    stateless.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(1 minute)',
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [sweepId, 'Arn'] } })],
    });
    stateless.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true });
    stateless.hasResourceProperties('AWS::Lambda::Function', {
      MemorySize: 1024,
      Timeout: 60,
      ReservedConcurrentExecutions: 10,
      Environment: {
        Variables: Match.objectLike({
          TABLE_NAME: Match.anyValue(),
          RAW_MAIL_BUCKET: Match.anyValue(),
          RAW_MAIL_PREFIX: 'inbound/',
          SUPPORT_ADDRESS: 'support@kdp.example.com',
          SUPPORT_FROM_NAME: 'KDP Support',
          POWERTOOLS_SERVICE_NAME: 'kdp-triage',
          POWERTOOLS_METRICS_NAMESPACE: 'KdpTriage',
        }),
      },
    });
  });

  it('lets the functions send only as the support address (ses:FromAddress) from its identities', () => {
    const policies = Object.values(stateless.findResources('AWS::IAM::Policy')) as Resource[];
    const sends = policies
      .flatMap((p) => p.Properties!.PolicyDocument.Statement as Record<string, any>[])
      .filter((s) => JSON.stringify(s.Action).includes('ses:Send'));
    expect(sends).toHaveLength(3);
    for (const statement of sends) {
      expect(statement.Action).toEqual(['ses:SendEmail', 'ses:SendRawEmail']);
      expect(statement.Condition).toEqual({ StringEquals: { 'ses:FromAddress': 'support@kdp.example.com' } });
      expect(JSON.stringify(statement.Resource)).toContain(':identity/support@kdp.example.com');
    }
  });

  it('grants every AWS call the adapters make (and nothing they do not): drift shows up here, not in AWS', () => {
    // SDK command (or transaction item) → IAM action. Scans the real adapters' source.
    const actionOf: Record<string, string> = {
      GetCommand: 'dynamodb:GetItem', BatchGetCommand: 'dynamodb:BatchGetItem', QueryCommand: 'dynamodb:Query',
      ScanCommand: 'dynamodb:Scan', PutCommand: 'dynamodb:PutItem', UpdateCommand: 'dynamodb:UpdateItem',
      DeleteCommand: 'dynamodb:DeleteItem', BatchWriteCommand: 'dynamodb:BatchWriteItem',
      'Put:': 'dynamodb:PutItem', 'Update:': 'dynamodb:UpdateItem', 'Delete:': 'dynamodb:DeleteItem', 'ConditionCheck:': 'dynamodb:ConditionCheckItem',
      GetObjectCommand: 's3:GetObject', PutObjectCommand: 's3:PutObject', SendEmailCommand: 'ses:SendEmail',
    };
    const used = new Set<string>();
    const adapters = join(REPO_ROOT, 'shared/adapters');
    for (const file of readdirSync(adapters, { recursive: true }) as string[]) {
      if (!file.endsWith('.ts') || file.startsWith('memory')) continue;
      const source = readFileSync(join(adapters, file), 'utf8');
      for (const [token, action] of Object.entries(actionOf)) {
        const pattern = token.endsWith(':') ? new RegExp(`\\b${token.slice(0, -1)}:\\s*\\{`) : new RegExp(`\\b${token}\\b`);
        if (pattern.test(source)) used.add(action);
      }
    }
    expect(used.size).toBeGreaterThan(3);
    const granted = new Set(
      (Object.values(stateless.findResources('AWS::IAM::Policy')) as Resource[])
        .filter((p) => JSON.stringify(p.Properties!.Roles).includes('InboundEmail'))
        .flatMap((p) => (p.Properties!.PolicyDocument.Statement as { Action: string | string[] }[]).flatMap((st) => [st.Action].flat()))
        .filter((a) => /^(dynamodb|s3|ses):/.test(a)),
    );
    expect([...used].filter((a) => !granted.has(a)), 'used but not granted').toEqual([]);
    // SESv2 SendEmail with raw content is authorised as SendRawEmail; ListBucket turns a missing
    // key's 403 into the 404 NoSuchKey the raw-mail store handles.
    const expectedExtras = ['ses:SendRawEmail', 's3:ListBucket'];
    expect([...granted].filter((a) => !used.has(a) && !expectedExtras.includes(a)), 'granted but unused').toEqual([]);
  });

  it('puts the JWT authorizer, with the agent scope, on every API route', () => {
    const routes = Object.values(stateless.findResources('AWS::ApiGatewayV2::Route')) as Resource[];
    expect(routes.length).toBeGreaterThan(0);
    for (const route of routes) {
      expect(route.Properties).toMatchObject({
        AuthorizationType: 'JWT',
        AuthorizerId: { Ref: expect.stringMatching(/CognitoJwt/) },
        AuthorizationScopes: ['kdp-triage/agent'],
      });
    }
    stateless.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      JwtConfiguration: { Audience: [Match.anyValue()], Issuer: Match.anyValue() },
    });
    stateless.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: { AllowOrigins: [{ 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [Match.anyValue(), 'DomainName'] }]] }] },
    });
    stateless.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      AccessLogSettings: Match.objectLike({ DestinationArn: Match.anyValue() }),
      DefaultRouteSettings: { ThrottlingRateLimit: 20, ThrottlingBurstLimit: 40 },
    });
  });

  it('signs agents in with Cognito: no self sign-up, MFA, agents group, code + PKCE client for the page only', () => {
    stateless.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      MfaConfiguration: 'ON',
    });
    stateless.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: 'agents' });
    stateless.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: ['openid', 'email', Match.objectLike({ 'Fn::Join': ['', [Match.anyValue(), '/agent']] })],
      CallbackURLs: [{ 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [Match.anyValue(), 'DomainName'] }, '/']] }],
    });
  });

  it('serves the page through CloudFront with OAC, HTTPS only, security headers and logs, and deploys config.json', () => {
    stateless.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultCacheBehavior: Match.objectLike({ ViewerProtocolPolicy: 'redirect-to-https', ResponseHeadersPolicyId: Match.anyValue() }),
        Origins: [Match.objectLike({ OriginAccessControlId: Match.anyValue() })],
        Logging: Match.objectLike({ Bucket: Match.anyValue() }),
      }),
    });
    stateless.resourceCountIs('Custom::CDKBucketDeployment', 1);
  });

  it('alarms on handler errors, dead letters, SES rule failures and an auto-reply surge', () => {
    const alarms = Object.values(stateless.findResources('AWS::CloudWatch::Alarm')) as Resource[];
    const metrics = alarms.map((a) => `${a.Properties!.Namespace}/${a.Properties!.MetricName}`);
    expect(metrics).toEqual(
      expect.arrayContaining([
        'AWS/Lambda/Errors',
        'AWS/ApiGateway/5xx',
        'AWS/SQS/ApproximateNumberOfMessagesVisible',
        'AWS/SES/PublishFailure',
        'AWS/SES/PublishExpired',
        'AWS/SES/Reputation.BounceRate',
        'AWS/SES/Reputation.ComplaintRate',
        'KdpTriage/auto-replied',
        'KdpTriage/reply-failed',
        'KdpTriage/reply-unknown',
      ]),
    );
    for (const alarm of alarms) expect(alarm.Properties!.AlarmActions).toHaveLength(1);
    const surge = alarms.find((a) => a.Properties!.ThresholdMetricId === 'band');
    expect(JSON.stringify(surge?.Properties!.Metrics)).toContain('ANOMALY_DETECTION_BAND(replies');
  });

  it('prints what a person needs after deploy', () => {
    const outputs = stateless.toJSON().Outputs as Record<string, { Value: unknown }>;
    for (const name of ['MxRecord', 'ApiUrl', 'PageUrl', 'UserPoolId', 'UserPoolClientId', 'DeadLetterQueueUrl', 'RedriveHint']) {
      expect(outputs[name], name).toBeDefined();
    }
    expect(JSON.stringify(outputs.MxRecord!.Value)).toContain('kdp.example.com MX 10 inbound-smtp.us-east-1.amazonaws.com');
  });

  it('uses Resource "*" only where AWS offers no resource-level permission', () => {
    // SES's rule-set activation (custom resource) and CloudFront invalidation (CDK's page upload).
    expectStarOnlyFor([stateful, stateless], ['ses:SetActiveReceiptRuleSet', 'cloudfront:GetInvalidation', 'cloudfront:CreateInvalidation']);
  });
});

/** Every IAM statement on Resource "*" allows only these actions. */
function expectStarOnlyFor(templates: Template[], allowed: string[]): string[] {
  const onStar: string[] = [];
  for (const template of templates) {
    const documents = [
      ...(Object.values(template.findResources('AWS::IAM::Policy')) as Resource[]).map((p) => p.Properties!.PolicyDocument),
      ...(Object.values(template.findResources('AWS::IAM::Role')) as Resource[]).flatMap((r) =>
        (r.Properties!.Policies ?? []).map((p: { PolicyDocument: unknown }) => p.PolicyDocument),
      ),
    ];
    for (const document of documents) {
      for (const statement of document.Statement as Record<string, any>[]) {
        if (![statement.Resource].flat().includes('*')) continue;
        for (const action of [statement.Action].flat()) {
          expect(allowed, action).toContain(action);
          onStar.push(action);
        }
      }
    }
  }
  return onStar;
}

describe('cdk-nag inside synth', () => {
  it('fails synthesis on an unacknowledged finding', () => {
    const { app, triage } = synth({ entries: FIXTURE_ENTRIES, webDistDir: FIXTURE_WEB });
    new s3.Bucket(triage.stateful, 'Unlogged', { enforceSSL: true });
    expect(() => app.synth()).toThrow(/AwsSolutions-S1/);
  }, 120_000);
});

describe('variants', () => {
  it('skips the page upload with a warning when web/dist has not been built', () => {
    const { assembly, stateless } = templates({ entries: FIXTURE_ENTRIES, webDistDir: join(REPO_ROOT, 'test/fixtures/infra/no-such-dist') });
    stateless.resourceCountIs('Custom::CDKBucketDeployment', 0);
    const warnings = JSON.stringify(assembly.stacks.map((s) => s.messages));
    expect(warnings).toContain('web-not-built');
  }, 120_000);

  it('production with tracing: deletion protection, retained table, no reservation when off, X-Ray the only extra "*"', () => {
    const { stateful, stateless } = templates(
      { entries: FIXTURE_ENTRIES, webDistDir: FIXTURE_WEB },
      { env: 'prod', reservedConcurrency: 'off', account: '123456789012', tracing: 'true', supportAddress: 'help@mail.kdp.example.com' },
    );
    const xray = ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'];
    const onStar = expectStarOnlyFor(
      [stateful, stateless],
      ['ses:SetActiveReceiptRuleSet', 'cloudfront:GetInvalidation', 'cloudfront:CreateInvalidation', ...xray],
    );
    expect(onStar).toEqual(expect.arrayContaining(xray));
    expect(JSON.stringify(stateless.toJSON().Outputs.MxRecord.Value)).toContain('mail.kdp.example.com MX 10 inbound-smtp.');
    stateful.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({ Replicas: [Match.objectLike({ DeletionProtectionEnabled: true })] }),
    });
    const fns = Object.values(stateless.findResources('AWS::Lambda::Function')) as Resource[];
    for (const fn of fns) expect(fn.Properties!.ReservedConcurrentExecutions).toBeUndefined();
  }, 120_000);
});
