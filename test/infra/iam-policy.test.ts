/**
 * The sender's IAM policy, as the program deploys it, judged by a real IAM policy evaluator
 * (@cloud-copilot/iam-simulate). A direct SMS publish names no SNS resource: IAM sees "*".
 */
import { runSimulation, type Simulation } from "@cloud-copilot/iam-simulate";
import { beforeAll, describe, expect, test } from "vitest";
import { IAM_USER_POLICY, runProgram } from "./run-program";
import { readStackFile, type StackName } from "./stack-files";

const ACCOUNT = "123456789012";
type PolicyDocument = NonNullable<Simulation["identityPolicies"][number]>["policy"];

async function decide(
  policy: PolicyDocument,
  action: string,
  resource: string,
  region: string,
  extraContext: Record<string, string> = {},
): Promise<string> {
  const response = await runSimulation(
    {
      identityPolicies: [{ name: "sender", policy }],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      request: {
        action,
        principal: `arn:aws:iam::${ACCOUNT}:user/sender`,
        resource: { accountId: ACCOUNT, resource },
        contextVariables: { "aws:RequestedRegion": region, ...extraContext },
      },
    },
    {},
  );
  if (response.resultType === "error") throw new Error(`simulation error for ${action}: ${JSON.stringify(response.errors)}`);
  return response.overallResult;
}

/** The guide's AmazonSNSFullAccess, for contrast: it allows what the sender must not do. */
const SNS_FULL_ACCESS = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["sns:*"], Resource: "*" }] } as PolicyDocument;

describe.each<StackName>(["dev", "prod"])("the %s sender's policy", (stack) => {
  const region = String(readStackFile(stack)["aws:region"]);
  const otherRegion = region === "eu-west-1" ? "us-east-1" : "eu-west-1";
  const topic = `arn:aws:sns:${region}:${ACCOUNT}:alerts`;
  let policy: PolicyDocument;

  beforeAll(async () => {
    const run = await runProgram({ stack });
    policy = JSON.parse(String(run.one(IAM_USER_POLICY).inputs.policy)) as PolicyDocument;
  });

  test("allows publishing an SMS straight to a phone number in the stack's region", async () => {
    expect(await decide(policy, "sns:Publish", "*", region)).toBe("Allowed");
  });

  test.each([
    ["publishing to a topic", "sns:Publish", topic],
    ["creating a topic", "sns:CreateTopic", topic],
    ["subscribing to a topic", "sns:Subscribe", topic],
    ["changing the account's SMS settings", "sns:SetSMSAttributes", "*"],
    ["opting a number back in", "sns:OptInPhoneNumber", "*"],
    ["reading S3", "s3:GetObject", "arn:aws:s3:::any-bucket/any-key"],
    ["creating itself another key", "iam:CreateAccessKey", `arn:aws:iam::${ACCOUNT}:user/sender`],
  ])("denies %s", async (_label, action, resource) => {
    expect(await decide(policy, action, resource, region)).not.toBe("Allowed");
  });

  test("denies publishing an SMS from another region", async () => {
    expect(await decide(policy, "sns:Publish", "*", otherRegion)).not.toBe("Allowed");
  });

  // `sts:GetSessionToken` needs no permission: session credentials minted from the key would keep
  // publishing for up to 36 h after a rotation deleted the key. `aws:TokenIssueTime` is in the
  // request context only when the request is signed with temporary credentials:
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-tokenissuetime
  test("refuses a publish signed with temporary credentials minted from the key (GetSessionToken)", async () => {
    const temporary = { "aws:TokenIssueTime": "2026-12-01T08:00:00Z" };
    expect(await decide(policy, "sns:Publish", "*", region, temporary)).toBe("ExplicitlyDenied");
  });

  test("still allows the same publish signed with the long-term key (no aws:TokenIssueTime)", async () => {
    expect(await decide(policy, "sns:Publish", "*", region)).toBe("Allowed");
  });

  test("is narrower than the guide's AmazonSNSFullAccess, which allows all of the above", async () => {
    expect(await decide(SNS_FULL_ACCESS, "sns:Publish", topic, region)).toBe("Allowed");
    expect(await decide(SNS_FULL_ACCESS, "sns:CreateTopic", topic, region)).toBe("Allowed");
    expect(await decide(SNS_FULL_ACCESS, "sns:Publish", "*", otherRegion)).toBe("Allowed");
  });
});
