/**
 * The phone experience a stack deploys, from its `phoneExperience` choice and the tenant's
 * `phone_consolidated_experience` flag, and the stack's refusal of a choice the provider would refuse.
 *
 * Provider rule (terraform-provider-auth0, bridged by @pulumi/auth0; rule added in v1.49.0, commit
 * 612c5ea9, unchanged at v1.55.0):
 * - internal/auth0/guardian/expand.go, configurePhone: with the flag enabled, a Guardian `phone` block
 *   with `provider` or `options` fails: "provider or options cannot be specified when phone
 *   consolidated experience is enabled for tenant".
 * - internal/auth0/guardian/resource.go, isPhoneConsolidatedExperienceEnabled: a flag that is not set
 *   counts as enabled ("Enabled by default for new tenants").
 * - internal/auth0/tenant/flatten.go: the tenant data source (auth0.getTenant) sets
 *   `phone_consolidated_experience` from go-auth0's GetPhoneConsolidatedExperience(), false when unset.
 */
import * as pulumi from "@pulumi/pulumi";
import { describe, expect, test, vi } from "vitest";
import {
  experienceForTenantFlag,
  resolvePhoneExperience,
  resolveWithoutTenant,
  type TenantPhoneFlag,
} from "../../infra/auth0/phone-experience";
import { tenantSettingsFrom } from "../../infra/auth0/tenant-settings";
import { StackConfigError, validateStackConfig } from "../../infra/config/validate-config";
import { ACTION, GUARDIAN, PHONE_PROVIDER, runProgram } from "./run-program";

describe("auto follows the tenant's flag", () => {
  test.each<[TenantPhoneFlag, string, string]>([
    [true, "unified", "unified (auto: tenant flag phone_consolidated_experience on)"],
    [undefined, "unified", "unified (auto: tenant flag phone_consolidated_experience unset, a new tenant's default, which counts as on)"],
    [false, "classic", "classic (auto: tenant flag phone_consolidated_experience off)"],
  ])("flag %s: %s", (flag, experience, summary) => {
    expect(resolvePhoneExperience("auto", flag)).toMatchObject({ experience, summary });
    expect(experienceForTenantFlag(flag)).toBe(experience);
  });

  test('an off flag is taken as off, without a warning (the program resolved "never set" before: tenant-settings.ts)', () => {
    expect(resolvePhoneExperience("auto", false)).not.toHaveProperty("warning");
  });
});

describe("an explicit choice", () => {
  test.each<[TenantPhoneFlag, string]>([
    [true, "is on"],
    [undefined, "is unset, which counts as on"],
  ])("classic on a tenant whose flag %s is refused, naming the flag and both ways out", (flag, state) => {
    const resolved = resolvePhoneExperience("classic", flag);
    expect(resolved).toHaveProperty("problem");
    const problem = (resolved as { problem: string }).problem;
    expect(problem).toContain(`its flag phone_consolidated_experience ${state}`);
    expect(problem).toContain("set phoneExperience to auto or unified");
    expect(problem).toContain('PATCH /api/v2/tenants/settings {"phone_consolidated_experience": false}');
  });

  test("classic on a tenant whose flag is off, and unified on one whose flag is on or unset, are kept", () => {
    expect(resolvePhoneExperience("classic", false)).toMatchObject({ experience: "classic" });
    expect(resolvePhoneExperience("unified", true)).toMatchObject({ experience: "unified" });
    expect(resolvePhoneExperience("unified", undefined)).toMatchObject({ experience: "unified" });
  });

  test("unified on a tenant whose flag is confirmed off is refused, naming the flag and both ways out", () => {
    // With the flag off, Guardian's configurePhone takes the classic branch and calls UpdateProvider
    // with the block's provider, which unified leaves unset (guardian/expand.go).
    const resolved = resolvePhoneExperience("unified", false);
    expect(resolved).toHaveProperty("problem");
    const problem = (resolved as { problem: string }).problem;
    expect(problem).toContain("unified contradicts the tenant: its flag phone_consolidated_experience is off");
    expect(problem).toContain("set phoneExperience to auto or classic");
    expect(problem).toContain('PATCH /api/v2/tenants/settings {"phone_consolidated_experience": true}');
  });

  test("unified on a tenant whose off could not be confirmed (the raw read failed) is kept with a warning giving both ways out", () => {
    const resolved = resolvePhoneExperience("unified", false, { offUnconfirmed: true });
    expect(resolved).toMatchObject({ experience: "unified" });
    expect("warning" in resolved && resolved.warning).toMatch(/could not confirm.*auto or classic.*"phone_consolidated_experience": true/);
  });

  test("without a tenant reading (tools working from the stack file) nothing is refused; auto assumes a new tenant", () => {
    expect(resolveWithoutTenant("classic").experience).toBe("classic");
    expect(resolveWithoutTenant("auto").experience).toBe("unified");
  });

  test("a refusal is a stack configuration problem keyed phoneExperience", () => {
    expect(() =>
      validateStackConfig({
        stack: "prod",
        region: "us-east-1",
        values: { phoneExperience: "classic" },
        tenant: { phoneConsolidatedExperience: true },
      }),
    ).toThrow(StackConfigError);
  });
});

