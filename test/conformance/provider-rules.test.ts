// The conformance rules themselves: each refuses the values its provider or API refuses (so the suite
// can fail), accepts the values the program registers, and names its source.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  checkConformance,
  nameOrAutoname,
  PROVIDER_RULES,
  RESOURCE_TYPES as T,
  ruleIdPrefix,
  rulesFor,
  type ResourceUnderTest,
  type TenantState,
} from "./provider-rules";
import { containsHidden, policyCharacters, unwrapSecrets } from "./rule-values";

const NEW_TENANT: TenantState = { phoneConsolidatedExperience: undefined };
const CLASSIC_TENANT: TenantState = { phoneConsolidatedExperience: false };

function resource(type: string, inputs: Record<string, unknown>, extra: Partial<ResourceUnderTest> = {}): ResourceUnderTest {
  const name = extra.name ?? "subject";
  return { type, name, urn: `urn:pulumi:dev::auth0-sns-mfa::${type}::${name}`, inputs, replaceOnChanges: [], dependsOn: [], ...extra };
}

/** The ids of the rules a single resource (with its companions) breaks. */
function broken(subject: ResourceUnderTest, companions: ResourceUnderTest[] = [], tenant: TenantState = CLASSIC_TENANT): string[] {
  const report = checkConformance([subject, ...companions], tenant, containsHidden);
  return report.violations.filter((violation) => violation.resourceName === subject.name).map((violation) => violation.ruleId);
}

const POLICY = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: "sns:Publish", NotResource: "arn:*:sns:*:*:*" }],
});
const USER = {
  name: "auth0-sms-sender-dev",
  path: "/auth0-sns-mfa/dev/",
  tags: { Project: "auth0-sns-mfa", Stack: "dev", Purpose: "Auth0 MFA SMS sender: sns:Publish to phone numbers only" },
};
const ACTION = {
  name: "sns-sms-sender-dev-send-phone-message",
  runtime: "node22",
  deploy: true,
  supportedTriggers: { id: "send-phone-message", version: "v2" },
  code: "exports.onExecuteSendPhoneMessage = async () => {};",
  dependencies: [{ name: "@aws-sdk/client-sns", version: "3.1169.0" }],
  secrets: [{ name: "AWS_REGION", value: "us-east-1" }],
};
const ALARM = {
  namespace: "AWS/SNS",
  metricName: "NumberOfNotificationsFailed",
  period: 300,
  evaluationPeriods: 1,
  comparisonOperator: "GreaterThanOrEqualToThreshold",
  statistic: "Sum",
  threshold: 5,
  treatMissingData: "notBreaching",
  alarmActions: ["arn:aws:sns:us-east-1:123456789012:sms-alarms-abc1234"],
  dimensions: { PhoneNumber: "PhoneNumberDirect" },
};

