/**
 * No `pulumi up`, `refresh` or `destroy` stops on a missing Management API scope: every Auth0 resource
 * the program registers, in every variant, has the calls of every operation in
 * infra/auth0/management-api-calls.ts, and the scope set of its variant (infra/auth0/management-api-scopes.ts)
 * covers each of them.
 *
 * Independent evidence for the calls: the HTTP requests terraform-provider-auth0 v1.53.0's own
 * acceptance tests recorded against a tenant (test/data/recordings/<Test>.yaml, method and path, ids
 * replaced by {id}), for the parts of each resource the program's inputs use. Scopes: each is one of
 * the Management API's scopes as Auth0's Node SDK lists them (Management.OauthScope).
 */
import { Management } from "auth0";
import { beforeAll, describe, expect, it } from "vitest";
import type { ActionTrigger, BuiltAction } from "../../infra/auth0/action-bundle";
import { AUTH0_TYPES as T, MANAGEMENT_API_CALLS, OPERATIONS, type ManagementApiCall } from "../../infra/auth0/management-api-calls";
import { plannedResources, requiredScopes, type ScopeVariant } from "../../infra/auth0/management-api-scopes";
import { runProgram } from "./run-program";

const build = (trigger: ActionTrigger): Promise<BuiltAction> =>
  Promise.resolve({ code: `exports.handler = "${trigger}";`, dependencies: [] } as unknown as BuiltAction);

/** The calls each recording shows for the resource under test, as far as the program's inputs make them. */
const RECORDED: { resource: string; recording: string; calls: string[] }[] = [
  { resource: T.getTenant, recording: "TestAccDataSourceTenant", calls: ["GET /api/v2/tenants/settings"] },
  {
    resource: T.action,
    recording: "TestAccAction",
    calls: [
      "POST /api/v2/actions/actions",
      "GET /api/v2/actions/actions/{id}",
      "PATCH /api/v2/actions/actions/{id}",
      "POST /api/v2/actions/actions/{id}/deploy",
      "DELETE /api/v2/actions/actions/{id}",
    ],
  },
  {
    resource: T.triggerActions,
    recording: "TestAccTriggerActions",
    calls: ["PATCH /api/v2/actions/triggers/post-login/bindings", "GET /api/v2/actions/triggers/post-login/bindings"],
  },
  {
    resource: T.guardian,
    recording: "TestAccGuardian",
    calls: [
      "PUT /api/v2/guardian/policies",
      "PUT /api/v2/guardian/factors/email",
      "GET /api/v2/guardian/policies",
      "GET /api/v2/guardian/factors",
      "PUT /api/v2/guardian/factors/otp",
      "PUT /api/v2/guardian/factors/recovery-code",
      "PUT /api/v2/guardian/factors/sms",
      "PUT /api/v2/guardian/factors/webauthn-roaming",
      "PUT /api/v2/guardian/factors/webauthn-platform",
      "PUT /api/v2/guardian/factors/duo",
      "PUT /api/v2/guardian/factors/push-notification",
    ],
  },
  {
    resource: T.guardian,
    recording: "TestAccGuardianPhone",
    calls: [
      "PUT /api/v2/guardian/factors/sms",
      "GET /api/v2/tenants/settings",
      "PUT /api/v2/guardian/factors/phone/message-types",
      "GET /api/v2/guardian/factors/phone/message-types",
    ],
  },
  {
    // The first step: push { enabled = true, provider = "guardian" }, as the program sends it (later steps set sns, apns, fcm).
    resource: T.guardian,
    recording: "TestAccGuardianPush",
    calls: [
      "PUT /api/v2/guardian/factors/push-notification",
      "PUT /api/v2/guardian/factors/push-notification/selected-provider",
      "GET /api/v2/guardian/factors/push-notification/selected-provider",
      "GET /api/v2/prompts/mfa-push",
      "GET /api/v2/guardian/factors/push-notification/providers/apns",
      "GET /api/v2/guardian/factors/push-notification/providers/sns",
    ],
  },
  { resource: T.guardian, recording: "TestAccGuardianWebAuthnRoaming", calls: ["GET /api/v2/guardian/factors/webauthn-roaming/settings"] },
  { resource: T.guardian, recording: "TestAccGuardianDUO", calls: ["GET /api/v2/guardian/factors/duo/settings"] },
  {
    resource: T.phoneProvider,
    recording: "TestAccCheckPhoneProvider",
    calls: [
      "GET /api/v2/branding/phone/providers",
      "POST /api/v2/branding/phone/providers",
      "GET /api/v2/branding/phone/providers/{id}",
      "PATCH /api/v2/branding/phone/providers/{id}",
      "DELETE /api/v2/branding/phone/providers/{id}",
    ],
  },
  {
    resource: T.phoneTemplate,
    recording: "TestAccPhoneNotificationTemplate",
    calls: [
      "POST /api/v2/branding/phone/templates",
      "GET /api/v2/branding/phone/templates/{id}",
      "PATCH /api/v2/branding/phone/templates/{id}",
      "DELETE /api/v2/branding/phone/templates/{id}",
    ],
  },
  {
    resource: T.logStream,
    recording: "TestAccLogStreamEventBridge",
    calls: [
      "POST /api/v2/log-streams",
      "GET /api/v2/log-streams/{id}",
      "PATCH /api/v2/log-streams/{id}",
      "DELETE /api/v2/log-streams/{id}",
    ],
  },
];

