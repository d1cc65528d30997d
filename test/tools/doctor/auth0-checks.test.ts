// The Auth0 checks of `npm run doctor`, with Auth0's real Node SDK (`auth0`) against a local HTTPS
// stand-in of the Management API and its token endpoint (test/support/local-auth0-api.ts), one
// scenario per finding. The checks run in a child process that trusts the stand-in's certificate
// through NODE_EXTRA_CA_CERTS, the standard mechanism an operator would use; the domain is the
// stand-in's host:port, as auth0:domain / AUTH0_DOMAIN would hold it.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requiredScopes } from "../../../infra/auth0/management-api-scopes";
import type { Auth0DoctorInput } from "../../../tools/doctor/auth0-checks";
import { AUTH0_CHECKS } from "../../../tools/doctor/auth0-check-ids";
import type { DoctorCheck } from "../../../tools/doctor/doctor-check";
import { healthyClassicTenant, startLocalAuth0Api, type LocalAuth0Api, type StandInTenant } from "../../support/local-auth0-api";
import { createSelfSignedCertificate } from "../../../tools/kit/self-signed-certificate";

const root = path.resolve(__dirname, "../../..");
const SECRET_NAMES = ["AWS_REGION", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "ALLOWED_COUNTRIES"];
/** The stack files' defaults (Pulumi.yaml): OTP and recovery codes on, email off. */
const STACK_FACTORS = { factorEmail: false, factorOtp: true, factorRecoveryCode: true };

type Outcome = { checks: DoctorCheck[] } | { error: { name: string; credentials: boolean; message: string } };
type Input = Omit<Auth0DoctorInput, "env">;

interface Scenario {
  api?: LocalAuth0Api;
  input: Input;
  outcome?: Outcome;
}

function unifiedTenant(stack: string): StandInTenant {
  const tenant = healthyClassicTenant(stack, SECRET_NAMES);
  const action = tenant.actions[0];
  if (action === undefined) throw new Error("healthy tenant without its Action");
  action.trigger = "custom-phone-provider";
  action.name = `sns-sms-sender-${stack}-custom-phone-provider`;
  tenant.bindings = { "custom-phone-provider": [action.id] };
  tenant.phoneConsolidatedExperience = undefined; // unset: on for new tenants
  tenant.phoneProviders = [{ id: "pro_custom1", name: "custom", disabled: false }];
  tenant.grantedScopes = requiredScopes({ experience: "unified" });
  return tenant;
}

function inputFor(api: LocalAuth0Api, stack: string, phoneExperience: Input["phoneExperience"], deployed: boolean): Input {
  const action = api.tenant.actions[0];
  return {
    domain: api.domain,
    clientId: api.tenant.clientId,
    clientSecret: api.tenant.clientSecret,
    phoneExperience,
    factors: STACK_FACTORS,
    stack,
    deployed:
      deployed && action !== undefined
        ? { actionId: action.id, actionName: action.name, senderUserName: `sns-sms-sender-${stack}` }
        : undefined,
    expectedSecretNames: SECRET_NAMES,
  };
}

const byId = (outcome: Outcome | undefined): Map<string, DoctorCheck> => {
  if (outcome === undefined || !("checks" in outcome)) throw new Error(`no checks: ${JSON.stringify(outcome)}`);
  return new Map(outcome.checks.map((check) => [check.id, check]));
};

const certificate = createSelfSignedCertificate();
const workDir = mkdtempSync(path.join(tmpdir(), "doctor-auth0-"));
const caFile = path.join(workDir, "stand-in-ca.pem");
const scenarios: Record<string, Scenario> = {};
let childOutput = "";
const CUSTOM_AUDIENCE = "https://login.example.com/api/v2/";

