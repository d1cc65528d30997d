/**
 * `npm run send-test` against a local SNS-compatible endpoint: the built Action really publishes over
 * HTTP with the secrets the tool gathered; every outcome an operator can meet is reported with its
 * precise reason; nothing secret (key, code, text, whole number) reaches the output.
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sendTest } from "../../tools/send-test";
import { startLocalSnsEndpoint, type EndpointFault, type LocalSnsEndpoint } from "../../tools/kit/local-sns-endpoint";
import { createFakePulumi, type FakePulumi } from "./fake-pulumi";
import { REPO_ROOT } from "../../tools/command";

const TO = "+14155550123";
const TO_UK = "+447400123456";
const KEY_ID = "AKIAENVIRONMENT01234";
const SECRET_KEY = "envSecretKey/0123456789abcdefghijklmnopqrstu";
const NO_PULUMI = "/nonexistent/pulumi";

let endpoint: LocalSnsEndpoint;
let fake: FakePulumi | undefined;

beforeEach(async () => {
  endpoint = await startLocalSnsEndpoint();
});
afterEach(async () => {
  await endpoint.close();
  fake?.remove();
  fake = undefined;
});

function awsEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    PULUMI_BIN: NO_PULUMI,
    AWS_ACCESS_KEY_ID: KEY_ID,
    AWS_SECRET_ACCESS_KEY: SECRET_KEY,
    AWS_REGION: "us-east-1",
    ...extra,
  };
}

async function run(argv: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; out: string; err: string; all: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await sendTest(argv, { env, out: (line) => out.push(line), err: (line) => err.push(line) });
  return { code, out: out.join("\n"), err: err.join("\n"), all: [...out, ...err].join("\n") };
}

/** The one-time code the Action was given: read back from what the endpoint received. */
function sentCode(): string {
  return /\b(\d{6})\b/.exec(endpoint.publishes[0]?.message ?? "")?.[1] ?? "no code";
}

function expectNothingSecret(output: string, number: string): void {
  expect(output).not.toContain(SECRET_KEY);
  expect(output).not.toContain(KEY_ID);
  expect(output).not.toContain(number);
  expect(output).not.toContain(number.slice(1));
}

describe("a successful send", () => {
  it("texts the number through the endpoint and prints the masked destination and the MessageId", async () => {
    const result = await run(["--to", TO, "--endpoint", endpoint.url], awsEnv());
    expect(result.err).toBe("");
    expect(result.code).toBe(0);
    expect(endpoint.publishes).toHaveLength(1);
    const published = endpoint.publishes[0];
    expect(published?.phoneNumber).toBe(TO);
    expect(published?.attributes["AWS.SNS.SMS.SMSType"]).toBe("Transactional");
    expect(published?.authorization).toMatch(new RegExp(`Credential=${KEY_ID}/\\d{8}/us-east-1/sns/aws4_request`));
    expect(result.out).toContain(`SENT to +1…23: MessageId ${published?.messageId ?? "missing"}`);
    expect(result.out).toMatch(/Action log: \{"sms":"sent"/);
    expect(result.out).toContain("AKIA…1234 in us-east-1");
    expectNothingSecret(result.all, TO);
    expect(result.all).not.toContain(sentCode());
  });

  it("takes the secrets from the deployed stack through the Pulumi CLI, with the stack's experience and sender settings", async () => {
    const stackKey = "AKIASTACKOUTPUT56789";
    const stackSecret = "stackSecret/abcdefghijklmnopqrstuvwxyz0123456";
    fake = createFakePulumi([
      {
        args: ["stack", "output"],
        stdout: JSON.stringify({
          accessKeyId: stackKey,
          senderSecretAccessKey: stackSecret,
          region: "eu-west-2",
          allowedCountries: ["GB"],
          phoneExperience: "unified",
        }),
      },
      {
        args: ["config", "--json"],
        stdout: JSON.stringify({
          "aws:region": { value: "eu-west-2", secret: false },
          "auth0-sns-mfa:senderId": { value: "MyBrand", secret: false },
        }),
      },
    ]);
    const result = await run(["--to", TO_UK, "--stack", "prod", "--endpoint", endpoint.url], {
      PATH: process.env.PATH,
      PULUMI_BIN: fake.bin,
    });
    expect(result.err).toBe("");
    expect(result.code).toBe(0);
    expect(fake.calls()).toEqual([
      ["version"],
      ["stack", "output", "--json", "--show-secrets", "--stack", "prod"],
      ["config", "--json", "--stack", "prod"],
    ]);
    const published = endpoint.publishes[0];
    expect(published?.authorization).toMatch(new RegExp(`Credential=${stackKey}/\\d{8}/eu-west-2/sns/aws4_request`));
    expect(published?.attributes["AWS.SNS.SMS.SenderID"]).toBe("MyBrand");
    expect(result.out).toContain("custom-phone-provider Action");
    expect(result.out).toContain("secrets:  stack prod (pulumi stack output + pulumi config)");
    expect(result.all).not.toContain(stackSecret);
    expect(result.all).not.toContain(TO_UK);
  });

  it("works as the npm script: node with the TypeScript require hook, exit code 0, and the process ends by itself", async () => {
    const root = REPO_ROOT;
    const hook = path.join(root, "tools", "typescript-require-hook.cjs");
    const child = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        ["--require", hook, "tools/send-test.ts", "--to", TO, "--endpoint", endpoint.url],
        { cwd: root, env: awsEnv(), encoding: "utf8", timeout: 25_000 },
        (error, stdout, stderr) => resolve({ code: error === null ? 0 : (error.code as number | null), stdout, stderr }),
      );
    });
    expect(child.stderr).toBe("");
    expect(child.code).toBe(0);
    expect(child.stdout).toMatch(/SENT to \+1…23: MessageId \S+/);
    expect(endpoint.publishes).toHaveLength(1);
  });
});