describe("the rule table", () => {
  it("gives every rule a unique id, a sentence and a source", () => {
    const ids = PROVIDER_RULES.map((rule) => rule.id);
    expect(ids.filter((id, index) => ids.indexOf(id) !== index)).toEqual([]);
    for (const rule of PROVIDER_RULES) {
      expect(rule.rule.length, rule.id).toBeGreaterThan(5);
      expect(rule.source, rule.id).toMatch(/https:\/\//);
    }
  });

  it("has rules for every resource type it knows", () => {
    for (const type of Object.values(T)) expect(rulesFor(type).length, type).toBeGreaterThan(0);
  });

  it("lists every rule in docs/conformance.md", () => {
    const page = readFileSync(path.join(__dirname, "..", "..", "docs", "conformance.md"), "utf8");
    expect(PROVIDER_RULES.map((rule) => rule.id).filter((id) => !page.includes(`| \`${id}\` |`))).toEqual([]);
  });

  it("names rules by service and resource", () => {
    expect(ruleIdPrefix(T.iamUserPolicy)).toBe("iam-user-policy");
    expect(ruleIdPrefix(T.metricAlarm)).toBe("cloudwatch-metric-alarm");
    expect(ruleIdPrefix(T.action)).toBe("auth0-action");
  });
});

describe("running the rules", () => {
  it("reports a resource type no rule covers, and an input no rule reads", () => {
    const report = checkConformance(
      [resource("aws:s3/bucket:Bucket", { bucket: "b" }), resource(T.iamUser, { ...USER, permissionsBoundary: "arn:aws:iam::1:policy/x" })],
      CLASSIC_TENANT,
      containsHidden,
    );
    expect(report.typesWithoutRules).toEqual(["aws:s3/bucket:Bucket"]);
    expect(report.inputsWithoutRules).toEqual([`${T.iamUser} permissionsBoundary`]);
  });

  it("leaves a hidden value unchecked instead of passing it", () => {
    const report = checkConformance([resource(T.action, { ...ACTION, secrets: { $plan: "secret" } })], CLASSIC_TENANT, containsHidden);
    expect(report.unchecked).toContainEqual({ ruleId: "auth0-action-secrets", resourceName: "subject" });
  });

  it("sees through Pulumi's secret wrapper under mocks", () => {
    const wrapped = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value: [{ name: "A", value: "b" }] };
    expect(containsHidden(wrapped)).toBe(true);
    expect(unwrapSecrets({ secrets: wrapped })).toEqual({ secrets: [{ name: "A", value: "b" }] });
  });

  it("accepts the values the program registers", () => {
    expect(broken(resource(T.iamUser, USER))).toEqual([]);
    expect(broken(resource(T.action, ACTION, { name: "sms-sender-send-phone-message" }))).toEqual([]);
    expect(broken(resource(T.metricAlarm, ALARM, { name: "sms-failures" }))).toEqual([]);
  });
});

