// The doctor's monitoring checks (monitoringEnabled): the tenant's log stream read with Auth0's real
// Node SDK from the Management API stand-in (test/support/local-auth0-api.ts), in a child process that
// trusts the stand-in's certificate through NODE_EXTRA_CA_CERTS; the partner event source read with the
// real @aws-sdk/client-eventbridge from a local stand-in of EventBridge's JSON API (DescribeEventSource:
// https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_DescribeEventSource.html; moto's
// partner sources are always ACTIVE, so it cannot show PENDING); and the dashboard's address printed.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { EventBridgeClient } from "@aws-sdk/client-eventbridge";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Auth0DoctorInput } from "../../../tools/doctor/auth0-checks";
import type { DoctorCheck } from "../../../tools/doctor/doctor-check";
import { dashboardCheck, logEventSourceCheck, ownLogStreamName } from "../../../tools/doctor/monitoring-checks";
import { createSelfSignedCertificate } from "../../../tools/kit/self-signed-certificate";
import { healthyClassicTenant, startLocalAuth0Api, type LocalAuth0Api, type StandInLogStream } from "../../support/local-auth0-api";

const root = path.resolve(__dirname, "../../..");
const SOURCE = "aws.partner/auth0.com/dev-tenant-2f1d5c36-0c6a-4d5e-9a43-5f0e1d2c3b4a/auth0.logs";
const own = (status: StandInLogStream["status"]): StandInLogStream => ({
  id: "lst_0000000000000001",
  name: ownLogStreamName("dev"),
  type: "eventbridge",
  status,
  partnerEventSource: SOURCE,
});
const foreign: StandInLogStream = { id: "lst_0000000000000009", name: "security-siem", type: "eventbridge", status: "active" };

const SCENARIOS: Record<string, { streams: StandInLogStream[]; deployed: boolean; withoutScope?: boolean }> = {
  active: { streams: [own("active")], deployed: true },
  paused: { streams: [own("paused")], deployed: true },
  suspended: { streams: [own("suspended")], deployed: true },
  missing: { streams: [], deployed: true },
  foreignBesideOwn: { streams: [own("active"), foreign], deployed: true },
  notDeployedYet: { streams: [foreign], deployed: false },
  noScope: { streams: [own("active")], deployed: true, withoutScope: true },
};

const certificate = createSelfSignedCertificate();
const workDir = mkdtempSync(path.join(tmpdir(), "doctor-monitoring-"));
const apis: LocalAuth0Api[] = [];
const results = new Map<string, DoctorCheck | undefined>();

beforeAll(async () => {
  const caFile = path.join(workDir, "stand-in-ca.pem");
  writeFileSync(caFile, certificate.certPem);
  const inputs: Omit<Auth0DoctorInput, "env">[] = [];
  for (const scenario of Object.values(SCENARIOS)) {
    const tenant = healthyClassicTenant("dev", []);
    tenant.logStreams = scenario.streams;
    // Every stack's token carries read:log_streams (turning monitoring off deletes the stream); this one lacks it.
    if (scenario.withoutScope === true) tenant.grantedScopes = tenant.grantedScopes.filter((scope) => scope !== "read:log_streams");
    const api = await startLocalAuth0Api(tenant, certificate);
    apis.push(api);
    inputs.push({
      domain: api.domain,
      clientId: tenant.clientId,
      clientSecret: tenant.clientSecret,
      phoneExperience: "classic",
      stack: "dev",
      deployed: scenario.deployed ? { actionName: "sns-sms-sender-dev-send-phone-message" } : undefined,
      expectedSecretNames: [],
      factors: { factorEmail: false, factorOtp: true, factorRecoveryCode: true },
      monitoring: true,
    });
  }
  const { AUTH0_DOMAIN: _domain, AUTH0_CLIENT_ID: _id, AUTH0_CLIENT_SECRET: _secret, ...env } = process.env;
  const stdout = await new Promise<string>((resolve, reject) => {
    const child = execFile(
      process.execPath,
      ["--require", path.join(root, "tools", "typescript-require-hook.cjs"), "test/support/run-auth0-checks.ts"],
      { cwd: root, env: { ...env, NODE_EXTRA_CA_CERTS: caFile }, maxBuffer: 10_000_000, timeout: 120_000 },
      (error, out, stderr) => (error ? reject(new Error(`checks child failed: ${error.message}\n${stderr}`)) : resolve(out)),
    );
    child.stdin?.end(JSON.stringify(inputs));
  });
  const outcomes = JSON.parse(stdout) as { checks?: DoctorCheck[] }[];
  Object.keys(SCENARIOS).forEach((name, index) => {
    results.set(
      name,
      outcomes[index]?.checks?.find((check) => check.id === "auth0.log-stream"),
    );
  });
}, 150_000);

afterAll(async () => {
  await Promise.all(apis.map(async (api) => api.close()));
  rmSync(workDir, { recursive: true, force: true });
});

