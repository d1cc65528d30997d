/**
 * Test helper: the deploy role judged call by call. Each planned stack variant (`npm run plan --json`,
 * shared with the other plan tests where the arguments are equal), each of its AWS resources, and the
 * AWS call of every provider-call row for that resource's type, with the ARN IAM authorizes it on,
 * built here from the planned name (not from the role's patterns), judged by a real IAM policy
 * evaluator (@cloud-copilot/iam-simulate).
 */
import path from "node:path";
import { PROTECT_CONFIGURATION_TYPE } from "../../infra/aws/account-protect-configuration";
import type { DeployRoleScope } from "../../infra/aws/deploy-role-policy";
import type { IamPolicyDocument } from "../../infra/aws/iam-policy-document";
import {
  DOCTOR_MONITORING_TYPE,
  DOCTOR_TYPE,
  PROVIDER_CALLS,
  rowApplies,
  type ArnFamily,
  type Operation,
  type ProviderCallRow,
} from "../../infra/aws/provider-calls";
import { REPO_ROOT } from "../../tools/command";
import { readCommittedStackConfig } from "../../tools/committed-stack-config";
import { EVALUATOR_ACCOUNT, iamDecision } from "../support/iam-evaluator";
import { expectExit, sharedPlan } from "./shared-plans";

/** The account the plan's mocks answer with (aws.getCallerIdentity). */
export const ACCOUNT = EVALUATOR_ACCOUNT;

/** A planned resource as `npm run plan --json` prints it; `id` is the mock's physical name or ARN. */
export interface PlannedResource {
  type: string;
  name: string;
  custom: boolean;
  id?: string;
  inputs: Record<string, unknown>;
}

export interface Variant {
  label: string;
  stack: string;
  /** The stack file, absolute. */
  stackFile: string;
  /** The plan's arguments: equal to those of the other plan tests that read the same stack, so the plan runs once. */
  args: string[];
}

const fixture = (...parts: string[]) => path.join(REPO_ROOT, "test", ...parts);

/** Every stack variant the program can be deployed as: the committed stacks, and a stack file per opt-in and with all of them. */
export const VARIANTS: Variant[] = [
  { label: "dev (committed)", stack: "dev", stackFile: path.join(REPO_ROOT, "Pulumi.dev.yaml"), args: ["--stack", "dev", "--json"] },
  { label: "prod (committed)", stack: "prod", stackFile: path.join(REPO_ROOT, "Pulumi.prod.yaml"), args: ["--stack", "prod", "--json"] },
  ...[
    { label: "unified phone experience", stack: "unified", file: fixture("conformance", "fixtures", "Pulumi.unified.yaml") },
    { label: "every opt-in", stack: "every-opt-in", file: fixture("conformance", "fixtures", "Pulumi.every-opt-in.yaml") },
  ].map(({ label, stack, file }) => ({ label, stack, stackFile: file, args: ["--stack", stack, "--json", "--stack-file", file] })),
  ...[
    {
      label: "protect configuration only",
      stack: "protect",
      file: fixture("plan", "fixtures", "protect-configuration", "Pulumi.protect.yaml"),
    },
    {
      label: "SMS preferences only",
      stack: "sms-preferences",
      file: fixture("plan", "fixtures", "deploy-role", "Pulumi.sms-preferences.yaml"),
    },
    { label: "alarms only", stack: "alarms", file: fixture("plan", "fixtures", "deploy-role", "Pulumi.alarms.yaml") },
    { label: "monitoring with alarms", stack: "monitoring", file: fixture("plan", "fixtures", "monitoring", "Pulumi.monitoring.yaml") },
  ].map(({ label, stack, file }) => ({ label, stack, stackFile: file, args: ["--stack", stack, "--stack-file", file, "--json"] })),
];

/** A variant's planned AWS resources and the role scope of its configuration. */
export interface PlannedVariant {
  variant: Variant;
  region: string;
  scope: DeployRoleScope;
  resources: PlannedResource[];
}

