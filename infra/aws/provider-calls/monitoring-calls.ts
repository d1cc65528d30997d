/**
 * The monitoring opt-in (Auth0 log stream through the partner event bus into CloudWatch Logs, metric
 * filters, a dashboard): the calls terraform-provider-aws v6 makes for its resource types, read in
 * internal/service/events/bus.go, rule.go, target.go, internal/service/logs/group.go,
 * resource_policy.go, metric_filter.go, internal/service/cloudwatch/dashboard.go and
 * internal/provider/sdkv2/tags_interceptor.go.
 */
import type { ProviderCallRow } from "./provider-call-row";

const BUS = "aws:cloudwatch/eventBus:EventBus";
const RULE = "aws:cloudwatch/eventRule:EventRule";
const TARGET = "aws:cloudwatch/eventTarget:EventTarget";
const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
const LOG_RESOURCE_POLICY = "aws:cloudwatch/logResourcePolicy:LogResourcePolicy";
const METRIC_FILTER = "aws:cloudwatch/logMetricFilter:LogMetricFilter";
const DASHBOARD = "aws:cloudwatch/dashboard:Dashboard";

/** Every resource type of the monitoring opt-in. */
export const MONITORING_TYPES = [BUS, RULE, TARGET, LOG_GROUP, LOG_RESOURCE_POLICY, METRIC_FILTER, DASHBOARD] as const;

const TAGS_INTERCEPTOR_READ = "internal/provider/sdkv2/tags_interceptor.go run (After Read: ListTags)";
const TAGS_INTERCEPTOR_UPDATE = "internal/provider/sdkv2/tags_interceptor.go run (Before Update: UpdateTags)";

