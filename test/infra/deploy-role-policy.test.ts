/**
 * The deploy role's policy (infra/aws/deploy-role-policy.ts), judged by a real IAM policy evaluator
 * (@cloud-copilot/iam-simulate) against the AWS calls the Pulumi AWS provider makes for every AWS
 * resource the program registers, on that resource's ARN. PROVIDER_CALLS is the specification, read
 * in terraform-provider-aws v6 (internal/service/iam, sns, cloudwatch) and, for the protect
 * configuration's dynamic resource, in infra/aws/protect-configuration-calls.ts (its calls are asserted
 * against the stand-in in test/infra/protect-configuration-calls.test.ts); a resource type the program
 * starts registering without an entry here fails the test until its calls are looked up.
 */
import { runSimulation, type Simulation } from "@cloud-copilot/iam-simulate";
import { beforeAll, describe, expect, test } from "vitest";
import { PROTECT_CONFIGURATION_TYPE } from "../../infra/aws/account-protect-configuration";
import { deployRolePolicyDocument, partitionOf } from "../../infra/aws/deploy-role-policy";
import type { IamPolicyDocument } from "../../infra/aws/iam-policy-document";
import { validateStackConfig } from "../../infra/config/validate-config";
import { runProgram, type ProgramRun, type RecordedResource } from "./run-program";
import { readStackFile, type StackName } from "./stack-files";

const ACCOUNT = "123456789012";
type PolicyDocument = NonNullable<Simulation["identityPolicies"][number]>["policy"];

const OPT_INS = {
  smsPreferencesEnabled: true,
  smsMonthlySpendLimitUsd: 40,
  alarmsEnabled: true,
  alarmEmail: "oncall@example.com",
  protectConfigurationEnabled: true,
  protectConfigurationAllowedCountryStatus: "MONITOR",
};

/** Where a call is authorised: the resource's own ARN, a related one, or "*" (no resource type). */
interface Call {
  action: string;
  resource: string;
  context?: Record<string, string>;
}

/** What a resource's ARN would be in AWS (mock outputs do not carry Pulumi's random autoname suffix). */
interface ArnContext {
  region: string;
  userArn: string;
  roleArn: string;
}

const AUTONAME_SUFFIX = "-a1b2c3d";
/** A protect configuration's id as End User Messaging gives it. */
const PROTECT_ID = "protect-0123456789abcdef0123456789abcdef";