describe("IAM", () => {
  it("refuses tag values with parentheses, commas or quotes, and keys with the aws: prefix", () => {
    expect(broken(resource(T.iamUser, { ...USER, tags: { Purpose: "Auth0 MFA SMS sender (sns:Publish)" } }))).toEqual(["iam-user-tags"]);
    expect(broken(resource(T.iamUser, { ...USER, tags: { Purpose: "a, b" } }))).toEqual(["iam-user-tags"]);
    expect(broken(resource(T.iamUser, { ...USER, tags: { Purpose: 'say "hi"' } }))).toEqual(["iam-user-tags"]);
    expect(broken(resource(T.iamUser, { ...USER, tags: { "aws:owner": "me" } }))).toEqual(["iam-user-tags"]);
    expect(broken(resource(T.iamRole, { assumeRolePolicy: trustPolicy(), tags: { Purpose: "x(y)" } }))).toEqual(["iam-role-tags"]);
  });

  it("refuses two IAM users of one name in one run (CreateUser: EntityAlreadyExists)", () => {
    const other = resource(T.iamUser, USER, { name: "other-sms-sender" });
    expect(broken(resource(T.iamUser, USER), [other])).toEqual(["iam-user-name-unique"]);
    expect(broken(resource(T.iamUser, USER), [resource(T.iamUser, { ...USER, name: "auth0-sms-sender-prod" }, { name: "other" })])).toEqual(
      [],
    );
  });

  it("refuses a sender policy pinned to another region than its AWS provider's", () => {
    const policy = JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Action: "sns:Publish",
          NotResource: "arn:*:sns:*:*:*",
          Condition: { StringEquals: { "aws:RequestedRegion": "us-east-1" } },
        },
      ],
    });
    const inputs = { name: "publish-sms-to-phone-numbers-only", user: USER.name, policy };
    expect(broken(resource(T.iamUserPolicy, inputs, { providerRegion: "us-east-1" }))).toEqual([]);
    expect(broken(resource(T.iamUserPolicy, inputs, { providerRegion: "us-west-2" }))).toEqual(["iam-user-policy-region"]);
    expect(broken(resource(T.iamUserPolicy, inputs))).toEqual([]);
  });

  it("refuses more than 50 tags, keys over 128 and values over 256 characters", () => {
    const many = Object.fromEntries(Array.from({ length: 51 }, (_, index) => [`k${index}`, "v"]));
    expect(broken(resource(T.iamUser, { ...USER, tags: many }))).toEqual(["iam-user-tags"]);
    expect(broken(resource(T.iamUser, { ...USER, tags: { ["k".repeat(129)]: "v" } }))).toEqual(["iam-user-tags"]);
    expect(broken(resource(T.iamUser, { ...USER, tags: { k: "v".repeat(257) } }))).toEqual(["iam-user-tags"]);
    expect(broken(resource(T.iamUser, { ...USER, tags: { k: "" } }))).toEqual([]);
  });

  it("refuses user names over 64 characters or with spaces, as a stack name of 48 characters would make", () => {
    expect(broken(resource(T.iamUser, { ...USER, name: `auth0-sms-sender-${"s".repeat(48)}` }))).toEqual(["iam-user-name"]);
    expect(broken(resource(T.iamUser, { ...USER, name: `auth0-sms-sender-${"s".repeat(47)}` }))).toEqual([]);
    expect(broken(resource(T.iamUser, { ...USER, name: "sms sender" }))).toEqual(["iam-user-name"]);
  });

  it("refuses paths without both slashes", () => {
    expect(broken(resource(T.iamUser, { ...USER, path: "/auth0-sns-mfa/dev" }))).toEqual(["iam-user-path"]);
    expect(broken(resource(T.iamUser, { ...USER, path: "/" }))).toEqual([]);
  });

  it("refuses an inline user policy over 2,048 characters without whitespace, or one with a Principal", () => {
    const statement = { Effect: "Allow", Action: "sns:Publish", NotResource: "arn:*:sns:*:*:*", Sid: "x".repeat(2000) };
    const big = JSON.stringify({ Version: "2012-10-17", Statement: [statement] }, null, 2);
    expect(policyCharacters(big)).toBeGreaterThan(2048);
    const policy = { user: "auth0-sms-sender-dev", name: "publish-sms-to-phone-numbers-only" };
    expect(broken(resource(T.iamUserPolicy, { ...policy, policy: big }))).toEqual([
      "iam-user-policy-policy",
      "iam-user-inline-policies-total-size",
    ]);
    const withPrincipal = JSON.stringify({ Version: "2012-10-17", Statement: [{ ...statement, Sid: "s", Principal: "*" }] });
    expect(broken(resource(T.iamUserPolicy, { ...policy, policy: withPrincipal }))).toEqual(["iam-user-policy-policy"]);
    expect(broken(resource(T.iamUserPolicy, { ...policy, policy: POLICY }))).toEqual([]);
  });

  it("refuses a third access key for one user", () => {
    const keys = [1, 2, 3].map((generation) => resource(T.iamAccessKey, { user: "u" }, { name: `key-gen${generation}` }));
    expect(broken(keys[0] as ResourceUnderTest, keys.slice(1))).toEqual(["iam-access-keys-per-user"]);
    expect(broken(keys[0] as ResourceUnderTest, keys.slice(1, 2))).toEqual([]);
  });

  it("judges an autonamed role by the name Pulumi gives it", () => {
    const long = resource(T.iamRole, { assumeRolePolicy: trustPolicy() }, { name: "r".repeat(57) });
    expect(nameOrAutoname(long)).toHaveLength(65);
    expect(broken(long)).toEqual(["iam-role-name"]);
    expect(broken(resource(T.iamRole, { assumeRolePolicy: trustPolicy() }, { name: "sms-delivery-status-logging" }))).toEqual([]);
  });
});

function trustPolicy(): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { Service: "sns.amazonaws.com" }, Action: "sts:AssumeRole" }],
  });
}

