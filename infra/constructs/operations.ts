import { Duration } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cwActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface OperationsProps {
  readonly functions: Record<string, lambda.IFunction>;
  readonly deadLetters: sqs.IQueue;
  readonly ruleSetName: string;
  readonly ruleName: string;
  /** Powertools metrics namespace and service (the `service` dimension Powertools adds). */
  readonly metricsNamespace: string;
  readonly serviceName: string;
  /** Name of the Powertools metric counted per auto-reply sent. */
  readonly autoReplyMetricName: string;
  /** Powertools metrics the outbox sweep counts for replies that failed / may or may not have gone. */
  readonly replyProblemMetricNames: string[];
  readonly autoReplyAlarmPerHour: number;
  readonly alarmEmail?: string;
  /** The agents' API: its handler answers errors itself, so 5xx are counted at the API. */
  readonly api: apigw.IHttpApi;
}

/**
 * Alarms that page a person, all into one encrypted SNS topic (optionally mailed): a handler
 * erroring, anything in the dead-letter queue, SES failing to run the receipt rule's actions,
 * replies that failed, the account's bounce/complaint rates, and auto-replies rising suddenly
 * (a loop with another robot, or a flood).
 */
export class Operations extends Construct {
  readonly topic: sns.Topic;
  readonly alarms: cloudwatch.Alarm[] = [];

  constructor(scope: Construct, id: string, props: OperationsProps) {
    super(scope, id);

    // CloudWatch can publish to an encrypted topic only with a customer key it may use.
    const key = new kms.Key(this, 'AlarmTopicKey', {
      description: 'kdp-triage alarm topic',
      enableKeyRotation: true,
    });
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: ['*'], // in a key policy, "*" means this key
      }),
    );
    this.topic = new sns.Topic(this, 'AlarmTopic', { masterKey: key, enforceSSL: true });
    if (props.alarmEmail) this.topic.addSubscription(new subscriptions.EmailSubscription(props.alarmEmail));
    const notify = new cwActions.SnsAction(this.topic);

    const add = (alarmId: string, metric: cloudwatch.IMetric, threshold: number, description: string) => {
      const alarm = new cloudwatch.Alarm(this, alarmId, {
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      });
      alarm.addAlarmAction(notify);
      alarm.addOkAction(notify);
      this.alarms.push(alarm);
    };

    for (const [name, fn] of Object.entries(props.functions)) {
      add(
        `${name}Errors`,
        fn.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }),
        1,
        `${name}: the handler threw (async events are retried, then dead-lettered).`,
      );
    }

    add(
      'AgentApi5xx',
      props.api.metricServerError({ period: Duration.minutes(5), statistic: 'Sum' }),
      1,
      "The agents' API answered 5xx (a handler failure or an integration error).",
    );

    add(
      'DeadLetters',
      props.deadLetters.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(5),
        statistic: 'Maximum',
      }),
      1,
      'Events gave up after retries and wait in the dead-letter queue: inspect, fix, redrive.',
    );

    // SES publishes receipt-rule action failures to AWS/SES per rule set and rule.
    for (const metricName of ['PublishFailure', 'PublishExpired']) {
      add(
        `SesRule${metricName}`,
        new cloudwatch.Metric({
          namespace: 'AWS/SES',
          metricName,
          dimensionsMap: { RuleSetName: props.ruleSetName, RuleName: props.ruleName },
          period: Duration.minutes(5),
          statistic: 'Sum',
        }),
        1,
        `SES could not run the receipt rule's actions (${metricName}): check the bucket policy and Lambda permission.`,
      );
    }

    // The account's sending reputation (SES publishes these itself). An auto-replier that bounces
    // or draws complaints gets the whole account reviewed at 5 % / 0.1 % — alarm there, early.
    for (const [metricName, threshold] of [
      ['Reputation.BounceRate', 0.05],
      ['Reputation.ComplaintRate', 0.001],
    ] as const) {
      add(
        `Ses${metricName.replace('.', '')}`,
        new cloudwatch.Metric({ namespace: 'AWS/SES', metricName, period: Duration.hours(1), statistic: 'Maximum' }),
        threshold,
        `SES ${metricName} reached ${threshold * 100} %: the level at which AWS reviews the account's sending.`,
      );
    }

    for (const metricName of props.replyProblemMetricNames) {
      add(
        `Metric-${metricName}`,
        new cloudwatch.Metric({
          namespace: props.metricsNamespace,
          metricName,
          dimensionsMap: { service: props.serviceName },
          period: Duration.minutes(15),
          statistic: 'Sum',
        }),
        1,
        `Outbox sweep counted ${metricName}: a reply failed for good or its fate is unknown — check the outbox.`,
      );
    }

    const autoReplies = new cloudwatch.Metric({
      namespace: props.metricsNamespace,
      metricName: props.autoReplyMetricName,
      dimensionsMap: { service: props.serviceName },
      period: Duration.hours(1),
      statistic: 'Sum',
    });
    add(
      'AutoReplyFlood',
      autoReplies,
      props.autoReplyAlarmPerHour,
      `${props.autoReplyAlarmPerHour} or more auto-replies in an hour: a mail loop or a flood?`,
    );
    // A sudden rise against the learnt hourly pattern (CloudWatch anomaly detection; it needs a
    // couple of weeks of data before the band is meaningful, until then the fixed ceiling above).
    const surge = new cloudwatch.CfnAlarm(this, 'AutoReplySurge', {
      alarmDescription: 'Auto-replies rose well above their usual level for this hour.',
      comparisonOperator: 'GreaterThanUpperThreshold',
      evaluationPeriods: 1,
      thresholdMetricId: 'band',
      treatMissingData: 'notBreaching',
      metrics: [
        {
          id: 'replies',
          returnData: true,
          metricStat: {
            metric: {
              namespace: props.metricsNamespace,
              metricName: props.autoReplyMetricName,
              dimensions: [{ name: 'service', value: props.serviceName }],
            },
            period: 3600,
            stat: 'Sum',
          },
        },
        { id: 'band', expression: 'ANOMALY_DETECTION_BAND(replies, 3)', returnData: true },
      ],
      alarmActions: [this.topic.topicArn],
      okActions: [this.topic.topicArn],
    });
    surge.node.addDependency(this.topic);
  }
}
