/**
 * Answers to provider functions (data sources) the program may call while it runs, computed
 * offline. Anything else fails the plan with a message naming the function, rather than inventing
 * data a real provider would have fetched.
 */
import { PLACEHOLDER_ACCOUNT_ID, PLACEHOLDER_TENANT_FRIENDLY_NAME, type MockContext } from "./mock-outputs";
import { UNKNOWN_VALUE, type WireObject, type WireValue } from "./property-values";

export type InvokeAnswer = (args: WireObject, context: MockContext) => WireObject;

function containsUnknown(value: WireValue | undefined): boolean {
  if (value === UNKNOWN_VALUE) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (typeof value === "object" && value !== null) return Object.values(value).some(containsUnknown);
  return false;
}

function stringList(value: WireValue | undefined): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}

function objectList(value: WireValue | undefined): WireObject[] {
  return Array.isArray(value)
    ? value.filter((item): item is WireObject => typeof item === "object" && item !== null && !Array.isArray(item))
    : [];
}

/** IAM JSON writes a one-element list as a bare string, as the AWS provider's policy document does. */
function listOrSingle(values: string[]): string | string[] {
  return values.length === 1 ? (values[0] as string) : values;
}

function principalBlock(principals: WireObject[]): Record<string, string | string[]> | undefined {
  if (principals.length === 0) return undefined;
  const block: Record<string, string[]> = {};
  for (const principal of principals) {
    const type = typeof principal["type"] === "string" ? principal["type"] : "AWS";
    block[type] = [...(block[type] ?? []), ...stringList(principal["identifiers"])];
  }
  return Object.fromEntries(Object.entries(block).map(([type, ids]) => [type, listOrSingle(ids)]));
}

function conditionBlock(conditions: WireObject[]): Record<string, Record<string, string | string[]>> | undefined {
  if (conditions.length === 0) return undefined;
  const block: Record<string, Record<string, string | string[]>> = {};
  for (const condition of conditions) {
    const test = String(condition["test"] ?? "");
    const variable = String(condition["variable"] ?? "");
    block[test] = { ...(block[test] ?? {}), [variable]: listOrSingle(stringList(condition["values"])) };
  }
  return block;
}

/** aws.iam.getPolicyDocument: the policy JSON built from the statements, as the provider renders it. */
export function policyDocumentJson(args: WireObject): string {
  const statements = objectList(args["statements"]).map((statement) => {
    const rendered: Record<string, unknown> = {};
    const sid = statement["sid"];
    if (typeof sid === "string" && sid !== "") rendered["Sid"] = sid;
    rendered["Effect"] = typeof statement["effect"] === "string" ? statement["effect"] : "Allow";
    const lists: [string, string][] = [
      ["actions", "Action"],
      ["notActions", "NotAction"],
      ["resources", "Resource"],
      ["notResources", "NotResource"],
    ];
    for (const [input, output] of lists) {
      const values = stringList(statement[input]);
      if (values.length > 0) rendered[output] = listOrSingle(values);
    }
    const principals = principalBlock(objectList(statement["principals"]));
    if (principals !== undefined) rendered["Principal"] = principals;
    const notPrincipals = principalBlock(objectList(statement["notPrincipals"]));
    if (notPrincipals !== undefined) rendered["NotPrincipal"] = notPrincipals;
    const conditions = conditionBlock(objectList(statement["conditions"]));
    if (conditions !== undefined) rendered["Condition"] = conditions;
    return rendered;
  });
  const document: Record<string, unknown> = { Version: typeof args["version"] === "string" ? args["version"] : "2012-10-17" };
  if (typeof args["policyId"] === "string") document["Id"] = args["policyId"];
  document["Statement"] = statements;
  return JSON.stringify(document, null, 2);
}

/**
 * auth0.getTenant, as the Auth0 provider answers it. The provider reports a flag that was never set
 * as false: its data source copies go-auth0's getter, whose zero value is false
 * (terraform-provider-auth0 internal/auth0/tenant/flatten.go, `tenant.GetPhoneConsolidatedExperience()`).
 */
export function tenantAnswer(context: MockContext): WireObject {
  const tenant = context.tenant ?? { phoneConsolidatedExperience: "unset", friendlyName: PLACEHOLDER_TENANT_FRIENDLY_NAME };
  return {
    id: "plan-tenant",
    domain: "plan-tenant.example.auth0.com",
    friendlyName: tenant.friendlyName,
    phoneConsolidatedExperience: tenant.phoneConsolidatedExperience === "on",
  };
}

/**
 * aws.getRegion, as the AWS provider answers it: the `region` argument when given, else the region
 * configured on the provider the call runs on (`context.region`: the call's explicit provider, else the
 * stack's aws:region). @pulumi/aws 7 returns it as `region`; `name` and `id` are deprecated copies
 * (terraform-provider-aws v6.46.0 internal/service/meta/region_data_source.go; @pulumi/aws 7.48.0 getRegion.d.ts).
 */
export function regionAnswer(region: string): WireObject {
  return { region, name: region, id: region, endpoint: `ec2.${region}.amazonaws.com`, description: region };
}

export const INVOKE_ANSWERS: Record<string, InvokeAnswer> = {
  "auth0:index/getTenant:getTenant": (_args, context) => tenantAnswer(context),
  "aws:index/getCallerIdentity:getCallerIdentity": () => ({
    accountId: PLACEHOLDER_ACCOUNT_ID,
    arn: `arn:aws:iam::${PLACEHOLDER_ACCOUNT_ID}:user/plan`,
    userId: "AIDAPLANPLACEHOLDER0",
    id: PLACEHOLDER_ACCOUNT_ID,
  }),
  "aws:index/getRegion:getRegion": (args, context) => regionAnswer(typeof args["region"] === "string" ? args["region"] : context.region),
  "aws:index/getPartition:getPartition": () => ({
    partition: "aws",
    id: "aws",
    dnsSuffix: "amazonaws.com",
    reverseDnsPrefix: "com.amazonaws",
  }),
  "aws:iam/getPolicyDocument:getPolicyDocument": (args) => {
    if (containsUnknown(args)) return { ...args, json: UNKNOWN_VALUE, minifiedJson: UNKNOWN_VALUE, id: UNKNOWN_VALUE };
    const json = policyDocumentJson(args);
    return { ...args, json, minifiedJson: JSON.stringify(JSON.parse(json)), id: String(json.length) };
  },
};
