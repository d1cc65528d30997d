/**
 * `npm run doctor` as an operator and the deploy pipeline run it: the command's main with captured
 * streams (and once as the real npm script), the committed prod stack, the Pulumi CLI absent or a
 * fake one answering `pulumi stack output`, and the AWS stand-in account behind the SDK's standard
 * endpoint variables. Exit codes, the one-line-per-check output, --json, --help.
 */
import { REPO_ROOT } from "../../../tools/command";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { REQUIRED_SECRET_NAMES } from "../../../hook/action-secrets";
import { healthyClassicTenant, startLocalAuth0Api } from "../../support/local-auth0-api";
import { createSelfSignedCertificate } from "../../../tools/kit/self-signed-certificate";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { AWS_CHECKS } from "../../../tools/doctor/aws-checks";
import { AUTH0_CHECKS } from "../../../tools/doctor/auth0-check-ids";
import { doctor } from "../../../tools/doctor";
import { DoctorCredentialsError } from "../../../tools/doctor/auth0-checks";
import type { DoctorCheck } from "../../../tools/doctor/doctor-check";
import { createFakePulumi, type FakePulumi } from "../fake-pulumi";
import { healthyAccount, startStandInAccount, type StandInAccount, type StandInAccountState } from "../../support/stand-in-aws-account";
import { closedPort } from "../../support/closed-port";

const NO_PULUMI = "/nonexistent/pulumi";

const TEST_NUMBER = "+14155550123";

let account: StandInAccount;
let fake: FakePulumi | undefined;

beforeAll(async () => {
  account = await startStandInAccount(healthyAccount());
});
afterAll(async () => {
  await account.close();
});
afterEach(() => {
  vi.unstubAllEnvs();
  fake?.remove();
  fake = undefined;
});

/**
 * These tests judge the command and its AWS half: the Auth0 half reports no check here (its own tests
 * run it against the Auth0 stand-in). The npm-script test at the end runs both halves.
 */
const awsHalfOnly = async (): Promise<DoctorCheck[]> => Promise.resolve([]);

interface Run {
  code: number;
  out: string;
  err: string;
}

