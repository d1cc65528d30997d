// The built Action over HTTPS, as against real SNS: certificate verification stays on. An endpoint
// whose certificate is not trusted fails the send clearly, before any request is made; trusted through
// NODE_EXTRA_CA_CERTS (how the bench trusts its endpoint, with no change to the Action) it delivers.
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { captureConsole, type ConsoleCapture } from "../support/console-capture";
import { startLocalSnsEndpoint, type LocalSnsEndpoint } from "../../tools/kit/local-sns-endpoint";
import { builtAction, executionFor, loadHandler, NUMBERS, outcomeLines, privateValues, TEST_SECRETS } from "./built-action";
import { REPO_ROOT } from "../../tools/command";

const run = promisify(execFile);

let endpoint: LocalSnsEndpoint;
let workDir: string;

beforeAll(async () => {
  endpoint = await startLocalSnsEndpoint({ tls: true });
  // Inside the repository, so the Action's require() finds node_modules as Auth0's install would.
  await mkdir(path.join(REPO_ROOT, "dist"), { recursive: true });
  workDir = await mkdtemp(path.join(REPO_ROOT, "dist", "bundle-tls-"));
});

afterAll(async () => {
  await endpoint.close();
  await rm(workDir, { recursive: true, force: true });
});

describe("built send-phone-message Action over TLS", () => {
  let output: ConsoleCapture;
  beforeEach(() => {
    output = captureConsole();
  });
  afterEach(() => {
    output.restore();
  });

  it("refuses an endpoint whose certificate it does not trust, naming the certificate problem, and sends nothing", async () => {
    const handler = await loadHandler("send-phone-message");
    const execution = executionFor("send-phone-message", {
      recipient: NUMBERS.GB,
      secrets: { ...TEST_SECRETS, SNS_ENDPOINT: endpoint.url },
    });
    const error = await handler(execution.event, execution.api).then(
      () => undefined,
      (thrown: unknown) => thrown as Error,
    );
    expect(error).toMatchObject({ name: "SmsDeliveryError", reason: "unreachable" });
    expect(error?.message).toMatch(/CERT|certificate/i);
    expect(error?.message).toMatch(/SNS was unreachable at SNS_ENDPOINT https:\/\/127\.0\.0\.1:\d+/);
    expect(endpoint.requestCount).toBe(0);
    expect(endpoint.publishes).toHaveLength(0);
    // Nothing was written before TLS failed: every attempt the sender allows was made.
    expect(outcomeLines(output.logLines())).toEqual([expect.objectContaining({ sms: "failed", reason: "unreachable", attempts: 3 })]);
    for (const value of privateValues(execution, NUMBERS.GB)) expect(`${error?.message ?? ""}\n${output.text()}`).not.toContain(value);
  });
});

it("delivers over TLS in a node process that trusts the endpoint through NODE_EXTRA_CA_CERTS, two sends over the one connection opened ahead", async () => {
  const action = await builtAction("send-phone-message");
  const actionFile = path.join(workDir, "send-phone-message.js");
  const caFile = path.join(workDir, "endpoint-ca.pem");
  await writeFile(actionFile, action.code);
  await writeFile(caFile, endpoint.caPem ?? "");
  const execution = executionFor("send-phone-message", { recipient: NUMBERS.GB, secrets: { ...TEST_SECRETS, SNS_ENDPOINT: endpoint.url } });
  const before = { publishes: endpoint.publishes.length, connections: endpoint.connectionCount, requests: endpoint.requestCount };
  const script = `const handler = require(process.env.ACTION_FILE).${action.handlerName};
    const event = JSON.parse(process.env.EVENT);
    handler(event, {}).then(() => handler(event, {})).then(
    () => process.exit(0), (e) => { console.error(e.name + ": " + e.message); process.exit(1); });`;
  const { stdout } = await run(process.execPath, ["-e", script], {
    env: { PATH: process.env.PATH, NODE_EXTRA_CA_CERTS: caFile, ACTION_FILE: actionFile, EVENT: JSON.stringify(execution.event) },
  });
  const arrived = endpoint.publishes.slice(before.publishes);
  expect(arrived.map((p) => p.phoneNumber)).toEqual([NUMBERS.GB, NUMBERS.GB]);
  expect(arrived[0]?.message).toBe(execution.text);
  // The connection the SNS client opens ahead of its first Publish is the one both sends use.
  expect(endpoint.connectionCount - before.connections).toBe(1);
  expect(endpoint.requestCount - before.requests).toBe(2);
  const lines = stdout
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as unknown);
  expect(lines).toEqual(arrived.map((p) => expect.objectContaining({ sms: "sent", messageId: p.messageId })));
});
