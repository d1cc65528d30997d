/**
 * The doctor's AWS checks with the real SDK clients (@aws-sdk/client-sts, -iam, -sns,
 * -pinpoint-sms-voice-v2) against a stand-in account served locally, reached only through the SDK's
 * standard AWS_ENDPOINT_URL_<SERVICE> variables: one scenario per finding, and every request the
 * doctor sent was a read.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { validateStackConfig } from "../../../infra/config/validate-config";
import { awsChecks, AWS_CHECKS, type AwsChecksResult } from "../../../tools/doctor/aws-checks";
import type { AwsDoctorInput, DeploymentState } from "../../../tools/doctor/aws-doctor-input";
import type { DoctorCheck } from "../../../tools/doctor/doctor-check";
import { healthyAccount, startStandInAccount, type StandInAccount, type StandInAccountState } from "../../support/stand-in-aws-account";
import { closedPort } from "../../support/closed-port";

const TEST_NUMBER = "+14155550123";
const MANAGED_KEY = "AKIAMANAGEDKEY000001";
const FOREIGN_KEY = "AKIAHANDMADEKEY00002";
const READ_ONLY = /^(sts|iam|sns|sms-voice):(Get|List|Describe|Check)[A-Za-z]+$/;

let account: StandInAccount;

beforeAll(async () => {
  account = await startStandInAccount(healthyAccount());
});
afterAll(async () => {
  await account.close();
});
afterEach(() => {
  vi.unstubAllEnvs();
});

/** Points the SDK at the stand-in (or elsewhere) the only way the doctor allows: environment variables. */
function useEnvironment(env: Record<string, string>): void {
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
}

function setAccount(overrides: Partial<StandInAccountState>): void {
  Object.assign(account.state, healthyAccount(), overrides);
}

function config(values: Record<string, string> = {}) {
  return validateStackConfig({ stack: "prod", region: "us-east-1", values: { allowedCountries: '["US","CA"]', ...values } });
}

async function run(input: Partial<AwsDoctorInput> = {}, env: Record<string, string> = {}): Promise<AwsChecksResult> {
  useEnvironment({ ...account.env, ...env });
  return awsChecks({ config: config(), deployment: { kind: "not-deployed" }, ...input });
}

function find(result: AwsChecksResult, id: string): DoctorCheck {
  const check = result.checks.find((candidate) => candidate.id === id);
  if (check === undefined) throw new Error(`no check ${id} in ${result.checks.map((c) => c.id).join(", ")}`);
  return check;
}

const deployed = (accessKeyId = MANAGED_KEY): DeploymentState => ({
  kind: "deployed",
  outputs: { senderUserName: "auth0-sms-sender-prod", accessKeyId, actionId: "act_1", actionName: "auth0-sns-mfa-prod" },
});

/** The actions received since `before` was taken (each service keeps its own order). */
function actionsSince(before: readonly string[]): string[] {
  const remaining = [...account.receivedActions()];
  for (const action of before) remaining.splice(remaining.indexOf(action), 1);
  return remaining;
}

/** A 127.0.0.1 port nothing listens on. */
async function closedPortUrl(): Promise<string> {
  return `http://127.0.0.1:${await closedPort()}`;
}

describe("a healthy account", () => {
  it("passes every AWS check, in the documented order, sending only read actions", async () => {
    setAccount({ users: { "auth0-sms-sender-prod": [{ AccessKeyId: MANAGED_KEY, Status: "Active" }] } });
    const before = account.receivedActions();
    const result = await run({ to: TEST_NUMBER, deployment: deployed() });
    expect(result.accountUnusable).toBe(false);
    expect(result.checks.map((check) => check.id)).toEqual(AWS_CHECKS.map((check) => check.id));
    expect(result.checks.filter((check) => check.status !== "pass")).toEqual([]);
    expect(find(result, "aws.caller-identity").reason).toContain("arn:aws:iam::123456789012:role/github-deploy");
    const sent = actionsSince(before);
    expect(sent).toEqual(
      expect.arrayContaining([
        "sts:GetCallerIdentity",
        "sns:GetSMSSandboxAccountStatus",
        "sns:GetSMSAttributes",
        "sms-voice:DescribeSpendLimits",
        "sms-voice:DescribePhoneNumbers",
        "iam:ListAccessKeys",
        "sns:CheckIfPhoneNumberIsOptedOut",
        "sms-voice:DescribeProtectConfigurations",
      ]),
    );
  }, 60_000);
});

