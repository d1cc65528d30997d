/**
 * The deploy role's policy (infra/aws/deploy-role-policy.ts) at its edges, judged by a real IAM policy
 * evaluator (@cloud-copilot/iam-simulate): what it must never reach (another stack's resources in the
 * same account, resources outside the project, other actions), the conditions it puts on calls without
 * a resource type, and its input errors. test/plan/deploy-role-completeness.test.ts judges every call
 * of the provider-call table for every planned resource.
 */
import { describe, expect, test } from "vitest";
import { arnPatterns, partitionOf } from "../../infra/aws/deploy-role-arns";
import { deployRolePolicyDocument, type DeployRoleScope } from "../../infra/aws/deploy-role-policy";
import type { IamPolicyDocument } from "../../infra/aws/iam-policy-document";
import { iamDecision } from "../support/iam-evaluator";

const ACCOUNT = "123456789012";
const REGION = "us-west-2";
const PROTECT_ID = "protect-0123456789abcdef0123456789abcdef";
const BUS = "aws.partner/auth0.com/acme-0123/auth0.logs";

function config(stack: string, region = REGION): DeployRoleScope["config"] {
  return {
    stack,
    region,
    smsPreferences: { monthlySpendLimitUsd: 10, deliveryStatusSuccessSamplingRate: 0 },
    alarms: { email: "oncall@example.com", monthToDateSpendUsd: 80, failedSmsThreshold: 5 },
    protectConfiguration: { allowedCountryStatus: "MONITOR" },
    monitoring: true,
  };
}

const decide = (policy: IamPolicyDocument, action: string, resource: string, region: string, context: Record<string, string> = {}) =>
  iamDecision(policy, action, resource, { "aws:RequestedRegion": region, ...context });
const every = (stack: string) => deployRolePolicyDocument({ accountId: ACCOUNT, config: config(stack), eventSourceName: BUS });
const sns = (name: string) => `arn:aws:sns:${REGION}:${ACCOUNT}:${name}`;
const iam = (resource: string) => `arn:aws:iam::${ACCOUNT}:${resource}`;

