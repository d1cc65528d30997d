/**
 * The AWS side of the monitoring opt-in: the tenant's log events arrive from the Auth0 log stream's
 * partner event source on an event bus named exactly after it (creating that bus moves the source
 * from PENDING to ACTIVE; events sent to a PENDING source are dropped); a rule on that bus takes the
 * MFA SMS log types (monitoring-event-pattern.ts); its target writes one line per event, without the
 * phone number, to a log group (monitoring-log-line.ts), which EventBridge may write to through the
 * account's shared logs resource policy (logs-resource-policy.ts); metric filters count the lines by
 * outcome; with alarms, two alarms on the Auth0-side failures mail the SNS alarms' topic; one
 * dashboard shows both sides (monitoring-dashboard-body.ts). Deleting goes target, rule, bus, then
 * the log stream (each depends on the next).
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { claimOnce, programClaims } from "../program-claims";
import { awsProviderInRegion } from "./aws-provider-region";
import { LOGS_RESOURCE_POLICY_NAME, monitoringLogicalName } from "./aws-resource-names";
import { stackTags } from "./iam-tag-rules";
import { logsResourcePolicyDocument } from "./logs-resource-policy";
import { monitoringDashboardBody } from "./monitoring-dashboard-body";
import { smsMfaEventPattern } from "./monitoring-event-pattern";
import { LOG_LINE_TRANSFORMER, logLineFilters, monitoringNamespace, OUTCOME_METRICS } from "./monitoring-log-line";

export const SMS_MONITORING_TYPE = "auth0-sns-mfa:aws:SmsMonitoring";

/** Days the log group keeps the lines. */
export const MONITORING_LOG_RETENTION_DAYS = 90;

export interface SmsMonitoringArgs {
  /** The SmsMfa instance's name: the prefix of every child's logical name. Default: none (required). */
  instanceName: string;
  /** Base of the metric namespace and of the Stack tag. Default: none (required). */
  deploymentName: string;
  /** The stack's region (its AWS provider's): the bus, rule, log group, metrics and alarms are there. Default: none (required). */
  region: string;
  /** The AWS account the provider runs in: the shared logs resource policy is claimed per account and region. Default: none (required). */
  account: pulumi.Input<string>;
  /** The partner event source of the tenant's log stream. Default: none (required). */
  partnerEventSource: pulumi.Input<string>;
  /** Protect the log group from deletion. Default: none (required). */
  protect: boolean;
  /** The SNS alarms' topic and threshold, when the stack has alarms. Default: no Auth0-side alarms. */
  alarms?: { topicArn: pulumi.Input<string>; failedSmsThreshold: number; snsAlarmArns: pulumi.Input<string>[] };
  /** The account's monthly SMS spend limit in USD, when the stack manages it (drawn on the dashboard). Default: none. */
  monthlySpendLimitUsd?: number;
}

/** The console address of a dashboard. */
export function dashboardUrl(region: string, dashboardName: string): string {
  return `https://${region}.console.aws.amazon.com/cloudwatch/home?region=${region}#dashboards/dashboard/${encodeURIComponent(dashboardName)}`;
}

export class SmsMonitoring extends pulumi.ComponentResource {
  /** Console URL of the stack's dashboard. */
  readonly dashboardUrl: pulumi.Output<string>;
  /** Name of the partner event bus (the partner event source's name). */
  readonly eventBusName: pulumi.Output<string>;
  /** Name of the log group the rule writes to. */
  readonly logGroupName: pulumi.Output<string>;

