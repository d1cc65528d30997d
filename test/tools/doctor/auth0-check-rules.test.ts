// The rules behind the Auth0 checks, each against its source: the scopes derived from the provider's
// calls (infra/auth0/management-api-scopes.ts), the program's own Action naming
// (infra/auth0/tenant-sms-mfa.ts), the provider's reading of an unset phone_consolidated_experience,
// and the judgements over Management API answers.
import type { Management } from "auth0";
import { describe, expect, it } from "vitest";
import { requiredScopes } from "../../../infra/auth0/management-api-scopes";
import { actionNameFor, actionTriggerFor } from "../../../infra/auth0/tenant-sms-mfa";
import { resolveExperience, senderActionName, triggerFor } from "../../../tools/doctor/auth0-experience";
import { actionDeployedCheck, mfaMessageTypesCheck, mfaPhoneProviderCheck } from "../../../tools/doctor/auth0-deployment-checks";
import { ALL_DOCTOR_SCOPES, doctorScopes, tokenScopes } from "../../../tools/doctor/auth0-scopes";
import { DoctorCredentialsError, resolveCredentials, type Read } from "../../../tools/doctor/auth0-session";
import {
  guardianFactorsCheck,
  phoneExperienceCheck,
  phoneProviderCheck,
  tokenScopesCheck,
} from "../../../tools/doctor/auth0-tenant-checks";

const own = { id: "act-1", name: "sns-sms-sender-dev-send-phone-message" };

function jwt(claims: Record<string, unknown>): string {
  const part = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString("base64url");
  return `${part({ alg: "RS256", typ: "JWT" })}.${part(claims)}.c2lnbmF0dXJl`;
}

describe("the scopes the doctor checks", () => {
  const VARIANTS = [
    { experience: "classic", monitoring: false },
    { experience: "classic", monitoring: true },
    { experience: "unified", monitoring: false },
    { experience: "unified", monitoring: true },
  ] as const;

  it.each(VARIANTS)(
    "are exactly the derived set for $experience (monitoring $monitoring): it passes, and fails without any one of them",
    (variant) => {
      const needed = requiredScopes(variant);
      const granted = [...new Set([...needed, ...doctorScopes(variant.experience)])];
      expect(tokenScopesCheck(granted, variant.experience, variant.monitoring).status).toBe("pass");
      for (const scope of needed) {
        const check = tokenScopesCheck(
          granted.filter((other) => other !== scope),
          variant.experience,
          variant.monitoring,
        );
        expect(check.status, scope).toBe("fail");
        expect(check.reason, scope).toContain(scope);
      }
    },
  );

  it("leave the doctor's own reads read-only, and within what pulumi up needs", () => {
    for (const scope of ALL_DOCTOR_SCOPES) expect(scope).toMatch(/^read:/);
    for (const experience of ["classic", "unified"] as const) {
      expect(requiredScopes({ experience })).toEqual(expect.arrayContaining(doctorScopes(experience)));
    }
  });

  it("are read from the access token's scope claim", () => {
    expect(tokenScopes(jwt({ scope: "read:actions update:actions", gty: "client-credentials" }))).toEqual([
      "read:actions",
      "update:actions",
    ]);
    expect(tokenScopes(jwt({ gty: "client-credentials" }))).toBeUndefined();
    expect(tokenScopes("opaque-token")).toBeUndefined();
  });

  it("fail on a classic scope and only warn on unified's when auto could not read the flag", () => {
    const classicOnly = [...requiredScopes({ experience: "classic" }), ...ALL_DOCTOR_SCOPES];
    const unresolved = tokenScopesCheck(classicOnly, undefined);
    expect(unresolved.status).toBe("warn");
    expect(unresolved.reason).toContain("create:phone_providers");
    expect(tokenScopesCheck(classicOnly, "unified").status).toBe("fail");
    expect(
      tokenScopesCheck(
        classicOnly.filter((scope) => scope !== "delete:actions"),
        undefined,
      ),
    ).toMatchObject({ status: "fail" });
    expect(tokenScopesCheck(undefined, "classic").status).toBe("warn");
  });
});

describe("the Guardian factors a first pulumi up never turns off", () => {
  const stack = { factorEmail: false, factorOtp: true, factorRecoveryCode: false };
  const tenant = (on: string[]): Read<Management.GuardianFactor[]> => ({
    ok: true,
    value: (["email", "otp", "recovery-code", "sms"] as const).map((name) => ({ name, enabled: on.includes(name) })),
  });

  it("fail when the tenant has one on that the stack turns off, naming it and its key", () => {
    const check = guardianFactorsCheck(stack, tenant(["email", "recovery-code", "otp"]));
    expect(check.status).toBe("fail");
    expect(check.reason).toContain("email (factorEmail: false), recovery-code (factorRecoveryCode: false)");
    expect(check.next).toContain("factorEmail: true, factorRecoveryCode: true");
  });

  it("pass when every factor on in the tenant is on in the stack too (a factor the stack turns on is written)", () => {
    expect(guardianFactorsCheck(stack, tenant(["otp", "sms"])).status).toBe("pass");
    expect(guardianFactorsCheck({ ...stack, factorEmail: true }, tenant(["email"])).status).toBe("pass");
  });

  it("warn, naming the scope, when the factors cannot be read", () => {
    const check = guardianFactorsCheck(stack, { ok: false, status: 403, problem: "403 Insufficient scope" });
    expect(check.status).toBe("warn");
    expect(check.next).toContain("scope");
  });
});