async function run(argv: string[], state: Partial<StandInAccountState> = {}, pulumiBin = NO_PULUMI): Promise<Run> {
  Object.assign(account.state, healthyAccount(), state);
  for (const [name, value] of Object.entries(account.env)) vi.stubEnv(name, value);
  const out: string[] = [];
  const err: string[] = [];
  const io = {
    env: { ...process.env, PULUMI_BIN: pulumiBin },
    out: (line: string) => out.push(line),
    err: (line: string) => err.push(line),
  };
  const code = await doctor(argv, io, { runAuth0Checks: awsHalfOnly });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("npm run doctor --help", () => {
  it("names every check", async () => {
    const { code, out } = await run(["--help"]);
    expect(code).toBe(0);
    for (const id of ["stack.outputs", ...AWS_CHECKS.map((check) => check.id), ...AUTH0_CHECKS.map((check) => check.id)])
      expect(out).toContain(id);
    expect(out).toMatch(/--stack.*\n.*--to.*\n.*--json/);
  });
});

describe("the command line", () => {
  it.each([
    [["--stack", "prod", "--to", "4155550123"], /--to: not a phone number in E\.164 form/],
    [["--stack", "prod", "--verbose"], /Unknown flag --verbose/],
    [[], /--stack is required/],
    [["--stack", "nope"], /stack nope: no stack file .*Pulumi\.nope\.yaml/],
  ])("%j exits 2 naming the problem", async (argv, message) => {
    const { code, err, out } = await run(argv);
    expect(code).toBe(2);
    expect(err).toMatch(message);
    expect(out).toBe("");
  });
});

describe("npm run doctor --stack prod", () => {
  it("healthy account, no Pulumi CLI: exit 0, one Markdown list line per check, the missing CLI a warning", async () => {
    const { code, out, err } = await run(["--stack", "prod", "--to", TEST_NUMBER]);
    expect(err).toBe("");
    expect(code).toBe(0);
    const lines = out.split("\n").filter((line) => line.startsWith("- **"));
    expect(lines.filter((line) => line.includes(" `aws."))).toHaveLength(AWS_CHECKS.length);
    expect(lines[0]).toMatch(/^- \*\*WARN\*\* `stack\.outputs` The Pulumi CLI was not found: the stack is treated as not deployed/);
    for (const { id } of AWS_CHECKS) expect(lines.some((line) => line.startsWith(`- **PASS** \`${id}\` `))).toBe(true);
    expect(out.split("\n")[0]).toBe("### npm run doctor: stack prod (us-east-1)");
    expect(out).toMatch(/\*\*0 failed, 1 warning, \d+ passed\*\*: nothing stops `pulumi up`\./);
    expect(out).not.toContain(TEST_NUMBER);
  });

  it("sandboxed account: exit 1, the FAIL line says what to do", async () => {
    const { code, out } = await run(["--stack", "prod"], { inSandbox: true });
    expect(code).toBe(1);
    expect(out).toMatch(
      /^- \*\*FAIL\*\* `aws\.sms-sandbox` The account is in the SMS sandbox in us-east-1.* Next: Request production access/m,
    );
    expect(out).toContain("fix every FAIL before `pulumi up`");
  });

  it("refused AWS credentials: exit 2", async () => {
    const { code, out } = await run(["--stack", "prod"], {
      faults: { GetCallerIdentity: { status: 403, code: "SignatureDoesNotMatch", message: "signature mismatch" } },
    });
    expect(code).toBe(2);
    expect(out).toMatch(/- \*\*FAIL\*\* `aws\.caller-identity` No working AWS credentials/);
  });

  it("deployed stack (outputs from `pulumi stack output`): a hand-made key on the sender user fails, exit 1; only read commands run", async () => {
    fake = createFakePulumi([
      {
        args: ["stack", "output", "--json", "--stack", "prod"],
        stdout: JSON.stringify({
          senderUserArn: "arn:aws:iam::123456789012:user/auth0-sns-mfa/prod/auth0-sms-sender-prod",
          accessKeyId: "AKIAMANAGEDKEY000001",
          senderSecretAccessKey: "[secret]",
          actionId: "act_123",
          actionName: "auth0-sns-mfa-prod",
        }),
      },
    ]);
    const users = {
      "auth0-sms-sender-prod": [
        { AccessKeyId: "AKIAMANAGEDKEY000001", Status: "Active" as const },
        { AccessKeyId: "AKIAHANDMADEKEY00002", Status: "Active" as const },
      ],
    };
    const { code, out } = await run(["--stack", "prod"], { users }, fake.bin);
    expect(code).toBe(1);
    expect(out).toContain("- **PASS** `stack.outputs` Stack prod is deployed");
    expect(out).toMatch(
      /- \*\*FAIL\*\* `aws\.sender-access-keys` auth0-sms-sender-prod holds access key AKIA…0002 that this stack does not manage/,
    );
    expect(fake.calls().map((call) => call.slice(0, 2).join(" "))).toEqual(["version", "stack output"]);
  });

  it("--json prints every check with id, status, reason and next, and the exit code", async () => {
    const { code, out } = await run(["--stack", "prod", "--json"], {
      snsMonthlySpendLimit: undefined,
      textSpendLimit: { enforced: 1, max: 1 },
    });
    expect(code).toBe(1);
    const report = JSON.parse(out) as { stack: string; region: string; exitCode: number; checks: Record<string, unknown>[] };
    expect(report).toMatchObject({ stack: "prod", region: "us-east-1", exitCode: 1 });
    expect(report.checks.map((check) => check.id)).toEqual(expect.arrayContaining(AWS_CHECKS.map((check) => check.id)));
    for (const check of report.checks) expect(Object.keys(check).sort()).toEqual(["id", "next", "reason", "status"]);
    expect(report.checks.find((check) => check.id === "aws.spend-limit")).toMatchObject({ status: "fail" });
  });
});

describe("the npm script", () => {
  it("`npm run --silent doctor -- --stack prod` runs the real command: exit 0 on a healthy account, the report on stdout, nothing on stderr", async () => {
    Object.assign(account.state, healthyAccount());
    // The Auth0 half talks to the Management API stand-in over TLS, trusted the standard way.
    const certificate = createSelfSignedCertificate();
    const workDir = mkdtempSync(path.join(tmpdir(), "doctor-npm-"));
    const caFile = path.join(workDir, "auth0-stand-in-ca.pem");
    writeFileSync(caFile, certificate.certPem);
    const tenant = await startLocalAuth0Api(healthyClassicTenant("prod", [...REQUIRED_SECRET_NAMES]), certificate);
    const auth0Env = {
      AUTH0_DOMAIN: tenant.domain,
      AUTH0_CLIENT_ID: tenant.tenant.clientId,
      AUTH0_CLIENT_SECRET: tenant.tenant.clientSecret,
      NODE_EXTRA_CA_CERTS: caFile,
    };
    const child = spawn("npm", ["run", "--silent", "doctor", "--", "--stack", "prod"], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...account.env, ...auth0Env, PULUMI_BIN: NO_PULUMI },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    await tenant.close();
    rmSync(workDir, { recursive: true, force: true });
    expect(stdout.split("\n")[0]).toBe("### npm run doctor: stack prod (us-east-1)");
    expect(stdout).toContain("- **PASS** `auth0.token`");
    expect(stdout).toContain("- **PASS** `aws.sms-sandbox`");
    // Nothing else reaches the operator's terminal: no Node or AWS SDK warning (NodeVersionSupportWarning...).
    expect(stderr).toBe("");
    expect(code).toBe(0);
  }, 60_000);
});

describe("an Auth0 domain that cannot be reached", () => {
  it("`npm run --silent doctor -- --stack prod` against a closed port exits 2, naming the domain, the AWS findings still printed", async () => {
    Object.assign(account.state, healthyAccount());
    const domain = `127.0.0.1:${await closedPort()}`;
    const child = spawn("npm", ["run", "--silent", "doctor", "--", "--stack", "prod"], {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        ...account.env,
        AUTH0_DOMAIN: domain,
        AUTH0_CLIENT_ID: "doctor-test-client",
        AUTH0_CLIENT_SECRET: "doctor-test-secret-never-printed",
        PULUMI_BIN: NO_PULUMI,
      },
    });
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(stdout).toMatch(
      new RegExp(
        `- \\*\\*FAIL\\*\\* \`auth0\\.token\` The Auth0 domain ${domain.replace(/\./g, "\\.")} could not be reached: .*ECONNREFUSED`,
      ),
    );
    expect(stdout).toContain(`Next: Check auth0:domain (or AUTH0_DOMAIN): ${domain}`);
    expect(stdout).toContain("- **PASS** `aws.sms-sandbox`");
    expect(stdout).not.toContain("never-printed");
    expect(code).toBe(2);
  }, 60_000);
});

describe("the two halves together", () => {
  it("Auth0 credentials refused: exit 2 even when AWS is healthy, the AWS findings still printed", async () => {
    Object.assign(account.state, healthyAccount());
    for (const [name, value] of Object.entries(account.env)) vi.stubEnv(name, value);
    const out: string[] = [];
    const refused = async (): Promise<DoctorCheck[]> =>
      Promise.reject(new DoctorCredentialsError("Auth0 Management API credentials missing: auth0:clientId (or AUTH0_CLIENT_ID)"));
    const code = await doctor(
      ["--stack", "prod"],
      { env: { ...process.env, PULUMI_BIN: NO_PULUMI }, out: (line) => out.push(line), err: () => undefined },
      { runAuth0Checks: refused },
    );
    expect(code).toBe(2);
    expect(out.join("\n")).toMatch(/- \*\*FAIL\*\* `auth0\.token` Auth0 Management API credentials missing: auth0:clientId/);
    expect(out.join("\n")).toContain("- **PASS** `aws.sms-sandbox`");
  });
});
