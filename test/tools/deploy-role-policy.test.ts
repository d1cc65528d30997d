/**
 * `npm run deploy-role-policy`: the policy printed for a stack's committed configuration, as an
 * operator runs it (the tool's main with captured streams), and its usage errors.
 */
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { IamPolicyDocument } from "../../infra/aws/iam-policy-document";
import { printDeployRolePolicy } from "../../tools/deploy-role-policy";
import type { ToolIo } from "../../tools/command";
import { REPO_ROOT } from "../../tools/command";

const ACCOUNT = "210987654321";

function run(argv: string[], rootDirectory = REPO_ROOT): { code: number; out: string; err: string } {
  const out: string[] = [];
  const err: string[] = [];
  const io: ToolIo = { env: {}, out: (line) => out.push(line), err: (line) => err.push(line) };
  const code = printDeployRolePolicy(argv, io, rootDirectory);
  return { code, out: out.join("\n"), err: err.join("\n") };
}

const temporary: string[] = [];
afterEach(() => {
  for (const directory of temporary.splice(0)) rmSync(directory, { recursive: true, force: true });
});

/** A copy of the project file with one stack file of our own. */
function projectWithStack(stack: string, stackYaml: string): string {
  const directory = mkdtempSync(path.join(os.tmpdir(), "deploy-role-policy-"));
  temporary.push(directory);
  copyFileSync(path.join(REPO_ROOT, "Pulumi.yaml"), path.join(directory, "Pulumi.yaml"));
  writeFileSync(path.join(directory, `Pulumi.${stack}.yaml`), stackYaml);
  return directory;
}

describe("npm run deploy-role-policy", () => {
  it("prints, for the committed prod stack, a policy on the prod sender user and what its delete reaches, plus the doctor's reads in the prod region", () => {
    const { code, out, err } = run(["--stack", "prod", "--account", ACCOUNT]);
    expect(err).toBe("");
    expect(code).toBe(0);
    const policy = JSON.parse(out) as IamPolicyDocument;
    expect(policy.Statement.map((statement) => [statement.Sid, statement.Resource])).toEqual([
      ["SenderUser", [`arn:aws:iam::${ACCOUNT}:user/auth0-sns-mfa/prod/auth0-sms-sender-prod`]],
      ["StackGroups", [`arn:aws:iam::${ACCOUNT}:group/auth0-sns-mfa/prod/*`]],
      ["Global", ["*"]],
      ["StackVirtualMfaDevices", [`arn:aws:iam::${ACCOUNT}:mfa/auth0-sns-mfa/prod/*`]],
      ["InStackRegion", ["*"]],
    ]);
    expect(policy.Statement[4]?.Condition).toEqual({ StringEquals: { "aws:RequestedRegion": "us-east-1" } });
  });

  it("prints with --read-only only the reads of a refresh: no doctor, no write", () => {
    const { code, out } = run(["--stack", "prod", "--account", ACCOUNT, "--read-only"]);
    expect(code).toBe(0);
    const policy = JSON.parse(out) as IamPolicyDocument;
    expect(policy.Statement).toEqual([
      {
        Sid: "SenderUser",
        Effect: "Allow",
        Action: ["iam:GetUser", "iam:GetUserPolicy", "iam:ListAccessKeys"],
        Resource: [`arn:aws:iam::${ACCOUNT}:user/auth0-sns-mfa/prod/auth0-sms-sender-prod`],
      },
    ]);
  });

  it("adds the opt-ins' permissions, in the stack's region, when the stack file turns them on", () => {
    const root = projectWithStack(
      "ops",
      [
        "config:",
        "  aws:region: eu-central-1",
        "  auth0-sns-mfa:smsPreferencesEnabled: true",
        "  auth0-sns-mfa:alarmsEnabled: true",
        "  auth0-sns-mfa:alarmEmail: oncall@example.com",
        "  auth0-sns-mfa:protectConfigurationEnabled: true",
      ].join("\n"),
    );
    const { code, out } = run(["--stack", "ops", "--account", ACCOUNT], root);
    expect(code).toBe(0);
    const policy = JSON.parse(out) as IamPolicyDocument;
    expect(policy.Statement.map((statement) => statement.Sid)).toEqual([
      "SenderUser",
      "StackGroups",
      "Global",
      "StackVirtualMfaDevices",
      "InStackRegion",
      "DeliveryStatusRole",
      "StackInstanceProfiles",
      "DeliveryStatusRoleToSnsOnly",
      "AlarmTopic",
      "SmsAlarms",
      "NewProtectConfiguration",
      "ProtectConfigurations",
    ]);
    expect(out).toContain(`arn:aws:sns:eu-central-1:${ACCOUNT}:ops-sms-alarms-???????`);
    expect(out).toContain(`arn:aws:sms-voice:eu-central-1:${ACCOUNT}:protect-configuration/*`);
    expect(out).toContain(`arn:aws:iam::${ACCOUNT}:role/auth0-sns-mfa/ops/ops-sms-delivery-status-logging-???????`);
  });

  it.each([
    [["--stack", "prod"], /Flag --account is required/],
    [["--stack", "prod", "--account", "1234"], /Flag --account: "1234" is not a 12-digit AWS account ID/],
    [["--account", ACCOUNT], /Flag --stack is required/],
  ])("refuses %j with usage (exit 2), naming the flag", (argv, message) => {
    const { code, out, err } = run(argv);
    expect(code).toBe(2);
    expect(out).toBe("");
    expect(err).toMatch(message);
    expect(err).toContain("Usage: npm run deploy-role-policy");
  });

  it("names the missing stack file, and the key of an invalid stack value (exit 1)", () => {
    expect(run(["--stack", "staging", "--account", ACCOUNT])).toMatchObject({
      code: 1,
      err: expect.stringMatching(/no stack file .*Pulumi\.staging\.yaml/) as unknown,
    });
    const root = projectWithStack("ops", "config:\n  aws:region: eu-central-1\n  auth0-sns-mfa:accessKeyGeneration: 0\n");
    expect(run(["--stack", "ops", "--account", ACCOUNT], root)).toMatchObject({
      code: 1,
      out: "",
      err: expect.stringMatching(/accessKeyGeneration: must be a positive integer/) as unknown,
    });
  });
});