describe("SNS and CloudWatch", () => {
  it("refuses SMS preferences out of range", () => {
    expect(broken(resource(T.smsPreferences, { deliveryStatusSuccessSamplingRate: "101" }))).toEqual([
      "sns-sms-preferences-deliveryStatusSuccessSamplingRate",
    ]);
    expect(broken(resource(T.smsPreferences, { monthlySpendLimit: -1 }))).toEqual(["sns-sms-preferences-monthlySpendLimit"]);
    expect(broken(resource(T.smsPreferences, { monthlySpendLimit: 1.5 }))).toEqual(["sns-sms-preferences-monthlySpendLimit"]);
    expect(broken(resource(T.smsPreferences, { defaultSmsType: "transactional" }))).toEqual(["sns-sms-preferences-defaultSmsType"]);
    for (const senderId of ["Acme MFA", "123456", "-Acme", "AcmeCorporation"]) {
      expect(broken(resource(T.smsPreferences, { defaultSenderId: senderId })), senderId).toEqual(["sns-sms-preferences-defaultSenderId"]);
    }
    expect(
      broken(
        resource(T.smsPreferences, {
          defaultSenderId: "Acme-MFA",
          monthlySpendLimit: 100,
          deliveryStatusSuccessSamplingRate: "0",
          defaultSmsType: "Transactional",
        }),
      ),
    ).toEqual([]);
  });

  it("refuses topic names with other characters, or longer than 256 once autonamed", () => {
    expect(broken(resource(T.snsTopic, { name: "sms.alarms" }))).toEqual(["sns-topic-name"]);
    expect(broken(resource(T.snsTopic, {}, { name: "t".repeat(249) }))).toEqual(["sns-topic-name"]);
    expect(broken(resource(T.snsTopic, {}, { name: "sms-alarms" }))).toEqual([]);
  });

  it("refuses an email subscription to something that is not an email address", () => {
    const subscription = { topic: "arn:aws:sns:us-east-1:123456789012:sms-alarms-abc1234", protocol: "email" };
    expect(broken(resource(T.snsTopicSubscription, { ...subscription, endpoint: "oncall" }))).toEqual(["sns-topic-subscription-endpoint"]);
    expect(broken(resource(T.snsTopicSubscription, { ...subscription, protocol: "mail", endpoint: "a@b.example" }))).toEqual([
      "sns-topic-subscription-protocol",
    ]);
    expect(broken(resource(T.snsTopicSubscription, { ...subscription, endpoint: "oncall@example.com" }))).toEqual([]);
  });

  it("refuses alarm periods CloudWatch does not offer and evaluation windows over a day", () => {
    expect(broken(resource(T.metricAlarm, { ...ALARM, period: 45 }))).toEqual(["cloudwatch-metric-alarm-period"]);
    expect(broken(resource(T.metricAlarm, { ...ALARM, evaluationPeriods: 289 }))).toEqual(["cloudwatch-metric-alarm-evaluation-periods"]);
    expect(broken(resource(T.metricAlarm, { ...ALARM, evaluationPeriods: 288 }))).toEqual([]);
    expect(broken(resource(T.metricAlarm, { ...ALARM, evaluationPeriods: 0 }))).toEqual(["cloudwatch-metric-alarm-evaluation-periods"]);
    expect(broken(resource(T.metricAlarm, { ...ALARM, statistic: "p99" }))).toEqual(["cloudwatch-metric-alarm-statistic"]);
    expect(broken(resource(T.metricAlarm, { ...ALARM, alarmActions: Array.from({ length: 6 }, () => ALARM.alarmActions[0]) }))).toEqual([
      "cloudwatch-metric-alarm-alarmActions",
    ]);
    expect(broken(resource(T.metricAlarm, { ...ALARM, tags: { Stack: "dev (staging)" } }))).toEqual(["cloudwatch-metric-alarm-tags"]);
  });
});