describe("failures SNS reports", () => {
  it.each<[string, EndpointFault, string]>([
    [
      "sandbox",
      {
        status: 403,
        code: "AuthorizationError",
        message: "This account is in the SMS sandbox; the destination phone number is not verified",
      },
      "The AWS account is in the SMS sandbox and this number is not a verified destination",
    ],
    ["opted-out", { status: 400, code: "OptedOut", message: "Phone number is opted out" }, "The number has opted out of SMS"],
    [
      "invalid-number",
      { status: 400, code: "InvalidParameter", message: `Invalid parameter: PhoneNumber Reason: ${TO} is not valid to publish to` },
      "SNS rejected the phone number",
    ],
    [
      "credentials-rejected",
      { status: 403, code: "InvalidClientTokenId", message: "The security token included in the request is invalid." },
      "AWS rejected the access key",
    ],
    [
      "credentials-rejected",
      {
        status: 403,
        code: "SignatureDoesNotMatch",
        message: "The request signature we calculated does not match the signature you provided.",
      },
      "AWS rejected the access key",
    ],
    [
      "not-authorized",
      {
        status: 403,
        code: "AuthorizationError",
        message: "User: arn:aws:iam::123456789012:user/x is not authorized to perform: SNS:Publish",
      },
      "The IAM user may not publish SMS here",
    ],
    [
      "invalid-parameter",
      { status: 400, code: "InvalidParameter", message: "Invalid parameter: MessageAttributes" },
      "SNS rejected a message setting",
    ],
  ])("%s: %j", async (reason, fault, summary) => {
    endpoint.failNext(fault);
    const result = await run(["--to", TO, "--endpoint", endpoint.url], awsEnv());
    expect(result.code).toBe(1);
    expect(result.err).toContain(`FAILED (${reason}): ${summary}`);
    expect(result.err).toMatch(/\n {2}next: {3}\S/);
    expect(result.err).toContain(`sender: SNS refused the SMS: `);
    expect(endpoint.publishes).toEqual([]);
    expectNothingSecret(result.all, TO);
  });

  it.each<[string, EndpointFault]>([
    ["throttled", { status: 400, code: "Throttling", message: "Rate exceeded" }],
    ["sns-unavailable", { status: 500, code: "InternalError", message: "Internal error" }],
  ])("%s, after the sender's retries", async (reason, fault) => {
    endpoint.failNext(fault, Infinity);
    const result = await run(["--to", TO, "--endpoint", endpoint.url], awsEnv());
    expect(result.code).toBe(1);
    expect(result.err).toContain(`FAILED (${reason})`);
    expect(result.err).toMatch(/after 3 attempt\(s\)/);
    expect(endpoint.requestCount).toBe(3);
  });

  it("unreachable: nothing listens at the endpoint", async () => {
    const old = endpoint;
    endpoint = await startLocalSnsEndpoint(); // opened first, so it cannot take the closed port
    await old.close();
    const closed = old.url;
    const result = await run(["--to", TO, "--endpoint", closed], awsEnv());
    expect(result.code).toBe(1);
    expect(result.err).toContain("FAILED (unreachable): The SNS endpoint could not be reached");
    expectNothingSecret(result.all, TO);
  });

  it("timeout: an endpoint that never answers is reported within the sender's deadline", async () => {
    endpoint.stall(true);
    const started = Date.now();
    const result = await run(["--to", TO, "--endpoint", endpoint.url], awsEnv());
    expect(result.code).toBe(1);
    expect(result.err).toContain("FAILED (timeout): SNS did not answer within the sender's deadline");
    expect(Date.now() - started).toBeLessThan(15_000);
  }, 20_000);
});

