/**
 * The monitoring opt-in (monitoringEnabled): the tenant's Auth0 log stream into the stack's account and
 * region, a bus named after its partner event source (activating it: a PENDING source drops events), a
 * rule taking the MFA SMS log types, its target writing a line without the phone number to a log group
 * (through the account's shared logs resource policy), metric filters, two Auth0-side alarms with the SNS
 * alarms, and one dashboard (aws/monitoring-definitions.ts). Deleted in order: target, rule, bus, stream.
 */
import * as auth0 from "@pulumi/auth0";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { claimOnce, programClaims } from "./program-claims";
import { LOG_RESOURCE_POLICY_NAME, childLogicalName as logicalName } from "./aws/aws-resource-names";
import { stackTags } from "./aws/iam-tag-rules";
import { awsProviderInRegion } from "./aws/sms-sender";
import type { SnsAlarms } from "./aws/sms-account-opt-ins";
import * as monitoring from "./aws/monitoring-definitions";

export interface SmsMonitoringArgs {
  /** The SmsMfa instance's name: the prefix of every child's logical name. Default: none (required). */
  instanceName: string;
  /** Base of the log stream's name, the metric namespace and the Stack tag. Default: none (required). */
  deploymentName: string;
  /** The stack's region (its AWS provider's; one of EVENTBRIDGE_LOG_STREAM_REGIONS): the stream delivers there. Default: none (required). */
  region: string;
  /** Protect the log stream and the log group from deletion. Default: none (required). */
  protect: boolean;
  /** The SNS alarms (their topic gets the Auth0-side alarms, the dashboard shows them all) and the threshold. Default: no Auth0-side alarms. */
  alarms?: SnsAlarms & { failedSmsThreshold: number };
  /** The account's monthly SMS spend limit in USD, when the stack manages it (drawn on the dashboard). Default: none. */
  monthlySpendLimitUsd?: number;
}

export class SmsMonitoring extends pulumi.ComponentResource {
  /** Console URL of the stack's dashboard. */
  readonly dashboardUrl: pulumi.Output<string>;
  /** Name of the partner event bus (the partner event source's name). */
  readonly eventBusName: pulumi.Output<string>;

