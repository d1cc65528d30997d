/**
 * The stack's dashboard body: valid for CloudWatch's dashboard body structure
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/CloudWatch-Dashboard-Body-Structure.html:
 * a `widgets` list on a 24-column grid; types metric, log, alarm, text; metric widgets need `region`
 * and `metrics`; log widgets `region` and a `SOURCE` query), naming its region in every widget
 * (dashboards are global), reading only metrics that exist, and showing both sides of an MFA SMS.
 */
import { describe, expect, test } from "vitest";
import { logLineFilters, monitoringDashboardBody, monitoringNamespace } from "../../infra/aws/monitoring-definitions";

/**
 * The SNS metrics SMS to phone numbers reports, and their dimensions: Amazon SNS Developer Guide,
 * "Monitoring Amazon SNS topics using CloudWatch" (https://docs.aws.amazon.com/sns/latest/dg/sns-monitoring-using-cloudwatch.html).
 */
const SNS_METRICS = ["NumberOfNotificationsDelivered", "NumberOfNotificationsFailed", "SMSMonthToDateSpentUSD", "SMSSuccessRate"];
const SNS_DIMENSIONS = ["PhoneNumber", "Country", "SMSType"];

interface Widget {
  type: string;
  x: number;
  y: number;
  width: number;
  height: number;
  properties: { region?: string; title?: string; markdown?: string; query?: string; alarms?: string[]; metrics?: unknown[][] };
}

const ALARMS = [
  "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:prod-sms-failures-abc1234",
  "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:prod-sms-failures-in-auth0-def5678",
];
const body = JSON.parse(
  monitoringDashboardBody({
    region: "eu-west-1",
    deploymentName: "prod",
    logGroupName: "prod-sms-mfa-log-events-0a1b2c3",
    alarmArns: ALARMS,
    monthlySpendLimitUsd: 50,
  }),
) as { widgets: Widget[] };

describe("the dashboard body", () => {
  test("lays out known widget types on the 24-column grid", () => {
    expect(body.widgets.length).toBeGreaterThan(0);
    for (const widget of body.widgets) {
      expect(["metric", "log", "alarm", "text"]).toContain(widget.type);
      expect(widget.x + widget.width, JSON.stringify(widget)).toBeLessThanOrEqual(24);
      expect(widget.width).toBeGreaterThan(0);
      expect(widget.height).toBeGreaterThan(0);
    }
  });

  test("names its region in every widget", () => {
    for (const widget of body.widgets) {
      if (widget.type === "metric" || widget.type === "log") expect(widget.properties.region).toBe("eu-west-1");
      if (widget.type === "alarm") for (const arn of widget.properties.alarms ?? []) expect(arn.split(":")[3]).toBe("eu-west-1");
      if (widget.type === "text") expect(widget.properties.markdown).toContain("eu-west-1");
    }
  });

  test("reads only metrics that exist: SNS's documented SMS metrics and the ones the metric filters publish", () => {
    const published = new Set(logLineFilters().map((filter) => filter.metricName));
    const metrics = body.widgets.flatMap((widget) => (widget.type === "metric" ? (widget.properties.metrics ?? []) : []));
    expect(metrics.length).toBeGreaterThan(0);
    for (const row of metrics) {
      const [first, second, ...rest] = row;
      if (typeof first === "object" && first !== null && "expression" in first) {
        const expression = String((first as { expression: string }).expression);
        const named = /MetricName="(\w+)"/.exec(expression)?.[1] ?? "";
        expect(SNS_METRICS, expression).toContain(named);
        continue;
      }
      if (first === "AWS/SNS") {
        expect(SNS_METRICS).toContain(second);
        const dimensions = rest.filter((_, index) => index % 2 === 0 && typeof rest[index] === "string");
        for (const dimension of dimensions) expect(SNS_DIMENSIONS).toContain(dimension);
      } else {
        expect(first).toBe(monitoringNamespace("prod"));
        expect(published).toContain(second);
      }
    }
  });

  test("shows both sides: what Auth0 asked, failed and limited, the latest failures, and SNS delivered, failed, per country and spend", () => {
    const titles = body.widgets.map((widget) => widget.properties.title ?? widget.properties.markdown ?? "").join("\n");
    for (const shown of [
      "Auth0 side",
      "asked to send",
      "Latest Auth0-side failures",
      "SNS side",
      "delivered and failed",
      "per country",
      "spend",
      "Alarm states",
    ]) {
      expect(titles).toContain(shown);
    }
    const spend = body.widgets.find((widget) => widget.properties.title?.includes("spend")) as unknown as {
      properties: { annotations: unknown };
    };
    expect(spend.properties.annotations).toEqual({ horizontal: [{ label: "monthly spend limit", value: 50 }] });
    const query = body.widgets.find((widget) => widget.type === "log")?.properties.query ?? "";
    expect(query.startsWith("SOURCE 'prod-sms-mfa-log-events-0a1b2c3' | ")).toBe(true);
    expect(query).toContain("display @timestamp, type, errorClass, client, logId");
    expect(query).not.toMatch(/phone/i);
  });
});