/** Whether a row's path (`{id}`, `{trigger}` any segment; `{a|b}` one of them) matches a recorded path. */
function pathMatches(pattern: string, path: string): boolean {
  const regex = pattern
    .split("/")
    .map((segment) => {
      const choice = /^\{(.+\|.+)\}$/.exec(segment);
      if (choice !== null) return `(${(choice[1] ?? "").split("|").join("|")})`;
      return /^\{\w+\}$/.test(segment) ? "[^/]+" : segment.replace(/[.*+?^$()[\]\\]/g, "\\$&");
    })
    .join("/");
  return new RegExp(`^${regex}$`).test(path);
}

const rowsFor = (resource: string, call: string): ManagementApiCall[] => {
  const [method, path = ""] = call.split(" ");
  return MANAGEMENT_API_CALLS.filter((row) => row.resource === resource && row.method === method && pathMatches(row.path, path));
};

const EVERY_VARIANT: ScopeVariant[] = [
  { experience: "classic", monitoring: false },
  { experience: "classic", monitoring: true },
  { experience: "unified", monitoring: false },
  { experience: "unified", monitoring: true },
];

describe("the Management API calls, against the provider's recorded requests", () => {
  it.each(RECORDED)("$recording: every call of $resource has a row", ({ resource, calls }) => {
    for (const call of calls) expect(rowsFor(resource, call), `${resource}: ${call}`).not.toHaveLength(0);
  });

  it("every recorded call's scope is required wherever the resource is managed in full", () => {
    for (const { resource, calls } of RECORDED) {
      for (const variant of EVERY_VARIANT) {
        const planned = plannedResources(variant).find((entry) => entry.resource === resource);
        if (planned?.operations.length !== OPERATIONS.length) continue;
        const required = requiredScopes(variant);
        for (const call of calls) {
          for (const row of rowsFor(resource, call))
            expect(required, `${JSON.stringify(variant)} ${resource}: ${call}`).toContain(row.scope);
        }
      }
    }
  });

  it("names only scopes the Management API has (Auth0's Node SDK: Management.OauthScope)", () => {
    const known = new Set<string>(Object.values(Management.OauthScope));
    for (const row of MANAGEMENT_API_CALLS) expect(known, `${row.method} ${row.path}`).toContain(row.scope);
  });

  it("Guardian's read of push needs read:prompts in every variant: push can be turned on in the Dashboard", () => {
    const promptsRead = MANAGEMENT_API_CALLS.filter((row) => row.resource === T.guardian && row.path === "/api/v2/prompts/mfa-push");
    expect(promptsRead.map((row) => row.operation).sort()).toEqual(["create", "read", "update"]);
    for (const variant of EVERY_VARIANT) expect(requiredScopes(variant)).toContain("read:prompts");
  });

  it("every stack reads and deletes a log stream (turning monitoring off deletes it); only monitoring creates and updates one", () => {
    for (const variant of EVERY_VARIANT) {
      const required = requiredScopes(variant);
      for (const scope of ["read:log_streams", "delete:log_streams"]) expect(required, `${JSON.stringify(variant)}`).toContain(scope);
      for (const scope of ["create:log_streams", "update:log_streams"]) {
        expect(required.includes(scope), `${JSON.stringify(variant)} ${scope}`).toBe(variant.monitoring === true);
      }
    }
  });
});

