/**
 * What the doctor reads about a stack before any check: the committed config (validated as the program
 * does), the Auth0 credentials (a `secure:` client secret decrypted by the Pulumi CLI, never read from
 * the file), and the deployment state from `pulumi stack output --json` (a fake CLI here).
 */
import { REPO_ROOT } from "../../../tools/command";
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { deploymentFromOutputs, loadStackContext } from "../../../tools/doctor/stack-context";
import { createFakePulumi, type FakePulumi } from "../fake-pulumi";

const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const step of cleanup.splice(0)) step();
});

function project(stackYaml: string): string {
  const directory = mkdtempSync(path.join(os.tmpdir(), "doctor-stack-"));
  cleanup.push(() => rmSync(directory, { recursive: true, force: true }));
  copyFileSync(path.join(REPO_ROOT, "Pulumi.yaml"), path.join(directory, "Pulumi.yaml"));
  writeFileSync(path.join(directory, "Pulumi.ops.yaml"), stackYaml);
  return directory;
}

function fakePulumi(replies: Parameters<typeof createFakePulumi>[0]): FakePulumi {
  const fake = createFakePulumi(replies);
  cleanup.push(() => fake.remove());
  return fake;
}

const STACK_YAML = [
  "config:",
  "  aws:region: eu-west-1",
  "  auth0:domain: tenant.eu.auth0.com",
  "  auth0:clientId: client-123",
  "  auth0:audience: https://login.example.com/api/v2/",
  "  auth0:clientSecret:",
  "    secure: v1:AAAAciphertext",
  "  auth0-sns-mfa:allowedCountries: [GB, DE]",
  "  auth0-sns-mfa:senderId: ACME",
].join("\n");

describe("loadStackContext", () => {
  it("reads the committed config and, through the CLI, the outputs and the decrypted client secret", async () => {
    const fake = fakePulumi([
      {
        args: ["stack", "output", "--json", "--stack", "ops"],
        stdout: JSON.stringify({
          senderUserArn: "arn:aws:iam::123456789012:user/auth0-sns-mfa/ops/auth0-sms-sender-ops",
          accessKeyId: "AKIAOPS",
        }),
      },
      { args: ["config", "get", "auth0:clientSecret", "--stack", "ops"], stdout: "decrypted-secret\n" },
    ]);
    const context = await loadStackContext("ops", { PATH: process.env.PATH, PULUMI_BIN: fake.bin }, project(STACK_YAML));
    expect(context.config).toMatchObject({ region: "eu-west-1", sender: { allowedCountries: ["GB", "DE"], senderId: "ACME" } });
    expect(context.auth0).toEqual({
      domain: "tenant.eu.auth0.com",
      clientId: "client-123",
      clientSecret: "decrypted-secret",
      audience: "https://login.example.com/api/v2/",
    });
    expect(context.deployment).toEqual({
      kind: "deployed",
      outputs: { senderUserName: "auth0-sms-sender-ops", accessKeyId: "AKIAOPS", actionId: undefined, actionName: undefined },
    });
    expect(context.expectedSecretNames).toEqual([
      "AWS_REGION",
      "AWS_ACCESS_KEY_ID",
      "AWS_SECRET_ACCESS_KEY",
      "ALLOWED_COUNTRIES",
      "SMS_SENDER_ID",
    ]);
  });

  it("without the Pulumi CLI: not deployed, a warning that says so, and no ciphertext passed on as the secret", async () => {
    const context = await loadStackContext("ops", { PULUMI_BIN: "/nonexistent/pulumi" }, project(STACK_YAML));
    expect(context.deployment.kind).toBe("unknown");
    expect(context.outputsCheck).toMatchObject({
      id: "stack.outputs",
      status: "warn",
      reason: expect.stringContaining("treated as not deployed"),
    });
    expect(context.auth0.clientSecret).toBe("");
  });

  it("an invalid stack config is an error naming the key", async () => {
    await expect(
      loadStackContext(
        "ops",
        { PULUMI_BIN: "/nonexistent/pulumi" },
        project("config:\n  aws:region: eu-west-1\n  auth0-sns-mfa:allowedCountries: [Narnia]\n"),
      ),
    ).rejects.toThrow(/allowedCountries: not ISO 3166-1 alpha-2/);
  });
});

describe("deploymentFromOutputs", () => {
  it("no outputs: not deployed yet (pass); unknown stack: not deployed (warn); other CLI errors: unknown (warn)", () => {
    expect(deploymentFromOutputs("ops", { code: 0, stdout: "{}\n", stderr: "" })).toMatchObject({
      deployment: { kind: "not-deployed" },
      check: { status: "pass" },
    });
    expect(deploymentFromOutputs("ops", { code: 255, stdout: "", stderr: "error: no stack named 'ops' found\n" })).toMatchObject({
      deployment: { kind: "not-deployed" },
      check: { status: "warn", next: expect.stringContaining("pulumi stack init ops") },
    });
    expect(
      deploymentFromOutputs("ops", {
        code: 255,
        stdout: "",
        stderr: "error: PULUMI_ACCESS_TOKEN must be set for login during non-interactive CLI sessions\n",
      }),
    ).toMatchObject({ deployment: { kind: "unknown" }, check: { status: "warn", reason: expect.stringContaining("PULUMI_ACCESS_TOKEN") } });
  });
});