export async function planVariant(variant: Variant): Promise<PlannedVariant> {
  const run = await sharedPlan(variant.args);
  expectExit(run, 0);
  const plan = JSON.parse(run.stdout) as { resources: PlannedResource[] };
  const { config } = readCommittedStackConfig(REPO_ROOT, variant.stack, variant.stackFile);
  return {
    variant,
    region: config.region,
    scope: { accountId: ACCOUNT, config },
    resources: plan.resources.filter(
      (resource) => resource.custom && (resource.type.startsWith("aws:") || resource.type === PROTECT_CONFIGURATION_TYPE),
    ),
  };
}

/** Every variant to judge, by label. */
export const VARIANT_CASES: [string, () => Promise<PlannedVariant>][] = VARIANTS.map((variant) => [
  variant.label,
  () => planVariant(variant),
]);

/** One AWS call: its action, the ARN IAM authorizes it on, the row it comes from. */
export interface Call {
  action: string;
  resource: string;
  /** Request context beyond the region: the resource's or the request's tags where IAM reads them. */
  context: Record<string, string>;
  row: ProviderCallRow;
  /** The planned resource (logical name) it is made for. */
  for: string;
}

/** Whether the program sets an input (false and "" count as unset, as the provider's GetOk reads them). */
export function isSet(value: unknown): boolean {
  return value !== undefined && value !== null && value !== false && value !== "";
}

function one(resources: readonly PlannedResource[], type: string): PlannedResource {
  const found = resources.filter((resource) => resource.type === type);
  if (found.length !== 1) throw new Error(`expected one ${type} in the plan, found ${found.length}`);
  return found[0] as PlannedResource;
}

const text = (value: unknown) => (typeof value === "string" ? value : JSON.stringify(value));

/** The ARN a call of `family` made for `resource` is authorized on, from the planned names; "*" without a resource type. */
function arnFor(family: ArnFamily, resource: PlannedResource, all: readonly PlannedResource[], region: string): string {
  const user = () => one(all, "aws:iam/user:User");
  const role = () => one(all, "aws:iam/role:Role");
  const bus = () => one(all, "aws:cloudwatch/eventBus:EventBus");
  switch (family) {
    case "senderUser":
      return `arn:aws:iam::${ACCOUNT}:user${text(user().inputs["path"])}${text(user().inputs["name"])}`;
    case "stackGroups":
      return `arn:aws:iam::${ACCOUNT}:group${text(user().inputs["path"])}added-by-hand`;
    case "stackVirtualMfaDevices":
      return `arn:aws:iam::${ACCOUNT}:mfa${text(user().inputs["path"])}added-by-hand`;
    case "deliveryStatusRole":
      return `arn:aws:iam::${ACCOUNT}:role${text(role().inputs["path"])}${text(role().id)}`;
    case "stackInstanceProfiles":
      return `arn:aws:iam::${ACCOUNT}:instance-profile${text(role().inputs["path"])}added-by-hand`;
    case "alarmTopic":
      return text(one(all, "aws:sns/topic:Topic").id);
    case "smsAlarms":
      return `arn:aws:cloudwatch:${region}:${ACCOUNT}:alarm:${text(resource.id)}`;
    case "protectConfigurations":
      return `arn:aws:sms-voice:${region}:${ACCOUNT}:protect-configuration/${text(resource.id)}`;
    case "partnerEventBus":
      return `arn:aws:events:${region}:${ACCOUNT}:event-bus/${text(bus().inputs["name"])}`;
    case "partnerEventSource":
      return `arn:aws:events:${region}::event-source/${text(bus().inputs["eventSourceName"])}`;
    case "monitoringRule": {
      // The rule's id is `<bus><separator><rule name>`.
      const name = text(bus().inputs["name"]);
      return `arn:aws:events:${region}:${ACCOUNT}:rule/${name}/${text(one(all, "aws:cloudwatch/eventRule:EventRule").id).slice(name.length + 1)}`;
    }
    case "monitoringLogGroup":
      return `arn:aws:logs:${region}:${ACCOUNT}:log-group:${text(one(all, "aws:cloudwatch/logGroup:LogGroup").id)}`;
    case "monitoringDashboard":
      return `arn:aws:cloudwatch::${ACCOUNT}:dashboard/${text(one(all, "aws:cloudwatch/dashboard:Dashboard").inputs["dashboardName"])}`;
    case "newProtectConfiguration":
    case "inStackRegion":
    case "global":
      return "*";
  }
}