describe("End User Messaging SMS protect configuration", () => {
  const rulesOf = (allowed: Record<string, string>) => ({ NG: "BLOCK", GB: "BLOCK", ...allowed });
  const PROTECT = {
    __provider: "exports.handler = __f0;\n",
    region: "us-east-1",
    accountId: "123456789012",
    allowedCountries: ["CA", "US"],
    allowedCountryStatus: "MONITOR",
    smsCountryRules: rulesOf({ CA: "MONITOR", US: "MONITOR" }),
    tags: { Project: "auth0-sns-mfa", Stack: "dev", Name: "auth0-sns-mfa-dev" },
    accountDefault: true,
  };
  const prefix = "pulumi-nodejs-account-protect-configuration";

  it("accepts the inputs the program registers", () => {
    expect(broken(resource(T.protectConfiguration, PROTECT))).toEqual([]);
    expect(
      broken(resource(T.protectConfiguration, { ...PROTECT, allowedCountries: [], smsCountryRules: { GB: "MONITOR", NG: "MONITOR" } })),
    ).toEqual([]);
  });

  it("refuses what the API refuses: a status that is not a ProtectStatus, BLOCK for the allowed countries, a lowercase or three-letter code", () => {
    expect(
      broken(
        resource(T.protectConfiguration, {
          ...PROTECT,
          allowedCountryStatus: "BLOCK",
          smsCountryRules: rulesOf({ CA: "BLOCK", US: "BLOCK" }),
        }),
      ),
    ).toEqual([`${prefix}-allowedCountryStatus`]);
    expect(broken(resource(T.protectConfiguration, { ...PROTECT, smsCountryRules: { ...PROTECT.smsCountryRules, FR: "DENY" } }))).toEqual([
      `${prefix}-smsCountryRules`,
      `${prefix}-allowed-rules`,
    ]);
    expect(broken(resource(T.protectConfiguration, { ...PROTECT, allowedCountries: ["ca"] }))).toEqual([
      `${prefix}-allowedCountries`,
      `${prefix}-allowed-rules`,
    ]);
    expect(broken(resource(T.protectConfiguration, { ...PROTECT, smsCountryRules: { ...PROTECT.smsCountryRules, GBR: "BLOCK" } }))).toEqual(
      [`${prefix}-smsCountryRules`],
    );
    expect(broken(resource(T.protectConfiguration, { ...PROTECT, accountId: "12345" }))).toEqual([`${prefix}-accountId`]);
  });

  it("refuses rules that leave a country outside allowedCountries ALLOW (a new configuration starts with every country ALLOW)", () => {
    expect(broken(resource(T.protectConfiguration, { ...PROTECT, smsCountryRules: { ...PROTECT.smsCountryRules, NG: "ALLOW" } }))).toEqual([
      `${prefix}-allowed-rules`,
    ]);
    expect(broken(resource(T.protectConfiguration, { ...PROTECT, smsCountryRules: { NG: "BLOCK", US: "MONITOR" } }))).toEqual([
      `${prefix}-allowed-rules`,
    ]);
  });

  it("refuses a configuration that is not the account default, tags over the API's limits, no region, no serialized provider", () => {
    expect(broken(resource(T.protectConfiguration, { ...PROTECT, accountDefault: false }))).toEqual([`${prefix}-accountDefault`]);
    expect(broken(resource(T.protectConfiguration, { ...PROTECT, tags: { Name: "x".repeat(257) } }))).toEqual([`${prefix}-tags`]);
    expect(broken(resource(T.protectConfiguration, { ...PROTECT, region: "Virginia" }))).toEqual([`${prefix}-region`]);
    expect(broken(resource(T.protectConfiguration, { ...PROTECT, __provider: "module.exports = {}" }))).toEqual([`${prefix}-__provider`]);
  });
});