beforeAll(async () => {
  writeFileSync(caFile, certificate.certPem);
  const start = async (tenant: StandInTenant): Promise<LocalAuth0Api> => startLocalAuth0Api(tenant, certificate);

  const healthy = await start(healthyClassicTenant("dev", SECRET_NAMES));
  scenarios.healthyClassic = { api: healthy, input: inputFor(healthy, "dev", "classic", true) };

  const unified = await start(unifiedTenant("prod"));
  scenarios.healthyUnified = { api: unified, input: inputFor(unified, "prod", "unified", true) };

  const flagOn = await start({ ...healthyClassicTenant("dev", SECRET_NAMES), phoneConsolidatedExperience: undefined });
  scenarios.flagMismatch = { api: flagOn, input: inputFor(flagOn, "dev", "classic", false) };

  const autoOff = await start(healthyClassicTenant("dev", SECRET_NAMES));
  scenarios.autoPicksClassic = { api: autoOff, input: inputFor(autoOff, "dev", "auto", false) };

  const foreignTenant = healthyClassicTenant("dev", SECRET_NAMES);
  foreignTenant.actions.push({
    id: "act-legacy",
    name: "legacy-twilio-sender",
    trigger: "send-phone-message",
    status: "built",
    allChangesDeployed: true,
    deployed: true,
    secretNames: ["TWILIO_TOKEN"],
  });
  foreignTenant.bindings["send-phone-message"] = ["act-legacy"];
  const foreign = await start(foreignTenant);
  scenarios.foreignBinding = { api: foreign, input: inputFor(foreign, "dev", "classic", false) };

  const handAdded = await start(healthyClassicTenant("dev", [...SECRET_NAMES, "DEBUG_TOKEN"]));
  scenarios.handAddedSecret = { api: handAdded, input: inputFor(handAdded, "dev", "classic", true) };

  const narrowTenant = healthyClassicTenant("dev", SECRET_NAMES);
  narrowTenant.grantedScopes = narrowTenant.grantedScopes.filter(
    (scope) => scope !== "update:guardian_factors" && scope !== "read:tenant_settings",
  );
  const narrow = await start(narrowTenant);
  scenarios.missingScope = { api: narrow, input: inputFor(narrow, "dev", "classic", true) };

  // A tenant with email MFA on, for a stack that keeps it off (factorEmail false), before its first pulumi up.
  const emailOn = healthyClassicTenant("dev", SECRET_NAMES);
  emailOn.guardianFactors.email = true;
  const emailOnApi = await start(emailOn);
  scenarios.emailOnBeforeFirstUp = { api: emailOnApi, input: inputFor(emailOnApi, "dev", "classic", false) };

  // The scopes a classic stack needs only because of what the tenant or an earlier configuration holds.
  for (const [name, scope] of [
    ["classicWithoutReadPrompts", "read:prompts"],
    ["classicWithoutTemplateDelete", "delete:phone_templates"],
  ] as const) {
    const tenant = healthyClassicTenant("dev", SECRET_NAMES);
    tenant.grantedScopes = tenant.grantedScopes.filter((granted) => granted !== scope);
    const api = await start(tenant);
    scenarios[name] = { api, input: inputFor(api, "dev", "classic", true) };
  }

  const unifiedTaken = unifiedTenant("prod");
  unifiedTaken.actions = [
    {
      id: "act-other",
      name: "twilio-relay",
      trigger: "custom-phone-provider",
      status: "built",
      allChangesDeployed: true,
      deployed: true,
      secretNames: [],
    },
  ];
  unifiedTaken.bindings = { "custom-phone-provider": ["act-other"] };
  unifiedTaken.phoneProviders = [{ id: "pro_twilio", name: "twilio", disabled: false }];
  const taken = await start(unifiedTaken);
  scenarios.otherCustomProvider = { api: taken, input: inputFor(taken, "prod", "unified", false) };

  const noProviders = unifiedTenant("prod");
  noProviders.missingEndpoints = ["/api/v2/branding/phone/providers"];
  const featureless = await start(noProviders);
  scenarios.endpointNotFound = { api: featureless, input: inputFor(featureless, "prod", "unified", true) };

  const dropping = await start(healthyClassicTenant("dev", SECRET_NAMES));
  dropping.dropApiConnections(true);
  scenarios.apiUnreachable = { api: dropping, input: inputFor(dropping, "dev", "classic", true) };

  const closed = await start(healthyClassicTenant("dev", SECRET_NAMES));
  scenarios.tenantUnreachable = { input: inputFor(closed, "dev", "classic", true) };
  await closed.close(); // nothing listens on its port any more

  const refused = await start(healthyClassicTenant("dev", SECRET_NAMES));
  scenarios.wrongSecret = { api: refused, input: { ...inputFor(refused, "dev", "classic", false), clientSecret: "not-the-secret" } };
  scenarios.missingDomain = { input: { ...inputFor(refused, "dev", "classic", false), domain: "" } };

  // A tenant whose Management API is configured on another audience (auth0:audience, as the provider takes it).
  const customAudience = await start({ ...healthyClassicTenant("dev", SECRET_NAMES), managementAudience: CUSTOM_AUDIENCE });
  scenarios.customAudience = {
    api: customAudience,
    input: { ...inputFor(customAudience, "dev", "classic", true), audience: CUSTOM_AUDIENCE },
  };
  scenarios.customAudienceNotGiven = { api: customAudience, input: inputFor(customAudience, "dev", "classic", true) };

  const names = Object.keys(scenarios);
  const stdin = JSON.stringify(names.map((name) => scenarios[name]?.input));
  const { AUTH0_DOMAIN: _domain, AUTH0_CLIENT_ID: _id, AUTH0_CLIENT_SECRET: _secret, ...env } = process.env;
  childOutput = await new Promise<string>((resolve, reject) => {
    const child = execFile(
      process.execPath,
      ["--require", path.join(root, "tools", "typescript-require-hook.cjs"), "test/support/run-auth0-checks.ts"],
      { cwd: root, env: { ...env, NODE_EXTRA_CA_CERTS: caFile }, maxBuffer: 10_000_000, timeout: 120_000 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`checks child failed: ${error.message}\n${stderr}`));
        else resolve(`${stdout}\n${stderr}`);
      },
    );
    child.stdin?.end(stdin);
  });
  const outcomes = JSON.parse(childOutput.slice(0, childOutput.lastIndexOf("]") + 1)) as Outcome[];
  names.forEach((name, index) => {
    const scenario = scenarios[name];
    if (scenario !== undefined) scenario.outcome = outcomes[index];
  });
}, 150_000);

