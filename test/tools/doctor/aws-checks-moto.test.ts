/**
 * Second opinion on the doctor's STS, IAM and SNS calls: the same real SDK clients against moto
 * (moto_server, an independent AWS emulator), reached through AWS_ENDPOINT_URL only. The account is
 * set up with the SDK's own write calls first; the doctor's findings must match. moto has no AWS End
 * User Messaging SMS and no SMS-sandbox API: the doctor must say it could not check those, not crash.
 * Skipped, saying so, where moto_server is not installed.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { CreateAccessKeyCommand, CreateUserCommand, IAMClient } from "@aws-sdk/client-iam";
import { SetSMSAttributesCommand, SNSClient } from "@aws-sdk/client-sns";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { validateStackConfig } from "../../../infra/config/validate-config";
import { awsChecks, type AwsChecksResult } from "../../../tools/doctor/aws-checks";
import { closedPort as freePort } from "../../support/closed-port";

const REGION = "us-east-1";
let moto: ChildProcess | undefined;
let url = "";
let missing: string | undefined;
let managedKey = "";
let handMadeKey = "";

async function waitUntilUp(target: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`moto_server exited with ${child.exitCode}`);
    try {
      await fetch(`${target}/moto-api/`);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  throw new Error("moto_server did not start within 30 s");
}

beforeAll(async () => {
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  const child = spawn("moto_server", ["-H", "127.0.0.1", "-p", String(port)], { stdio: "ignore" });
  const started = await new Promise<boolean>((resolve) => {
    child.once("error", () => resolve(false));
    child.once("spawn", () => resolve(true));
  });
  if (!started) {
    missing = "moto_server is not installed (pip install 'moto[server]'): the moto second opinion is skipped";
    console.warn(missing);
    return;
  }
  moto = child;
  await waitUntilUp(url, child);
  const env = {
    AWS_ENDPOINT_URL: url,
    AWS_ACCESS_KEY_ID: "testing",
    AWS_SECRET_ACCESS_KEY: "testing",
    AWS_CONFIG_FILE: "/nonexistent/aws-config",
    AWS_SHARED_CREDENTIALS_FILE: "/nonexistent/aws-credentials",
    AWS_EC2_METADATA_DISABLED: "true",
  };
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  // The account as a first deployment plus a hand-made key would leave it: the SDK's own write calls.
  const iam = new IAMClient({ region: REGION });
  await iam.send(new CreateUserCommand({ UserName: "auth0-sms-sender-prod", Path: "/auth0-sns-mfa/prod/" }));
  managedKey = (await iam.send(new CreateAccessKeyCommand({ UserName: "auth0-sms-sender-prod" }))).AccessKey?.AccessKeyId ?? "";
  handMadeKey = (await iam.send(new CreateAccessKeyCommand({ UserName: "auth0-sms-sender-prod" }))).AccessKey?.AccessKeyId ?? "";
  await new SNSClient({ region: REGION }).send(new SetSMSAttributesCommand({ attributes: { MonthlySpendLimit: "1" } }));
}, 60_000);

afterAll(() => {
  vi.unstubAllEnvs();
  moto?.kill();
});

async function run(to: string): Promise<AwsChecksResult> {
  const config = validateStackConfig({ stack: "prod", region: REGION, values: { allowedCountries: '["US","CA"]' } });
  return awsChecks({
    config,
    to,
    deployment: { kind: "deployed", outputs: { senderUserName: "auth0-sms-sender-prod", accessKeyId: managedKey } },
  });
}

function status(result: AwsChecksResult, id: string): string {
  return result.checks.find((check) => check.id === id)?.status ?? "absent";
}

describe("the AWS checks against moto", () => {
  it("find the caller, the hand-made key, the 1 USD limit and an opted-out number; warn where moto has no API", async (context) => {
    if (missing !== undefined) context.skip(missing);
    const result = await run("+14155550199"); // moto: numbers ending in 99 have opted out
    expect(result.accountUnusable).toBe(false);
    expect(result.checks.find((check) => check.id === "aws.caller-identity")?.reason).toContain("account 123456789012");
    expect(status(result, "aws.sender-access-keys")).toBe("fail");
    expect(result.checks.find((check) => check.id === "aws.sender-access-keys")?.reason).toContain(
      `${handMadeKey.slice(0, 4)}…${handMadeKey.slice(-4)}`,
    );
    expect(result.checks.find((check) => check.id === "aws.spend-limit")).toMatchObject({
      status: "fail",
      reason: expect.stringContaining("is 1 USD"),
    });
    expect(status(result, "aws.opt-out")).toBe("fail");
    expect(status(await run("+14155550123"), "aws.opt-out")).toBe("pass");
    expect(result.checks.find((check) => check.id === "aws.origination-identity")?.reason).toMatch(
      /sms-voice:DescribePhoneNumbers got an answer that is not the API.s \(HTTP \d+\)/,
    );
    for (const id of ["aws.sms-sandbox", "aws.origination-identity", "aws.protect-configuration"]) expect(status(result, id)).toBe("warn");
  }, 60_000);
});
