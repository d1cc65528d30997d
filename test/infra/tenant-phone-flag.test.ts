// The program's own read of the tenant's phone_consolidated_experience (infra/auth0/tenant-settings.ts),
// with Auth0's real Node SDK against a local HTTPS stand-in of the token endpoint and the Management
// API (test/support/local-auth0-api.ts). The reads run in a child process that trusts the stand-in's
// certificate through NODE_EXTRA_CA_CERTS; the domain is the stand-in's host:port, as auth0:domain /
// AUTH0_DOMAIN would hold it.
//
// Rules relied on:
// - GET /api/v2/tenants/settings needs read:tenant_settings and returns phone_consolidated_experience
//   only when it was set (https://auth0.com/docs/api/management/v2/tenants/tenant-settings-route;
//   auth0 SDK 7.1.0 GetTenantSettingsResponseContent: `phone_consolidated_experience?: boolean`).
// - The Auth0 provider's credentials: domain / AUTH0_DOMAIN, client_id / AUTH0_CLIENT_ID, client_secret
//   / AUTH0_CLIENT_SECRET, api_token / AUTH0_API_TOKEN (conflicts with the client credentials),
//   audience / AUTH0_AUDIENCE ("Your Auth0 audience when using a custom domain")
//   (terraform-provider-auth0 v1.53.0 internal/provider/provider.go).
// - The audience only changes the client-credentials token request (WithClientCredentialsAndAudience);
//   an API token wins over it; the Management API is still called at the domain
//   (terraform-provider-auth0 v1.53.0 internal/config/config.go, authenticationOption).
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { managementCredentials, refineWithRawRead, type PhoneFlagRead } from "../../infra/auth0/tenant-settings";
import { createSelfSignedCertificate } from "../../tools/kit/self-signed-certificate";
import { healthyClassicTenant, startLocalAuth0Api, type LocalAuth0Api, type StandInTenant } from "../support/local-auth0-api";
import { closedPort } from "../support/closed-port";

const root = path.resolve(__dirname, "../..");
const certificate = createSelfSignedCertificate();
const workDir = mkdtempSync(path.join(tmpdir(), "phone-flag-"));
const caFile = path.join(workDir, "stand-in-ca.pem");

interface Input {
  config: Record<string, string>;
  env: Record<string, string>;
}

const apis: Record<string, LocalAuth0Api> = {};
const CANONICAL_AUDIENCE = "https://acme-tenant.eu.auth0.com/api/v2/";
const results: Record<string, PhoneFlagRead> = {};

function tenantWith(flag: boolean | undefined, scopes?: string[]): StandInTenant {
  const tenant = healthyClassicTenant("dev", []);
  tenant.phoneConsolidatedExperience = flag;
  if (scopes !== undefined) tenant.grantedScopes = scopes;
  return tenant;
}

function configFor(api: LocalAuth0Api): Record<string, string> {
  return { domain: api.domain, clientId: api.tenant.clientId, clientSecret: api.tenant.clientSecret };
}

