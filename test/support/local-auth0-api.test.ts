// The Auth0 stand-in answers like the Management API and its token endpoint where the doctor's
// scenarios depend on it: the audience must be https://DOMAIN/api/v2/, a request without a valid
// token is 401, a token without the endpoint's scope is 403 "Insufficient scope", and every request,
// writes included, lands in the log (writes are refused).
import { request } from "node:https";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { healthyClassicTenant, startLocalAuth0Api, type LocalAuth0Api } from "./local-auth0-api";
import { createSelfSignedCertificate } from "../../tools/kit/self-signed-certificate";

const certificate = createSelfSignedCertificate();
let api: LocalAuth0Api;

function call(
  method: string,
  path: string,
  options: { body?: string; token?: string } = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const [host, port] = api.domain.split(":");
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host,
        port: Number(port),
        method,
        path,
        ca: certificate.certPem,
        headers: {
          ...(options.body === undefined ? {} : { "content-type": "application/x-www-form-urlencoded" }),
          ...(options.token === undefined ? {} : { authorization: `Bearer ${options.token}` }),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown> }),
        );
      },
    );
    req.on("error", reject);
    req.end(options.body);
  });
}

function tokenForm(audience: string): string {
  return new URLSearchParams({
    grant_type: "client_credentials",
    client_id: api.tenant.clientId,
    client_secret: api.tenant.clientSecret,
    audience,
  }).toString();
}

beforeAll(async () => {
  const tenant = healthyClassicTenant("dev", ["AWS_REGION"]);
  tenant.grantedScopes = ["read:actions"];
  api = await startLocalAuth0Api(tenant, certificate);
});

afterAll(async () => api.close());

describe("local Auth0 Management API stand-in", () => {
  it("issues a token only for the Management API audience of its own domain", async () => {
    const refused = await call("POST", "/oauth/token", { body: tokenForm("https://elsewhere.example/api/v2/") });
    expect(refused).toMatchObject({ status: 403, body: { error: "access_denied" } });
    const issued = await call("POST", "/oauth/token", { body: tokenForm(`https://${api.domain}/api/v2/`) });
    expect(issued).toMatchObject({ status: 200, body: { token_type: "Bearer", scope: "read:actions" } });
  });

  it("answers 401 without a valid token and 403 for a scope the token lacks", async () => {
    const issued = await call("POST", "/oauth/token", { body: tokenForm(`https://${api.domain}/api/v2/`) });
    const token = String(issued.body.access_token);
    expect((await call("GET", "/api/v2/tenants/settings")).status).toBe(401);
    expect((await call("GET", "/api/v2/tenants/settings", { token: `${token}x` })).status).toBe(401);
    expect(await call("GET", "/api/v2/tenants/settings", { token })).toMatchObject({
      status: 403,
      body: { error: "Forbidden", message: "Insufficient scope, expected any of: read:tenant_settings", errorCode: "insufficient_scope" },
    });
    expect((await call("GET", "/api/v2/actions/triggers/send-phone-message/bindings", { token })).status).toBe(200);
  });

  it("logs and refuses writes", async () => {
    const issued = await call("POST", "/oauth/token", { body: tokenForm(`https://${api.domain}/api/v2/`) });
    const answer = await call("PATCH", "/api/v2/tenants/settings", { token: String(issued.body.access_token), body: "{}" });
    expect(answer.status).toBe(501);
    expect(api.requests.at(-1)).toEqual({ method: "PATCH", path: "/api/v2/tenants/settings", query: {}, authorized: true });
  });
});