afterAll(async () => {
  await Promise.all(Object.values(scenarios).map(async (scenario) => scenario.api?.close()));
  rmSync(workDir, { recursive: true, force: true });
});

describe("auth0Checks against the Management API stand-in", () => {
  it("passes every check on a healthy, deployed classic tenant", () => {
    const checks = byId(scenarios.healthyClassic?.outcome);
    expect([...checks.keys()]).toEqual([
      "auth0.token",
      "auth0.token-scopes",
      "auth0.phone-experience",
      "auth0.guardian-factors",
      "auth0.trigger-bindings",
      "auth0.action-deployed",
      "auth0.action-bound",
      "auth0.action-secrets",
      "auth0.mfa-phone-factor",
      "auth0.mfa-message-types",
      "auth0.mfa-phone-provider",
    ]);
    for (const check of checks.values()) expect(check, check.id).toMatchObject({ status: "pass", next: "" });
  });

  it("passes every check on a healthy, deployed unified tenant whose flag is unset (on for new tenants)", () => {
    const checks = byId(scenarios.healthyUnified?.outcome);
    expect([...checks.keys()]).toContain("auth0.phone-provider");
    expect([...checks.keys()]).toContain("auth0.custom-phone-provider-actions");
    expect([...checks.keys()]).not.toContain("auth0.mfa-phone-provider");
    for (const check of checks.values()) expect(check, check.id).toMatchObject({ status: "pass" });
    expect(checks.get("auth0.phone-experience")?.reason).toContain("unset (on for new tenants)");
  });

  it("fails a classic stack on a tenant whose Unified Phone Experience flag is unset, i.e. on", () => {
    const check = byId(scenarios.flagMismatch?.outcome).get("auth0.phone-experience");
    expect(check?.status).toBe("fail");
    expect(check?.reason).toContain("phoneExperience is classic");
    expect(check?.next).toMatch(/unified/);
  });

  it("lets auto pick classic when the flag is off, and says so", () => {
    const checks = byId(scenarios.autoPicksClassic?.outcome);
    expect(checks.get("auth0.phone-experience")).toMatchObject({ status: "pass" });
    expect(checks.get("auth0.phone-experience")?.reason).toContain("auto will deploy the classic experience");
    expect(checks.get("auth0.trigger-bindings")?.reason).toContain("send-phone-message");
  });

  it("warns, naming it, about another Action bound to the phone trigger", () => {
    const check = byId(scenarios.foreignBinding?.outcome).get("auth0.trigger-bindings");
    expect(check?.status).toBe("warn");
    expect(check?.reason).toContain('"legacy-twilio-sender"');
    expect(check?.reason).toContain("unbinds");
  });

  it("fails on a secret added to the Action by hand, naming it and never a value", () => {
    const checks = byId(scenarios.handAddedSecret?.outcome);
    const check = checks.get("auth0.action-secrets");
    expect(check?.status).toBe("fail");
    expect(check?.reason).toContain('"DEBUG_TOKEN"');
    expect(check?.reason).toContain("Unmanaged Action Secret");
    expect(checks.get("auth0.action-deployed")?.status).toBe("pass");
  });

  it("fails on a scope pulumi up needs, and warns on checks whose read scope is missing", () => {
    const checks = byId(scenarios.missingScope?.outcome);
    const scopes = checks.get("auth0.token-scopes");
    expect(scopes?.status).toBe("fail");
    expect(scopes?.reason).toContain("update:guardian_factors");
    expect(scopes?.reason).toContain("read:tenant_settings");
    const flag = checks.get("auth0.phone-experience");
    expect(flag?.status).toBe("warn");
    expect(flag?.reason).toContain("403");
    expect(flag?.reason).toContain("Insufficient scope");
    expect(flag?.next).toContain("scope");
    expect(checks.get("auth0.action-secrets")?.status).toBe("pass");
  });

  it("fails, before the first pulumi up, on email MFA on in the tenant while the stack keeps it off", () => {
    const check = byId(scenarios.emailOnBeforeFirstUp?.outcome).get("auth0.guardian-factors");
    expect(check?.status).toBe("fail");
    expect(check?.reason).toContain("email (factorEmail: false)");
    expect(check?.reason).toContain("first `pulumi up` leaves it on");
    expect(check?.next).toContain("factorEmail: true");
    expect(byId(scenarios.healthyClassic?.outcome).get("auth0.guardian-factors")?.status).toBe("pass");
  });

  it("fails a classic stack without read:prompts (Guardian's read of push, on when the Dashboard turns it on) or delete:phone_templates (a switch from unified)", () => {
    for (const [name, scope] of [
      ["classicWithoutReadPrompts", "read:prompts"],
      ["classicWithoutTemplateDelete", "delete:phone_templates"],
    ] as const) {
      const check = byId(scenarios[name]?.outcome).get("auth0.token-scopes");
      expect(check?.status, name).toBe("fail");
      expect(check?.reason, name).toContain(scope);
    }
  });

  it("fails a unified stack when another custom-phone-provider Action exists, and warns that the existing provider is taken over", () => {
    const checks = byId(scenarios.otherCustomProvider?.outcome);
    expect(checks.get("auth0.custom-phone-provider-actions")).toMatchObject({ status: "fail" });
    expect(checks.get("auth0.custom-phone-provider-actions")?.reason).toContain('"twilio-relay"');
    expect(checks.get("auth0.phone-provider")).toMatchObject({ status: "warn" });
    expect(checks.get("auth0.phone-provider")?.reason).toContain("twilio");
    expect(checks.get("auth0.trigger-bindings")?.reason).toContain('"twilio-relay"');
  });

  it("warns, saying so, when an endpoint answers 404, and runs the other checks", () => {
    const checks = byId(scenarios.endpointNotFound?.outcome);
    expect(checks.get("auth0.phone-provider")).toMatchObject({ status: "warn" });
    expect(checks.get("auth0.phone-provider")?.reason).toContain("GET /api/v2/branding/phone/providers answered 404 (not found");
    expect(checks.get("auth0.action-deployed")?.status).toBe("pass");
  });

  it("turns every read into a warning when the Management API drops connections after the token", () => {
    const checks = byId(scenarios.apiUnreachable?.outcome);
    expect(checks.get("auth0.token")?.status).toBe("pass");
    for (const id of ["auth0.phone-experience", "auth0.trigger-bindings", "auth0.action-deployed", "auth0.mfa-phone-factor"]) {
      expect(checks.get(id), id).toMatchObject({ status: "warn" });
      expect(checks.get(id)?.reason, id).toContain("Could not check");
    }
    expect([...checks.values()].some((check) => check.status === "fail")).toBe(false);
  });

  it("throws DoctorCredentialsError naming the domain when the tenant cannot be reached at all: nothing was checked", () => {
    const outcome = scenarios.tenantUnreachable?.outcome;
    expect(outcome).toMatchObject({ error: { name: "DoctorCredentialsError", credentials: true } });
    const message = outcome && "error" in outcome ? outcome.error.message : "";
    expect(message).toContain(`The Auth0 domain ${scenarios.tenantUnreachable?.input.domain ?? "?"} could not be reached`);
    expect(message).toMatch(/unreachable \(ECONNREFUSED\)/);
  });

  it("throws DoctorCredentialsError when Auth0 refuses the client secret or the domain is missing", () => {
    const refused = scenarios.wrongSecret?.outcome;
    expect(refused).toMatchObject({ error: { name: "DoctorCredentialsError", credentials: true } });
    expect(refused && "error" in refused ? refused.error.message : "").toContain("401 access_denied");
    const missing = scenarios.missingDomain?.outcome;
    expect(missing).toMatchObject({ error: { credentials: true } });
    expect(missing && "error" in missing ? missing.error.message : "").toContain("auth0:domain (or AUTH0_DOMAIN)");
  });

  it("asks its token for auth0:audience when the stack sets it, as the Auth0 provider does", () => {
    expect(byId(scenarios.customAudience?.outcome).get("auth0.token")?.status).toBe("pass");
    const refused = scenarios.customAudienceNotGiven?.outcome;
    expect(refused).toMatchObject({ error: { name: "DoctorCredentialsError", credentials: true } });
  });

  it("only reads: one token POST, then GETs, all authorised", () => {
    for (const [name, scenario] of Object.entries(scenarios)) {
      for (const request of scenario.api?.requests ?? []) {
        if (request.path === "/oauth/token") expect(request.method, name).toBe("POST");
        else
          expect({ method: request.method, authorized: request.authorized }, `${name} ${request.path}`).toEqual({
            method: "GET",
            authorized: true,
          });
      }
    }
    const healthy = scenarios.healthyClassic?.api?.requests ?? [];
    expect(healthy.filter((request) => request.path === "/oauth/token")).toHaveLength(1);
    expect(healthy.map((request) => request.path)).toEqual(
      expect.arrayContaining([
        "/api/v2/tenants/settings",
        "/api/v2/actions/triggers/send-phone-message/bindings",
        "/api/v2/guardian/factors/phone/selected-provider",
      ]),
    );
  });

  it("never prints a client secret or an access token", () => {
    for (const scenario of Object.values(scenarios)) {
      if (scenario.api === undefined) continue;
      expect(childOutput).not.toContain(scenario.api.tenant.clientSecret);
      for (const token of scenario.api.issuedTokens) expect(childOutput).not.toContain(token);
    }
  });

  it("reports only check ids that AUTH0_CHECKS lists for --help", () => {
    const known = new Set(AUTH0_CHECKS.map((check) => check.id));
    for (const scenario of Object.values(scenarios)) {
      if (scenario.outcome === undefined || !("checks" in scenario.outcome)) continue;
      for (const check of scenario.outcome.checks) expect(known.has(check.id), check.id).toBe(true);
    }
  });
});