describe("auth0.log-stream against the Management API stand-in", () => {
  it("passes an active stream of the stack", () => {
    expect(results.get("active")).toMatchObject({
      status: "pass",
      reason: 'The log stream "auth0-sns-mfa-dev" (lst_0000000000000001) is active.',
    });
  });

  it.each(["paused", "suspended"])("fails a %s stream, with how to resume it", (status) => {
    const check = results.get(status);
    expect(check?.status).toBe("fail");
    expect(check?.reason).toContain(`is ${status}: Auth0 sends it no logs`);
    expect(check?.next).toContain("Resume");
  });

  it("fails a deployed stack whose stream is gone, with the fix", () => {
    expect(results.get("missing")).toMatchObject({ status: "fail", next: "Run `pulumi up` to create it." });
  });

  it("reports an EventBridge stream on the tenant that the stack does not own", () => {
    expect(results.get("foreignBesideOwn")?.status).toBe("warn");
    expect(results.get("foreignBesideOwn")?.reason).toContain('the stack does not own: "security-siem" (lst_0000000000000009)');
    expect(results.get("notDeployedYet")?.status).toBe("warn");
  });

  it("warns, naming the missing read scope's fix, when the token cannot read log streams", () => {
    expect(results.get("noScope")?.status).toBe("warn");
    expect(results.get("noScope")?.next).toContain("Grant the missing read scope");
  });
});

/** A stand-in of EventBridge's JSON 1.1 API answering DescribeEventSource from `sources` (name → state). */
async function startEventBridge(sources: Record<string, string>): Promise<{ server: Server; endpoint: string; targets: string[] }> {
  const targets: string[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const target = String(request.headers["x-amz-target"]);
      targets.push(target);
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as { Name?: string };
      const state = sources[body.Name ?? ""];
      const reply = (status: number, payload: unknown): void => {
        response.writeHead(status, { "content-type": "application/x-amz-json-1.1" });
        response.end(JSON.stringify(payload));
      };
      if (target !== "AWSEvents.DescribeEventSource") return reply(400, { __type: "UnknownOperationException", message: target });
      if (state === undefined)
        return reply(400, { __type: "ResourceNotFoundException", message: `Event source ${body.Name} does not exist.` });
      reply(200, { Name: body.Name, Arn: `arn:aws:events:eu-west-1::event-source/${body.Name}`, CreatedBy: "auth0.com", State: state });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, targets };
}

describe("aws.log-event-source with the real EventBridge client", () => {
  const deployed = (name?: string) => ({
    kind: "deployed" as const,
    outputs: {
      logEventSourceName: name,
      dashboardUrl: "https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#dashboards/dashboard/dev-sms-mfa-dashboard",
    },
  });

  it("passes ACTIVE, fails PENDING and DELETED with the fix, fails a source that does not exist", async () => {
    const eventBridge = await startEventBridge({
      [SOURCE]: "ACTIVE",
      "aws.partner/auth0.com/pending/auth0.logs": "PENDING",
      "aws.partner/auth0.com/gone/auth0.logs": "DELETED",
    });
    const client = new EventBridgeClient({
      region: "eu-west-1",
      endpoint: eventBridge.endpoint,
      credentials: { accessKeyId: "AKIDSTANDIN", secretAccessKey: "stand-in" },
      maxAttempts: 1,
    });
    try {
      expect(await logEventSourceCheck(deployed(SOURCE), client)).toMatchObject({
        status: "pass",
        reason: `The partner event source ${SOURCE} is ACTIVE.`,
      });
      const pending = await logEventSourceCheck(deployed("aws.partner/auth0.com/pending/auth0.logs"), client);
      expect(pending).toMatchObject({ status: "fail" });
      expect(pending.reason).toContain("is PENDING: EventBridge drops the tenant's log events");
      expect(pending.next).toContain("Run `pulumi up`: it creates the event bus named after the source");
      expect((await logEventSourceCheck(deployed("aws.partner/auth0.com/gone/auth0.logs"), client)).status).toBe("fail");
      const absent = await logEventSourceCheck(deployed("aws.partner/auth0.com/other/auth0.logs"), client);
      expect(absent).toMatchObject({ status: "fail" });
      expect(absent.reason).toContain("does not exist in this account and region");
      expect(eventBridge.targets.every((target) => target === "AWSEvents.DescribeEventSource")).toBe(true);
    } finally {
      client.destroy();
      eventBridge.server.close();
    }
  });

  it("does not run before the stack is deployed with monitoring, and prints the dashboard's address", async () => {
    const client = new EventBridgeClient({
      region: "eu-west-1",
      endpoint: "http://127.0.0.1:9",
      credentials: { accessKeyId: "a", secretAccessKey: "b" },
    });
    expect((await logEventSourceCheck({ kind: "not-deployed" }, client)).status).toBe("warn");
    client.destroy();
    expect(dashboardCheck(deployed(SOURCE))).toEqual({
      id: "stack.dashboard",
      status: "pass",
      reason:
        "Dashboard: https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#dashboards/dashboard/dev-sms-mfa-dashboard",
      next: "",
    });
  });
});
