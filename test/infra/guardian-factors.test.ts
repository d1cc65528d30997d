/**
 * The MFA factors other than phone, as auth0.Guardian receives them under Pulumi's mocks: every
 * factor the stack owns is sent, an off one as `enabled: false`, and each `factor*` key turns its
 * factor on and off.
 *
 * Provider rules (terraform-provider-auth0 v1.53.0, bridged by @pulumi/auth0 3.49.0):
 * - internal/auth0/guardian/resource.go: `webauthn_roaming`, `webauthn_platform`, `duo` and `push` are
 *   Optional + Computed blocks with a Required `enabled`; `email`, `otp`, `recovery_code` are booleans
 *   defaulting to false.
 * - internal/auth0/guardian/expand.go: each factor is written only when its block changes
 *   (`if !data.HasChange("push") { return nil }`, and the same in updateWebAuthnRoaming,
 *   updateWebAuthnPlatform, updateDUO), so a block left out keeps whatever the tenant has; with
 *   `enabled` false the update calls Enable(false) and returns before reading any other field.
 * - internal/auth0/guardian/resource_test.go turns each factor off with `<block> { enabled = false }`.
 */
import { describe, expect, test } from "vitest";
import type { ActionTrigger, BuiltAction } from "../../infra/auth0/action-bundle";
import { guardianSettings } from "../../infra/auth0/guardian-settings";
import type { GuardianFactors } from "../../infra/config/stack-config-types";
import { GUARDIAN, runProgram } from "./run-program";

const build = (trigger: ActionTrigger): Promise<BuiltAction> =>
  Promise.resolve({ code: `exports.handler = "${trigger}";`, dependencies: [] } as unknown as BuiltAction);

/** Each factor's stack key and how Guardian's inputs show it on and off. */
const FACTORS: { key: keyof GuardianFactors; configKey: string; input: string; on: unknown; off: unknown }[] = [
  { key: "otp", configKey: "factorOtp", input: "otp", on: true, off: false },
  { key: "recoveryCode", configKey: "factorRecoveryCode", input: "recoveryCode", on: true, off: false },
  { key: "email", configKey: "factorEmail", input: "email", on: true, off: false },
  { key: "webauthnRoaming", configKey: "factorWebauthnRoaming", input: "webauthnRoaming", on: { enabled: true }, off: { enabled: false } },
  {
    key: "webauthnPlatform",
    configKey: "factorWebauthnPlatform",
    input: "webauthnPlatform",
    on: { enabled: true },
    off: { enabled: false },
  },
  { key: "push", configKey: "factorPush", input: "push", on: { enabled: true, provider: "guardian" }, off: { enabled: false } },
];

const ALL_ON = Object.fromEntries(FACTORS.map((factor) => [factor.configKey, true]));
const ALL_OFF = Object.fromEntries(FACTORS.map((factor) => [factor.configKey, false]));

const runs = new Map<string, Promise<Record<string, unknown>>>();

/** Guardian's inputs for these factor keys (one program run per distinct setting; runs share Pulumi's global mocks, so one at a time). */
function guardianInputs(factors: Record<string, unknown>): Promise<Record<string, unknown>> {
  const key = JSON.stringify(factors);
  let inputs = runs.get(key);
  if (inputs === undefined) {
    inputs = runProgram({ stack: "dev", overrides: { phoneExperience: "unified", ...factors }, build }).then(
      (run) => run.one(GUARDIAN).inputs,
    );
    runs.set(key, inputs);
  }
  return inputs;
}

describe("Guardian's inputs carry every factor the stack owns", () => {
  test("all off: every factor is sent off, Duo included (the project never enables it)", async () => {
    const inputs = await guardianInputs(ALL_OFF);
    for (const factor of FACTORS) expect(inputs[factor.input], factor.input).toEqual(factor.off);
    expect(inputs.duo).toEqual({ enabled: false });
  });

  test("all on: every factor is sent on; Duo stays off", async () => {
    const inputs = await guardianInputs(ALL_ON);
    for (const factor of FACTORS) expect(inputs[factor.input], factor.input).toEqual(factor.on);
    expect(inputs.duo).toEqual({ enabled: false });
  });

  test.each(FACTORS.map((factor) => [factor.configKey, factor] as const))(
    "%s turns its factor off from on and on from off, and nothing else",
    async (_key, factor) => {
      const allOn = await guardianInputs(ALL_ON);
      const allOff = await guardianInputs(ALL_OFF);
      const turnedOff = await guardianInputs({ ...ALL_ON, [factor.configKey]: false });
      const turnedOn = await guardianInputs({ ...ALL_OFF, [factor.configKey]: true });
      expect(turnedOff[factor.input]).toEqual(factor.off);
      expect(turnedOn[factor.input]).toEqual(factor.on);
      expect({ ...turnedOff, [factor.input]: factor.on }).toEqual(allOn);
      expect({ ...turnedOn, [factor.input]: factor.off }).toEqual(allOff);
    },
  );
});

test("guardianSettings sends every Optional + Computed block, whatever the factors", () => {
  for (const on of [true, false]) {
    const factors: GuardianFactors = { otp: on, recoveryCode: on, email: on, webauthnRoaming: on, webauthnPlatform: on, push: on };
    const settings = guardianSettings({
      phoneExperience: "classic",
      mfaPolicy: "all-applications",
      factors,
      enrollmentMessage: "{{code}}",
      verificationMessage: "{{code}}",
    });
    for (const block of ["webauthnRoaming", "webauthnPlatform", "duo", "push"] as const) expect(settings[block], block).toBeDefined();
  }
});