const PROVIDER_CALLS: Record<string, (resource: RecordedResource, at: ArnContext) => Call[]> = {
  // user.go: create (tags in the call), read, update (name/path, tags), delete (groups, then the user).
  "aws:iam/user:User": (_r, at) =>
    ["CreateUser", "GetUser", "UpdateUser", "TagUser", "UntagUser", "ListGroupsForUser", "DeleteUser"].map((a) => ({
      action: `iam:${a}`,
      resource: at.userArn,
    })),
  // user_policy.go
  "aws:iam/userPolicy:UserPolicy": (_r, at) =>
    ["PutUserPolicy", "GetUserPolicy", "DeleteUserPolicy"].map((a) => ({ action: `iam:${a}`, resource: at.userArn })),
  // access_key.go: read is ListAccessKeys
  "aws:iam/accessKey:AccessKey": (_r, at) =>
    ["CreateAccessKey", "ListAccessKeys", "UpdateAccessKey", "DeleteAccessKey"].map((a) => ({ action: `iam:${a}`, resource: at.userArn })),
  // role.go: every read lists inline and attached policies; delete lists instance profiles.
  "aws:iam/role:Role": (_r, at) =>
    [
      "CreateRole",
      "GetRole",
      "ListRolePolicies",
      "GetRolePolicy",
      "ListAttachedRolePolicies",
      "UpdateAssumeRolePolicy",
      "UpdateRoleDescription",
      "TagRole",
      "UntagRole",
      "ListInstanceProfilesForRole",
      "DeleteRolePolicy",
      "DeleteRole",
    ].map((a) => ({ action: `iam:${a}`, resource: at.roleArn })),
  // role_policy.go
  "aws:iam/rolePolicy:RolePolicy": (_r, at) =>
    ["PutRolePolicy", "GetRolePolicy", "DeleteRolePolicy"].map((a) => ({ action: `iam:${a}`, resource: at.roleArn })),
  // sms_preferences.go: no resource type; SNS is handed the role's ARN.
  "aws:sns/smsPreferences:SmsPreferences": (_r, at) => [
    { action: "sns:SetSMSAttributes", resource: "*" },
    { action: "sns:GetSMSAttributes", resource: "*" },
    { action: "iam:PassRole", resource: at.roleArn, context: { "iam:PassedToService": "sns.amazonaws.com" } },
  ],
  // topic.go: SetTopicAttributes is sent on create even with no attribute set; tags via the interceptor.
  "aws:sns/topic:Topic": (r, at) =>
    ["CreateTopic", "SetTopicAttributes", "GetTopicAttributes", "ListTagsForResource", "TagResource", "UntagResource", "DeleteTopic"].map(
      (a) => ({
        action: `sns:${a}`,
        resource: `arn:aws:sns:${at.region}:${ACCOUNT}:${r.name}${AUTONAME_SUFFIX}`,
      }),
    ),
  // topic_subscription.go: Subscribe is on the topic; the rest have no resource type.
  "aws:sns/topicSubscription:TopicSubscription": (r, at) => [
    // On the topic: the subscription's logical name is the topic's plus "-email".
    { action: "sns:Subscribe", resource: `arn:aws:sns:${at.region}:${ACCOUNT}:${r.name.replace(/-email$/, "")}${AUTONAME_SUFFIX}` },
    ...["GetSubscriptionAttributes", "SetSubscriptionAttributes", "Unsubscribe"].map((a) => ({ action: `sns:${a}`, resource: "*" })),
  ],
  // infra/aws/protect-configuration-calls.ts: create, read, update and delete of the configuration and the
  // account default. Resource types from the Service Authorization Reference (sms-voice).
  [PROTECT_CONFIGURATION_TYPE]: (_r, at) => [
    ...[
      "GetProtectConfigurationCountryRuleSet",
      "UpdateProtectConfigurationCountryRuleSet",
      "SetAccountDefaultProtectConfiguration",
      "DeleteProtectConfiguration",
    ].map((a) => ({ action: `sms-voice:${a}`, resource: `arn:aws:sms-voice:${at.region}:${ACCOUNT}:protect-configuration/${PROTECT_ID}` })),
    ...[
      "DescribeAccountAttributes",
      "DescribeProtectConfigurations",
      "CreateProtectConfiguration",
      "DeleteAccountDefaultProtectConfiguration",
    ].map((a) => ({ action: `sms-voice:${a}`, resource: "*" })),
  ],
  // metric_alarm.go
  "aws:cloudwatch/metricAlarm:MetricAlarm": (r, at) =>
    ["PutMetricAlarm", "DescribeAlarms", "ListTagsForResource", "TagResource", "UntagResource", "DeleteAlarms"].map((a) => ({
      action: `cloudwatch:${a}`,
      resource: `arn:aws:cloudwatch:${at.region}:${ACCOUNT}:alarm:${r.name}${AUTONAME_SUFFIX}`,
    })),
};

async function decide(policy: IamPolicyDocument, call: Call, region: string): Promise<string> {
  const response = await runSimulation(
    {
      identityPolicies: [{ name: "deploy", policy: policy as unknown as PolicyDocument }],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      request: {
        action: call.action,
        principal: `arn:aws:iam::${ACCOUNT}:role/github-deploy`,
        resource: { accountId: ACCOUNT, resource: call.resource },
        contextVariables: { "aws:RequestedRegion": region, ...call.context },
      },
    },
    {},
  );
  if (response.resultType === "error") throw new Error(`simulation error for ${call.action}: ${JSON.stringify(response.errors)}`);
  return response.overallResult;
}

function policyFor(stack: StackName, overrides: Record<string, unknown> = {}): IamPolicyDocument {
  const file = readStackFile(stack);
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries({
    ...file,
    ...Object.fromEntries(Object.entries(overrides).map(([k, v]) => [`auth0-sns-mfa:${k}`, v])),
  })) {
    if (key.startsWith("auth0-sns-mfa:"))
      values[key.slice("auth0-sns-mfa:".length)] = typeof value === "string" ? value : JSON.stringify(value);
  }
  const config = validateStackConfig({ stack, region: String(file["aws:region"]), values });
  return deployRolePolicyDocument({ accountId: ACCOUNT, config });
}