describe("Auth0 Action and its binding", () => {
  const subject = (inputs: Record<string, unknown>): ResourceUnderTest =>
    resource(T.action, { ...ACTION, ...inputs }, { name: "sms-sender-send-phone-message" });

  it("refuses a runtime, trigger or trigger version the provider or Auth0 does not offer", () => {
    expect(broken(subject({ runtime: "node20" }))).toEqual(["auth0-action-runtime"]);
    expect(broken(subject({ supportedTriggers: { id: "send-phone-message", version: "v1" } }))).toEqual(["auth0-action-trigger"]);
    expect(broken(subject({ supportedTriggers: { id: "custom-phone-provider", version: "v2" } }))).toEqual([
      "auth0-action-trigger",
      "auth0-action-trigger-change-replaces",
    ]);
    expect(broken(subject({ supportedTriggers: { id: "send-sms", version: "v1" } }))).toContain("auth0-action-trigger");
  });

  it("refuses code over 100 kB, more than 10 dependencies, more than 30 secrets, long or repeated secret names", () => {
    expect(broken(subject({ code: "x".repeat(100_001) }))).toEqual(["auth0-action-code"]);
    expect(broken(subject({ code: "é".repeat(50_001) }))).toEqual(["auth0-action-code"]);
    const dependencies = Array.from({ length: 11 }, (_, index) => ({ name: `package-${index}`, version: "1.0.0" }));
    expect(broken(subject({ dependencies }))).toEqual(["auth0-action-dependencies"]);
    const secrets = Array.from({ length: 31 }, (_, index) => ({ name: `SECRET_${index}`, value: "v" }));
    expect(broken(subject({ secrets }))).toEqual(["auth0-action-secrets"]);
    expect(broken(subject({ secrets: [{ name: "S".repeat(129), value: "v" }] }))).toEqual(["auth0-action-secrets"]);
    expect(broken(subject({ secrets: [{ name: "S", value: "v".repeat(4097) }] }))).toEqual(["auth0-action-secrets"]);
    expect(
      broken(
        subject({
          secrets: [
            { name: "A", value: "1" },
            { name: "A", value: "2" },
          ],
        }),
      ),
    ).toEqual(["auth0-action-secrets"]);
    expect(broken(subject({ deploy: false }))).toEqual(["auth0-action-deploy"]);
  });

  it("refuses an Action whose trigger would change in place", () => {
    expect(broken(resource(T.action, ACTION, { name: "sms-sender" }))).toEqual(["auth0-action-trigger-change-replaces"]);
    expect(broken(resource(T.action, ACTION, { name: "sms-sender", replaceOnChanges: ["supportedTriggers"] }))).toEqual([]);
  });

  it("refuses binding an Action to a trigger it was not written for", () => {
    const action = subject({});
    const binding = resource(
      T.triggerActions,
      { trigger: "custom-phone-provider", actions: [{ id: "act_1", displayName: ACTION.name }] },
      { name: "binding" },
    );
    expect(broken(binding, [action])).toEqual(["auth0-trigger-actions-actions"]);
    expect(broken({ ...binding, inputs: { ...binding.inputs, trigger: "send-phone-message" } }, [action])).toEqual([]);
    expect(broken({ ...binding, inputs: { trigger: "send-phone-message", actions: [] } }, [action])).toEqual([
      "auth0-trigger-actions-actions",
    ]);
  });
});

