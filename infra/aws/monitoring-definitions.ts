/**
 * What the monitoring opt-in (monitoringEnabled) writes, as data: the regions an Auth0 log stream can
 * deliver to, the rule's event pattern, the log line its target writes (no phone number), the metric
 * filters counting those lines, the shared logs resource policy and the dashboard body. Pure: config
 * validation and the tests read it without Pulumi.
 */
import { MONITORING_RESOURCE_NAMES } from "./aws-resource-names";

/**
 * The regions both the pinned provider and the Management API accept for an `eventbridge` sink: the
 * ValidateFunc of `sink.aws_region` (terraform-provider-auth0 v1.53.0 internal/auth0/logstream/resource.go,
 * NewResource) without `cn-north-1` and `cn-northwest-1`, which the auth0 SDK 7.1.0's
 * `LogStreamEventBridgeSinkRegionEnum` lacks (test/infra/monitoring.test.ts compares both).
 */
export const EVENTBRIDGE_LOG_STREAM_REGIONS: readonly string[] = [
  "ap-east-1",
  "ap-northeast-1",
  "ap-northeast-2",
  "ap-northeast-3",
  "ap-south-1",
  "ap-southeast-1",
  "ap-southeast-2",
  "ca-central-1",
  "eu-central-1",
  "eu-central-2",
  "eu-north-1",
  "eu-west-1",
  "eu-west-2",
  "eu-west-3",
  "me-south-1",
  "sa-east-1",
  "us-gov-east-1",
  "us-gov-west-1",
  "us-east-1",
  "us-east-2",
  "us-west-1",
  "us-west-2",
];

/**
 * The MFA SMS log types by what they mean (https://auth0.com/docs/deploy-monitor/logs/log-event-type-codes).
 * Which type a thrown sender error produces is not documented: both candidates count as failed.
 */
export const SMS_MFA_LOG_TYPES = {
  /** Auth0 asked the sender to text a code. */
  sent: ["gd_send_sms"],
  /** The send failed before or inside the sender (the Action threw, timed out, was refused). */
  failed: ["gd_send_sms_failure", "actions_execution_failed", "gd_start_enroll_failed"],
  /** Auth0's own limits stopped the send (per phone and per tenant). */
  rateLimited: ["gd_otp_rate_limit_exceed", "limit_phone", "api_limit"],
  /** A wrong code entered: shown in the dashboard's table, counted by no metric. */
  codeRejected: ["gd_auth_failed"],
} as const;

/**
 * The rule's event pattern: Auth0 puts each log on the partner bus with `detail-type: "Auth0 log"`, the
 * log under `detail.data` and `source` the partner event source (`aws.partner/auth0.com/<tenant>-<uuid>/auth0.logs`).
 */
export function smsMfaEventPattern(): string {
  const type = Object.values(SMS_MFA_LOG_TYPES).flat();
  return JSON.stringify({ source: [{ prefix: "aws.partner/auth0.com" }], "detail-type": ["Auth0 log"], detail: { data: { type } } });
}

/**
 * The target's input transformer: a Logs target takes `{"timestamp": ..., "message": "<string>"}`; the
 * line keeps the time, type, Action error class, client and log id, never `details` nor `description`
 * (where Auth0 writes the phone number).
 */
export const LOG_LINE_TRANSFORMER = {
  inputPaths: {
    time: "$.time",
    type: "$.detail.data.type",
    errorClass: "$.detail.data.details.error_class",
    client: "$.detail.data.client_id",
    logId: "$.detail.data.log_id",
  },
  inputTemplate: '{"timestamp": "<time>", "message": "auth0-log type=<type>; error_class=<errorClass>; client=<client>; log_id=<logId>;"}',
} as const;

/** The namespace of a deployment's metrics (a metric filter cannot add a fixed dimension). */
export function monitoringNamespace(deploymentName: string): string {
  return `Auth0SnsMfa/${deploymentName}`;
}

/** The metric each counted outcome feeds. */
export const OUTCOME_METRICS = { sent: "MfaSmsRequested", failed: "MfaSmsFailedInAuth0", rateLimited: "MfaSmsRateLimited" } as const;

/**
 * One metric filter per counted log type, the filters of one outcome feeding one metric. Each matches the
 * quoted term `type=<log type>;`, so `gd_send_sms` never counts `gd_send_sms_failure`.
 */
export function logLineFilters(): { logType: string; pattern: string; metricName: string }[] {
  return (Object.keys(OUTCOME_METRICS) as (keyof typeof OUTCOME_METRICS)[]).flatMap((outcome) =>
    SMS_MFA_LOG_TYPES[outcome].map((logType) => ({ logType, pattern: `"type=${logType};"`, metricName: OUTCOME_METRICS[outcome] })),
  );
}