function providerCalls(run: ProgramRun, region: string): Call[] {
  const user = run.one("aws:iam/user:User");
  const roles = run.ofType("aws:iam/role:Role");
  const at: ArnContext = {
    region,
    userArn: `arn:aws:iam::${ACCOUNT}:user${String(user.inputs.path)}${String(user.inputs.name)}`,
    roleArn: roles[0] === undefined ? "" : `arn:aws:iam::${ACCOUNT}:role${String(roles[0].inputs.path)}${roles[0].name}${AUTONAME_SUFFIX}`,
  };
  return run.resources
    .filter((resource) => resource.custom && (resource.type.startsWith("aws:") || resource.type === PROTECT_CONFIGURATION_TYPE))
    .flatMap((resource) => {
      const calls = PROVIDER_CALLS[resource.type];
      if (calls === undefined) throw new Error(`${resource.type}: look up the provider's AWS calls for it and add them to PROVIDER_CALLS`);
      return calls(resource, at);
    });
}

describe.each<StackName>(["dev", "prod"])("the %s deploy role", (stack) => {
  const region = String(readStackFile(stack)["aws:region"]);
  const other: StackName = stack === "dev" ? "prod" : "dev";

  describe("with every opt-in on", () => {
    let policy: IamPolicyDocument;
    let calls: Call[];

    beforeAll(async () => {
      policy = policyFor(stack, OPT_INS);
      calls = providerCalls(await runProgram({ stack, overrides: OPT_INS }), region);
    });

    test("may make every call the provider makes for every AWS resource of the program", async () => {
      expect(calls.length).toBeGreaterThan(40);
      const refused: string[] = [];
      for (const call of calls) if ((await decide(policy, call, region)) !== "Allowed") refused.push(`${call.action} on ${call.resource}`);
      expect(refused).toEqual([]);
    });

    test("may make them on the names a stack deployed before the SmsMfa component keeps (its former logical names)", async () => {
      // The autonamed resources keep the AWS name they were created with, from the logical name without the stack prefix.
      const former = calls.map((call) => ({
        ...call,
        resource: call.resource.replace(`:${stack}-sms-`, ":sms-").replace(`/${stack}/${stack}-sms-`, `/${stack}/sms-`),
      }));
      expect(former.filter((call, index) => call.resource !== calls[index]?.resource).length).toBeGreaterThan(20);
      const refused: string[] = [];
      for (const call of former) if ((await decide(policy, call, region)) !== "Allowed") refused.push(`${call.action} on ${call.resource}`);
      expect(refused).toEqual([]);
    });

    test.each([
      [
        "the other stack's sender user",
        "iam:CreateAccessKey",
        `arn:aws:iam::${ACCOUNT}:user/auth0-sns-mfa/${other}/auth0-sms-sender-${other}`,
      ],
      ["a user outside the project's path", "iam:CreateUser", `arn:aws:iam::${ACCOUNT}:user/admin`],
      ["a key for another user", "iam:CreateAccessKey", `arn:aws:iam::${ACCOUNT}:user/admin`],
      [
        "a managed policy on the sender user",
        "iam:AttachUserPolicy",
        `arn:aws:iam::${ACCOUNT}:user/auth0-sns-mfa/${stack}/auth0-sms-sender-${stack}`,
      ],
      ["a new role at the root path", "iam:CreateRole", `arn:aws:iam::${ACCOUNT}:role/admin`],
      ["an inline policy on another role", "iam:PutRolePolicy", `arn:aws:iam::${ACCOUNT}:role/OrganizationAccountAccessRole`],
      [
        "a managed policy on the logging role",
        "iam:AttachRolePolicy",
        `arn:aws:iam::${ACCOUNT}:role/auth0-sns-mfa/${stack}/${stack}-sms-delivery-status-logging${AUTONAME_SUFFIX}`,
      ],
      ["the other stack's alarm topic", "sns:DeleteTopic", `arn:aws:sns:${region}:${ACCOUNT}:${other}-sms-alarms${AUTONAME_SUFFIX}`],
      ["sending an SMS", "sns:Publish", "*"],
      ["deleting another topic", "sns:DeleteTopic", `arn:aws:sns:${region}:${ACCOUNT}:billing-alerts`],
      ["deleting another alarm", "cloudwatch:DeleteAlarms", `arn:aws:cloudwatch:${region}:${ACCOUNT}:alarm:prod-db-cpu`],
      [
        "a protect configuration of another region",
        "sms-voice:DeleteProtectConfiguration",
        `arn:aws:sms-voice:ap-south-1:${ACCOUNT}:protect-configuration/${PROTECT_ID}`,
      ],
      ["sending an SMS through End User Messaging", "sms-voice:SendTextMessage", "*"],
      ["the rules of an opt-out list", "sms-voice:DeleteOptOutList", `arn:aws:sms-voice:${region}:${ACCOUNT}:opt-out-list/Default`],
      [
        "a configuration set's protect configuration",
        "sms-voice:AssociateProtectConfiguration",
        `arn:aws:sms-voice:${region}:${ACCOUNT}:protect-configuration/${PROTECT_ID}`,
      ],
    ])("may not touch %s (%s)", async (_label, action, resource) => {
      expect(await decide(policy, { action, resource }, region)).not.toBe("Allowed");
    });

    test("may hand the logging role to SNS only", async () => {
      const role = `arn:aws:iam::${ACCOUNT}:role/auth0-sns-mfa/${stack}/sms-delivery-status-logging${AUTONAME_SUFFIX}`;
      expect(
        await decide(policy, { action: "iam:PassRole", resource: role, context: { "iam:PassedToService": "sns.amazonaws.com" } }, region),
      ).toBe("Allowed");
      expect(
        await decide(policy, { action: "iam:PassRole", resource: role, context: { "iam:PassedToService": "ec2.amazonaws.com" } }, region),
      ).not.toBe("Allowed");
    });

    test("may change SMS settings only in the stack's region", async () => {
      const otherRegion = region === "eu-west-1" ? "us-east-1" : "eu-west-1";
      expect(await decide(policy, { action: "sns:SetSMSAttributes", resource: "*" }, region)).toBe("Allowed");
      expect(await decide(policy, { action: "sns:SetSMSAttributes", resource: "*" }, otherRegion)).not.toBe("Allowed");
      for (const action of ["sms-voice:CreateProtectConfiguration", "sms-voice:DeleteAccountDefaultProtectConfiguration"]) {
        expect(await decide(policy, { action, resource: "*" }, region), action).toBe("Allowed");
        expect(await decide(policy, { action, resource: "*" }, otherRegion), action).not.toBe("Allowed");
      }
    });
  });

  describe("as committed (opt-ins off)", () => {
    let policy: IamPolicyDocument;
    let calls: Call[];

    beforeAll(async () => {
      policy = policyFor(stack);
      calls = providerCalls(await runProgram({ stack }), region);
    });

    test("may make every call the provider makes for the program's resources", async () => {
      const refused: string[] = [];
      for (const call of calls) if ((await decide(policy, call, region)) !== "Allowed") refused.push(`${call.action} on ${call.resource}`);
      expect(refused).toEqual([]);
    });

    test("has no opt-in permission: no role, no SMS settings, no topic, no alarm, no protect configuration", async () => {
      expect(policy.Statement.map((statement) => statement.Sid)).toEqual(["SenderUserItsPolicyAndKeys", "DoctorReadsSmsAccountState"]);
      expect(await decide(policy, { action: "sns:SetSMSAttributes", resource: "*" }, region)).not.toBe("Allowed");
      expect(await decide(policy, { action: "sms-voice:SetAccountDefaultProtectConfiguration", resource: "*" }, region)).not.toBe(
        "Allowed",
      );
      expect(
        await decide(
          policy,
          {
            action: "iam:CreateRole",
            resource: `arn:aws:iam::${ACCOUNT}:role/auth0-sns-mfa/${stack}/sms-delivery-status-logging${AUTONAME_SUFFIX}`,
          },
          region,
        ),
      ).not.toBe("Allowed");
    });
  });
});

describe("deployRolePolicyDocument", () => {
  test("refuses an account ID that is not 12 digits, naming the field", () => {
    const config = { stack: "dev", region: "us-east-1", smsPreferences: undefined, alarms: undefined };
    expect(() => deployRolePolicyDocument({ accountId: "12345", config })).toThrow(/^accountId: "12345" is not a 12-digit AWS account ID$/);
  });

  test("writes ARNs in the region's partition", () => {
    expect([partitionOf("us-east-1"), partitionOf("cn-north-1"), partitionOf("us-gov-west-1")]).toEqual(["aws", "aws-cn", "aws-us-gov"]);
    const config = { stack: "dev", region: "cn-north-1", smsPreferences: undefined, alarms: undefined };
    expect(deployRolePolicyDocument({ accountId: ACCOUNT, config }).Statement[0]?.Resource).toBe(
      `arn:aws-cn:iam::${ACCOUNT}:user/auth0-sns-mfa/dev/auth0-sms-sender-dev`,
    );
  });
});