beforeAll(async () => {
  writeFileSync(caFile, certificate.certPem);
  apis.unset = await startLocalAuth0Api(tenantWith(undefined), certificate);
  apis.on = await startLocalAuth0Api(tenantWith(true), certificate);
  apis.off = await startLocalAuth0Api(tenantWith(false), certificate);
  apis.noScope = await startLocalAuth0Api(tenantWith(undefined, ["read:actions"]), certificate);
  // A tenant reached through a custom domain: its token endpoint issues Management API tokens for the canonical audience only.
  apis.customDomain = await startLocalAuth0Api({ ...tenantWith(false), managementAudience: CANONICAL_AUDIENCE }, certificate);
  const unreachable = `127.0.0.1:${await closedPort()}`;
  const inputs: Record<string, Input> = {
    unset: { config: configFor(apis.unset), env: {} },
    on: { config: configFor(apis.on), env: {} },
    off: { config: configFor(apis.off), env: {} },
    noScope: { config: configFor(apis.noScope), env: {} },
    unreachable: { config: { domain: unreachable, clientId: "id", clientSecret: "secret-never-printed" }, env: {} },
    // The provider's environment variables when the stack sets nothing.
    fromEnv: {
      config: {},
      env: {
        AUTH0_DOMAIN: apis.unset.domain,
        AUTH0_CLIENT_ID: apis.unset.tenant.clientId,
        AUTH0_CLIENT_SECRET: apis.unset.tenant.clientSecret,
      },
    },
    // The stack's value wins over the environment variable, as for the provider.
    configWins: { config: configFor(apis.off), env: { AUTH0_DOMAIN: unreachable } },
    wrongSecret: { config: { ...configFor(apis.on), clientSecret: "wrong-secret-never-printed" }, env: {} },
    noCredentials: { config: {}, env: {} },
    audienceFromConfig: { config: { ...configFor(apis.customDomain), audience: CANONICAL_AUDIENCE }, env: {} },
    audienceFromEnv: { config: configFor(apis.customDomain), env: { AUTH0_AUDIENCE: CANONICAL_AUDIENCE } },
    audienceConfigWins: {
      config: { ...configFor(apis.customDomain), audience: CANONICAL_AUDIENCE },
      env: { AUTH0_AUDIENCE: "https://wrong.example/api/v2/" },
    },
    audienceMissing: { config: configFor(apis.customDomain), env: {} },
  };
  const names = Object.keys(inputs);
  const output = await new Promise<string>((resolve, reject) => {
    const child = execFile(
      process.execPath,
      ["--require", path.join(root, "tools", "typescript-require-hook.cjs"), "test/support/run-phone-flag-reads.ts"],
      { cwd: root, env: { PATH: process.env.PATH, NODE_EXTRA_CA_CERTS: caFile }, maxBuffer: 10_000_000, timeout: 120_000 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`read child failed: ${error.message}\n${stderr}`));
        else resolve(stdout);
      },
    );
    child.stdin?.end(JSON.stringify(names.map((name) => inputs[name])));
  });
  const parsed = JSON.parse(output) as PhoneFlagRead[];
  names.forEach((name, index) => {
    const result = parsed[index];
    if (result !== undefined) results[name] = result;
  });
}, 150_000);

afterAll(async () => {
  await Promise.all(Object.values(apis).map((api) => api.close()));
  rmSync(workDir, { recursive: true, force: true });
});

describe("the raw read of phone_consolidated_experience through the Management API", () => {
  it("reports a setting absent from the answer as never set (undefined), and true and false as they are", () => {
    expect(results.unset).toEqual({ ok: true, phoneConsolidatedExperience: undefined });
    expect(results.on).toEqual({ ok: true, phoneConsolidatedExperience: true });
    expect(results.off).toEqual({ ok: true, phoneConsolidatedExperience: false });
  });

  it("uses only the token endpoint and GET /api/v2/tenants/settings", () => {
    // Two reads reach this stand-in (stack config, then environment variables): each one token, one read.
    expect(apis.unset?.requests.map((request) => `${request.method} ${request.path}`).sort()).toEqual([
      "GET /api/v2/tenants/settings",
      "GET /api/v2/tenants/settings",
      "POST /oauth/token",
      "POST /oauth/token",
    ]);
  });

  it("authenticates with the provider's environment variables when the stack sets nothing, the stack's values first", () => {
    expect(results.fromEnv).toEqual({ ok: true, phoneConsolidatedExperience: undefined });
    expect(results.configWins).toEqual({ ok: true, phoneConsolidatedExperience: false });
  });

  it("a token without read:tenant_settings: the read fails naming the scope, and the provider's false is kept with a warning naming the fix", () => {
    expect(results.noScope).toMatchObject({
      ok: false,
      problem: expect.stringContaining("403: the application's grant lacks the scope read:tenant_settings"),
    });
    const refined = refineWithRawRead({ phoneConsolidatedExperience: false, friendlyName: undefined }, results.noScope);
    expect(refined.phoneConsolidatedExperience).toBe(false);
    expect(refined.phoneFlagWarning).toContain("read:tenant_settings");
    expect(refined.phoneFlagWarning).toContain(
      'set the flag explicitly (PATCH /api/v2/tenants/settings {"phone_consolidated_experience": false}',
    );
    expect(refined.phoneFlagWarning).toContain("pin phoneExperience");
  });

  it("an unreachable tenant or refused credentials: the read fails with the reason, no secret in it", () => {
    expect(results.unreachable).toMatchObject({ ok: false, problem: expect.stringMatching(/tenants\/settings|oauth\/token/) });
    expect((results.unreachable as { problem: string }).problem).toMatch(/unreachable \(ECONNREFUSED\)/);
    const refined = refineWithRawRead({ phoneConsolidatedExperience: false, friendlyName: undefined }, results.unreachable);
    expect(refined).toMatchObject({ phoneConsolidatedExperience: false, phoneFlagWarning: expect.stringContaining("ECONNREFUSED") });
    expect(results.wrongSecret).toMatchObject({ ok: false, problem: expect.stringContaining("answered 401") });
    expect(JSON.stringify(results)).not.toMatch(/never-printed|secret-[0-9a-f]{32}/);
  });

  it("without credentials the read does not run and says which keys are missing", () => {
    expect(results.noCredentials).toEqual({ ok: false, problem: expect.stringContaining("auth0:domain or AUTH0_DOMAIN") });
  });
});