export const MONITORING_CALLS: readonly ProviderCallRow[] = [
  {
    type: BUS,
    operations: ["create"],
    actions: ["events:CreateEventBus"],
    on: "partnerEventBus",
    why: "creates the bus named after the partner event source (EventSourceName), its tags in the same call",
    source: "internal/service/events/bus.go resourceBusCreate",
  },
  {
    type: BUS,
    operations: ["create", "read", "update"],
    actions: ["events:DescribeEventBus", "events:ListTagsForResource"],
    on: "partnerEventBus",
    why: "the read; it sets no tags, so the tags interceptor lists them",
    source: `internal/service/events/bus.go resourceBusRead, findEventBusByName; ${TAGS_INTERCEPTOR_READ}`,
  },
  {
    type: BUS,
    operations: ["update"],
    actions: ["events:UpdateEventBus"],
    on: "partnerEventBus",
    why: "a change of description, KMS key, dead-letter or log configuration (in the program or by hand)",
    source: "internal/service/events/bus.go resourceBusUpdate",
  },
  {
    type: BUS,
    operations: ["update"],
    actions: ["events:TagResource", "events:UntagResource"],
    on: "partnerEventBus",
    why: "tags changed in the program, or by hand (drift)",
    source: TAGS_INTERCEPTOR_UPDATE,
  },
  {
    type: BUS,
    operations: ["delete"],
    actions: ["events:DeleteEventBus"],
    on: "partnerEventBus",
    why: "deletes the bus (the partner event source goes back to PENDING)",
    source: "internal/service/events/bus.go resourceBusDelete",
  },
  {
    type: RULE,
    operations: ["create", "update"],
    actions: ["events:PutRule"],
    on: "monitoringRule",
    why: "creates or rewrites the rule, its tags in the call",
    source: "internal/service/events/rule.go resourceRuleCreate, resourceRuleUpdate, retryPutRule",
  },
  {
    type: RULE,
    operations: ["create", "read", "update"],
    actions: ["events:DescribeRule", "events:ListTagsForResource"],
    on: "monitoringRule",
    why: "the create waits until the rule reads back; the read sets no tags, so the tags interceptor lists them",
    source: `internal/service/events/rule.go resourceRuleCreate, resourceRuleRead, findRuleByTwoPartKey; ${TAGS_INTERCEPTOR_READ}`,
  },
  {
    type: RULE,
    operations: ["update"],
    actions: ["events:TagResource", "events:UntagResource"],
    on: "monitoringRule",
    why: "tags changed in the program, or by hand (drift)",
    source: TAGS_INTERCEPTOR_UPDATE,
  },
  {
    type: RULE,
    operations: ["delete"],
    actions: ["events:DeleteRule"],
    on: "monitoringRule",
    why: "deletes the rule (retried while it still has targets)",
    source: "internal/service/events/rule.go resourceRuleDelete",
  },
  {
    type: TARGET,
    operations: ["create", "update"],
    actions: ["events:PutTargets"],
    on: "monitoringRule",
    why: "adds or rewrites the log-group target of the rule (no role: a Logs target needs none)",
    source: "internal/service/events/target.go resourceTargetCreate, resourceTargetUpdate",
  },
  {
    type: TARGET,
    operations: ["create", "read", "update"],
    actions: ["events:ListTargetsByRule"],
    on: "monitoringRule",
    why: "the read finds the target among the rule's targets",
    source: "internal/service/events/target.go resourceTargetRead, findTargetByThreePartKey",
  },
  {
    type: TARGET,
    operations: ["delete"],
    actions: ["events:RemoveTargets"],
    on: "monitoringRule",
    why: "removes the target",
    source: "internal/service/events/target.go resourceTargetDelete",
  },
  {
    type: LOG_GROUP,
    operations: ["create"],
    actions: ["logs:CreateLogGroup"],
    on: "monitoringLogGroup",
    why: "creates the log group, its tags in the same call",
    source: "internal/service/logs/group.go resourceGroupCreate",
  },
  {
    type: LOG_GROUP,
    operations: ["create", "update"],
    actions: ["logs:PutRetentionPolicy"],
    on: "monitoringLogGroup",
    when: { input: "retentionInDays", set: true },
    why: "sets the retention",
    source: "internal/service/logs/group.go resourceGroupCreate, resourceGroupUpdate",
  },
  {
    type: LOG_GROUP,
    operations: ["update"],
    actions: ["logs:DeleteRetentionPolicy"],
    on: "monitoringLogGroup",
    when: { input: "retentionInDays", set: false },
    why: "drift: a retention set by hand is removed",
    source: "internal/service/logs/group.go resourceGroupUpdate",
  },
  {
    type: LOG_GROUP,
    operations: ["update"],
    actions: ["logs:AssociateKmsKey"],
    on: "monitoringLogGroup",
    when: { input: "kmsKeyId", set: true },
    why: "a KMS key in the program, on a log group that has another or none",
    source: "internal/service/logs/group.go resourceGroupUpdate",
  },
  {
    type: LOG_GROUP,
    operations: ["update"],
    actions: ["logs:DisassociateKmsKey"],
    on: "monitoringLogGroup",
    when: { input: "kmsKeyId", set: false },
    why: "drift: a KMS key associated by hand is disassociated",
    source: "internal/service/logs/group.go resourceGroupUpdate",
  },
  {
    type: LOG_GROUP,
    operations: ["create", "read", "update"],
    actions: ["logs:DescribeLogGroups"],
    on: "inStackRegion",
    why: "the read lists log groups by name prefix (no resource type)",
    source: "internal/service/logs/group.go resourceGroupRead, findLogGroupByName",
  },
  {
    type: LOG_GROUP,
    operations: ["create", "read", "update"],
    actions: ["logs:ListTagsForResource"],
    on: "monitoringLogGroup",
    why: "the read sets no tags, so the tags interceptor lists them",
    source: TAGS_INTERCEPTOR_READ,
  },
  {
    type: LOG_GROUP,
    operations: ["update"],
    actions: ["logs:TagResource", "logs:UntagResource"],
    on: "monitoringLogGroup",
    why: "tags changed in the program, or by hand (drift)",
    source: TAGS_INTERCEPTOR_UPDATE,
  },
  {
    type: LOG_GROUP,
    operations: ["delete"],
    actions: ["logs:DeleteLogGroup"],
    on: "monitoringLogGroup",
    why: "deletes the log group and its events",
    source: "internal/service/logs/group.go resourceGroupDelete",
  },
  {
    type: LOG_RESOURCE_POLICY,
    operations: ["create", "update"],
    actions: ["logs:PutResourcePolicy"],
    on: "inStackRegion",
    why: "writes the account's resource policy letting EventBridge write to the log group (no resource type)",
    source: "internal/service/logs/resource_policy.go resourceResourcePolicyPut",
  },
  {
    type: LOG_RESOURCE_POLICY,
    operations: ["create", "read", "update"],
    actions: ["logs:DescribeResourcePolicies"],
    on: "inStackRegion",
    why: "the read lists the account's resource policies to find it by name",
    source: "internal/service/logs/resource_policy.go resourceResourcePolicyRead, findResourcePolicyByName",
  },
  {
    type: LOG_RESOURCE_POLICY,
    operations: ["delete"],
    actions: ["logs:DeleteResourcePolicy"],
    on: "inStackRegion",
    why: "deletes it by name",
    source: "internal/service/logs/resource_policy.go resourceResourcePolicyDelete",
  },
  {
    type: METRIC_FILTER,
    operations: ["create", "update"],
    actions: ["logs:PutMetricFilter"],
    on: "monitoringLogGroup",
    why: "creates or rewrites the filter on the log group",
    source: "internal/service/logs/metric_filter.go resourceMetricFilterPut",
  },
  {
    type: METRIC_FILTER,
    operations: ["create", "read", "update"],
    actions: ["logs:DescribeMetricFilters"],
    on: "monitoringLogGroup",
    why: "the read lists the log group's filters by name prefix",
    source: "internal/service/logs/metric_filter.go resourceMetricFilterRead, findMetricFilterByTwoPartKey",
  },
  {
    type: METRIC_FILTER,
    operations: ["delete"],
    actions: ["logs:DeleteMetricFilter"],
    on: "monitoringLogGroup",
    why: "removes the filter",
    source: "internal/service/logs/metric_filter.go resourceMetricFilterDelete",
  },
  {
    type: DASHBOARD,
    operations: ["create", "update"],
    actions: ["cloudwatch:PutDashboard"],
    on: "monitoringDashboard",
    why: "creates or rewrites the dashboard (no tags)",
    source: "internal/service/cloudwatch/dashboard.go resourceDashboardPut",
  },
  {
    type: DASHBOARD,
    operations: ["create", "read", "update"],
    actions: ["cloudwatch:GetDashboard"],
    on: "monitoringDashboard",
    why: "the read",
    source: "internal/service/cloudwatch/dashboard.go resourceDashboardRead, findDashboardByName",
  },
  {
    type: DASHBOARD,
    operations: ["delete"],
    actions: ["cloudwatch:DeleteDashboards"],
    on: "monitoringDashboard",
    why: "deletes it",
    source: "internal/service/cloudwatch/dashboard.go resourceDashboardDelete",
  },
];
