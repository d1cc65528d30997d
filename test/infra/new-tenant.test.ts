/**
 * The program on a new tenant, under Pulumi's mocks: auth0.getTenant answers as the Auth0 provider
 * does (a phone_consolidated_experience never set reads false: terraform-provider-auth0 v1.53.0
 * internal/auth0/tenant/flatten.go), and the program's raw read of the setting (injected) tells "never
 * set" from "off". Guardian treats never set as on (internal/auth0/guardian/resource.go,
 * isPhoneConsolidatedExperienceEnabled), so a new tenant must get unified.
 */
import * as pulumi from "@pulumi/pulumi";
import { afterEach, describe, expect, test, vi } from "vitest";
import type { PhoneFlagRead } from "../../infra/auth0/tenant-settings";
import { ACTION, GUARDIAN, PHONE_PROVIDER, runProgram } from "./run-program";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("phoneExperience auto on a tenant whose getTenant reads the flag as false", () => {
  test("a new tenant (the setting never set) deploys unified: no classic Guardian phone provider", async () => {
    const run = await runProgram({ stack: "dev", overrides: { phoneExperience: "auto" }, tenant: {} });
    expect(run.outputs.phoneExperience).toBe("unified");
    expect(run.ofType(PHONE_PROVIDER)).toHaveLength(1);
    expect(run.one(GUARDIAN).inputs.phone).toEqual({ enabled: true, messageTypes: ["sms"] });
    expect(run.one(ACTION).inputs.supportedTriggers).toEqual({ id: "custom-phone-provider", version: "v1" });
  });

  test("a tenant whose flag is really off deploys classic", async () => {
    const run = await runProgram({ stack: "dev", overrides: { phoneExperience: "auto" }, tenant: { phoneConsolidatedExperience: false } });
    expect(run.outputs.phoneExperience).toBe("classic");
    expect(run.one(GUARDIAN).inputs.phone).toMatchObject({ provider: "phone-message-hook" });
  });

  test("prod (classic, pinned) on a new tenant is refused before anything is registered, naming the flag", async () => {
    const registered: string[] = [];
    await expect(runProgram({ stack: "prod", tenant: {}, onRegister: (type) => registered.push(type) })).rejects.toThrow(
      /phoneExperience: classic contradicts the tenant: its flag phone_consolidated_experience is unset/,
    );
    expect(registered).toEqual([]);
  });

  test("when the raw read fails, the provider's reading is kept (classic) and the run warns with the reason and the fix", async () => {
    const warned = vi.spyOn(pulumi.log, "warn").mockResolvedValue(undefined);
    const failing = async (): Promise<PhoneFlagRead> => ({
      ok: false,
      problem: "GET https://t/api/v2/tenants/settings answered 403: the application's grant lacks the scope read:tenant_settings",
    });
    const run = await runProgram({ stack: "dev", overrides: { phoneExperience: "auto" }, tenant: {}, readPhoneFlag: failing });
    expect(run.outputs.phoneExperience).toBe("classic");
    const messages = warned.mock.calls.map((call) => String(call[0]));
    expect(
      messages.some(
        (message) =>
          message.includes("could not read the setting itself") &&
          message.includes("read:tenant_settings") &&
          message.includes("pin phoneExperience"),
      ),
    ).toBe(true);
  });

  test("a flag read as true needs no raw read", async () => {
    const read = vi.fn(async (): Promise<PhoneFlagRead> => ({ ok: true, phoneConsolidatedExperience: undefined }));
    const run = await runProgram({
      stack: "dev",
      overrides: { phoneExperience: "auto" },
      tenant: { phoneConsolidatedExperience: true },
      readPhoneFlag: read,
    });
    expect(run.outputs.phoneExperience).toBe("unified");
    expect(read).not.toHaveBeenCalled();
  });
});
