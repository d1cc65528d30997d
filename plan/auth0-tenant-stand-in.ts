/**
 * The two Auth0 endpoints the program's raw read of `phone_consolidated_experience` uses
 * (infra/auth0/tenant-settings.ts), served on loopback over HTTPS for the duration of a plan, so that the
 * program's own code path runs offline:
 * - POST /oauth/token, client-credentials grant (form-encoded grant_type, client_id, client_secret,
 *   audience https://DOMAIN/api/v2/) → { access_token, token_type, expires_in }
 *   (https://auth0.com/docs/api/authentication/client-credentials-flow/get-token);
 * - GET /api/v2/tenants/settings with that token → the settings, `phone_consolidated_experience`
 *   absent when never set (https://auth0.com/docs/api/management/v2/tenants/tenant-settings-route).
 * The program is pointed at it through the provider's standard configuration (auth0:domain =
 * 127.0.0.1:PORT, a stand-in client id and secret made for this run) and trusts its self-signed
 * certificate through NODE_EXTRA_CA_CERTS. The stand-in's credentials are never printed.
 */
import { randomBytes, timingSafeEqual } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { createServer } from "node:https";
import type { AddressInfo, Socket } from "node:net";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { createSelfSignedCertificate } from "../tools/kit/self-signed-certificate";
import type { PlanTenantFlag } from "./mock-outputs";

/** The client id the plan hands the program: visibly a placeholder, never the operator's. */
export const STAND_IN_CLIENT_ID = "plan-auth0-stand-in-client";

/** The Auth0 provider's environment variables: the program must see the stand-in, not the operator's tenant. */
export const AUTH0_PROVIDER_VARIABLES = [
  "AUTH0_DOMAIN",
  "AUTH0_CLIENT_ID",
  "AUTH0_CLIENT_SECRET",
  "AUTH0_API_TOKEN",
  "AUTH0_AUDIENCE",
] as const;

export interface Auth0TenantStandIn {
  /** 127.0.0.1:PORT, what auth0:domain holds for the program. */
  domain: string;
  clientId: string;
  clientSecret: string;
  /** PEM file of the stand-in's certificate, for NODE_EXTRA_CA_CERTS. */
  caFile: string;
  /** How many times the program read GET /api/v2/tenants/settings. */
  settingsReads(): number;
  close(): Promise<void>;
}

function send(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text) });
  response.end(text);
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** The settings body for the plan's tenant: the flag absent when `unset`. */
export function tenantSettingsBody(flag: PlanTenantFlag, friendlyName: string): Record<string, unknown> {
  return { friendly_name: friendlyName, ...(flag === "unset" ? {} : { phone_consolidated_experience: flag === "on" }) };
}

/** Starts the stand-in on 127.0.0.1 (a free port) answering for a tenant whose flag is `flag`. */
export async function startAuth0TenantStandIn(flag: PlanTenantFlag, friendlyName: string): Promise<Auth0TenantStandIn> {
  const certificate = createSelfSignedCertificate(1);
  const directory = mkdtempSync(path.join(tmpdir(), "plan-auth0-"));
  const caFile = path.join(directory, "auth0-stand-in-ca.pem");
  writeFileSync(caFile, certificate.certPem);
  const clientSecret = randomBytes(24).toString("hex");
  const accessToken = randomBytes(24).toString("hex");
  const sockets = new Set<Socket>();
  let domain = "";
  let reads = 0;

  async function answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? "/", "https://stand-in");
    if (request.method === "POST" && url.pathname === "/oauth/token") {
      const form = new URLSearchParams(await readBody(request));
      const valid =
        form.get("grant_type") === "client_credentials" &&
        form.get("client_id") === STAND_IN_CLIENT_ID &&
        sameSecret(form.get("client_secret") ?? "", clientSecret) &&
        form.get("audience") === `https://${domain}/api/v2/`;
      if (!valid) return send(response, 401, { error: "access_denied", error_description: "Unauthorized" });
      return send(response, 200, { access_token: accessToken, token_type: "Bearer", expires_in: 86_400, scope: "read:tenant_settings" });
    }
    if (request.method === "GET" && url.pathname === "/api/v2/tenants/settings") {
      if (!sameSecret(request.headers.authorization ?? "", `Bearer ${accessToken}`)) {
        return send(response, 401, { statusCode: 401, error: "Unauthorized", message: "Invalid token" });
      }
      reads++;
      return send(response, 200, tenantSettingsBody(flag, friendlyName));
    }
    send(response, 404, { statusCode: 404, error: "Not Found", message: "The plan's Auth0 stand-in serves only the tenant settings" });
  }

  const server = createServer({ cert: certificate.certPem, key: certificate.keyPem }, (request, response) => {
    answer(request, response).catch((error: unknown) => response.destroy(error instanceof Error ? error : new Error(String(error))));
  });
  server.on("secureConnection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  domain = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    domain,
    clientId: STAND_IN_CLIENT_ID,
    clientSecret,
    caFile,
    settingsReads: () => reads,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

/**
 * The program's configuration pointed at the stand-in: `auth0:domain`, `auth0:clientId` and
 * `auth0:clientSecret` (a secret) replace whatever the stack holds; `auth0:apiToken` and
 * `auth0:audience` (the stand-in issues tokens for its own https://DOMAIN/api/v2/) are dropped.
 */
export function configWithStandIn(
  config: { PULUMI_CONFIG: string; PULUMI_CONFIG_SECRET_KEYS: string },
  standIn: Pick<Auth0TenantStandIn, "domain" | "clientId" | "clientSecret">,
): { PULUMI_CONFIG: string; PULUMI_CONFIG_SECRET_KEYS: string } {
  const values = JSON.parse(config.PULUMI_CONFIG) as Record<string, string>;
  delete values["auth0:config:apiToken"];
  delete values["auth0:config:audience"];
  values["auth0:config:domain"] = standIn.domain;
  values["auth0:config:clientId"] = standIn.clientId;
  values["auth0:config:clientSecret"] = standIn.clientSecret;
  const secretKeys = (JSON.parse(config.PULUMI_CONFIG_SECRET_KEYS) as string[]).filter((key) => key !== "auth0:apiToken");
  if (!secretKeys.includes("auth0:clientSecret")) secretKeys.push("auth0:clientSecret");
  return { PULUMI_CONFIG: JSON.stringify(values), PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(secretKeys) };
}

/** The environment the program inherits: the operator's Auth0 variables removed, the stand-in's CA trusted. */
export function environmentWithStandIn(environment: NodeJS.ProcessEnv, standIn: Pick<Auth0TenantStandIn, "caFile">): NodeJS.ProcessEnv {
  const kept = Object.entries(environment).filter(([name]) => !(AUTH0_PROVIDER_VARIABLES as readonly string[]).includes(name));
  return { ...Object.fromEntries(kept), NODE_EXTRA_CA_CERTS: standIn.caFile };
}