  constructor(name: string, args: SmsMonitoringArgs, opts?: pulumi.ComponentResourceOptions) {
    super("auth0-sns-mfa:index:SmsMonitoring", name, {}, opts);
    const instance = args.instanceName;
    const child = { parent: this, dependsOn: awsProviderInRegion(this, args.region, instance) };
    const tags = stackTags(args.deploymentName);
    const account = aws.getCallerIdentityOutput({}, { parent: this }).accountId;
    const source = this.logStream(args, account);
    const bus = new aws.cloudwatch.EventBus(logicalName(instance, "eventBus"), { name: source, eventSourceName: source, tags }, child);
    const rule = new aws.cloudwatch.EventRule(
      logicalName(instance, "eventRule"),
      { eventBusName: bus.name, eventPattern: monitoring.smsMfaEventPattern(), description: "Auth0 MFA SMS log events", tags },
      child,
    );
    const group = new aws.cloudwatch.LogGroup(
      logicalName(instance, "logGroup"),
      { retentionInDays: 90, tags },
      { ...child, protect: args.protect },
    );
    // The account's one logs resource policy: the first instance in the account and region registers it; kept on delete for the other stacks.
    const claims = programClaims();
    const policy = account.apply((accountId) =>
      claimOnce(claims, `logsResourcePolicy/${accountId}/${args.region}`, instance) !== undefined
        ? []
        : [
            new aws.cloudwatch.LogResourcePolicy(
              logicalName(instance, "logsResourcePolicy"),
              { policyName: LOG_RESOURCE_POLICY_NAME, policyDocument: monitoring.logsResourcePolicyDocument(args.region, accountId) },
              { ...child, retainOnDelete: true },
            ),
          ],
    );
    new aws.cloudwatch.EventTarget(
      logicalName(instance, "eventTarget"),
      { rule: rule.name, eventBusName: bus.name, arn: group.arn, inputTransformer: { ...monitoring.LOG_LINE_TRANSFORMER } },
      { parent: this, dependsOn: policy },
    );
    const namespace = monitoring.monitoringNamespace(args.deploymentName);
    for (const filter of monitoring.logLineFilters()) {
      new aws.cloudwatch.LogMetricFilter(
        `${logicalName(instance, "metricFilter")}-${filter.logType}`,
        { logGroupName: group.name, pattern: filter.pattern, metricTransformation: { name: filter.metricName, namespace, value: "1" } },
        child,
      );
    }
    const alarms = args.alarms;
    const alarmArns = (["failed", "rateLimited"] as const).flatMap((outcome) => {
      if (alarms === undefined) return [];
      const what =
        outcome === "failed" ? "failed in Auth0 (the sender Action or Auth0), before SNS" : "were stopped by Auth0's rate limits";
      return new aws.cloudwatch.MetricAlarm(
        logicalName(instance, outcome === "failed" ? "failedInAuth0Alarm" : "rateLimitedAlarm"),
        {
          namespace,
          metricName: monitoring.OUTCOME_METRICS[outcome],
          alarmDescription: `At least ${alarms.failedSmsThreshold} MFA SMS ${what} within 5 minutes`,
          period: 300,
          evaluationPeriods: 1,
          statistic: "Sum",
          comparisonOperator: "GreaterThanOrEqualToThreshold",
          threshold: alarms.failedSmsThreshold,
          // Log streams are best effort and at least once: no lines is no news.
          treatMissingData: "notBreaching",
          alarmActions: [alarms.topicArn],
          tags,
        },
        child,
      ).arn;
    });
    const dashboardName = logicalName(instance, "dashboard");
    const dashboard = new aws.cloudwatch.Dashboard(
      dashboardName,
      {
        dashboardName,
        dashboardBody: pulumi
          .all([group.name, pulumi.all([...(alarms?.alarmArns ?? []), ...alarmArns])])
          .apply(([logGroupName, alarmArns]) => monitoring.monitoringDashboardBody({ ...args, logGroupName, alarmArns })),
      },
      child,
    );
    const { region } = args;
    this.dashboardUrl = pulumi.interpolate`https://${region}.console.aws.amazon.com/cloudwatch/home?region=${region}#dashboards/dashboard/${dashboard.dashboardName}`;
    this.eventBusName = bus.name;
    this.registerOutputs({ dashboardUrl: this.dashboardUrl, eventBusName: this.eventBusName });
  }

  /**
   * The tenant's log stream, answering its partner event source (terraform-provider-auth0 v1.53.0
   * internal/auth0/logstream/: the sink is ForceNew and sent at create only, expand.go; `filters`
   * left out keeps every log, the rule selects; `sink.aws_partner_event_source` is computed, flatten.go).
   * A log stream is tenant-wide: a second instance streaming one tenant is refused.
   */
  private logStream(args: SmsMonitoringArgs, awsAccountId: pulumi.Output<string>): pulumi.Output<string> {
    const claims = programClaims();
    const tenant = auth0.getTenantOutput({ parent: this });
    const awsRegion = pulumi.all([tenant.domain, tenant.id]).apply(([domain, id]) => {
      const name = domain === "" ? id : domain;
      const holder = claimOnce(claims, `logStream/${name}`, args.instanceName);
      if (holder !== undefined)
        throw new pulumi.ResourceError(
          `monitoringEnabled: SmsMfa "${args.instanceName}" and SmsMfa "${holder}" both stream the MFA SMS logs of tenant ${name}; ` +
            "a log stream is tenant-wide: enable monitoring in one instance only",
          this,
        );
      return args.region;
    });
    const stream = new auth0.LogStream(
      logicalName(args.instanceName, "logStream"),
      {
        name: `auth0-sns-mfa-${args.deploymentName}`,
        type: "eventbridge",
        sink: { awsAccountId, awsRegion },
        piiConfig: { logFields: ["phone"], method: "mask" },
      },
      { parent: this, protect: args.protect },
    );
    return stream.sink.apply((sink) => {
      if (!sink.awsPartnerEventSource) throw new pulumi.ResourceError("Auth0 reported no partner event source for the log stream", stream);
      return sink.awsPartnerEventSource;
    });
  }
}