describe("findings", () => {
  it("sandboxed account: fail, and --to is judged against the verified destinations", async () => {
    setAccount({
      inSandbox: true,
      sandboxNumbers: [
        { PhoneNumber: TEST_NUMBER, Status: "Verified" },
        { PhoneNumber: "+14155550124", Status: "Pending" },
      ],
    });
    const verified = await run({ to: TEST_NUMBER });
    expect(find(verified, "aws.sms-sandbox")).toMatchObject({
      status: "fail",
      reason: expect.stringContaining("SMS sandbox in us-east-1"),
    });
    expect(find(verified, "aws.sms-sandbox").next).toMatch(/production access/);
    expect(find(verified, "aws.sandbox-destination").status).toBe("pass");
    expect(find(await run({ to: "+14155550124" }), "aws.sandbox-destination")).toMatchObject({
      status: "fail",
      reason: expect.stringContaining("Pending"),
    });
    expect(find(await run({ to: "+14155550199" }), "aws.sandbox-destination")).toMatchObject({
      status: "fail",
      reason: expect.stringContaining("not a sandbox destination"),
    });
  });

  it("default spend limit (1 USD): fail naming the limit and the way to raise it", async () => {
    setAccount({ snsMonthlySpendLimit: undefined, textSpendLimit: { enforced: 1, max: 1 } });
    const check = find(await run(), "aws.spend-limit");
    expect(check.status).toBe("fail");
    expect(check.reason).toContain("is 1 USD (AWS's default for new accounts)");
    expect(check.next).toMatch(/spending quota increase.*smsMonthlySpendLimitUsd/);
  });

  it("a stack limit above the account's maximum fails (pulumi up would); within it, passes", async () => {
    setAccount({ snsMonthlySpendLimit: "1", textSpendLimit: { enforced: 1, max: 20 } });
    const above = find(await run({ config: config({ smsPreferencesEnabled: "true", smsMonthlySpendLimitUsd: "50" }) }), "aws.spend-limit");
    expect(above).toMatchObject({ status: "fail", reason: expect.stringContaining("above the account's maximum of 20 USD") });
    const within = find(await run({ config: config({ smsPreferencesEnabled: "true", smsMonthlySpendLimitUsd: "20" }) }), "aws.spend-limit");
    expect(within).toMatchObject({
      status: "pass",
      reason: expect.stringContaining("sets the monthly SMS spend limit to 20 USD (now 1 USD"),
    });
  });

  it("US without a registered number: fail when the stack allows the US, naming the pending number masked; warn when unrestricted", async () => {
    setAccount({
      phoneNumbers: [
        { PhoneNumber: "+18885550142", IsoCountryCode: "US", NumberType: "TOLL_FREE", Status: "PENDING", NumberCapabilities: ["SMS"] },
      ],
    });
    const allowed = find(await run(), "aws.origination-identity");
    expect(allowed.status).toBe("fail");
    expect(allowed.reason).toContain("US has no active SMS-capable toll-free, 10DLC or short-code number (+1…42 is PENDING)");
    expect(allowed.reason).not.toContain("8885550142");
    expect(find(await run({ config: config({ allowedCountries: "[]" }) }), "aws.origination-identity").status).toBe("warn");
    expect(find(await run({ config: config({ allowedCountries: '["GB","DE"]' }) }), "aws.origination-identity").status).toBe("pass");
  });

  it("a plain long code does not count as a registered US identity", async () => {
    setAccount({
      phoneNumbers: [
        {
          PhoneNumber: "+12065550100",
          IsoCountryCode: "US",
          NumberType: "LONG_CODE",
          Status: "ACTIVE",
          NumberCapabilities: ["SMS", "VOICE"],
        },
      ],
    });
    expect(find(await run(), "aws.origination-identity").status).toBe("fail");
  });

  it("an unmanaged access key on the sender user: fail, keys masked", async () => {
    setAccount({
      users: {
        "auth0-sms-sender-prod": [
          { AccessKeyId: MANAGED_KEY, Status: "Active" },
          { AccessKeyId: FOREIGN_KEY, Status: "Active" },
        ],
      },
    });
    const check = find(await run({ deployment: deployed() }), "aws.sender-access-keys");
    expect(check.status).toBe("fail");
    expect(check.reason).toContain("AKIA…0002");
    expect(check.reason).toMatch(/rotation finds no free key slot.*DeleteConflict/);
    expect(`${check.reason} ${check.next}`).not.toContain(FOREIGN_KEY);
    expect(check.next).toContain("aws iam delete-access-key --user-name auth0-sms-sender-prod");
  });

  it("the sender user left over from elsewhere, before the first deployment: fail (CreateUser would fail)", async () => {
    setAccount({ users: { "auth0-sms-sender-prod": [] } });
    expect(find(await run({ deployment: { kind: "not-deployed" } }), "aws.sender-access-keys")).toMatchObject({
      status: "fail",
      reason: expect.stringContaining("EntityAlreadyExists"),
    });
    setAccount({
      users: {
        "auth0-sms-sender-prod": [
          { AccessKeyId: MANAGED_KEY, Status: "Active" },
          { AccessKeyId: FOREIGN_KEY, Status: "Active" },
        ],
      },
    });
    expect(
      find(await run({ deployment: { kind: "unknown", why: "the Pulumi CLI is not installed" } }), "aws.sender-access-keys").status,
    ).toBe("warn");
  });

  it("an opted-out --to number: fail, number masked", async () => {
    setAccount({ optedOut: [TEST_NUMBER] });
    const check = find(await run({ to: TEST_NUMBER }), "aws.opt-out");
    expect(check).toMatchObject({ status: "fail", reason: expect.stringContaining("+1…23 has opted out") });
    expect(check.reason).not.toContain(TEST_NUMBER);
  });

  it("the account-default protect configuration blocking an allowed country: fail naming it", async () => {
    setAccount({ defaultProtectRules: { US: "ALLOW", CA: "BLOCK", NG: "BLOCK" } });
    expect(find(await run(), "aws.protect-configuration")).toMatchObject({
      status: "fail",
      reason: expect.stringContaining("blocks SMS to CA, which the stack allows"),
    });
    setAccount({ defaultProtectRules: { US: "ALLOW", NG: "BLOCK" } });
    expect(find(await run(), "aws.protect-configuration").status).toBe("pass");
  });

  it("originationNumber not owned by the account fails; owned and active passes; senderId with US/CA warns", async () => {
    setAccount({});
    expect(find(await run({ config: config({ originationNumber: "+18885550999" }) }), "aws.origination-number").status).toBe("fail");
    expect(find(await run({ config: config({ originationNumber: "+18885550142" }) }), "aws.origination-number")).toMatchObject({
      status: "pass",
      reason: expect.stringContaining("+1…42"),
    });
    setAccount({ senderIds: [{ SenderId: "ACME", IsoCountryCode: "DE", Registered: true }] });
    expect(find(await run({ config: config({ senderId: "ACME" }) }), "aws.sender-id")).toMatchObject({
      status: "warn",
      reason: expect.stringContaining("US and CA do not support sender IDs"),
    });
    expect(find(await run({ config: config({ senderId: "ACME", allowedCountries: '["DE"]' }) }), "aws.sender-id")).toMatchObject({
      status: "pass",
      reason: expect.stringContaining("registered in us-east-1 for DE"),
    });
  });

  it("a denied call is a warn naming the IAM action; the spend limit still comes from the API that answered", async () => {
    setAccount({
      faults: { DescribeProtectConfigurations: { status: 400, code: "AccessDeniedException", message: "User is not authorized" } },
    });
    const result = await run();
    expect(find(result, "aws.protect-configuration")).toMatchObject({
      status: "warn",
      reason: expect.stringContaining("sms-voice:DescribeProtectConfigurations was denied"),
    });
    expect(find(result, "aws.protect-configuration").next).toContain("docs/doctor.md");
    setAccount({ faults: { DescribePhoneNumbers: { status: 400, code: "ThrottlingException", message: "Rate exceeded" } } });
    expect(find(await run(), "aws.origination-identity")).toMatchObject({
      status: "warn",
      reason: expect.stringContaining("sms-voice:DescribePhoneNumbers was throttled"),
    });
    setAccount({ faults: { GetSMSAttributes: { status: 403, code: "AuthorizationError", message: "not authorized" } } });
    expect(find(await run(), "aws.spend-limit")).toMatchObject({ status: "pass", reason: expect.stringContaining("is 100 USD") });
  });

  it("refused credentials: fail on aws.caller-identity, the rest not run, accountUnusable set", async () => {
    setAccount({
      faults: {
        GetCallerIdentity: { status: 403, code: "InvalidClientTokenId", message: "The security token included in the request is invalid." },
      },
    });
    const before = account.receivedActions();
    const result = await run();
    expect(result.accountUnusable).toBe(true);
    expect(find(result, "aws.caller-identity")).toMatchObject({ status: "fail", reason: expect.stringContaining("InvalidClientTokenId") });
    expect(result.checks.slice(1).every((check) => check.status === "warn" && check.reason.startsWith("Not checked"))).toBe(true);
    expect(actionsSince(before)).toEqual(["sts:GetCallerIdentity"]);
  });
});

