/**
 * Opt-in, account-level SMS settings for the stack's region: the SNS SMS preferences (with the role SNS
 * writes delivery-status logs with), alarms on failed SMS and month-to-date spend mailed through a topic,
 * and the account-default protect configuration (account-protect-configuration.ts). The preferences and
 * the default exist once per account and region: one instance of a program may manage each (program-claims.ts).
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { getCountries } from "libphonenumber-js";
import { AccountProtectConfiguration } from "./account-protect-configuration";
import { iamPath, OPT_IN_RESOURCE_NAMES, childLogicalName } from "./aws-resource-names";
import { stackTags } from "./iam-tag-rules";
import { SMS_METRICS } from "./monitoring-definitions";
import { countryRules } from "./protect-configuration-rules";
import { claimAccountSetting } from "../program-claims";
import type { ProtectConfigurationSettings, SmsAlarmSettings, SmsPreferencesSettings } from "../config/stack-config-types";

export interface SmsAccountOptInsArgs {
  /** The SmsMfa instance's name: the prefix of every child's logical name (and so of the AWS autonames). */
  instanceName: string;
  /** Base of the IAM path and of the Stack tag. */
  deploymentName: string;
  region: string;
  /** undefined = leave the account's SMS preferences alone. */
  smsPreferences: SmsPreferencesSettings | undefined;
  /** undefined = no alarms. */
  alarms: SmsAlarmInputs | undefined;
  /** Default sender ID for the account's SMS (the Action also sets it per message). */
  senderId: pulumi.Input<string> | undefined;
  /** Resolves once the AWS provider is confirmed in `region` (sms-sender.ts awsProviderInRegion); every child waits on it. */
  inRegion: pulumi.Output<pulumi.Resource[]>;
  /** undefined = leave the account's protect configurations alone. */
  protectConfiguration: ProtectConfigurationSettings | undefined;
  /** The sender's allowed countries (uppercase ISO codes as SmsMfa normalises them, protect-configuration-rules.ts protectedCountries; empty = all): the protect configuration's rules follow them. */
  allowedCountries: readonly string[];
  /** Protect from deletion the protect configuration (and, in SmsSender, the IAM user and its policy; never the key: rotation replaces it). */
  protect: boolean;
}

/**
 * The countries a preview shows the protect configuration's rules for: those the sender's phone metadata
 * knows. The provider writes, by the same rule, every country End User Messaging lists.
 */
export function previewCountries(): string[] {
  return [...getCountries()].sort();
}

/** The alarm settings, with the recipient as an input: a secret when it was stored as one. */
export type SmsAlarmInputs = Omit<SmsAlarmSettings, "email"> & { email: pulumi.Input<string> };

