/**
 * The deploy role (`npm run deploy-role-policy`) against the provider-call table
 * (infra/aws/provider-calls/), for every resource of every planned stack variant: each call of each
 * row for the resource's type, in every operation (create, read, update with the drift repairs,
 * delete; a replacement is a create and a delete), judged by the IAM evaluator on the ARN built from
 * the planned name: allowed; allowed on that stack's resources only; and nothing allowed that no row
 * of the variant needs.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { deployRolePolicyDocument } from "../../infra/aws/deploy-role-policy";
import { DOCTOR_READ_ACTIONS, INPUTS_THE_PROGRAM_SETS, OPERATIONS, PROVIDER_CALLS } from "../../infra/aws/provider-calls";
import { PLAN_TEST_TIMEOUT_MS } from "./plan-command";
import { prefetchPlans } from "./shared-plans";
import {
  ACCOUNT,
  actionsOf,
  callsOf,
  decide,
  isSet,
  planVariant,
  policyLines,
  refusedCalls,
  rowsFor,
  VARIANT_CASES,
  VARIANTS,
  type Variant,
  type PlannedVariant,
} from "./role-judging";

beforeAll(() => prefetchPlans(VARIANTS.map((variant) => ({ args: variant.args }))));

describe.each(VARIANT_CASES)("the deploy role of %s", (_label, load) => {
  let variant: PlannedVariant;
  beforeAll(async () => {
    variant = await load();
  }, PLAN_TEST_TIMEOUT_MS);

  it("allows every call of every row, in every operation, for every planned AWS resource and the doctor", async () => {
    const calls = callsOf(variant, OPERATIONS, true);
    expect(calls.length).toBeGreaterThan(40);
    expect(await refusedCalls(deployRolePolicyDocument(variant.scope), calls, variant.region)).toEqual([]);
  });

  it("is the reviewed role: a row added, changed or removed in the table shows as a diff of the snapshot", () => {
    expect(policyLines(deployRolePolicyDocument(variant.scope))).toMatchSnapshot();
  });

  it("allows no action that no row of the variant's resources needs", () => {
    const needed = new Set(callsOf(variant, OPERATIONS, true).map((call) => call.action));
    expect(actionsOf(deployRolePolicyDocument(variant.scope)).filter((action) => !needed.has(action))).toEqual([]);
  });

  it("reaches none of these resources from another stack's role in the same account and region (the doctor's account-wide reads aside)", async () => {
    const doctorReads: readonly string[] = DOCTOR_READ_ACTIONS;
    const calls = callsOf(variant, OPERATIONS, true).filter((call) => call.resource !== "*" && !doctorReads.includes(call.action));
    for (const other of ["dev", "prod", "dev-sms", `${variant.scope.config.stack}-x`, variant.scope.config.stack.split("-")[0] ?? "a"]) {
      if (other === variant.scope.config.stack) continue;
      // Another stack has its own Auth0 tenant, so its own partner event source.
      const policy = deployRolePolicyDocument({
        accountId: ACCOUNT,
        config: { ...variant.scope.config, stack: other },
        eventSourceName: `aws.partner/auth0.com/${other}-tenant/auth0.logs`,
      });
      const reached: string[] = [];
      for (const call of calls)
        if ((await decide(policy, call.action, call.resource, variant.region, call.context)) === "Allowed")
          reached.push(`${call.action} on ${call.resource}`);
      expect(reached, `stack ${other}`).toEqual([]);
    }
  });

  it("sets exactly the row-selecting inputs INPUTS_THE_PROGRAM_SETS declares (the role is generated from the declaration)", () => {
    for (const resource of variant.resources) {
      for (const input of new Set(
        PROVIDER_CALLS.filter((row) => row.type === resource.type && row.when !== undefined).map((row) => row.when?.input ?? ""),
      )) {
        expect(isSet(resource.inputs[input]), `${resource.type} ${input}`).toBe(
          INPUTS_THE_PROGRAM_SETS[resource.type]?.includes(input) === true,
        );
      }
    }
  });

  it("has a create, read and delete row for every planned resource type", () => {
    for (const resource of variant.resources) {
      for (const operation of ["create", "read", "delete"] as const)
        expect(rowsFor(resource, [operation]).length, `${resource.type} ${operation}`).toBeGreaterThan(0);
    }
  });
});

describe.each(["dev (committed)", "prod (committed)"])("%s: the role finishes", (label) => {
  let variant: PlannedVariant;
  beforeAll(async () => {
    variant = await planVariant(VARIANTS.find((candidate) => candidate.label === label) as Variant);
  }, PLAN_TEST_TIMEOUT_MS);

  it("`pulumi destroy`: every delete call of every resource, the sender user's forceDestroy sweep included", async () => {
    const calls = callsOf(variant, ["delete"], false);
    const user = calls.filter((call) => call.row.type === "aws:iam/user:User").map((call) => call.action);
    // internal/service/iam/user.go resourceUserDelete with force_destroy (aws-sdk-go-v2 version), in its order.
    expect(user).toEqual(
      expect.arrayContaining([
        "iam:ListGroupsForUser",
        "iam:RemoveUserFromGroup",
        "iam:ListUserPolicies",
        "iam:DeleteUserPolicy",
        "iam:ListAttachedUserPolicies",
        "iam:DetachUserPolicy",
        "iam:ListAccessKeys",
        "iam:DeleteAccessKey",
        "iam:ListSSHPublicKeys",
        "iam:DeleteSSHPublicKey",
        "iam:ListVirtualMFADevices",
        "iam:DeactivateMFADevice",
        "iam:DeleteVirtualMFADevice",
        "iam:ListMFADevices",
        "iam:DeleteLoginProfile",
        "iam:ListSigningCertificates",
        "iam:DeleteSigningCertificate",
        "iam:ListServiceSpecificCredentials",
        "iam:DeleteServiceSpecificCredential",
        "iam:DeleteUser",
      ]),
    );
    expect(await refusedCalls(deployRolePolicyDocument(variant.scope), calls, variant.region)).toEqual([]);
  });

  it("a replacement of the sender user: the new user's create and read, the old one's delete", async () => {
    const user = variant.resources.filter((resource) => resource.type === "aws:iam/user:User");
    const calls = callsOf({ ...variant, resources: user }, ["create", "read", "delete"], false);
    expect(calls.map((call) => call.action)).toEqual(expect.arrayContaining(["iam:CreateUser", "iam:GetUser", "iam:DeleteUser"]));
    expect(await refusedCalls(deployRolePolicyDocument(variant.scope), calls, variant.region)).toEqual([]);
  });

  it("the drift repairs of `pulumi up` after a refresh: a boundary set by hand removed, tags put back, a key made active again", async () => {
    const calls = callsOf(variant, ["update"], false).map((call) => call.action);
    expect(calls).toEqual(
      expect.arrayContaining(["iam:DeleteUserPermissionsBoundary", "iam:TagUser", "iam:UntagUser", "iam:UpdateAccessKey"]),
    );
    expect(await refusedCalls(deployRolePolicyDocument(variant.scope), callsOf(variant, ["update"], false), variant.region)).toEqual([]);
  });
});