describe("an unreachable API", () => {
  it("End User Messaging SMS unreachable: its checks warn that it could not be reached, the rest still run", async () => {
    setAccount({});
    const result = await run({}, { AWS_ENDPOINT_URL_PINPOINT_SMS_VOICE_V2: await closedPortUrl() });
    expect(find(result, "aws.origination-identity")).toMatchObject({
      status: "warn",
      reason: expect.stringContaining("could not be reached (ECONNREFUSED)"),
    });
    expect(find(result, "aws.protect-configuration").status).toBe("warn");
    expect(find(result, "aws.sms-sandbox").status).toBe("pass");
    expect(find(result, "aws.spend-limit")).toMatchObject({ status: "pass", reason: expect.stringContaining("100 USD") });
    expect(result.checks.some((check) => check.status === "fail")).toBe(false);
  });

  it("every AWS endpoint unreachable: aws.caller-identity fails naming the region, the rest are not run, the doctor exits 2", async () => {
    const closed = await closedPortUrl();
    const result = await run(
      { to: TEST_NUMBER },
      {
        AWS_ENDPOINT_URL_STS: closed,
        AWS_ENDPOINT_URL_IAM: closed,
        AWS_ENDPOINT_URL_SNS: closed,
        AWS_ENDPOINT_URL_PINPOINT_SMS_VOICE_V2: closed,
      },
    );
    expect(find(result, "aws.caller-identity")).toMatchObject({
      status: "fail",
      reason: expect.stringMatching(/AWS account could not be reached in .*sts API could not be reached \(ECONNREFUSED\)/),
    });
    const rest = result.checks.filter((check) => check.id !== "aws.caller-identity");
    expect(rest.map((check) => check.status)).toEqual(rest.map(() => "warn"));
    expect(result.accountUnusable).toBe(true);
  });
});

describe("read-only by construction", () => {
  it("every request any scenario above sent is a Get, List, Describe or Check action", () => {
    const sent = account.receivedActions();
    expect(sent.length).toBeGreaterThan(50);
    expect(sent.filter((action) => !READ_ONLY.test(action))).toEqual([]);
  });
});