  constructor(name: string, args: SmsMonitoringArgs, opts?: pulumi.ComponentResourceOptions) {
    super(SMS_MONITORING_TYPE, name, {}, opts);
    const instance = args.instanceName;
    const inRegion = awsProviderInRegion(this, args.region, instance);
    const child = { parent: this, dependsOn: inRegion };
    const tags = stackTags(args.deploymentName);

    const bus = new aws.cloudwatch.EventBus(
      monitoringLogicalName(instance, "eventBus"),
      { name: args.partnerEventSource, eventSourceName: args.partnerEventSource, tags },
      child,
    );
    const rule = new aws.cloudwatch.EventRule(
      monitoringLogicalName(instance, "eventRule"),
      {
        eventBusName: bus.name,
        eventPattern: smsMfaEventPattern(),
        description: "Auth0 MFA SMS log events: sent, failed, rate-limited, code rejected",
        tags,
      },
      child,
    );
    const group = new aws.cloudwatch.LogGroup(
      monitoringLogicalName(instance, "logGroup"),
      { retentionInDays: MONITORING_LOG_RETENTION_DAYS, tags },
      { ...child, protect: args.protect },
    );
    const policy = this.sharedLogsPolicy(args, child);
    new aws.cloudwatch.EventTarget(
      monitoringLogicalName(instance, "eventTarget"),
      { rule: rule.name, eventBusName: bus.name, arn: group.arn, inputTransformer: { ...LOG_LINE_TRANSFORMER } },
      { parent: this, dependsOn: policy },
    );
    const namespace = monitoringNamespace(args.deploymentName);
    for (const filter of logLineFilters()) {
      new aws.cloudwatch.LogMetricFilter(
        `${monitoringLogicalName(instance, "metricFilter")}-${filter.logType}`,
        { logGroupName: group.name, pattern: filter.pattern, metricTransformation: { name: filter.metricName, namespace, value: "1" } },
        child,
      );
    }
    const alarmArns = args.alarms === undefined ? [] : this.auth0SideAlarms(args, args.alarms, namespace, tags, child);
    const dashboardName = monitoringLogicalName(instance, "dashboard");
    const dashboard = new aws.cloudwatch.Dashboard(
      dashboardName,
      {
        dashboardName,
        dashboardBody: pulumi
          .all([group.name, pulumi.all(alarmArns), pulumi.all(args.alarms?.snsAlarmArns ?? [])])
          .apply(([logGroupName, own, sns]) =>
            monitoringDashboardBody({
              region: args.region,
              deploymentName: args.deploymentName,
              logGroupName,
              alarmArns: [...sns, ...own],
              monthlySpendLimitUsd: args.monthlySpendLimitUsd,
            }),
          ),
      },
      child,
    );
    this.dashboardUrl = dashboard.dashboardName.apply((dashboardName) => dashboardUrl(args.region, dashboardName));
    this.eventBusName = bus.name;
    this.logGroupName = group.name;
    this.registerOutputs({ dashboardUrl: this.dashboardUrl, eventBusName: this.eventBusName, logGroupName: this.logGroupName });
  }

  /**
   * The account's one logs resource policy, registered by the first instance of the program in the
   * account and region (the others rely on it). Kept on delete: other stacks in the account use it.
   */
  private sharedLogsPolicy(args: SmsMonitoringArgs, child: pulumi.CustomResourceOptions): pulumi.Output<pulumi.Resource[]> {
    const claims = programClaims();
    return pulumi.output(args.account).apply((account) => {
      if (claimOnce(claims, `logsResourcePolicy/${account}/${args.region}`, args.instanceName) !== undefined) return [];
      const policy = new aws.cloudwatch.LogResourcePolicy(
        monitoringLogicalName(args.instanceName, "logsResourcePolicy"),
        { policyName: LOGS_RESOURCE_POLICY_NAME, policyDocument: logsResourcePolicyDocument(args.region, account) },
        { ...child, retainOnDelete: true },
      );
      return [policy];
    });
  }

  private auth0SideAlarms(
    args: SmsMonitoringArgs,
    alarms: NonNullable<SmsMonitoringArgs["alarms"]>,
    namespace: string,
    tags: Record<string, string>,
    child: pulumi.CustomResourceOptions,
  ): pulumi.Output<string>[] {
    const common = {
      namespace,
      period: 300,
      evaluationPeriods: 1,
      statistic: "Sum",
      comparisonOperator: "GreaterThanOrEqualToThreshold",
      threshold: alarms.failedSmsThreshold,
      // Log streams are best effort and at least once: no lines is no news.
      treatMissingData: "notBreaching",
      alarmActions: [alarms.topicArn],
      tags,
    };
    const failed = new aws.cloudwatch.MetricAlarm(
      monitoringLogicalName(args.instanceName, "failedInAuth0Alarm"),
      {
        ...common,
        metricName: OUTCOME_METRICS.failed,
        alarmDescription: `At least ${alarms.failedSmsThreshold} MFA SMS failed in Auth0 (the sender Action or Auth0) within 5 minutes, before SNS`,
      },
      child,
    );
    const rateLimited = new aws.cloudwatch.MetricAlarm(
      monitoringLogicalName(args.instanceName, "rateLimitedAlarm"),
      {
        ...common,
        metricName: OUTCOME_METRICS.rateLimited,
        alarmDescription: `At least ${alarms.failedSmsThreshold} MFA SMS were stopped by Auth0's rate limits within 5 minutes`,
      },
      child,
    );
    return [failed.arn, rateLimited.arn];
  }
}
