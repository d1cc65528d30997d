/**
 * Switching a deployed stack between the classic and the unified phone experience. The Action's
 * trigger cannot change in place (terraform-provider-auth0 internal/auth0/action/resource.go, v1.55.0:
 * `supported_triggers` has no ForceNew; the Management API answers "can't upgrade to this trigger"),
 * so each trigger has its own Action and binding, by logical name. The program is run under Pulumi's
 * mocks with one experience (the state), then the other, and the steps `pulumi up` would take are
 * derived from the two runs (update-steps.ts): the new Action is deployed and bound before the MFA
 * switch (Guardian, and PhoneProvider for unified) moves to it, and the old binding is gone before
 * the old Action is deleted.
 */
import { describe, expect, test } from "vitest";
import type { ActionTrigger, BuiltAction } from "../../infra/auth0/action-bundle";
import { actionResourceName, bindingResourceName } from "../../infra/auth0/tenant-sms-mfa";
import { ACTION, GUARDIAN, PHONE_PROVIDER, runProgram, TRIGGER_ACTIONS, type ProgramRun, type RecordedResource } from "./run-program";
import type { StackName } from "./stack-files";
import { positionOf, updateSteps } from "./update-steps";

type Experience = "classic" | "unified";
const TRIGGER: Record<Experience, ActionTrigger> = { classic: "send-phone-message", unified: "custom-phone-provider" };

/** The code is not under test here: a small stand-in build keeps the runs fast. */
const build = (trigger: ActionTrigger): Promise<BuiltAction> =>
  Promise.resolve({
    code: `exports.handler = "${trigger}";`,
    dependencies: [{ name: "@aws-sdk/client-sns", version: "3.1169.0" }],
  } as BuiltAction);

function run(stack: StackName, experience: Experience): Promise<ProgramRun> {
  return runProgram({ stack, overrides: { phoneExperience: experience }, build });
}

function byName(resources: readonly RecordedResource[], name: string): RecordedResource {
  const found = resources.find((resource) => resource.name === name);
  if (found === undefined) throw new Error(`no resource ${name}`);
  return found;
}

describe.each<[Experience, Experience]>([
  ["classic", "unified"],
  ["unified", "classic"],
])("switching the dev stack from %s to %s", (from, to) => {
  // Children of the stack's SmsMfa, named after the stack.
  const oldAction = actionResourceName(TRIGGER[from], "dev");
  const oldBinding = bindingResourceName(TRIGGER[from], "dev");
  const newAction = actionResourceName(TRIGGER[to], "dev");
  const newBinding = bindingResourceName(TRIGGER[to], "dev");

  test("creates a second Action and binding, named for the new trigger, instead of changing the trigger in place", async () => {
    const [before, after] = [await run("dev", from), await run("dev", to)];
    expect(before.one(ACTION).name).toBe(oldAction);
    expect(after.one(ACTION).name).toBe(newAction);
    expect(after.one(TRIGGER_ACTIONS).name).toBe(newBinding);
    const steps = updateSteps(before.resources, after.resources);
    expect(steps.filter((step) => step.refused !== undefined)).toEqual([]);
    expect(steps.filter((step) => step.type === ACTION).map((step) => `${step.operation} ${step.name}`)).toEqual([
      `create ${newAction}`,
      `delete ${oldAction}`,
    ]);
  });

  test("deploys and binds the new Action before the MFA switch moves, and unbinds the old one before deleting it", async () => {
    const [before, after] = [await run("dev", from), await run("dev", to)];
    const steps = updateSteps(before.resources, after.resources);
    const switchMoves = positionOf(steps, "update", "dev-mfa");
    expect(positionOf(steps, "create", newAction)).toBeLessThan(positionOf(steps, "create", newBinding));
    expect(positionOf(steps, "create", newBinding)).toBeLessThan(switchMoves);
    expect(switchMoves).toBeLessThan(positionOf(steps, "delete", oldBinding));
    expect(positionOf(steps, "delete", oldBinding)).toBeLessThan(positionOf(steps, "delete", oldAction));
    // What orders them: the engine's dependencies.
    const guardian = after.one(GUARDIAN);
    expect(guardian.dependencies).toEqual(expect.arrayContaining([after.one(ACTION).urn, after.one(TRIGGER_ACTIONS).urn]));
    expect(byName(before.resources, oldBinding).dependencies).toContain(byName(before.resources, oldAction).urn);
    if (to === "unified") {
      expect(positionOf(steps, "create", "dev-custom-phone-provider")).toBeLessThan(switchMoves);
      expect(after.one(PHONE_PROVIDER).dependencies).toEqual(
        expect.arrayContaining([after.one(ACTION).urn, after.one(TRIGGER_ACTIONS).urn]),
      );
    } else {
      // The unified provider and its templates go before the Action they routed to.
      expect(positionOf(steps, "delete", "dev-custom-phone-provider")).toBeLessThan(positionOf(steps, "delete", oldAction));
    }
  });
});

describe.each<[Experience, Experience]>([
  ["classic", "unified"],
  ["unified", "classic"],
])("switching the protected prod stack from %s to %s", (from, to) => {
  test("is refused only at the deletion of the old experience's resources, which must be unprotected first", async () => {
    const [before, after] = [await run("prod", from), await run("prod", to)];
    const steps = updateSteps(before.resources, after.resources);
    const refused = steps.filter((step) => step.refused !== undefined);
    const expected =
      from === "unified"
        ? [
            "prod-phone-template-otp-enroll",
            "prod-phone-template-otp-verify",
            "prod-custom-phone-provider",
            bindingResourceName(TRIGGER[from], "prod"),
            actionResourceName(TRIGGER[from], "prod"),
          ]
        : [bindingResourceName(TRIGGER[from], "prod"), actionResourceName(TRIGGER[from], "prod")];
    expect(refused.map((step) => step.name).sort()).toEqual([...expected].sort());
    expect(refused.every((step) => step.operation === "delete" && step.refused?.includes("pulumi state unprotect"))).toBe(true);
    // Unprotected beforehand (docs/phone-experience.md), the same update goes through.
    const unprotected = before.resources.map((resource) =>
      expected.includes(resource.name) ? { ...resource, opts: { ...resource.opts, protect: false } } : resource,
    );
    expect(updateSteps(unprotected, after.resources).filter((step) => step.refused !== undefined)).toEqual([]);
    expect(after.one(ACTION).opts.protect).toBe(true);
  });
});
