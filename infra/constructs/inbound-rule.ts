import { Aws, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';

export interface InboundRuleProps {
  readonly ruleSet: ses.IReceiptRuleSet;
  readonly ruleSetName: string;
  readonly ruleName: string;
  readonly recipients: string[];
  readonly bucket: s3.IBucket;
  readonly prefix: string;
  readonly handler: lambda.IFunction;
}

/** Construct id of the singleton function behind every AwsCustomResource in a stack. */
const AWS_CUSTOM_RESOURCE_SINGLETON = 'AWS679f53fac002430cb0da5b7982bd2287';

/** The ARN SES presents (aws:SourceArn) when a receipt rule writes to S3 or invokes Lambda. */
export function receiptRuleArn(ruleSetName: string, ruleName: string): string {
  return `arn:${Aws.PARTITION}:ses:${Aws.REGION}:${Aws.ACCOUNT_ID}:receipt-rule-set/${ruleSetName}:receipt-rule/${ruleName}`;
}

/**
 * The one receipt rule: mail for the configured recipients only, spam/virus scanning on, TLS
 * required, then (in this order) the raw message to S3 under the prefix and the handler invoked
 * asynchronously with the SES event. The bucket policy that lets SES write is owned by the
 * stateful stack (scoped to this rule's ARN), so this action only names the bucket — unlike
 * aws-ses-actions' S3, which would edit the other stack's bucket policy.
 *
 * CloudFormation does not activate a rule set; a custom resource calls SetActiveReceiptRuleSet
 * once the rule exists, and deactivates on delete (so the rule set can then be deleted).
 */
export class InboundRule extends Construct {
  readonly rule: ses.ReceiptRule;

  constructor(scope: Construct, id: string, props: InboundRuleProps) {
    super(scope, id);
    const sourceArn = receiptRuleArn(props.ruleSetName, props.ruleName);

    // SES may invoke the handler only from this account's rule (SourceAccount + SourceArn).
    const invokePermission = new lambda.CfnPermission(this, 'InvokePermission', {
      action: 'lambda:InvokeFunction',
      functionName: props.handler.functionArn,
      principal: 'ses.amazonaws.com',
      sourceAccount: Stack.of(this).account,
      sourceArn,
    });

    this.rule = new ses.ReceiptRule(this, 'Rule', {
      ruleSet: props.ruleSet,
      receiptRuleName: props.ruleName,
      recipients: props.recipients,
      enabled: true,
      scanEnabled: true,
      tlsPolicy: ses.TlsPolicy.REQUIRE,
      actions: [
        { bind: () => ({ s3Action: { bucketName: props.bucket.bucketName, objectKeyPrefix: props.prefix } }) },
        {
          bind: () => ({
            lambdaAction: { functionArn: props.handler.functionArn, invocationType: 'Event' },
          }),
        },
      ],
    });
    this.rule.node.addDependency(invokePermission);

    const activation = new cr.AwsCustomResource(this, 'Activate', {
      onUpdate: {
        service: 'SES',
        action: 'setActiveReceiptRuleSet',
        parameters: { RuleSetName: props.ruleSetName },
        physicalResourceId: cr.PhysicalResourceId.of(`active-${props.ruleSetName}`),
      },
      // Called without a name, SetActiveReceiptRuleSet deactivates the active rule set.
      onDelete: { service: 'SES', action: 'setActiveReceiptRuleSet', parameters: {} },
      policy: cr.AwsCustomResourcePolicy.fromStatements([
        new iam.PolicyStatement({ actions: ['ses:SetActiveReceiptRuleSet'], resources: ['*'] }),
      ]),
      installLatestAwsSdk: false,
    });
    activation.node.addDependency(this.rule);

    Validations.of(activation).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'ses:SetActiveReceiptRuleSet supports no resource-level permissions.',
    });
    // The custom resource runs in a CDK-provided singleton function at stack level.
    const provider = Stack.of(this).node.tryFindChild(AWS_CUSTOM_RESOURCE_SINGLETON);
    if (provider) {
      Validations.of(provider).acknowledge({
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason: 'CDK-provided AwsCustomResource handler; the managed policy only lets it write its logs.',
      });
    }
  }
}