/** The stacks the walk plans: each experience with push on and off, and the monitoring opt-in. */
const PROGRAM_VARIANTS: { name: string; overrides: Record<string, unknown>; variant: ScopeVariant }[] = [
  { name: "classic", overrides: { phoneExperience: "classic", factorPush: false }, variant: { experience: "classic" } },
  { name: "classic with push", overrides: { phoneExperience: "classic", factorPush: true }, variant: { experience: "classic" } },
  { name: "unified", overrides: { phoneExperience: "unified", factorPush: false }, variant: { experience: "unified" } },
  { name: "unified with push", overrides: { phoneExperience: "unified", factorPush: true }, variant: { experience: "unified" } },
  {
    name: "classic with monitoring",
    overrides: { phoneExperience: "classic", factorPush: false, monitoringEnabled: true },
    variant: { experience: "classic", monitoring: true },
  },
];

/** The Auth0 resource types the program registers per variant, and the tenant reads every run makes. */
const registeredTypes = new Map<string, string[]>();

beforeAll(async () => {
  // One run at a time: Pulumi's mocks are global.
  for (const { name, overrides } of PROGRAM_VARIANTS) {
    const run = await runProgram({ stack: "prod", overrides, build });
    const custom = run.resources
      .filter((resource) => resource.custom && resource.type.startsWith("auth0:"))
      .map((resource) => resource.type);
    registeredTypes.set(name, [...new Set([T.getTenant, T.tenantFlagRead, ...custom])]);
  }
}, 120_000);

const auth0TypesOf = (name: string): string[] => registeredTypes.get(name) ?? [];

describe("every planned Auth0 resource of every variant, every operation", () => {
  it.each(PROGRAM_VARIANTS)(
    "$name: each registered type is planned with create, read, update and delete, and every call's scope is required",
    ({ name, variant }) => {
      const types = auth0TypesOf(name);
      const planned = plannedResources(variant);
      const required = requiredScopes(variant);
      for (const type of types) {
        const entry = planned.find((candidate) => candidate.resource === type);
        expect(entry, `${type} is not planned for ${name}`).toBeDefined();
        const operations: readonly string[] = type === T.getTenant || type === T.tenantFlagRead ? ["read"] : OPERATIONS;
        expect(entry?.operations, type).toEqual(expect.arrayContaining([...operations]));
        for (const operation of operations) {
          const calls = MANAGEMENT_API_CALLS.filter((call) => call.resource === type && call.operation === operation);
          expect(calls, `${type} ${operation} has no calls`).not.toHaveLength(0);
          for (const call of calls) expect(required, `${type} ${operation}: ${call.method} ${call.path}`).toContain(call.scope);
        }
      }
    },
  );

  it("a classic stack can read and delete what a unified stack holds: the switch from unified deletes it after a refresh reads it", async () => {
    const classic = new Set(auth0TypesOf("classic"));
    const leftBehind = auth0TypesOf("unified").filter((type) => !classic.has(type));
    expect(leftBehind.sort()).toEqual([T.phoneTemplate, T.phoneProvider].sort());
    const required = requiredScopes({ experience: "classic" });
    for (const type of leftBehind) {
      for (const operation of ["read", "delete"] as const) {
        const calls = MANAGEMENT_API_CALLS.filter((call) => call.resource === type && call.operation === operation);
        expect(calls, `${type} ${operation}`).not.toHaveLength(0);
        for (const call of calls) expect(required, `${type} ${operation}: ${call.method} ${call.path}`).toContain(call.scope);
      }
    }
    expect(required).not.toContain("create:phone_providers");
  });

  it("monitoring registers the log stream, and nothing else of Auth0's", () => {
    const added = auth0TypesOf("classic with monitoring").filter((type) => !auth0TypesOf("classic").includes(type));
    expect(added).toEqual([T.logStream]);
  });
});
