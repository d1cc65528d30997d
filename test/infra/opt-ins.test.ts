/**
 * The account-level opt-ins: off unless a stack turns them on; SMS preferences (Transactional,
 * spend limit, delivery-status logging with its role) and CloudWatch alarms with an email recipient.
 */
import { runSimulation } from "@cloud-copilot/iam-simulate";
import { describe, expect, test } from "vitest";
import { runProgram } from "./run-program";
import type { StackName } from "./stack-files";

const SMS_PREFERENCES = "aws:sns/smsPreferences:SmsPreferences";
const METRIC_ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const ROLE = "aws:iam/role:Role";
const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
const TOPIC = "aws:sns/topic:Topic";
const SUBSCRIPTION = "aws:sns/topicSubscription:TopicSubscription";

test.each<StackName>(["dev", "prod"])("the committed %s stack manages no account-level setting", async (stack) => {
  const run = await runProgram({ stack });
  for (const type of [SMS_PREFERENCES, METRIC_ALARM, ROLE, ROLE_POLICY, TOPIC, SUBSCRIPTION]) expect(run.ofType(type), type).toEqual([]);
});

describe("SMS preferences, when a stack enables them", () => {
  const enabled = { smsPreferencesEnabled: true, smsMonthlySpendLimitUsd: 40, smsDeliveryStatusSuccessSamplingRate: 5, senderId: "Acme" };

  test("make Transactional the default, cap the monthly spend and log deliveries through an SNS role", async () => {
    const run = await runProgram({ stack: "dev", overrides: enabled });
    const preferences = run.one(SMS_PREFERENCES);
    const role = run.one(ROLE);
    expect(preferences.inputs).toMatchObject({
      defaultSmsType: "Transactional",
      monthlySpendLimit: 40,
      deliveryStatusSuccessSamplingRate: "5",
      deliveryStatusIamRoleArn: `arn:aws:iam::123456789012:role/auth0-sns-mfa/dev/${role.name}`,
      defaultSenderId: "Acme",
    });
    expect(preferences.dependencies).toContain(role.urn);
    expect(preferences.urn).toContain("auth0-sns-mfa:aws:SmsAccountOptIns$");
    expect(JSON.parse(String(role.inputs.assumeRolePolicy))).toMatchObject({
      Statement: [{ Effect: "Allow", Principal: { Service: "sns.amazonaws.com" }, Action: "sts:AssumeRole" }],
    });
    expect(run.ofType(METRIC_ALARM)).toEqual([]);
  });

  test("the logging role may write the region's SNS delivery logs and nothing else", async () => {
    const run = await runProgram({ stack: "dev", overrides: enabled });
    const policy = JSON.parse(String(run.one(ROLE_POLICY).inputs.policy)) as Parameters<
      typeof runSimulation
    >[0]["identityPolicies"][number]["policy"];
    const decide = async (action: string, resource: string): Promise<string> => {
      const response = await runSimulation(
        {
          identityPolicies: [{ name: "logging", policy }],
          serviceControlPolicies: [],
          resourceControlPolicies: [],
          request: {
            action,
            principal: "arn:aws:iam::123456789012:role/logging",
            resource: { accountId: "123456789012", resource },
            contextVariables: {},
          },
        },
        {},
      );
      if (response.resultType === "error") throw new Error(JSON.stringify(response.errors));
      return response.overallResult;
    };
    const smsLogGroup = "arn:aws:logs:us-west-2:123456789012:log-group:sns/us-west-2/123456789012/DirectPublishToPhoneNumber";
    expect(await decide("logs:PutLogEvents", `${smsLogGroup}:log-stream:abc`)).toBe("Allowed");
    expect(await decide("logs:CreateLogGroup", smsLogGroup)).toBe("Allowed");
    expect(await decide("logs:PutLogEvents", "arn:aws:logs:us-west-2:123456789012:log-group:payments:log-stream:abc")).not.toBe("Allowed");
    expect(await decide("logs:PutLogEvents", `${smsLogGroup.replaceAll("us-west-2", "eu-west-1")}:log-stream:abc`)).not.toBe("Allowed");
    expect(await decide("logs:DeleteLogGroup", smsLogGroup)).not.toBe("Allowed");
  });
});

describe("alarms, when a stack enables them", () => {
  const enabled = { alarmsEnabled: true, alarmEmail: "oncall@example.com", alarmMonthToDateSpendUsd: 30, alarmFailedSmsThreshold: 4 };

  test("email one recipient through a topic", async () => {
    const run = await runProgram({ stack: "prod", overrides: enabled });
    const topic = run.one(TOPIC);
    expect(run.one(SUBSCRIPTION).inputs).toEqual({
      topic: `arn:aws:sns:us-east-1:123456789012:${topic.name}`,
      protocol: "email",
      endpoint: "oncall@example.com",
    });
    expect(run.ofType(SMS_PREFERENCES)).toEqual([]);
  });

  test("watch failed direct-to-phone SMS and the month-to-date SMS spend", async () => {
    const run = await runProgram({ stack: "prod", overrides: enabled });
    const topicArn = `arn:aws:sns:us-east-1:123456789012:${run.one(TOPIC).name}`;
    const alarms = Object.fromEntries(run.ofType(METRIC_ALARM).map((alarm) => [alarm.inputs.metricName, alarm.inputs]));
    expect(alarms.NumberOfNotificationsFailed).toMatchObject({
      namespace: "AWS/SNS",
      dimensions: { PhoneNumber: "PhoneNumberDirect" },
      statistic: "Sum",
      period: 300,
      threshold: 4,
      comparisonOperator: "GreaterThanOrEqualToThreshold",
      treatMissingData: "notBreaching",
      alarmActions: [topicArn],
    });
    expect(alarms.SMSMonthToDateSpentUSD).toMatchObject({
      namespace: "AWS/SNS",
      statistic: "Maximum",
      threshold: 30,
      comparisonOperator: "GreaterThanOrEqualToThreshold",
      alarmActions: [topicArn],
    });
    expect(alarms.SMSMonthToDateSpentUSD?.dimensions).toBeUndefined();
  });
});
