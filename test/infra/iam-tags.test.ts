/**
 * IAM tags and names the program sends, held to AWS's rules: CreateUser/CreateRole refuse anything
 * else with a ValidationError, on the stack's first `pulumi up`.
 * Rules: AWS IAM API Reference, data type Tag (https://docs.aws.amazon.com/IAM/latest/APIReference/API_Tag.html):
 * key 1-128, value 0-256 characters of `[\p{L}\p{Z}\p{N}_.:/=+\-@]`; at most 50 tags
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html).
 */
import { describe, expect, test } from "vitest";
import { iamNameProblems } from "../../infra/aws/aws-resource-names";
import { iamTagProblems } from "../../infra/aws/iam-tag-rules";
import { runProgram } from "./run-program";
import type { StackName } from "./stack-files";

describe("the IAM tag rules", () => {
  test("refuse parentheses, commas and quotes in a value, naming the tag", () => {
    expect(iamTagProblems({ Purpose: "Auth0 MFA SMS sender (sns:Publish to phone numbers only)" })).toEqual([
      'tag "Purpose": the value may hold only letters, digits, spaces and _ . : / = + - @',
    ]);
    expect(iamTagProblems({ A: "a,b" })).toHaveLength(1);
    expect(iamTagProblems({ A: '"quoted"' })).toHaveLength(1);
  });

  test("accept letters of any script, digits, spaces and every allowed symbol", () => {
    expect(iamTagProblems({ "Key_.:/=+-@ 1": "Émile 東京 _.:/=+-@ 0123", Empty: "" })).toEqual([]);
  });

  test("limit keys to 1-128 and values to 256 characters, 50 tags, no aws: prefix", () => {
    expect(iamTagProblems({ ["k".repeat(128)]: "v".repeat(256) })).toEqual([]);
    expect(iamTagProblems({ ["k".repeat(129)]: "v" })).toHaveLength(1);
    expect(iamTagProblems({ "": "v" })).toHaveLength(1);
    expect(iamTagProblems({ k: "v".repeat(257) })).toHaveLength(1);
    expect(iamTagProblems({ "aws:cloudformation": "x" })).toEqual(['tag key "aws:cloudformation": the aws: prefix is reserved for AWS']);
    const fifty = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, "v"]));
    expect(iamTagProblems(fifty)).toEqual([]);
    expect(iamTagProblems({ ...fifty, k50: "v" })).toEqual(["51 tags: IAM allows at most 50"]);
  });
});

describe("the IAM names (CreateUser: https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateUser.html)", () => {
  test("accept the committed stacks and refuse a stack name that makes the user name longer than 64", () => {
    expect(iamNameProblems("dev")).toEqual([]);
    expect(iamNameProblems("prod")).toEqual([]);
    expect(iamNameProblems("x".repeat(48))[0]).toMatch(/^IAM user name "auth0-sms-sender-x+" \(from the stack name\): at most 64/);
  });
});

const EVERY_OPT_IN = {
  smsPreferencesEnabled: true,
  alarmsEnabled: true,
  alarmEmail: "oncall@example.com",
  senderId: "Acme",
};

describe.each<[StackName, Record<string, unknown>]>([
  ["dev", {}],
  ["prod", {}],
  ["dev", EVERY_OPT_IN],
  ["prod", EVERY_OPT_IN],
])("every AWS resource of the %s stack (overrides %j)", (stack, overrides) => {
  test("carries tags IAM accepts", async () => {
    const run = await runProgram({ stack, overrides });
    const tagged = run.resources.filter((resource) => resource.custom && resource.inputs.tags !== undefined);
    expect(tagged.map((resource) => resource.type)).toContain("aws:iam/user:User");
    for (const resource of tagged) {
      expect(iamTagProblems(resource.inputs.tags as Record<string, string>), `${resource.type} ${resource.name}`).toEqual([]);
    }
  });
});