/** The SNS alarms: their topic and ARNs. */
export interface SnsAlarms {
  topicArn: pulumi.Output<string>;
  alarmArns: pulumi.Output<string>[];
}

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
  /** The alarms' topic and the ARNs of the alarms, with alarms. */
  readonly alarms: SnsAlarms | undefined;
  /** The account-default protect configuration's id, when managed. */
  readonly protectConfigurationId: pulumi.Output<string> | undefined;
  private readonly instanceName: string;
  private readonly inRegion: pulumi.Output<pulumi.Resource[]>;

  constructor(name: string, args: SmsAccountOptInsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("auth0-sns-mfa:aws:SmsAccountOptIns", name, {}, opts);
    this.instanceName = args.instanceName;
    this.inRegion = args.inRegion;
    const tags = stackTags(args.deploymentName);
    if (args.smsPreferences !== undefined) this.managePreferences(args, args.smsPreferences, tags);
    this.alarms = args.alarms === undefined ? undefined : this.createAlarms(args.alarms, tags);
    this.protectConfigurationId =
      args.protectConfiguration === undefined ? undefined : this.manageProtectConfiguration(args, args.protectConfiguration);
    this.registerOutputs({ alarmTopicArn: this.alarms?.topicArn, protectConfigurationId: this.protectConfigurationId });
  }

  /** The logical name and options of a child: parented here, registered once the provider is confirmed in the region. */
  private child(role: keyof typeof OPT_IN_RESOURCE_NAMES): { name: string; opts: pulumi.CustomResourceOptions } {
    return { name: childLogicalName(this.instanceName, role), opts: { parent: this, dependsOn: this.inRegion } };
  }

  private managePreferences(args: SmsAccountOptInsArgs, preferences: SmsPreferencesSettings, tags: Record<string, string>): void {
    const roleChild = this.child("deliveryStatusRole");
    const role = new aws.iam.Role(
      roleChild.name,
      {
        path: iamPath(args.deploymentName),
        description: "Lets Amazon SNS write SMS delivery-status logs to CloudWatch Logs",
        assumeRolePolicy: SNS_ASSUMES_ROLE,
        tags,
      },
      roleChild.opts,
    );
    const rolePolicy = this.child("deliveryStatusRole");
    new aws.iam.RolePolicy(rolePolicy.name, { role: role.id, policy: deliveryStatusLoggingPolicy(args.region) }, rolePolicy.opts);
    const account = aws.getCallerIdentityOutput({}, { parent: this }).accountId;
    const claimed = claimAccountSetting("smsPreferences", this, account, args.region, this.instanceName);
    const smsPreferences = this.child("smsPreferences");
    new aws.sns.SmsPreferences(
      smsPreferences.name,
      {
        defaultSmsType: claimed.apply(() => "Transactional"),
        monthlySpendLimit: preferences.monthlySpendLimitUsd,
        deliveryStatusIamRoleArn: role.arn,
        deliveryStatusSuccessSamplingRate: String(preferences.deliveryStatusSuccessSamplingRate),
        defaultSenderId: args.senderId,
      },
      smsPreferences.opts,
    );
  }

  private manageProtectConfiguration(args: SmsAccountOptInsArgs, settings: ProtectConfigurationSettings): pulumi.Output<string> {
    const account = aws.getCallerIdentityOutput({}, { parent: this }).accountId;
    const claimed = claimAccountSetting("protectConfiguration", this, account, args.region, this.instanceName);
    const allowedCountries = [...args.allowedCountries].sort();
    const provider = this.getProvider("aws::Provider");
    const configuration = new AccountProtectConfiguration(
      childLogicalName(this.instanceName, "protectConfiguration"),
      {
        region: claimed.apply(() => args.region),
        // The account of the instance's AWS provider: the dynamic provider acts only with credentials in it.
        accountId: claimed,
        // The profile of the instance's aws.Provider, else aws:profile of the default provider.
        profile: provider instanceof aws.Provider ? provider.profile : aws.config.profile,
        allowedCountries,
        allowedCountryStatus: settings.allowedCountryStatus,
        tags: { ...stackTags(args.deploymentName), Name: `auth0-sns-mfa-${args.deploymentName}` },
        smsCountryRules: countryRules(previewCountries(), allowedCountries, settings.allowedCountryStatus),
      },
      // Whether a replacement deletes first is the provider's diff's to say (protectConfigurationDiff).
      { parent: this, dependsOn: this.inRegion, protect: args.protect },
    );
    // Its id is the configuration's id (protectConfigurationId).
    return configuration.id;
  }

  private createAlarms(alarms: SmsAlarmInputs, tags: Record<string, string>): SnsAlarms {
    const topicChild = this.child("alarmTopic");
    const topic = new aws.sns.Topic(topicChild.name, { tags }, topicChild.opts);
    const subscription = this.child("alarmEmailSubscription");
    new aws.sns.TopicSubscription(subscription.name, { topic: topic.arn, protocol: "email", endpoint: alarms.email }, subscription.opts);
    const common = {
      namespace: SMS_METRICS.namespace,
      period: 300,
      evaluationPeriods: 1,
      comparisonOperator: "GreaterThanOrEqualToThreshold",
      treatMissingData: "notBreaching",
      alarmActions: [topic.arn],
      tags,
    };
    const alarm = (role: "failedSmsAlarm" | "spendAlarm", settings: Partial<aws.cloudwatch.MetricAlarmArgs>): pulumi.Output<string> => {
      const child = this.child(role);
      return new aws.cloudwatch.MetricAlarm(child.name, { ...common, ...settings }, child.opts).arn;
    };
    const failedAlarm = alarm("failedSmsAlarm", {
      alarmDescription: `At least ${alarms.failedSmsThreshold} MFA SMS failed within 5 minutes (SNS direct publishes to phone numbers)`,
      metricName: SMS_METRICS.failed,
      dimensions: SMS_METRICS.directPublishDimensions,
      statistic: "Sum",
      threshold: alarms.failedSmsThreshold,
    });
    const spendAlarm = alarm("spendAlarm", {
      alarmDescription: `Month-to-date SMS spend in this account and region reached ${alarms.monthToDateSpendUsd} USD`,
      metricName: SMS_METRICS.monthToDateSpend,
      statistic: "Maximum",
      threshold: alarms.monthToDateSpendUsd,
    });
    return { topicArn: topic.arn, alarmArns: [failedAlarm, spendAlarm] };
  }
}