describe("Auth0 Guardian, phone provider and templates", () => {
  const classic = {
    policy: "all-applications",
    otp: true,
    phone: {
      enabled: true,
      messageTypes: ["sms"],
      provider: "phone-message-hook",
      options: { enrollmentMessage: "{{code}}", verificationMessage: "{{code}}" },
    },
    webauthnRoaming: { enabled: false },
    webauthnPlatform: { enabled: false },
    duo: { enabled: false },
    push: { enabled: false },
  };

  it("refuses a Guardian that leaves out an Optional + Computed factor block (the tenant would keep it), and accepts enabled: false", () => {
    expect(broken(resource(T.guardian, classic))).toEqual([]);
    for (const block of ["webauthnRoaming", "webauthnPlatform", "duo", "push"]) {
      const { [block]: _left, ...without } = classic as Record<string, unknown>;
      expect(broken(resource(T.guardian, without)), block).toEqual(["auth0-guardian-factors-explicit"]);
    }
    expect(
      broken(resource(T.guardian, { ...classic, push: { enabled: true, provider: "guardian" }, webauthnRoaming: { enabled: true } })),
    ).toEqual([]);
  });

  it("refuses Duo keys given without each other (RequiredWith), and accepts Duo off without keys", () => {
    expect(broken(resource(T.guardian, { ...classic, duo: { enabled: true, hostname: "api-x.duosecurity.com" } }))).toEqual([
      "auth0-guardian-duo",
    ]);
    expect(
      broken(resource(T.guardian, { ...classic, duo: { enabled: true, hostname: "h", integrationKey: "i", secretKey: "s" } })),
    ).toEqual([]);
    expect(broken(resource(T.guardian, { ...classic, duo: { enabled: "no" } }))).toEqual(["auth0-guardian-duo"]);
  });

  it("refuses an enabled phone factor without a provider on a tenant whose flag is off (the unified block there)", () => {
    const unified = { ...classic, phone: { enabled: true, messageTypes: ["sms"] } };
    expect(broken(resource(T.guardian, unified), [], CLASSIC_TENANT)).toEqual(["auth0-guardian-phone-provider-tenant-flag-off"]);
    expect(broken(resource(T.guardian, unified), [], NEW_TENANT)).toEqual([]);
    expect(broken(resource(T.guardian, { ...unified, phone: { enabled: false } }), [], CLASSIC_TENANT)).toEqual([]);
  });

  it("refuses the classic phone provider and options unless the tenant's flag is off", () => {
    expect(broken(resource(T.guardian, classic), [], NEW_TENANT)).toEqual(["auth0-guardian-phone-provider-tenant-flag"]);
    expect(broken(resource(T.guardian, classic), [], { phoneConsolidatedExperience: true })).toEqual([
      "auth0-guardian-phone-provider-tenant-flag",
    ]);
    expect(broken(resource(T.guardian, classic), [], CLASSIC_TENANT)).toEqual([]);
    expect(broken(resource(T.guardian, { ...classic, phone: { enabled: true, messageTypes: ["sms"] } }), [], NEW_TENANT)).toEqual([]);
  });

  it("refuses an unknown policy, message type or provider, and a provider without message types", () => {
    expect(broken(resource(T.guardian, { ...classic, policy: "sometimes" }))).toEqual(["auth0-guardian-policy"]);
    expect(broken(resource(T.guardian, { ...classic, phone: { ...classic.phone, messageTypes: ["email"] } }))).toEqual([
      "auth0-guardian-phone",
    ]);
    expect(broken(resource(T.guardian, { ...classic, phone: { ...classic.phone, provider: "custom" } }))).toEqual(["auth0-guardian-phone"]);
    expect(broken(resource(T.guardian, { ...classic, phone: { enabled: true, provider: "phone-message-hook" } }))).toEqual([
      "auth0-guardian-phone-provider-needs-message-types",
    ]);
    expect(broken(resource(T.guardian, { ...classic, push: { enabled: true, provider: "apns" } }))).toEqual(["auth0-guardian-push"]);
  });

  it("refuses a phone provider the provider does not know, and delivery methods outside text and voice", () => {
    const provider = { name: "custom", disabled: false, configuration: { deliveryMethods: ["text"] }, credentials: {} };
    const action = resource(
      T.action,
      { ...ACTION, supportedTriggers: { id: "custom-phone-provider", version: "v1" } },
      { name: "sms-sender-custom-phone-provider" },
    );
    const dependent = { name: "phone-provider", dependsOn: [action.urn] };
    expect(broken(resource(T.phoneProvider, provider, dependent), [action])).toEqual([]);
    expect(broken(resource(T.phoneProvider, { ...provider, name: "sns" }, dependent), [action])).toEqual(["auth0-phone-provider-name"]);
    expect(broken(resource(T.phoneProvider, { ...provider, configuration: { deliveryMethods: ["sms"] } }, dependent), [action])).toEqual([
      "auth0-phone-provider-configuration",
    ]);
    expect(broken(resource(T.phoneProvider, { ...provider, configuration: { deliveryMethods: [] } }, dependent), [action])).toEqual([
      "auth0-phone-provider-configuration",
    ]);
    expect(broken(resource(T.phoneProvider, { ...provider, credentials: undefined }, dependent), [action])).toEqual([
      "auth0-phone-provider-credentials",
    ]);
    expect(broken(resource(T.phoneProvider, provider, { name: "phone-provider" }), [action])).toEqual([
      "auth0-phone-provider-custom-needs-action",
    ]);
    expect(broken(resource(T.phoneProvider, provider, dependent))).toEqual(["auth0-phone-provider-custom-needs-action"]);
  });

  it("refuses template types the provider does not know, and two templates of one type", () => {
    const template = { type: "otp_verify", disabled: false, content: { body: { text: "{{ code }}" } } };
    expect(broken(resource(T.phoneTemplate, { ...template, type: "otp" }))).toEqual(["auth0-branding-phone-notification-template-type"]);
    expect(broken(resource(T.phoneTemplate, template), [resource(T.phoneTemplate, template, { name: "other" })])).toEqual([
      "auth0-branding-phone-notification-template-type",
    ]);
    expect(broken(resource(T.phoneTemplate, { ...template, content: { from: "" } }))).toEqual([
      "auth0-branding-phone-notification-template-content",
    ]);
    expect(broken(resource(T.phoneTemplate, template))).toEqual([]);
  });
});