describe("refusals by the sender (nothing reaches SNS)", () => {
  it("country not allowed: a UK number when only US is allowed", async () => {
    const result = await run(["--to", TO_UK, "--endpoint", endpoint.url], awsEnv({ ALLOWED_COUNTRIES: "US" }));
    expect(result.code).toBe(1);
    expect(result.err).toContain("FAILED (country-not-allowed)");
    expect(result.err).toContain("GB is not in ALLOWED_COUNTRIES");
    expect(endpoint.requestCount).toBe(0);
    expectNothingSecret(result.all, TO_UK);
  });

  it("a number of no country (+979 premium rate), even without ALLOWED_COUNTRIES", async () => {
    const result = await run(["--to", "+979123456789", "--endpoint", endpoint.url], awsEnv());
    expect(result.code).toBe(1);
    expect(result.err).toContain("FAILED (country-none)");
    expect(endpoint.requestCount).toBe(0);
  });

  it("a failure the custom-phone-provider Action drops through api.notification is reported as a failure", async () => {
    const refused = await run(
      ["--to", TO_UK, "--trigger", "custom-phone-provider", "--endpoint", endpoint.url],
      awsEnv({ ALLOWED_COUNTRIES: "US" }),
    );
    expect(refused.code).toBe(1);
    expect(refused.err).toContain("FAILED (country-not-allowed)");
    endpoint.failNext({ status: 403, code: "AuthorizationError", message: "User is not authorized to perform: SNS:Publish" });
    const failed = await run(["--to", TO, "--trigger", "custom-phone-provider", "--endpoint", endpoint.url], awsEnv());
    expect(failed.code).toBe(1);
    expect(failed.err).toContain("FAILED (not-authorized)");
    expect(endpoint.publishes).toEqual([]);
  });

  it("a number that is not E.164", async () => {
    const result = await run(["--to", "004479111234", "--endpoint", endpoint.url], awsEnv());
    expect(result.code).toBe(1);
    expect(result.err).toContain("FAILED (not-e164)");
    expect(result.err).toContain("+, country code and number");
    expect(endpoint.requestCount).toBe(0);
    expect(result.all).not.toContain("004479111234");
  });
});

describe("missing or wrong input", () => {
  it("names the missing AWS variable when no stack is given", async () => {
    const env = awsEnv();
    delete env.AWS_SECRET_ACCESS_KEY;
    const result = await run(["--to", TO, "--endpoint", endpoint.url], env);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/Environment variable AWS_SECRET_ACCESS_KEY is not set \(no --stack was given\)/);
    expect(endpoint.requestCount).toBe(0);
  });

  it("falls back to the environment, and says why, when --stack is given but there is no Pulumi CLI", async () => {
    const withKeys = await run(["--to", TO, "--stack", "dev", "--endpoint", endpoint.url], awsEnv());
    expect(withKeys.code).toBe(0);
    expect(withKeys.out).toContain("the Pulumi CLI was not found, so stack dev cannot be read");

    const result = await run(["--to", TO, "--stack", "dev"], { PATH: process.env.PATH, PULUMI_BIN: NO_PULUMI });
    expect(result.code).toBe(1);
    expect(result.err).toMatch(
      /Environment variable AWS_ACCESS_KEY_ID is not set \(the Pulumi CLI was not found, so stack dev cannot be read\)/,
    );
  });

  it("uses the environment, not the stack, with --no-pulumi", async () => {
    fake = createFakePulumi([]);
    const result = await run(["--to", TO, "--stack", "dev", "--no-pulumi", "--endpoint", endpoint.url], awsEnv({ PULUMI_BIN: fake.bin }));
    expect(result.code).toBe(0);
    expect(fake.calls()).toEqual([]);
  });

  it("reports a stack that was never deployed, naming the output", async () => {
    fake = createFakePulumi([
      { args: ["stack", "output"], stdout: "{}" },
      { args: ["config", "--json"], stdout: "{}" },
    ]);
    const result = await run(["--to", TO, "--stack", "dev"], { PATH: process.env.PATH, PULUMI_BIN: fake.bin });
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/Stack dev has neither a region output nor aws:region config/);
  });

  it.each([
    [[], /Flag --to is required/],
    [["--to"], /Flag --to needs a value/],
    [["--to", TO, "--endpoint", "ftp://example"], /Flag --endpoint: "ftp:\/\/example" is not an http\(s\) URL/],
    [["--to", TO, "--trigger", "post-login"], /Flag --trigger: "post-login" is not one of send-phone-message, custom-phone-provider/],
    [["--to", TO, "--region", "us-east-1"], /Unknown flag --region/],
  ])("rejects %j with exit code 2 and the usage", async (argv, message) => {
    const result = await run(argv, awsEnv());
    expect(result.code).toBe(2);
    expect(result.err).toMatch(message);
    expect(result.err).toContain("Usage: npm run send-test");
    expect(endpoint.requestCount).toBe(0);
  });
});
