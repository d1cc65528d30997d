/**
 * The monitoring opt-in (monitoringEnabled): nothing of it without the opt-in; with it (and alarms),
 * the tenant's log stream into the stack's account and region, the partner bus named after the
 * stream's partner event source, the rule, its log-group target with the shared logs resource policy
 * and the input transformer, the metric filters, the Auth0-side alarms to the SNS alarms' topic and
 * one dashboard, registered so that deleting goes target, rule, bus, then the stream.
 */
import { Management } from "auth0";
import { describe, expect, test } from "vitest";
import { EVENTBRIDGE_LOG_STREAM_REGIONS, LOG_LINE_TRANSFORMER } from "../../infra/aws/monitoring-definitions";
import { LOG_RESOURCE_POLICY_NAME } from "../../infra/aws/aws-resource-names";
import { StackConfigError, validateStackConfig } from "../../infra/config/validate-config";
import { MOCK_PARTNER_EVENT_SOURCE, runProgram, settled, type ProgramRun } from "./run-program";

/**
 * terraform-provider-auth0 v1.53.0 internal/auth0/logstream/resource.go, NewResource: the ValidateFunc of
 * `sink.aws_region` (validation.StringInSlice; its Description omits `eu-central-2`, which it accepts).
 */
const PROVIDER_EVENTBRIDGE_REGIONS = [
  "ap-east-1",
  "ap-northeast-1",
  "ap-northeast-2",
  "ap-northeast-3",
  "ap-south-1",
  "ap-southeast-1",
  "ap-southeast-2",
  "ca-central-1",
  "cn-north-1",
  "cn-northwest-1",
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

const LOG_STREAM = "auth0:index/logStream:LogStream";
const EVENT_BUS = "aws:cloudwatch/eventBus:EventBus";
const EVENT_RULE = "aws:cloudwatch/eventRule:EventRule";
const EVENT_TARGET = "aws:cloudwatch/eventTarget:EventTarget";
const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
const LOG_POLICY = "aws:cloudwatch/logResourcePolicy:LogResourcePolicy";
const METRIC_FILTER = "aws:cloudwatch/logMetricFilter:LogMetricFilter";
const DASHBOARD = "aws:cloudwatch/dashboard:Dashboard";
const METRIC_ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const TOPIC = "aws:sns/topic:Topic";
const MONITORING_TYPES = [LOG_STREAM, EVENT_BUS, EVENT_RULE, EVENT_TARGET, LOG_GROUP, LOG_POLICY, METRIC_FILTER, DASHBOARD];

const ENABLED = { monitoringEnabled: true, alarmsEnabled: true, alarmEmail: "oncall@example.com", alarmFailedSmsThreshold: 3 };

test.each(["dev", "prod"] as const)("the committed %s stack plans nothing of the monitoring", async (stack) => {
  const run = await runProgram({ stack });
  for (const type of MONITORING_TYPES) expect(run.ofType(type), type).toEqual([]);
  expect(run.outputs.dashboardUrl).toBeUndefined();
});

describe("with monitoringEnabled and alarms", () => {
  let runPromise: Promise<ProgramRun> | undefined;
  const enabled = (): Promise<ProgramRun> => (runPromise ??= runProgram({ stack: "prod", overrides: ENABLED }));

  test("streams the tenant's logs to EventBridge in the stack's AWS account and region, phone numbers masked", async () => {
    const stream = (await enabled()).one(LOG_STREAM);
    expect(stream.inputs).toMatchObject({
      name: "auth0-sns-mfa-prod",
      type: "eventbridge",
      sink: { awsAccountId: "123456789012", awsRegion: "us-east-1" },
      piiConfig: { logFields: ["phone"], method: "mask" },
    });
    expect(stream.inputs.filters).toBeUndefined();
  });

  test("names the bus exactly after the stream's partner event source, and hangs the rule, the target and the stream in delete order", async () => {
    const run = await enabled();
    const [stream, bus, rule, target] = [LOG_STREAM, EVENT_BUS, EVENT_RULE, EVENT_TARGET].map((type) => run.one(type));
    expect(bus?.inputs).toMatchObject({ name: MOCK_PARTNER_EVENT_SOURCE, eventSourceName: MOCK_PARTNER_EVENT_SOURCE });
    expect(rule?.inputs.eventBusName).toBe(MOCK_PARTNER_EVENT_SOURCE);
    // Pulumi deletes a resource only after everything that depends on it: target, rule, bus, stream.
    expect(bus?.dependencies).toContain(stream?.urn);
    expect(rule?.dependencies).toContain(bus?.urn);
    expect(target?.dependencies).toContain(rule?.urn);
  });

  test("writes the rule's events to a protected-with-the-rest log group with retention, through the transformer", async () => {
    const run = await runProgram({ stack: "prod", overrides: { ...ENABLED, protect: true } });
    const group = run.one(LOG_GROUP);
    expect(group.inputs.retentionInDays).toBeGreaterThan(0);
    expect(group.opts.protect).toBe(true);
    const target = run.one(EVENT_TARGET);
    expect(target.inputs).toMatchObject({ eventBusName: MOCK_PARTNER_EVENT_SOURCE, inputTransformer: LOG_LINE_TRANSFORMER });
    expect(target.inputs.arn).toBe(await settled((group.resource as unknown as { arn: string }).arn));
    expect(run.one(LOG_STREAM).opts.protect).toBe(true);
  });

  test("shares one account-wide logs resource policy for EventBridge, kept when the stack is destroyed", async () => {
    const run = await enabled();
    const policy = run.one(LOG_POLICY);
    expect(policy.inputs.policyName).toBe(LOG_RESOURCE_POLICY_NAME);
    expect(policy.opts.retainOnDelete).toBe(true);
    expect(run.one(EVENT_TARGET).dependencies).toContain(policy.urn);
    const document = JSON.parse(String(policy.inputs.policyDocument)) as { Statement: { Principal: unknown; Resource: string }[] };
    expect(document.Statement[0]?.Principal).toEqual({ Service: ["events.amazonaws.com", "delivery.logs.amazonaws.com"] });
    expect(document.Statement[0]?.Resource).toBe("arn:aws:logs:us-east-1:123456789012:log-group:*-sms-mfa-log-events-*:*");
    expect(run.one(LOG_GROUP).name).toMatch(/-sms-mfa-log-events$/);
  });

  test("counts sent, failed and rate-limited lines, and alarms on the Auth0-side ones to the SNS alarms' topic", async () => {
    const run = await enabled();
    const metrics = run.ofType(METRIC_FILTER).map((filter) => (filter.inputs.metricTransformation as { name: string }).name);
    expect(new Set(metrics)).toEqual(new Set(["MfaSmsRequested", "MfaSmsFailedInAuth0", "MfaSmsRateLimited"]));
    const topicArn = `arn:aws:sns:us-east-1:123456789012:${run.one(TOPIC).name}`;
    const auth0Side = run.ofType(METRIC_ALARM).filter((alarm) => alarm.inputs.namespace === "Auth0SnsMfa/prod");
    expect(auth0Side.map((alarm) => alarm.inputs.metricName).sort()).toEqual(["MfaSmsFailedInAuth0", "MfaSmsRateLimited"]);
    for (const alarm of auth0Side) {
      expect(alarm.inputs).toMatchObject({ alarmActions: [topicArn], treatMissingData: "notBreaching", threshold: 3, statistic: "Sum" });
    }
  });

  test("draws one dashboard, with every alarm, and gives its URL as a stack output", async () => {
    const run = await enabled();
    const dashboard = run.one(DASHBOARD);
    const body = JSON.parse(String(dashboard.inputs.dashboardBody)) as { widgets: { type: string; properties: { alarms?: string[] } }[] };
    const alarmWidget = body.widgets.find((widget) => widget.type === "alarm");
    expect(alarmWidget?.properties.alarms).toHaveLength(4);
    expect(await settled(run.outputs.dashboardUrl ?? "")).toBe(
      "https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#dashboards/dashboard/prod-sms-mfa-dashboard",
    );
  });

  test("without alarms, adds no alarm and no alarm widget", async () => {
    const run = await runProgram({ stack: "dev", overrides: { monitoringEnabled: true } });
    expect(run.ofType(METRIC_ALARM)).toEqual([]);
    const body = JSON.parse(String(run.one(DASHBOARD).inputs.dashboardBody)) as { widgets: { type: string }[] };
    expect(body.widgets.map((widget) => widget.type)).not.toContain("alarm");
  });
});

describe("bad input is refused before any resource, naming the key", () => {
  const refusal = (values: Record<string, string>, region = "us-east-1"): string => {
    try {
      validateStackConfig({ stack: "dev", region, values });
    } catch (error) {
      if (error instanceof StackConfigError) return error.message;
      throw error;
    }
    return "";
  };

  test("an aws:region Auth0 cannot stream to, with the provider's list", () => {
    const message = refusal({ monitoringEnabled: "true" }, "ap-south-2");
    expect(message).toContain("aws:region: ap-south-2 is not a region an Auth0 log stream can deliver to (monitoringEnabled is true)");
    expect(message).toContain(EVENTBRIDGE_LOG_STREAM_REGIONS.join(", "));
    expect(refusal({ monitoringEnabled: "false" }, "ap-south-2")).toBe("");
    expect(refusal({ monitoringEnabled: "true" }, "eu-central-2")).toBe("");
  });

  test("the regions are those both the pinned provider and the Management API accept", () => {
    const api: string[] = Object.values(Management.LogStreamEventBridgeSinkRegionEnum);
    expect([...EVENTBRIDGE_LOG_STREAM_REGIONS].sort()).toEqual(
      PROVIDER_EVENTBRIDGE_REGIONS.filter((region) => api.includes(region)).sort(),
    );
  });

  test("the opt-in with alarms on and no alarm email", () => {
    expect(refusal({ monitoringEnabled: "true", alarmsEnabled: "true" })).toContain("alarmEmail: is required when alarmsEnabled is true");
  });
});