test("the tenant's answer is reduced to the flag (true, false or unset) and its friendly name", () => {
  expect(tenantSettingsFrom({ phoneConsolidatedExperience: true, friendlyName: "Acme" })).toEqual({
    phoneConsolidatedExperience: true,
    friendlyName: "Acme",
  });
  expect(tenantSettingsFrom({ phoneConsolidatedExperience: false, friendlyName: "" })).toEqual({
    phoneConsolidatedExperience: false,
    friendlyName: undefined,
  });
  expect(tenantSettingsFrom({})).toEqual({ phoneConsolidatedExperience: undefined, friendlyName: undefined });
});

describe("the program reads the tenant through auth0.getTenant", () => {
  test("a stack on auto deploys unified on a tenant whose flag is on, classic on one whose flag is off", async () => {
    const on = await runProgram({ stack: "dev", overrides: { phoneExperience: "auto" }, tenant: { phoneConsolidatedExperience: true } });
    expect(on.ofType(PHONE_PROVIDER)).toHaveLength(1);
    expect(on.one(GUARDIAN).inputs.phone).toEqual({ enabled: true, messageTypes: ["sms"] });
    const off = await runProgram({ stack: "dev", overrides: { phoneExperience: "auto" }, tenant: { phoneConsolidatedExperience: false } });
    expect(off.ofType(PHONE_PROVIDER)).toHaveLength(0);
    expect(off.one(GUARDIAN).inputs.phone).toMatchObject({ provider: "phone-message-hook" });
    expect(off.one(ACTION).inputs.supportedTriggers).toEqual({ id: "send-phone-message", version: "v2" });
  });

  test("unified (pinned) is refused on a tenant whose raw read answers off, before any resource is registered", async () => {
    const registered: string[] = [];
    await expect(
      runProgram({
        stack: "dev",
        overrides: { phoneExperience: "unified" },
        tenant: { phoneConsolidatedExperience: false },
        onRegister: (type) => registered.push(type),
      }),
    ).rejects.toThrow(/phoneExperience: unified contradicts the tenant: its flag phone_consolidated_experience is off/);
    expect(registered).toEqual([]);
  });

  test("unified (pinned) on a tenant whose off could not be confirmed goes ahead with a warning", async () => {
    const warned = vi.spyOn(pulumi.log, "warn").mockResolvedValue(undefined);
    try {
      const run = await runProgram({
        stack: "dev",
        overrides: { phoneExperience: "unified" },
        tenant: { phoneConsolidatedExperience: false },
        readPhoneFlag: async () => ({ ok: false, problem: "https://t/oauth/token is unreachable (ECONNREFUSED)" }),
      });
      expect(run.outputs.phoneExperience).toBe("unified");
      expect(run.ofType(PHONE_PROVIDER)).toHaveLength(1);
      const messages = warned.mock.calls.map((call) => String(call[0]));
      expect(messages.some((message) => message.includes("ECONNREFUSED"))).toBe(true);
      expect(messages.some((message) => message.includes("phoneExperience is unified") && message.includes("could not confirm"))).toBe(
        true,
      );
    } finally {
      warned.mockRestore();
    }
  });

  test("prod (classic, pinned) is refused on a tenant whose flag is on, before any resource is registered", async () => {
    const registered: string[] = [];
    await expect(
      runProgram({ stack: "prod", tenant: { phoneConsolidatedExperience: true }, onRegister: (type) => registered.push(type) }),
    ).rejects.toThrow(/phoneExperience: classic contradicts the tenant: its flag phone_consolidated_experience is on/);
    expect(registered).toEqual([]);
  });
});
