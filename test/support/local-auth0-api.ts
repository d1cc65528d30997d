// A local stand-in for an Auth0 tenant's Management API and its OAuth token endpoint, served over
// HTTPS on 127.0.0.1 with a self-signed certificate, for the real `auth0` SDK. It holds a
// configurable tenant state, answers the GET endpoints the doctor reads, enforces the token's scopes
// like Auth0 does (403 "Insufficient scope"), and logs every request (method, path, query; never a
// body, so never a secret). Anything else is answered 501 and logged, so tests can assert the doctor
// only reads.
//
// Endpoints and response shapes, from Auth0's Management API reference
// (https://auth0.com/docs/api/management/v2) and the `auth0` SDK 7.1.0 generated from it
// (node_modules/auth0/reference.md, dist/cjs/management/api/types/types.d.ts):
// - POST /oauth/token, client credentials (form-encoded: grant_type, client_id, client_secret,
//   audience) → { access_token, token_type: "Bearer", expires_in, scope }
//   https://auth0.com/docs/api/authentication/client-credentials-flow/get-token
// - GET /api/v2/tenants/settings → { …, phone_consolidated_experience?, flags: {…} }, scope
//   read:tenant_settings. phone_consolidated_experience is a top-level setting, not a flag
//   (types.d.ts GetTenantSettingsResponseContent; terraform-provider-auth0 reads tenant.PhoneConsolidatedExperience)
//   (SDK: client.tenants.settings.get)
// - GET /api/v2/actions/triggers/{triggerId}/bindings?page&per_page → { total, page, per_page,
//   bindings: [{ id, trigger_id, display_name, action: Action, created_at, updated_at }] }, read:actions
//   https://auth0.com/docs/api/management/v2/actions/get-trigger-bindings (SDK: client.actions.triggers.bindings.list)
// - GET /api/v2/actions/actions?triggerId&actionName&page&per_page → { total, page, per_page, actions }, read:actions
//   (SDK: client.actions.list; query names triggerId, actionName as the SDK sends them)
// - GET /api/v2/actions/actions/{id} → Action { id, name, supported_triggers, all_changes_deployed,
//   runtime, secrets: [{ name, updated_at }] (names only), deployed_version: { deployed, status, … },
//   status: pending|building|packaged|built|retrying|failed, built_at }, read:actions; 404 when absent
//   (SDK: client.actions.get)
// - GET /api/v2/branding/phone/providers → { providers: [{ id, tenant, name: twilio|custom, channel,
//   disabled, configuration, created_at, updated_at }] }, read:phone_providers
//   https://auth0.com/docs/api/management/v2/branding/get-branding-phone-providers
// - GET /api/v2/guardian/factors → [{ name, enabled, trial_expired }], read:guardian_factors
//   (SDK: client.guardian.factors.list)
// - GET /api/v2/guardian/factors/phone/message-types → { message_types: ["sms", "voice"?] }, read:guardian_factors
//   https://auth0.com/docs/api/management/v2/guardian/get-message-types
// - GET /api/v2/guardian/factors/phone/selected-provider → { provider: auth0|twilio|phone-message-hook }, read:guardian_factors
//   https://auth0.com/docs/api/management/v2/guardian/get-guardian-phone-providers
// - GET /api/v2/log-streams → [{ id, name, type, status: active|paused|suspended, sink: { awsAccountId,
//   awsRegion, awsPartnerEventSource } (eventbridge) }] (a plain list, no paging), read:log_streams
//   https://auth0.com/docs/api/management/v2/log-streams/get-log-streams (SDK: client.logStreams.list)
// Error bodies: { statusCode, error, message, errorCode? } (Management API), { error, error_description } (token).
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { createServer } from "node:https";
import type { AddressInfo, Socket } from "node:net";
import { requiredScopes } from "../../infra/auth0/management-api-scopes";
import type { SelfSignedCertificate } from "../../tools/kit/self-signed-certificate";

export interface StandInAction {
  id: string;
  name: string;
  trigger: "send-phone-message" | "custom-phone-provider";
  status: "pending" | "building" | "packaged" | "built" | "retrying" | "failed";
  allChangesDeployed: boolean;
  /** Whether a version is deployed (deployed_version.deployed). */
  deployed: boolean;
  /** Secret names as the API lists them; Auth0 never returns secret values. */
  secretNames: string[];
}

export interface StandInLogStream {
  id: string;
  name: string;
  type: "eventbridge" | "http" | "datadog";
  status: "active" | "paused" | "suspended";
  /** The partner event source of an eventbridge stream. */
  partnerEventSource?: string;
}