/** The rows for one planned resource in these operations, as its planned inputs select them. */
export function rowsFor(resource: Pick<PlannedResource, "type" | "inputs">, operations: readonly Operation[]): ProviderCallRow[] {
  return PROVIDER_CALLS.filter(
    (row) =>
      row.type === resource.type &&
      row.operations.some((operation) => operations.includes(operation)) &&
      rowApplies(row, (input) => isSet(resource.inputs[input])),
  );
}

/** Every call of `operations` for every planned resource of the variant; with `withDoctor`, the doctor's reads too. */
export function callsOf(
  planned: Pick<PlannedVariant, "resources" | "region">,
  operations: readonly Operation[],
  withDoctor: boolean,
): Call[] {
  const { resources, region } = planned;
  const monitoring = resources.some((resource) => resource.type === "aws:cloudwatch/eventBus:EventBus");
  const doctorTypes = withDoctor ? [DOCTOR_TYPE, ...(monitoring ? [DOCTOR_MONITORING_TYPE] : [])] : [];
  const doctor: PlannedResource[] = doctorTypes.map((type) => ({ type, name: "npm run doctor", custom: false, inputs: {} }));
  return [...resources, ...doctor].flatMap((resource) => {
    const rows = rowsFor(resource, operations);
    if (!doctorTypes.includes(resource.type) && rows.length === 0) throw new Error(`${resource.type}: no row of the provider-call table`);
    const stackTag = (resource.inputs["tags"] as Record<string, string> | undefined)?.["Stack"] ?? "";
    return rows.flatMap((row) => {
      const context: Record<string, string> =
        row.on === "protectConfigurations"
          ? { "aws:ResourceTag/Stack": stackTag }
          : row.on === "newProtectConfiguration"
            ? { "aws:RequestTag/Stack": stackTag }
            : {};
      return row.actions.map((action) => ({
        action,
        resource: arnFor(row.on, resource, resources, region),
        context,
        row,
        for: resource.name,
      }));
    });
  });
}

/** The evaluator's verdict on one call in `region` (IAM's own calls go to us-east-1, whatever the stack's region). */
export function decide(
  policy: IamPolicyDocument,
  action: string,
  resource: string,
  region: string,
  context: Record<string, string> = {},
): Promise<string> {
  return iamDecision(policy, action, resource, {
    "aws:RequestedRegion": action.startsWith("iam:") ? "us-east-1" : region,
    ...(action === "iam:PassRole" ? { "iam:PassedToService": "sns.amazonaws.com" } : {}),
    ...context,
  });
}

/** The calls the policy refuses, as "action on ARN (for resource, row source)". */
export async function refusedCalls(policy: IamPolicyDocument, calls: readonly Call[], region: string): Promise<string[]> {
  const refused: string[] = [];
  for (const call of calls) {
    if ((await decide(policy, call.action, call.resource, region, call.context)) !== "Allowed") {
      refused.push(`${call.action} on ${call.resource} (for ${call.for}; ${call.row.source})`);
    }
  }
  return refused;
}

/** A policy as reviewed lines, one per statement: `Sid: actions on resources [if condition]`. */
export function policyLines(policy: IamPolicyDocument): string[] {
  return policy.Statement.map((statement) => {
    const list = (value: string | string[] | undefined) => (Array.isArray(value) ? value : [value ?? ""]).join(", ");
    const condition = statement.Condition === undefined ? "" : ` if ${JSON.stringify(statement.Condition)}`;
    return `${statement.Sid}: ${list(statement.Action)} on ${list(statement.Resource)}${condition}`;
  });
}

/** Every action a policy allows. */
export function actionsOf(policy: IamPolicyDocument): string[] {
  return [
    ...new Set(policy.Statement.flatMap((statement) => (Array.isArray(statement.Action) ? statement.Action : [statement.Action]))),
  ].sort();
}
