/**
 * Opt-in, account-level SMS settings for the stack's region: the SNS SMS preferences (with the IAM
 * role SNS uses to write delivery-status logs) and CloudWatch alarms on failed SMS and month-to-date
 * spend, emailed through an SNS topic. SMS preferences exist once per AWS account and region: only
 * one stack per account and region may enable them.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { iamPath, OPT_IN_RESOURCE_NAMES } from "./aws-resource-names";
import { stackTags } from "./iam-tag-rules";
import type { SmsAlarmSettings, SmsPreferencesSettings } from "./stack-config-types";

export interface SmsAccountOptInsArgs {
  stack: string;
  region: string;
  /** undefined = leave the account's SMS preferences alone. */
  preferences: SmsPreferencesSettings | undefined;
  /** undefined = no alarms. */
  alarms: SmsAlarmInputs | undefined;
  /** Default sender ID for the account's SMS (the Action also sets it per message). */
  senderId: pulumi.Input<string> | undefined;
}

/** The alarm settings, with the recipient as an input: a secret when it was stored as one. */
export type SmsAlarmInputs = Omit<SmsAlarmSettings, "email"> & { email: pulumi.Input<string> };

/** CloudWatch's SNS metrics for SMS published straight to phone numbers (no topic). */
export const SMS_METRICS = {
  namespace: "AWS/SNS",
  failed: "NumberOfNotificationsFailed",
  directPublishDimensions: { PhoneNumber: "PhoneNumberDirect" },
  monthToDateSpend: "SMSMonthToDateSpentUSD",
} as const;

/** The policy of the role SNS assumes to write SMS delivery-status logs (log groups `sns/<region>/...`). */
export function deliveryStatusLoggingPolicy(region: string): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "WriteSmsDeliveryStatusLogs",
        Effect: "Allow",
        Action: ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents", "logs:PutMetricFilter", "logs:PutRetentionPolicy"],
        Resource: `arn:*:logs:${region}:*:log-group:sns/${region}/*`,
      },
    ],
  });
}

const SNS_ASSUMES_ROLE = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { Service: "sns.amazonaws.com" }, Action: "sts:AssumeRole" }],
});

export class SmsAccountOptIns extends pulumi.ComponentResource {
  readonly alarmTopicArn: pulumi.Output<string> | undefined;

  constructor(name: string, args: SmsAccountOptInsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("auth0-sns-mfa:aws:SmsAccountOptIns", name, {}, opts);
    const tags = stackTags(args.stack);
    if (args.preferences !== undefined) this.managePreferences(args, args.preferences, tags);
    this.alarmTopicArn = args.alarms === undefined ? undefined : this.createAlarms(args.alarms, tags);
    this.registerOutputs({ alarmTopicArn: this.alarmTopicArn });
  }

  private managePreferences(args: SmsAccountOptInsArgs, preferences: SmsPreferencesSettings, tags: Record<string, string>): void {
    const role = new aws.iam.Role(
      OPT_IN_RESOURCE_NAMES.deliveryStatusRole,
      {
        path: iamPath(args.stack),
        description: "Lets Amazon SNS write SMS delivery-status logs to CloudWatch Logs",
        assumeRolePolicy: SNS_ASSUMES_ROLE,
        tags,
      },
      { parent: this },
    );
    new aws.iam.RolePolicy(
      OPT_IN_RESOURCE_NAMES.deliveryStatusRole,
      { role: role.id, policy: deliveryStatusLoggingPolicy(args.region) },
      { parent: this },
    );
    new aws.sns.SmsPreferences(
      "sms-preferences",
      {
        defaultSmsType: "Transactional",
        monthlySpendLimit: preferences.monthlySpendLimitUsd,
        deliveryStatusIamRoleArn: role.arn,
        deliveryStatusSuccessSamplingRate: String(preferences.deliveryStatusSuccessSamplingRate),
        defaultSenderId: args.senderId,
      },
      { parent: this },
    );
  }

  private createAlarms(alarms: SmsAlarmInputs, tags: Record<string, string>): pulumi.Output<string> {
    const topic = new aws.sns.Topic(OPT_IN_RESOURCE_NAMES.alarmTopic, { tags }, { parent: this });
    new aws.sns.TopicSubscription(
      OPT_IN_RESOURCE_NAMES.alarmEmailSubscription,
      { topic: topic.arn, protocol: "email", endpoint: alarms.email },
      { parent: this },
    );
    const common = {
      namespace: SMS_METRICS.namespace,
      period: 300,
      evaluationPeriods: 1,
      comparisonOperator: "GreaterThanOrEqualToThreshold",
      treatMissingData: "notBreaching",
      alarmActions: [topic.arn],
      tags,
    };
    new aws.cloudwatch.MetricAlarm(
      OPT_IN_RESOURCE_NAMES.failedSmsAlarm,
      {
        ...common,
        alarmDescription: `At least ${alarms.failedSmsThreshold} MFA SMS failed within 5 minutes (SNS direct publishes to phone numbers)`,
        metricName: SMS_METRICS.failed,
        dimensions: SMS_METRICS.directPublishDimensions,
        statistic: "Sum",
        threshold: alarms.failedSmsThreshold,
      },
      { parent: this },
    );
    new aws.cloudwatch.MetricAlarm(
      OPT_IN_RESOURCE_NAMES.spendAlarm,
      {
        ...common,
        alarmDescription: `Month-to-date SMS spend in this account and region reached ${alarms.monthToDateSpendUsd} USD`,
        metricName: SMS_METRICS.monthToDateSpend,
        statistic: "Maximum",
        threshold: alarms.monthToDateSpendUsd,
      },
      { parent: this },
    );
    return topic.arn;
  }
}