export interface StandInTenant {
  clientId: string;
  clientSecret: string;
  /** The scopes the machine-to-machine application was granted on the Management API. */
  grantedScopes: string[];
  /** undefined: the setting is absent from the response (new tenants: on). */
  phoneConsolidatedExperience: boolean | undefined;
  actions: StandInAction[];
  /** Action ids bound to each trigger, in execution order. */
  bindings: Partial<Record<string, string[]>>;
  phoneProviders: { id: string; name: "twilio" | "custom"; disabled: boolean }[];
  /** Guardian factor name → enabled. */
  guardianFactors: Record<string, boolean>;
  phoneMessageTypes: string[];
  phoneSelectedProvider: "auth0" | "twilio" | "phone-message-hook";
  /** The tenant's log streams (GET /api/v2/log-streams); default none. */
  logStreams?: StandInLogStream[];
  /** Management API paths this tenant answers 404 (a feature it does not have). */
  missingEndpoints?: string[];
  /** The audience the token endpoint issues Management API tokens for; default https://DOMAIN/api/v2/ (a tenant on a custom domain keeps its canonical one). */
  managementAudience?: string;
}

export interface LoggedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  /** Whether the request carried an Authorization header (its value is not kept). */
  authorized: boolean;
}

export interface LocalAuth0Api {
  /** host:port, what `auth0:domain` / AUTH0_DOMAIN holds for this tenant. */
  domain: string;
  tenant: StandInTenant;
  requests: LoggedRequest[];
  /** Access tokens handed out, so tests can assert none is ever printed. */
  issuedTokens: string[];
  /** While on, Management API requests (not the token endpoint) get their connection reset. */
  dropApiConnections(on: boolean): void;
  close(): Promise<void>;
}

const ACTION_TRIGGERS = [
  "post-login",
  "credentials-exchange",
  "pre-user-registration",
  "post-user-registration",
  "post-change-password",
  "send-phone-message",
  "custom-phone-provider",
  "custom-email-provider",
  "password-reset-post-challenge",
];
const TRIGGER_VERSIONS: Record<string, string> = { "send-phone-message": "v2", "custom-phone-provider": "v1" };
const CREATED_AT = "2026-11-20T10:00:00.000Z";

/** A healthy classic tenant for a stack: the sender deployed, bound, and selected by Guardian. */
export function healthyClassicTenant(stack: string, secretNames: string[]): StandInTenant {
  const actionId = randomUUID();
  return {
    clientId: "doctorClientId0123456789",
    clientSecret: `secret-${randomBytes(16).toString("hex")}`,
    // What a classic stack's pulumi up, refresh and destroy need (the doctor's reads are among them).
    grantedScopes: requiredScopes({ experience: "classic" }),
    phoneConsolidatedExperience: false,
    actions: [
      {
        id: actionId,
        name: `sns-sms-sender-${stack}-send-phone-message`,
        trigger: "send-phone-message",
        status: "built",
        allChangesDeployed: true,
        deployed: true,
        secretNames: [...secretNames],
      },
    ],
    bindings: { "send-phone-message": [actionId] },
    phoneProviders: [],
    guardianFactors: {
      sms: true,
      otp: true,
      email: false,
      duo: false,
      "push-notification": false,
      "webauthn-roaming": false,
      "webauthn-platform": false,
      "recovery-code": false,
    },
    phoneMessageTypes: ["sms"],
    phoneSelectedProvider: "phone-message-hook",
  };
}

function actionJson(action: StandInAction): Record<string, unknown> {
  const secrets = action.secretNames.map((name) => ({ name, updated_at: CREATED_AT }));
  const trigger = { id: action.trigger, version: TRIGGER_VERSIONS[action.trigger] ?? "v1" };
  return {
    id: action.id,
    name: action.name,
    supported_triggers: [trigger],
    all_changes_deployed: action.allChangesDeployed,
    created_at: CREATED_AT,
    updated_at: CREATED_AT,
    code: "exports.handler = async () => {};",
    dependencies: [{ name: "@aws-sdk/client-sns", version: "3.1169.0" }],
    runtime: "node22",
    secrets,
    deployed_version: action.deployed
      ? {
          id: `${action.id}-v1`,
          action_id: action.id,
          deployed: true,
          number: 1,
          status: "built",
          runtime: "node22",
          secrets,
          built_at: CREATED_AT,
          created_at: CREATED_AT,
          updated_at: CREATED_AT,
        }
      : undefined,
    status: action.status,
    built_at: CREATED_AT,
  };
}

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function send(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text) });
  response.end(text);
}