describe("the stack's sender Action", () => {
  it("has the trigger and name the program gives it (infra/auth0/tenant-sms-mfa.ts)", () => {
    for (const experience of ["classic", "unified"] as const) {
      expect(triggerFor(experience)).toBe(actionTriggerFor(experience));
      expect(senderActionName("prod", triggerFor(experience))).toBe(actionNameFor("prod", actionTriggerFor(experience)));
    }
  });
});

describe("the phone experience", () => {
  // terraform-provider-auth0 internal/auth0/guardian/resource.go isPhoneConsolidatedExperienceEnabled
  // (commit a00b69214a6c1daef76cf89d25ece690c7f9db22): "If not explicitly set, Enabled by default for new tenants."
  it("treats an unset flag as on, as the Auth0 provider does", () => {
    // The program reads the raw setting when getTenant reports false (infra/auth0/tenant-settings.ts).
    expect(resolveExperience("auto", undefined)).toBe("unified");
    expect(resolveExperience("auto", true)).toBe("unified");
    expect(resolveExperience("auto", false)).toBe("classic");
    expect(resolveExperience("classic", true)).toBe("classic");
  });

  it.each([
    ["classic", false, "pass"],
    ["classic", true, "fail"],
    ["classic", undefined, "fail"],
    ["unified", true, "pass"],
    ["unified", undefined, "pass"],
    ["unified", false, "fail"],
    ["auto", false, "pass"],
    ["auto", true, "pass"],
    // Never set: getTenant reads it as off, the program reads the raw setting itself and deploys unified.
    ["auto", undefined, "pass"],
  ] as const)("%s with the flag %s: %s", (stack, flag, status) => {
    expect(phoneExperienceCheck(stack, { ok: true, value: flag }).status).toBe(status);
  });

  it("warns, naming the scope, when the flag cannot be read", () => {
    const check = phoneExperienceCheck("classic", {
      ok: false,
      status: 403,
      problem: "GET /api/v2/tenants/settings answered 403 (Insufficient scope, expected any of: read:tenant_settings)",
    });
    expect(check.status).toBe("warn");
    expect(check.reason).toContain("read:tenant_settings");
  });
});

describe("the credentials", () => {
  const env = { AUTH0_DOMAIN: "env-tenant.eu.auth0.com", AUTH0_CLIENT_ID: "envClient", AUTH0_CLIENT_SECRET: "env-secret" };

  it("come from the stack, else from the Auth0 provider's environment variables", () => {
    expect(resolveCredentials({ domain: "", clientId: "", clientSecret: "", env })).toEqual({
      domain: "env-tenant.eu.auth0.com",
      clientId: "envClient",
      clientSecret: "env-secret",
    });
    expect(resolveCredentials({ domain: "stack.auth0.com:8443", clientId: "stackClient", clientSecret: "s", env }).domain).toBe(
      "stack.auth0.com:8443",
    );
  });

  it("name every missing key, and a domain that is not a host, without printing the secret", () => {
    expect(() => resolveCredentials({ domain: "", clientId: "", clientSecret: "", env: {} })).toThrow(
      new DoctorCredentialsError(
        "Auth0 Management API credentials missing: auth0:domain (or AUTH0_DOMAIN), auth0:clientId (or AUTH0_CLIENT_ID), auth0:clientSecret (or AUTH0_CLIENT_SECRET)",
      ),
    );
    let message = "";
    try {
      resolveCredentials({ domain: "https://my-tenant.auth0.com/", clientId: "c", clientSecret: "very-secret-value", env: {} });
    } catch (error) {
      expect(error).toBeInstanceOf(DoctorCredentialsError);
      message = (error as Error).message;
    }
    expect(message).toContain("auth0:domain");
    expect(message).not.toContain("very-secret-value");
  });
});

describe("the deployed Action and MFA factor", () => {
  it("fail an Action that is still building, has undeployed changes, or is gone", () => {
    const built = {
      id: "act-1",
      name: own.name,
      status: "built" as const,
      all_changes_deployed: true,
      deployed_version: { deployed: true },
    };
    expect(actionDeployedCheck({ ok: true, value: built }, own).status).toBe("pass");
    expect(actionDeployedCheck({ ok: true, value: { ...built, status: "building" } }, own).reason).toContain("building");
    expect(actionDeployedCheck({ ok: true, value: { ...built, all_changes_deployed: false } }, own).status).toBe("fail");
    expect(actionDeployedCheck({ ok: false, status: 404, problem: "not found" }, own)).toMatchObject({ status: "fail" });
    expect(actionDeployedCheck({ ok: false, status: 403, problem: "403" }, own)).toMatchObject({ status: "warn" });
  });

  it("warn when voice is offered (SNS cannot deliver it) and fail without sms", () => {
    expect(mfaMessageTypesCheck({ ok: true, value: ["sms", "voice"] }).status).toBe("warn");
    expect(mfaMessageTypesCheck({ ok: true, value: ["voice"] }).status).toBe("fail");
  });

  it("fail a classic tenant whose Guardian provider is not phone-message-hook", () => {
    expect(mfaPhoneProviderCheck({ ok: true, value: "twilio" }).status).toBe("fail");
    expect(mfaPhoneProviderCheck({ ok: true, value: "phone-message-hook" }).status).toBe("pass");
  });

  it("fail a deployed unified tenant whose phone provider is not the enabled custom one", () => {
    expect(phoneProviderCheck({ ok: true, value: [{ name: "twilio" }] }, true).status).toBe("fail");
    expect(phoneProviderCheck({ ok: true, value: [{ name: "custom", disabled: true }] }, true).status).toBe("fail");
    expect(phoneProviderCheck({ ok: true, value: [] }, false).status).toBe("pass");
  });
});