describe("a stack's deploy role, every opt-in on", () => {
  test.each([
    ["its own alarm topic", "sns:DeleteTopic", sns("dev-sms-alarms-1a2b3c4"), "Allowed"],
    ["stack dev-sms-alarms's topic, whose name starts like dev's", "sns:DeleteTopic", sns("dev-sms-alarms-sms-alarms-1a2b3c4"), "refused"],
    ["an unprefixed topic of the same role", "sns:DeleteTopic", sns("sms-alarms-1a2b3c4"), "refused"],
    ["a topic whose suffix is not 7 characters", "sns:DeleteTopic", sns("dev-sms-alarms-1a2b3c4d"), "refused"],
    ["stack prod's alarm", "cloudwatch:DeleteAlarms", `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:prod-sms-failures-1a2b3c4`, "refused"],
    [
      "stack dev-x's alarm",
      "cloudwatch:PutMetricAlarm",
      `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:dev-x-sms-failures-1a2b3c4`,
      "refused",
    ],
    ["stack prod's sender user", "iam:CreateAccessKey", iam("user/auth0-sns-mfa/prod/auth0-sms-sender-prod"), "refused"],
    ["stack dev-sms's sender user", "iam:DeleteUser", iam("user/auth0-sns-mfa/dev-sms/auth0-sms-sender-dev-sms"), "refused"],
    ["stack prod's logging role", "iam:DeleteRole", iam("role/auth0-sns-mfa/prod/prod-sms-delivery-status-logging-1a2b3c4"), "refused"],
    ["a group of stack prod", "iam:RemoveUserFromGroup", iam("group/auth0-sns-mfa/prod/ops"), "refused"],
    ["a group outside the project's path", "iam:RemoveUserFromGroup", iam("group/Admins"), "refused"],
    ["a virtual MFA device outside the stack's path", "iam:DeleteVirtualMFADevice", iam("mfa/root-account-mfa-device"), "refused"],
    ["a user outside the project's path", "iam:CreateUser", iam("user/admin"), "refused"],
    ["a managed policy attached to the sender user", "iam:AttachUserPolicy", iam("user/auth0-sns-mfa/dev/auth0-sms-sender-dev"), "refused"],
    ["a role at the root path", "iam:CreateRole", iam("role/admin"), "refused"],
    ["an inline policy on another role", "iam:PutRolePolicy", iam("role/OrganizationAccountAccessRole"), "refused"],
    [
      "a managed policy attached to the logging role",
      "iam:AttachRolePolicy",
      iam("role/auth0-sns-mfa/dev/dev-sms-delivery-status-logging-1a2b3c4"),
      "refused",
    ],
    ["sending an SMS", "sns:Publish", "*", "refused"],
    ["sending an SMS through End User Messaging", "sms-voice:SendTextMessage", "*", "refused"],
    ["an opt-out list", "sms-voice:DeleteOptOutList", `arn:aws:sms-voice:${REGION}:${ACCOUNT}:opt-out-list/Default`, "refused"],
    [
      "another tenant's partner event bus",
      "events:DeleteEventBus",
      `arn:aws:events:${REGION}:${ACCOUNT}:event-bus/aws.partner/auth0.com/other-1/auth0.logs`,
      "refused",
    ],
    [
      "its own monitoring log group",
      "logs:DeleteLogGroup",
      `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:dev-sms-mfa-log-events-1a2b3c4`,
      "Allowed",
    ],
    [
      "stack prod's monitoring log group",
      "logs:DeleteLogGroup",
      `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:prod-sms-mfa-log-events-1a2b3c4`,
      "refused",
    ],
    ["stack prod's dashboard", "cloudwatch:DeleteDashboards", `arn:aws:cloudwatch::${ACCOUNT}:dashboard/prod-sms-mfa-dashboard`, "refused"],
    ["its own dashboard", "cloudwatch:PutDashboard", `arn:aws:cloudwatch::${ACCOUNT}:dashboard/dev-sms-mfa-dashboard`, "Allowed"],
    [
      "its own Auth0-side alarm",
      "cloudwatch:PutMetricAlarm",
      `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:dev-sms-rate-limited-by-auth0-1a2b3c4`,
      "Allowed",
    ],
    [
      "stack prod's Auth0-side alarm",
      "cloudwatch:DeleteAlarms",
      `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:prod-sms-failures-in-auth0-1a2b3c4`,
      "refused",
    ],
    ["the doctor: its own partner event source", "events:DescribeEventSource", `arn:aws:events:${REGION}::event-source/${BUS}`, "Allowed"],
  ])("%s: %s", async (_label, action, resource, verdict) => {
    const answer = await decide(every("dev"), action, resource, REGION);
    if (verdict === "Allowed") expect(answer).toBe("Allowed");
    else expect(answer).not.toBe("Allowed");
  });

  test("reaches a protect configuration only when it is tagged with the stack, and creates one only so tagged", async () => {
    const configuration = `arn:aws:sms-voice:${REGION}:${ACCOUNT}:protect-configuration/${PROTECT_ID}`;
    const action = "sms-voice:DeleteProtectConfiguration";
    expect(await decide(every("dev"), action, configuration, REGION, { "aws:ResourceTag/Stack": "dev" })).toBe("Allowed");
    expect(await decide(every("dev"), action, configuration, REGION, { "aws:ResourceTag/Stack": "prod" })).not.toBe("Allowed");
    expect(await decide(every("dev"), action, configuration, REGION)).not.toBe("Allowed");
    expect(await decide(every("dev"), "sms-voice:CreateProtectConfiguration", "*", REGION, { "aws:RequestTag/Stack": "dev" })).toBe(
      "Allowed",
    );
    expect(await decide(every("dev"), "sms-voice:CreateProtectConfiguration", "*", REGION)).not.toBe("Allowed");
  });

  test("hands the logging role to SNS only", async () => {
    const role = iam("role/auth0-sns-mfa/dev/dev-sms-delivery-status-logging-1a2b3c4");
    expect(await decide(every("dev"), "iam:PassRole", role, "us-east-1", { "iam:PassedToService": "sns.amazonaws.com" })).toBe("Allowed");
    expect(await decide(every("dev"), "iam:PassRole", role, "us-east-1", { "iam:PassedToService": "ec2.amazonaws.com" })).not.toBe(
      "Allowed",
    );
  });

  test("changes account-wide SMS settings and log resource policies only in the stack's region", async () => {
    for (const action of ["sns:SetSMSAttributes", "sms-voice:DeleteAccountDefaultProtectConfiguration", "logs:PutResourcePolicy"]) {
      expect(await decide(every("dev"), action, "*", REGION), action).toBe("Allowed");
      expect(await decide(every("dev"), action, "*", "eu-west-1"), action).not.toBe("Allowed");
    }
  });
});