function apiError(response: ServerResponse, status: number, message: string, errorCode?: string): void {
  const error = { 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 501: "Not Implemented" }[status] ?? "Error";
  send(response, status, { statusCode: status, error, message, ...(errorCode === undefined ? {} : { errorCode }) });
}

function page<T>(items: T[], query: Record<string, string>, key: string): Record<string, unknown> {
  const perPage = Math.min(Number(query.per_page ?? "50"), 100);
  const pageNumber = Number(query.page ?? "0");
  return { total: items.length, page: pageNumber, per_page: perPage, [key]: items.slice(pageNumber * perPage, (pageNumber + 1) * perPage) };
}

/** Starts the stand-in on 127.0.0.1 (a free port) with `certificate`, serving `tenant` (mutable). */
export async function startLocalAuth0Api(tenant: StandInTenant, certificate: SelfSignedCertificate): Promise<LocalAuth0Api> {
  const signingKey = randomBytes(32);
  const requests: LoggedRequest[] = [];
  const issuedTokens: string[] = [];
  const sockets = new Set<Socket>();
  let dropApi = false;
  let domain = "";

  const sign = (payload: string): string => createHmac("sha256", signingKey).update(payload).digest("base64url");

  function issueToken(audience: string): string {
    const now = Math.floor(Date.now() / 1000);
    const header = base64url({ alg: "HS256", typ: "JWT" });
    const claims = base64url({
      iss: `https://${domain}/`,
      sub: `${tenant.clientId}@clients`,
      aud: audience,
      iat: now,
      exp: now + 86_400,
      scope: tenant.grantedScopes.join(" "),
      gty: "client-credentials",
      azp: tenant.clientId,
    });
    const token = `${header}.${claims}.${sign(`${header}.${claims}`)}`;
    issuedTokens.push(token);
    return token;
  }

  /** The scopes of a valid bearer token, or undefined. */
  function bearerScopes(authorization: string | undefined): string[] | undefined {
    const match = /^Bearer (\S+)\.(\S+)\.(\S+)$/.exec(authorization ?? "");
    if (match === null) return undefined;
    const [, header = "", claims = "", signature = ""] = match;
    const expected = Buffer.from(sign(`${header}.${claims}`));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
    const parsed = JSON.parse(Buffer.from(claims, "base64url").toString("utf8")) as { scope?: string };
    return (parsed.scope ?? "").split(" ");
  }

  async function token(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const form = new URLSearchParams(await readBody(request));
    if (form.get("grant_type") !== "client_credentials") {
      send(response, 400, { error: "unsupported_grant_type", error_description: "Unsupported grant type" });
      return;
    }
    const secret = Buffer.from(form.get("client_secret") ?? "");
    const known = Buffer.from(tenant.clientSecret);
    if (form.get("client_id") !== tenant.clientId || secret.length !== known.length || !timingSafeEqual(secret, known)) {
      send(response, 401, { error: "access_denied", error_description: "Unauthorized" });
      return;
    }
    const audience = form.get("audience") ?? "";
    if (audience !== (tenant.managementAudience ?? `https://${domain}/api/v2/`)) {
      send(response, 403, { error: "access_denied", error_description: `Service not enabled within domain: ${audience}` });
      return;
    }
    send(response, 200, {
      access_token: issueToken(audience),
      token_type: "Bearer",
      expires_in: 86_400,
      scope: tenant.grantedScopes.join(" "),
    });
  }

  function api(path: string, query: Record<string, string>, scopes: string[], response: ServerResponse): void {
    const requireScope = (scope: string): boolean => {
      if (scopes.includes(scope)) return true;
      apiError(response, 403, `Insufficient scope, expected any of: ${scope}`, "insufficient_scope");
      return false;
    };
    const bindingsMatch = /^\/api\/v2\/actions\/triggers\/([^/]+)\/bindings$/.exec(path);
    const actionMatch = /^\/api\/v2\/actions\/actions\/([^/]+)$/.exec(path);
    if (tenant.missingEndpoints?.includes(path) === true) {
      apiError(response, 404, "Not Found");
    } else if (path === "/api/v2/tenants/settings") {
      if (!requireScope("read:tenant_settings")) return;
      const settings: Record<string, unknown> = {
        friendly_name: "Stand-in tenant",
        enabled_locales: ["en"],
        flags: { enable_client_connections: false, revoke_refresh_token_grant: false },
      };
      if (tenant.phoneConsolidatedExperience !== undefined) settings.phone_consolidated_experience = tenant.phoneConsolidatedExperience;
      send(response, 200, settings);
    } else if (bindingsMatch !== null) {
      if (!requireScope("read:actions")) return;
      const trigger = decodeURIComponent(bindingsMatch[1] ?? "");
      if (!ACTION_TRIGGERS.includes(trigger)) return apiError(response, 404, "Trigger not found");
      const bindings = (tenant.bindings[trigger] ?? []).flatMap((actionId) => {
        const action = tenant.actions.find((candidate) => candidate.id === actionId);
        return action === undefined
          ? []
          : [
              {
                id: `binding-${actionId}`,
                trigger_id: trigger,
                display_name: action.name,
                action: actionJson(action),
                created_at: CREATED_AT,
                updated_at: CREATED_AT,
              },
            ];
      });
      send(response, 200, page(bindings, query, "bindings"));
    } else if (path === "/api/v2/actions/actions") {
      if (!requireScope("read:actions")) return;
      const actions = tenant.actions
        .filter((action) => query.triggerId === undefined || action.trigger === query.triggerId)
        .filter((action) => query.actionName === undefined || action.name === query.actionName)
        .map(actionJson);
      send(response, 200, page(actions, query, "actions"));
    } else if (actionMatch !== null) {
      if (!requireScope("read:actions")) return;
      const action = tenant.actions.find((candidate) => candidate.id === decodeURIComponent(actionMatch[1] ?? ""));
      if (action === undefined) return apiError(response, 404, "The action does not exist.");
      send(response, 200, actionJson(action));
    } else if (path === "/api/v2/branding/phone/providers") {
      if (!requireScope("read:phone_providers")) return;
      send(response, 200, {
        providers: tenant.phoneProviders.map((provider) => ({
          ...provider,
          tenant: "stand-in",
          channel: "phone",
          configuration: { delivery_methods: ["text"] },
          created_at: CREATED_AT,
          updated_at: CREATED_AT,
        })),
      });
    } else if (path === "/api/v2/guardian/factors") {
      if (!requireScope("read:guardian_factors")) return;
      send(
        response,
        200,
        Object.entries(tenant.guardianFactors).map(([name, enabled]) => ({ name, enabled, trial_expired: false })),
      );
    } else if (path === "/api/v2/guardian/factors/phone/message-types") {
      if (!requireScope("read:guardian_factors")) return;
      send(response, 200, { message_types: tenant.phoneMessageTypes });
    } else if (path === "/api/v2/log-streams") {
      if (!requireScope("read:log_streams")) return;
      const streams = (tenant.logStreams ?? []).map((stream) => ({
        id: stream.id,
        name: stream.name,
        type: stream.type,
        status: stream.status,
        sink:
          stream.type === "eventbridge"
            ? { awsAccountId: "123456789012", awsRegion: "eu-west-1", awsPartnerEventSource: stream.partnerEventSource }
            : {},
      }));
      send(response, 200, streams);
    } else if (path === "/api/v2/guardian/factors/phone/selected-provider") {
      if (!requireScope("read:guardian_factors")) return;
      send(response, 200, { provider: tenant.phoneSelectedProvider });
    } else {
      apiError(response, 404, "Not Found");
    }
  }

  const server = createServer({ cert: certificate.certPem, key: certificate.keyPem }, (request, response) => {
    const url = new URL(request.url ?? "/", "https://stand-in");
    const query = Object.fromEntries(url.searchParams);
    const method = request.method ?? "GET";
    requests.push({ method, path: url.pathname, query, authorized: request.headers.authorization !== undefined });
    void (async () => {
      if (url.pathname === "/oauth/token" && method === "POST") return token(request, response);
      if (!url.pathname.startsWith("/api/v2/")) return apiError(response, 404, "Not Found");
      if (dropApi) {
        request.socket.destroy();
        return;
      }
      const scopes = bearerScopes(request.headers.authorization);
      if (scopes === undefined) return apiError(response, 401, "Invalid token");
      if (method !== "GET") return apiError(response, 501, `The stand-in only serves reads; ${method} ${url.pathname} was refused`);
      api(url.pathname, query, scopes, response);
    })().catch((error: unknown) => {
      response.destroy(error instanceof Error ? error : new Error(String(error)));
    });
  });
  server.on("secureConnection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  domain = `127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    domain,
    tenant,
    requests,
    issuedTokens,
    dropApiConnections(on) {
      dropApi = on;
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