/**
 * The account's one logs resource policy (at most 10 per account and region, so stacks share it): the
 * documented one (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-use-resource-based.html#eb-cloudwatchlogs-permissions),
 * over every stack's monitoring log group, so its document is the same in every stack of the account.
 */
export function logsResourcePolicyDocument(region: string, account: string): string {
  const partition = region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "EventBridgeWritesSmsMfaLogEvents",
        Effect: "Allow",
        Principal: { Service: ["events.amazonaws.com", "delivery.logs.amazonaws.com"] },
        Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
        Resource: `arn:${partition}:logs:${region}:${account}:log-group:*-${MONITORING_RESOURCE_NAMES.logGroup}-*:*`,
      },
    ],
  });
}

/** CloudWatch's SNS metrics for SMS published straight to phone numbers (no topic). */
export const SMS_METRICS = {
  namespace: "AWS/SNS",
  failed: "NumberOfNotificationsFailed",
  directPublishDimensions: { PhoneNumber: "PhoneNumberDirect" },
  monthToDateSpend: "SMSMonthToDateSpentUSD",
} as const;

/**
 * The dashboard body (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/CloudWatch-Dashboard-Body-Structure.html):
 * the Auth0 side from the log lines (with a Logs Insights table of the latest failures, never a phone
 * number), the SNS side from `AWS/SNS` (with the spend limit when managed) and the states of `alarmArns`
 * (every alarm of the stack); dashboards are global, so every widget names its region.
 */
export function monitoringDashboardBody(inputs: {
  region: string;
  deploymentName: string;
  logGroupName: string;
  alarmArns: readonly string[];
  monthlySpendLimitUsd?: number | undefined;
}): string {
  const { region } = inputs;
  const namespace = monitoringNamespace(inputs.deploymentName);
  const { namespace: sns, failed, monthToDateSpend } = SMS_METRICS;
  const direct = ["PhoneNumber", SMS_METRICS.directPublishDimensions.PhoneNumber];
  const at = (x: number, y: number, width: number, height = 6) => ({ x, y, width, height });
  const text = (y: number, markdown: string) => ({ type: "text", ...at(0, y, 24, 1), properties: { markdown } });
  const metric = (x: number, y: number, width: number, title: string, metrics: unknown[][], extra = {}) => ({
    type: "metric",
    ...at(x, y, width),
    properties: { title, region, view: "timeSeries", period: 300, stat: "Sum", metrics, ...extra },
  });
  const spendLimit = inputs.monthlySpendLimitUsd;
  const widgets = [
    text(0, `## Auth0 side (${region}): what the tenant's logs say, before SNS`),
    metric(0, 1, 12, "MFA SMS Auth0 asked to send, failed in Auth0, rate-limited", [
      [namespace, OUTCOME_METRICS.sent, { label: "asked to send" }],
      [namespace, OUTCOME_METRICS.failed, { label: "failed in Auth0" }],
      [namespace, OUTCOME_METRICS.rateLimited, { label: "rate-limited by Auth0" }],
    ]),
    {
      type: "log",
      ...at(12, 1, 12),
      properties: {
        title: "Latest Auth0-side failures",
        region,
        view: "table",
        query: [
          `SOURCE '${inputs.logGroupName}'`,
          'parse @message "type=*; error_class=*; client=*; log_id=*;" as type, errorClass, client, logId',
          `filter type != "${SMS_MFA_LOG_TYPES.sent[0]}"`,
          "sort @timestamp desc",
          "display @timestamp, type, errorClass, client, logId",
          "limit 50",
        ].join(" | "),
      },
    },
    text(7, `## SNS side (${region}): SMS published straight to phone numbers`),
    metric(0, 8, 8, "SMS delivered and failed (SNS)", [
      [sns, "NumberOfNotificationsDelivered", ...direct, { label: "delivered" }],
      [sns, failed, ...direct, { label: "failed" }],
    ]),
    metric(
      8,
      8,
      8,
      "SMS success rate per country (where SNS reports it)",
      [[{ expression: `SEARCH('{${sns},Country} MetricName="SMSSuccessRate"', 'Average', 3600)`, id: "rate" }]],
      { period: 3600, stat: "Average" },
    ),
    metric(16, 8, 8, "Month-to-date SMS spend (USD)", [[sns, monthToDateSpend, { label: "spent" }]], {
      stat: "Maximum",
      period: 3600,
      ...(spendLimit === undefined ? {} : { annotations: { horizontal: [{ label: "monthly spend limit", value: spendLimit }] } }),
    }),
  ];
  const alarms = { type: "alarm", ...at(0, 14, 24, 3), properties: { title: `Alarm states (${region})`, alarms: [...inputs.alarmArns] } };
  return JSON.stringify({ widgets: inputs.alarmArns.length > 0 ? [...widgets, alarms] : widgets });
}
