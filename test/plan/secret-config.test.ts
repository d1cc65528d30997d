// `npm run plan` on a stack whose optional values were stored with `pulumi config set --secret`:
// `pulumi up` decrypts and accepts them; the offline plan cannot decrypt them, so it must not refuse
// them, must say which values it could not check, and must keep every one of them secret.
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { PLAN_TEST_TIMEOUT_MS } from "./plan-command";
import { expectExit, sharedPlan, type PlanRun } from "./shared-plans";

const STACK_FILE = path.join(__dirname, "fixtures", "secret-config", "Pulumi.secrets.yaml");
const SECRET = { $plan: "secret" };

interface JsonPlan {
  uncheckedSecrets: string[];
  resources: { type: string; name: string; inputs: Record<string, unknown> }[];
  diagnostics: { severity: string; message: string }[];
}

describe("npm run plan with values stored as secrets", () => {
  let json: PlanRun;
  let text: PlanRun;
  beforeAll(async () => {
    [json, text] = await Promise.all([
      sharedPlan(["--stack", "secrets", "--stack-file", STACK_FILE, "--json"]),
      sharedPlan(["--stack", "secrets", "--stack-file", STACK_FILE]),
    ]);
  }, PLAN_TEST_TIMEOUT_MS);

  it("plans the stack instead of judging placeholders (no 'must be 3-11 letters', no 'is not an email address')", () => {
    expect(json.stderr).toBe("");
    expectExit(json, 0);
    expectExit(text, 0);
  });

  it("says which values it could not check", () => {
    const plan = JSON.parse(json.stdout) as JsonPlan;
    expect(plan.uncheckedSecrets).toEqual([
      "auth0-sns-mfa:accessKeyGeneration",
      "auth0-sns-mfa:alarmEmail",
      "auth0-sns-mfa:originationNumber",
      "auth0-sns-mfa:senderId",
      "auth0:clientSecret",
    ]);
    expect(text.stdout).toMatch(
      /^Not checked \(encrypted, the offline plan cannot decrypt them\): .*auth0-sns-mfa:alarmEmail, .*auth0-sns-mfa:senderId/m,
    );
  });

  it("keeps each of them secret wherever it reaches a resource", () => {
    const plan = JSON.parse(json.stdout) as JsonPlan;
    const input = (type: string) => plan.resources.find((resource) => resource.type === type)?.inputs;
    expect(input("aws:sns/topicSubscription:TopicSubscription")?.["endpoint"]).toEqual(SECRET);
    expect(input("aws:sns/smsPreferences:SmsPreferences")?.["defaultSenderId"]).toEqual(SECRET);
    expect(JSON.stringify(input("auth0:index/action:Action")?.["secrets"])).toContain('"$plan":"secret"');
    expect(plan.diagnostics.filter((diagnostic) => /secret reaches/.test(diagnostic.message))).toEqual([]);
    for (const run of [json, text]) {
      expect(run.stdout + run.stderr).not.toContain("plan-placeholder-secret-");
      expect(run.stdout + run.stderr).not.toContain("RklYVFVSRQ");
    }
  });
});
