/**
 * The move of a deployed stack into the SmsMfa component: every resource of the former layout
 * (the two sides straight under the stack, as `npm run plan` printed them before the component) is
 * aliased from its new URN, so `pulumi up` matches it to the live resource instead of replacing it
 * (https://www.pulumi.com/docs/iac/concepts/options/aliases/), and keeps its physical name.
 */
import { describe, expect, test } from "vitest";
import type { ActionTrigger, BuiltAction } from "../../infra/auth0/action-bundle";
import { formerState, formerUrnOf } from "./former-layout-state";
import { engineUrnOf, IAM_USER, ACTION, runProgram, type ProgramRun } from "./run-program";
import type { StackName } from "./stack-files";
import { aliasUrns, updateSteps } from "./update-steps";

const build = (trigger: ActionTrigger): Promise<BuiltAction> =>
  Promise.resolve({
    code: `exports.handler = "${trigger}";`,
    dependencies: [{ name: "@aws-sdk/client-sns", version: "3.1169.0" }],
  } as BuiltAction);

const OPT_INS = {
  smsPreferencesEnabled: true,
  smsMonthlySpendLimitUsd: 40,
  alarmsEnabled: true,
  alarmEmail: "oncall@example.com",
  alarmMonthToDateSpendUsd: 30,
};

function run(stack: StackName, phoneExperience: string): Promise<ProgramRun> {
  return runProgram({ stack, overrides: { phoneExperience, ...OPT_INS }, build });
}

describe.each<[StackName, string]>([
  ["dev", "classic"],
  ["dev", "unified"],
  ["prod", "classic"],
  ["prod", "unified"],
])("the %s stack (%s, both opt-ins on)", (stack, experience) => {
  test("aliases every resource and side to its URN before the component", async () => {
    const current = await run(stack, experience);
    const moved = current.resources.filter((resource) => !["pulumi:pulumi:Stack", "auth0-sns-mfa:index:SmsMfa"].includes(resource.type));
    expect(moved.length).toBeGreaterThan(12);
    for (const resource of moved) {
      expect(aliasUrns(resource), resource.name).toContain(formerUrnOf(resource, stack));
      // The new URN, as the engine forms it, differs: without the alias it would be a create and a delete.
      expect(engineUrnOf(current.resources, resource, stack)).not.toBe(formerUrnOf(resource, stack));
    }
  });

  test("moving the state of the former layout to the component is no create, update or delete", async () => {
    const current = await run(stack, experience);
    expect(updateSteps(formerState(current.resources, stack), current.resources)).toEqual([]);
  });
});

test("the former URNs are those the committed stacks hold (npm run plan before the component)", async () => {
  const prod = await run("prod", "classic");
  expect(formerUrnOf(prod.one(IAM_USER), "prod")).toBe(
    "urn:pulumi:prod::auth0-sns-mfa::auth0-sns-mfa:aws:SmsSender$aws:iam/user:User::sms-sender",
  );
  expect(aliasUrns(prod.one(ACTION))).toEqual([
    "urn:pulumi:prod::auth0-sns-mfa::auth0-sns-mfa:auth0:SmsMfa$auth0:index/action:Action::sms-sender-send-phone-message",
    // The name before it carried the trigger, still aliased through the new parent.
    "urn:pulumi:prod::auth0-sns-mfa::auth0-sns-mfa:auth0:SmsMfa$auth0:index/action:Action::sms-sender",
  ]);
});