describe("a tenant on a custom Management API audience (auth0:audience / AUTH0_AUDIENCE)", () => {
  it("asks the token for the configured audience, the stack's value first, and reads the settings at the domain", () => {
    expect(results.audienceFromConfig).toEqual({ ok: true, phoneConsolidatedExperience: false });
    expect(results.audienceFromEnv).toEqual({ ok: true, phoneConsolidatedExperience: false });
    expect(results.audienceConfigWins).toEqual({ ok: true, phoneConsolidatedExperience: false });
    const reads = apis.customDomain?.requests.filter((request) => request.method === "GET").map((request) => request.path);
    expect(reads).toEqual(["/api/v2/tenants/settings", "/api/v2/tenants/settings", "/api/v2/tenants/settings"]);
  });

  it("without the audience the token request for https://DOMAIN/api/v2/ is refused, and the read says so", () => {
    expect(results.audienceMissing).toMatchObject({ ok: false, problem: expect.stringContaining("oauth/token answered 403") });
  });

  it("an API token wins over the audience, which only concerns the client-credentials grant", () => {
    const lookup = (values: Record<string, string>) => (key: string) => values[key];
    expect(managementCredentials(lookup({ domain: "login.acme.com", apiToken: "tok", audience: CANONICAL_AUDIENCE }), {})).toEqual({
      domain: "login.acme.com",
      apiToken: "tok",
    });
    expect(managementCredentials(lookup({ domain: "login.acme.com", clientId: "id", clientSecret: "s" }), {})).toEqual({
      domain: "login.acme.com",
      clientId: "id",
      clientSecret: "s",
    });
  });
});

describe("the provider's credentials", () => {
  it("an API token takes the place of the client credentials (api_token conflicts with client_id)", () => {
    expect(managementCredentials((key) => ({ domain: "t.eu.auth0.com", apiToken: "tok" })[key as string], {})).toEqual({
      domain: "t.eu.auth0.com",
      apiToken: "tok",
    });
    expect(managementCredentials(() => undefined, { AUTH0_DOMAIN: "t.eu.auth0.com", AUTH0_API_TOKEN: "tok" })).toEqual({
      domain: "t.eu.auth0.com",
      apiToken: "tok",
    });
  });

  it("a client id without its secret is not enough", () => {
    expect(managementCredentials(() => undefined, { AUTH0_DOMAIN: "t.eu.auth0.com", AUTH0_CLIENT_ID: "id" })).toEqual({
      problem: expect.stringContaining("auth0:clientId and auth0:clientSecret"),
    });
  });
});

describe("getTenant's reading refined by the raw read", () => {
  it("only a false is checked: true and a never-set answer stay as they are", () => {
    const never: PhoneFlagRead = { ok: true, phoneConsolidatedExperience: undefined };
    expect(refineWithRawRead({ phoneConsolidatedExperience: true, friendlyName: "A" }, never)).toEqual({
      phoneConsolidatedExperience: true,
      friendlyName: "A",
    });
    expect(refineWithRawRead({ phoneConsolidatedExperience: false, friendlyName: "A" }, never)).toEqual({
      phoneConsolidatedExperience: undefined,
      friendlyName: "A",
    });
    expect(
      refineWithRawRead({ phoneConsolidatedExperience: false, friendlyName: "A" }, { ok: true, phoneConsolidatedExperience: false }),
    ).toEqual({
      phoneConsolidatedExperience: false,
      friendlyName: "A",
    });
  });
});
