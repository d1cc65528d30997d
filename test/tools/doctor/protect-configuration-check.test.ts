/**
 * aws.protect-configuration for a stack that manages the account default (protectConfigurationEnabled):
 * the real End User Messaging SDK client against the stand-in account, reached through
 * AWS_ENDPOINT_URL_PINPOINT_SMS_VOICE_V2. The stack's own default is reported as such (its id from the
 * stack's outputs); another configuration as the default is a failure, since `pulumi up` refuses to
 * replace it; no default yet is what `pulumi up` creates.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { validateStackConfig } from "../../../infra/config/validate-config";
import { awsChecks } from "../../../tools/doctor/aws-checks";
import type { DeploymentState } from "../../../tools/doctor/aws-doctor-input";
import type { DoctorCheck } from "../../../tools/doctor/doctor-check";
import {
  healthyAccount,
  PROTECT_ID,
  startStandInAccount,
  type StandInAccount,
  type StandInAccountState,
} from "../../support/stand-in-aws-account";

const OWN = "protect-0000000000000000000000000000000a";

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

function setAccount(overrides: Partial<StandInAccountState>): void {
  Object.assign(account.state, healthyAccount(), overrides);
}

/** The stack's own configuration as `pulumi up` left it: US and CA ALLOW, NG BLOCK, the account default. */
function ownDefault(rules: Record<string, string> = { CA: "ALLOW", NG: "BLOCK", US: "ALLOW" }): Partial<StandInAccountState> {
  return { protectConfigurations: { [OWN]: { rules, tags: [] } }, accountDefaultProtectConfigurationId: OWN };
}

const deployed = (protectConfigurationId: string | undefined): DeploymentState => ({
  kind: "deployed",
  outputs: { senderUserName: "auth0-sms-sender-prod", protectConfigurationId },
});

async function check(deployment: DeploymentState, values: Record<string, string> = {}): Promise<DoctorCheck> {
  for (const [name, value] of Object.entries(account.env)) vi.stubEnv(name, value);
  const config = validateStackConfig({
    stack: "prod",
    region: "us-east-1",
    values: { allowedCountries: '["US","CA"]', protectConfigurationEnabled: "true", ...values },
  });
  const result = await awsChecks({ config, deployment });
  const found = result.checks.find((candidate) => candidate.id === "aws.protect-configuration");
  if (found === undefined) throw new Error("no aws.protect-configuration check");
  return found;
}

describe("aws.protect-configuration with protectConfigurationEnabled", () => {
  it("reports the stack's own default as managed by the stack", async () => {
    setAccount(ownDefault());
    expect(await check(deployed(OWN))).toEqual({
      id: "aws.protect-configuration",
      status: "pass",
      reason: `The account-default protect configuration in us-east-1 (${OWN}, managed by this stack: protectConfigurationEnabled) blocks none of US, CA.`,
      next: "",
    });
  });

  it("still fails when the stack's own default blocks an allowed country (changed by hand)", async () => {
    setAccount(ownDefault({ CA: "BLOCK", NG: "BLOCK", US: "ALLOW" }));
    expect(await check(deployed(OWN))).toMatchObject({ status: "fail", reason: expect.stringContaining(`(${OWN}, managed by this stack`) });
  });

  it("fails on another configuration as the default, naming it: pulumi up refuses to replace it", async () => {
    setAccount({ defaultProtectRules: { US: "ALLOW", CA: "ALLOW" } });
    const found = await check(deployed(OWN));
    expect(found).toMatchObject({ status: "fail", reason: expect.stringContaining(`is ${PROTECT_ID}, not this stack's`) });
    expect(found.next).toContain("delete-account-default-protect-configuration --region us-east-1");
    expect(await check({ kind: "not-deployed" })).toMatchObject({ status: "fail" });
    expect(await check({ kind: "unknown", why: "the Pulumi CLI is not installed" })).toMatchObject({
      status: "warn",
      reason: expect.stringContaining("the Pulumi CLI is not installed"),
    });
  });

  it("passes with no default yet, saying what pulumi up creates; warns when the stack's own lost the default", async () => {
    setAccount({});
    expect(await check({ kind: "not-deployed" }, { protectConfigurationAllowedCountryStatus: "MONITOR" })).toMatchObject({
      status: "pass",
      reason: expect.stringContaining("creates the stack's (US, CA: MONITOR; every other country: BLOCK) and makes it the default"),
    });
    setAccount({ protectConfigurations: { [OWN]: { rules: { US: "ALLOW" }, tags: [] } } });
    expect(await check(deployed(OWN))).toMatchObject({
      status: "warn",
      reason: expect.stringContaining(`${OWN} is no longer the account default`),
    });
  });

  it("sends only the reads it sent before: no new permission", async () => {
    setAccount(ownDefault());
    const before = account.receivedActions().length;
    await check(deployed(OWN));
    const sent = new Set(
      account
        .receivedActions()
        .slice(before)
        .filter((action) => action.startsWith("sms-voice:")),
    );
    expect([...sent].filter((action) => action.includes("Protect"))).toEqual([
      "sms-voice:DescribeProtectConfigurations",
      "sms-voice:GetProtectConfigurationCountryRuleSet",
    ]);
  });
});
