/**
 * The permissions of the role a pipeline assumes (OIDC) to run `pulumi preview/up/refresh/destroy`
 * for one stack, generated from the provider-call table (infra/aws/provider-calls/): every AWS call the
 * Pulumi AWS provider (terraform-provider-aws v6 underneath) and the protect configuration's dynamic
 * provider make for the resource types the stack's configuration creates, in every operation (create,
 * read, update, delete; a replacement is a create and a delete; the updates `pulumi up` makes to undo
 * changes made by hand are updates), plus the doctor's reads. Each action is allowed only on that
 * stack's resources (deploy-role-arns.ts), or, without a resource type, only in the stack's region.
 *
 * The read-only variant (`readOnly`) keeps only the read operation's rows and drops the doctor's: the
 * calls `pulumi preview --refresh` and drift detection make, for a role that can change nothing.
 * `sts:GetCallerIdentity`, which the provider calls at start, needs no permission. Pure.
 */
import { arnConditions, arnPatterns, type StackArnScope } from "./deploy-role-arns";
import type { IamPolicyDocument, IamPolicyStatement } from "./iam-policy-document";
import { OPERATIONS, providerCallsFor, resourceTypesFor, type ProviderCallRow } from "./provider-calls";
import type { StackConfig } from "../config/stack-config-types";

export interface DeployRoleScope {
  /** The 12-digit AWS account the stack deploys to. */
  accountId: string;
  /** The stack's settings that decide which resources exist and where (`monitoring` absent: off). */
  config: Pick<StackConfig, "stack" | "region" | "smsPreferences" | "alarms"> &
    Partial<Pick<StackConfig, "protectConfiguration" | "monitoring">>;
  /** With monitoring, the Auth0 partner event source the bus is named after (the stack output logEventSourceName); default: any `aws.partner/auth0.com/*`. */
  eventSourceName?: string;
}

export interface DeployRoleOptions {
  /** Only the reads of `pulumi preview --refresh` (no doctor, no write); default false. */
  readOnly?: boolean;
}

const ACCOUNT_ID = /^\d{12}$/;

/** The rows the role is made of, for this stack. */
function deployRoleCalls({ config }: Pick<DeployRoleScope, "config">, { readOnly = false }: DeployRoleOptions = {}): ProviderCallRow[] {
  return providerCallsFor(resourceTypesFor(config, !readOnly), readOnly ? ["read"] : OPERATIONS);
}

function conditionOf(row: ProviderCallRow, at: StackArnScope): Pick<IamPolicyStatement, "Condition"> {
  const condition: Record<string, Record<string, string>> = {};
  for (const part of [arnConditions(row.on, at), row.condition?.test]) {
    for (const [operator, values] of Object.entries(part ?? {})) condition[operator] = { ...condition[operator], ...values };
  }
  return Object.keys(condition).length === 0 ? {} : { Condition: condition };
}

function sidOf(row: ProviderCallRow): string {
  return `${row.on.charAt(0).toUpperCase()}${row.on.slice(1)}${row.condition?.sid ?? ""}`;
}

export function deployRolePolicyDocument(scope: DeployRoleScope, options: DeployRoleOptions = {}): IamPolicyDocument {
  const { accountId, config } = scope;
  if (!ACCOUNT_ID.test(accountId)) throw new Error(`accountId: ${JSON.stringify(accountId.slice(0, 20))} is not a 12-digit AWS account ID`);
  const at: StackArnScope = {
    stack: config.stack,
    region: config.region,
    accountId,
    eventSourceName: scope.eventSourceName,
    monitoring: config.monitoring,
  };
  const statements = new Map<string, IamPolicyStatement & { Action: string[] }>();
  for (const row of deployRoleCalls(scope, options)) {
    const sid = sidOf(row);
    const statement = statements.get(sid) ?? {
      Sid: sid,
      Effect: "Allow" as const,
      Action: [],
      Resource: arnPatterns(row.on, at),
      ...conditionOf(row, at),
    };
    for (const action of row.actions) if (!statement.Action.includes(action)) statement.Action.push(action);
    statements.set(sid, statement);
  }
  return {
    Version: "2012-10-17",
    Statement: [...statements.values()].map((statement) => ({ ...statement, Action: [...statement.Action].sort() })),
  };
}