describe("a stack's deploy role, opt-ins off", () => {
  const policy = deployRolePolicyDocument({
    accountId: ACCOUNT,
    config: { stack: "dev", region: REGION, smsPreferences: undefined, alarms: undefined },
  });

  test("has no statement for a role, SMS settings, a topic, alarms, a protect configuration or monitoring", () => {
    const services = new Set(policy.Statement.flatMap((statement) => statement.Action).map((action) => action.split(":")[0]));
    expect([...services].sort()).toEqual(["iam", "sms-voice", "sns"]);
    expect(JSON.stringify(policy)).not.toMatch(
      /iam:(CreateRole|PassRole)|sns:SetSMSAttributes|sns:CreateTopic|sms-voice:Create|events:|logs:/,
    );
  });

  test("may delete the sender user with whatever was made on it by hand", async () => {
    const user = iam("user/auth0-sns-mfa/dev/auth0-sms-sender-dev");
    for (const action of [
      "iam:DeleteLoginProfile",
      "iam:DeactivateMFADevice",
      "iam:DeleteSSHPublicKey",
      "iam:DetachUserPolicy",
      "iam:DeleteUser",
    ]) {
      expect(await decide(policy, action, user, "us-east-1"), action).toBe("Allowed");
    }
    expect(await decide(policy, "iam:ListVirtualMFADevices", "*", "us-east-1")).toBe("Allowed");
  });
});

describe("deployRolePolicyDocument", () => {
  test("refuses an account ID that is not 12 digits, naming the field", () => {
    expect(() => deployRolePolicyDocument({ accountId: "12345", config: config("dev") })).toThrow(
      /^accountId: "12345" is not a 12-digit AWS account ID$/,
    );
  });

  test("fits in an inline role policy (10,240 characters without whitespace) for the longest stack name IAM accepts, every opt-in on", () => {
    // auth0-sms-sender-<stack> is at most 64 characters: the stack name at most 47.
    const longest = "s".repeat(47);
    expect(JSON.stringify(deployRolePolicyDocument({ accountId: ACCOUNT, config: config(longest) })).length).toBeLessThanOrEqual(10_240);
  });

  test("writes ARNs in the region's partition", () => {
    expect([partitionOf("us-east-1"), partitionOf("cn-north-1"), partitionOf("us-gov-west-1")]).toEqual(["aws", "aws-cn", "aws-us-gov"]);
    expect(arnPatterns("senderUser", { stack: "dev", region: "cn-north-1", accountId: ACCOUNT })).toEqual([
      `arn:aws-cn:iam::${ACCOUNT}:user/auth0-sns-mfa/dev/auth0-sms-sender-dev`,
    ]);
  });

  test("names the partner event bus exactly when the event source is known, else any Auth0 partner source", () => {
    expect(arnPatterns("partnerEventBus", { stack: "dev", region: REGION, accountId: ACCOUNT, eventSourceName: BUS })).toEqual([
      `arn:aws:events:${REGION}:${ACCOUNT}:event-bus/${BUS}`,
    ]);
    expect(arnPatterns("partnerEventBus", { stack: "dev", region: REGION, accountId: ACCOUNT })).toEqual([
      `arn:aws:events:${REGION}:${ACCOUNT}:event-bus/aws.partner/auth0.com/*`,
    ]);
  });
});
