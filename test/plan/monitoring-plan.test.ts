// `npm run plan` with the monitoring opt-in and the alarms on (test/plan/fixtures/monitoring), next to
// the committed dev stack: with it, the plan shows the log stream into the stack's account and region,
// the partner bus, the rule, its target, the log group and the shared logs resource policy, the metric
// filters, the Auth0-side alarms and the dashboard, whose URL is a stack output; without it, none.
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { PLAN_TEST_TIMEOUT_MS } from "./plan-command";
import { expectExit, prefetchPlans, sharedPlan, type PlanRun } from "./shared-plans";

const STACK_FILE = path.join(__dirname, "fixtures", "monitoring", "Pulumi.monitoring.yaml");
const ENABLED = ["--stack", "monitoring", "--stack-file", STACK_FILE, "--json"];
const COMMITTED = ["--stack", "dev", "--json"];

interface JsonResource {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
}
interface JsonPlan {
  resources: JsonResource[];
  outputs: Record<string, unknown>;
}

const MONITORING_TYPES = [
  "auth0:index/logStream:LogStream",
  "aws:cloudwatch/eventBus:EventBus",
  "aws:cloudwatch/eventRule:EventRule",
  "aws:cloudwatch/eventTarget:EventTarget",
  "aws:cloudwatch/logGroup:LogGroup",
  "aws:cloudwatch/logResourcePolicy:LogResourcePolicy",
  "aws:cloudwatch/logMetricFilter:LogMetricFilter",
  "aws:cloudwatch/dashboard:Dashboard",
];

let enabled: PlanRun;
let committed: PlanRun;

beforeAll(async () => {
  prefetchPlans([{ args: ENABLED }, { args: COMMITTED }]);
  [enabled, committed] = await Promise.all([sharedPlan(ENABLED), sharedPlan(COMMITTED)]);
}, PLAN_TEST_TIMEOUT_MS);

const planOf = (run: PlanRun): JsonPlan => JSON.parse(run.stdout) as JsonPlan;
const ofType = (plan: JsonPlan, type: string): JsonResource[] => plan.resources.filter((resource) => resource.type === type);

describe("npm run plan with monitoringEnabled and alarmsEnabled", () => {
  it("shows the log stream into the stack's account and region, the bus named after its partner source, the rule and its target", () => {
    expect(enabled.stderr).toBe("");
    expectExit(enabled, 0);
    const plan = planOf(enabled);
    for (const type of MONITORING_TYPES) expect(ofType(plan, type).length, type).toBeGreaterThan(0);
    const [stream] = ofType(plan, "auth0:index/logStream:LogStream");
    expect(stream?.inputs).toMatchObject({ type: "eventbridge", sink: { awsAccountId: "123456789012", awsRegion: "eu-west-1" } });
    const [bus] = ofType(plan, "aws:cloudwatch/eventBus:EventBus");
    expect(bus?.inputs.name).toMatch(/^aws\.partner\/auth0\.com\/plan-tenant-[0-9a-f-]+\/auth0\.logs$/);
    expect(bus?.inputs.eventSourceName).toBe(bus?.inputs.name);
    expect(ofType(plan, "aws:cloudwatch/eventRule:EventRule")[0]?.inputs.eventBusName).toBe(bus?.inputs.name);
  });

  it("shows seven metric filters, the two Auth0-side alarms beside the two SNS ones, and the dashboard URL as an output", () => {
    const plan = planOf(enabled);
    expect(ofType(plan, "aws:cloudwatch/logMetricFilter:LogMetricFilter")).toHaveLength(7);
    expect(
      ofType(plan, "aws:cloudwatch/metricAlarm:MetricAlarm")
        .map((alarm) => alarm.inputs.metricName)
        .sort(),
    ).toEqual(["MfaSmsFailedInAuth0", "MfaSmsRateLimited", "NumberOfNotificationsFailed", "SMSMonthToDateSpentUSD"]);
    expect(plan.outputs.dashboardUrl).toBe(
      "https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#dashboards/dashboard/monitoring-sms-mfa-dashboard",
    );
  });
});

describe("npm run plan of the committed dev stack (monitoring off)", () => {
  it("shows nothing of the monitoring", () => {
    expectExit(committed, 0);
    const plan = planOf(committed);
    for (const type of MONITORING_TYPES) expect(ofType(plan, type), type).toEqual([]);
    expect(plan.outputs.dashboardUrl).toBeUndefined();
  });
});
