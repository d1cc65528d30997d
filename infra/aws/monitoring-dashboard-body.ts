/**
 * The body of a stack's CloudWatch dashboard: both sides of an MFA SMS on one page. The Auth0 side
 * (what Auth0 asked to send, what failed before SNS and why, what Auth0's limits stopped) comes from
 * the log stream's lines (monitoring-log-line.ts); the SNS side (delivered, failed, success rate per
 * country, month-to-date spend) from the `AWS/SNS` metrics of SMS published straight to phone numbers.
 * Dashboards are global, so every metric and log widget names its region. Format: CloudWatch
 * dashboard body structure, https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/CloudWatch-Dashboard-Body-Structure.html.
 */
import { latestFailuresQuery, monitoringNamespace, OUTCOME_METRICS } from "./monitoring-log-line";
import { SMS_METRICS } from "./sms-account-opt-ins";

export interface DashboardInputs {
  /** The stack's region: where the metrics, the log group and the alarms are. */
  region: string;
  deploymentName: string;
  /** The log group the monitoring rule writes to. */
  logGroupName: string;
  /** ARNs of every alarm of the stack (SNS and Auth0 side); empty without alarms. */
  alarmArns: readonly string[];
  /** The account's monthly SMS spend limit in USD, when the stack manages it; drawn on the spend graph. */
  monthlySpendLimitUsd?: number;
}

interface Widget {
  type: "metric" | "log" | "alarm" | "text";
  x: number;
  y: number;
  width: number;
  height: number;
  properties: Record<string, unknown>;
}

/** The dashboard body, as the JSON string `aws.cloudwatch.Dashboard` takes. */
export function monitoringDashboardBody(inputs: DashboardInputs): string {
  const { region } = inputs;
  const namespace = monitoringNamespace(inputs.deploymentName);
  const direct = ["PhoneNumber", SMS_METRICS.directPublishDimensions.PhoneNumber];
  const metric = (title: string, metrics: unknown[][], extra: Record<string, unknown> = {}): Record<string, unknown> => ({
    title,
    region,
    view: "timeSeries",
    period: 300,
    stat: "Sum",
    metrics,
    ...extra,
  });
  const widgets: Widget[] = [
    text(0, `## Auth0 side (${region}): what the tenant's logs say, before SNS`),
    {
      type: "metric",
      x: 0,
      y: 1,
      width: 12,
      height: 6,
      properties: metric("MFA SMS Auth0 asked to send, failed in Auth0, rate-limited", [
        [namespace, OUTCOME_METRICS.sent, { label: "asked to send" }],
        [namespace, OUTCOME_METRICS.failed, { label: "failed in Auth0" }],
        [namespace, OUTCOME_METRICS.rateLimited, { label: "rate-limited by Auth0" }],
      ]),
    },
    {
      type: "log",
      x: 12,
      y: 1,
      width: 12,
      height: 6,
      properties: { title: "Latest Auth0-side failures", region, view: "table", query: latestFailuresQuery(inputs.logGroupName) },
    },
    text(7, `## SNS side (${region}): SMS published straight to phone numbers`),
    {
      type: "metric",
      x: 0,
      y: 8,
      width: 8,
      height: 6,
      properties: metric("SMS delivered and failed (SNS)", [
        [SMS_METRICS.namespace, "NumberOfNotificationsDelivered", ...direct, { label: "delivered" }],
        [SMS_METRICS.namespace, SMS_METRICS.failed, ...direct, { label: "failed" }],
      ]),
    },
    {
      type: "metric",
      x: 8,
      y: 8,
      width: 8,
      height: 6,
      properties: metric(
        "SMS success rate per country (where SNS reports it)",
        [[{ expression: `SEARCH('{${SMS_METRICS.namespace},Country} MetricName="SMSSuccessRate"', 'Average', 3600)`, id: "rate" }]],
        { period: 3600, stat: "Average" },
      ),
    },
    {
      type: "metric",
      x: 16,
      y: 8,
      width: 8,
      height: 6,
      properties: metric("Month-to-date SMS spend (USD)", [[SMS_METRICS.namespace, SMS_METRICS.monthToDateSpend, { label: "spent" }]], {
        stat: "Maximum",
        period: 3600,
        ...(inputs.monthlySpendLimitUsd === undefined
          ? {}
          : { annotations: { horizontal: [{ label: "monthly spend limit", value: inputs.monthlySpendLimitUsd }] } }),
      }),
    },
  ];
  if (inputs.alarmArns.length > 0) {
    widgets.push({
      type: "alarm",
      x: 0,
      y: 14,
      width: 24,
      height: 3,
      properties: { title: `Alarm states (${region})`, alarms: [...inputs.alarmArns] },
    });
  }
  return JSON.stringify({ widgets });
}

function text(y: number, markdown: string): Widget {
  return { type: "text", x: 0, y, width: 24, height: 1, properties: { markdown } };
}
