/**
 * The account-default protect configuration as the program registers it (one dynamic resource,
 * infra/aws/account-protect-configuration.ts): the provider's diff, the provider itself reaching the
 * stand-in End User Messaging API through the SDK's standard endpoint variable, the resource the
 * stack registers when protectConfigurationEnabled is on (and not otherwise), and the refusal of a
 * second instance claiming the same account and region. The provider as Pulumi serializes it under
 * the real runner is exercised in test/plan/protect-configuration-plan.test.ts.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { afterAll, afterEach, beforeAll, describe, expect, it, test, vi } from "vitest";
import type { ActionTrigger, BuiltAction } from "../../infra/auth0/action-bundle";
import {
  PROTECT_CONFIGURATION_TYPE,
  protectConfigurationDiff,
  protectConfigurationProvider,
  type ProtectConfigurationInputs,
  type ProtectConfigurationOutputs,
} from "../../infra/aws/account-protect-configuration";
import { SmsMfa, type SmsMfaArgs } from "../../infra/sms-mfa";
import { previewCountries } from "../../infra/aws/sms-account-opt-ins";
import { healthyAccount, startStandInAccount, type StandInAccount } from "../support/stand-in-aws-account";
import { AwsProviderRegions, GET_CALLER_IDENTITY, GET_REGION, GET_TENANT, getTenantAnswer, runProgram, settled } from "./run-program";

const TAGS = { Project: "auth0-sns-mfa", Stack: "dev", Name: "auth0-sns-mfa-dev" };
const ARGS = { region: "us-west-2", allowedCountries: ["CA", "US"], allowedCountryStatus: "MONITOR" as const, tags: TAGS };
const STATE: ProtectConfigurationOutputs = {
  ...ARGS,
  protectConfigurationId: "protect-1",
  protectConfigurationArn: "arn:aws:sms-voice:us-west-2:123456789012:protect-configuration/protect-1",
  accountDefault: true,
  // AQ: a country End User Messaging lists that the phone metadata does not.
  smsCountryRules: { AQ: "BLOCK", CA: "MONITOR", NG: "BLOCK", US: "MONITOR" },
};

describe("protectConfigurationDiff", () => {
  it("finds nothing to do when AWS holds every rule and the default", () => {
    expect(protectConfigurationDiff(STATE, ARGS)).toEqual({ changes: false, replaces: [], deleteBeforeReplace: true });
  });

  it("updates in place for a changed country list, status, a rule changed by hand, or a lost default", () => {
    for (const news of [
      { ...ARGS, allowedCountries: ["CA", "NG", "US"] },
      { ...ARGS, allowedCountryStatus: "FILTER" as const },
    ]) {
      expect(protectConfigurationDiff(STATE, news)).toEqual({ changes: true, replaces: [], deleteBeforeReplace: true });
    }
    expect(protectConfigurationDiff({ ...STATE, smsCountryRules: { ...STATE.smsCountryRules, AQ: "ALLOW" } }, ARGS).changes).toBe(true);
    expect(protectConfigurationDiff({ ...STATE, accountDefault: false }, ARGS).changes).toBe(true);
  });

  it("replaces, deleting first, for another region or other tags (tags are written only at create)", () => {
    expect(protectConfigurationDiff(STATE, { ...ARGS, region: "eu-west-1" })).toEqual({
      changes: true,
      replaces: ["region"],
      deleteBeforeReplace: true,
    });
    expect(protectConfigurationDiff(STATE, { ...ARGS, tags: { ...TAGS, Stack: "prod" } }).replaces).toEqual(["tags"]);
    expect(
      protectConfigurationDiff(STATE, { ...ARGS, tags: { Name: TAGS.Name, Stack: "dev", Project: "auth0-sns-mfa" } }).replaces,
    ).toEqual([]);
  });
});

describe("the provider, reaching End User Messaging through AWS_ENDPOINT_URL_PINPOINT_SMS_VOICE_V2", () => {
  let account: StandInAccount;
  beforeAll(async () => {
    account = await startStandInAccount(healthyAccount({ smsCountries: ["AQ", "CA", "NG", "US"] }));
  });
  afterAll(async () => {
    await account.close();
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("creates, updates, reads and deletes with a client of its own for the resource's region", async () => {
    for (const [name, value] of Object.entries(account.env)) vi.stubEnv(name, value);
    const inputs: ProtectConfigurationInputs = { ...ARGS, smsCountryRules: {}, accountDefault: true };
    const create = protectConfigurationProvider.create;
    const created = await create({ ...inputs, __provider: "serialized" } as ProtectConfigurationInputs);
    expect(created.outs).toEqual({
      ...ARGS,
      ...{ ...STATE, protectConfigurationId: created.id, protectConfigurationArn: expect.any(String) },
    });
    expect(created.outs).not.toHaveProperty("__provider");
    expect(account.state.accountDefaultProtectConfigurationId).toBe(created.id);

    const update = protectConfigurationProvider.update;
    const updated = await update?.(created.id, created.outs as ProtectConfigurationOutputs, { ...inputs, allowedCountries: ["US"] });
    expect(updated?.outs?.smsCountryRules).toEqual({ AQ: "BLOCK", CA: "BLOCK", NG: "BLOCK", US: "MONITOR" });

    const read = protectConfigurationProvider.read;
    expect((await read?.(created.id, updated?.outs))?.props).toMatchObject({ accountDefault: true, smsCountryRules: { CA: "BLOCK" } });

    await protectConfigurationProvider.delete?.(created.id, updated?.outs as ProtectConfigurationOutputs);
    expect(account.state.protectConfigurations).toEqual({});
    expect(account.state.accountDefaultProtectConfigurationId).toBeUndefined();
    expect(await read?.(created.id, updated?.outs)).toEqual({ id: "" });
  });
});

describe("the stack's protect configuration", () => {
  const enabled = {
    allowedCountries: ["US", "CA"],
    protectConfigurationEnabled: true,
    protectConfigurationAllowedCountryStatus: "MONITOR",
  };

  test("is one resource under the account opt-ins: US and CA MONITOR, every other country BLOCK, made the account default, tagged", async () => {
    const run = await runProgram({ stack: "dev", overrides: enabled });
    const configuration = run.one(PROTECT_CONFIGURATION_TYPE);
    expect(configuration.name).toBe("dev-sms-protect-configuration");
    expect(configuration.urn).toContain("auth0-sns-mfa:aws:SmsAccountOptIns$");
    const rules = configuration.inputs.smsCountryRules as Record<string, string>;
    expect(Object.entries(rules).filter(([, status]) => status !== "BLOCK")).toEqual([
      ["CA", "MONITOR"],
      ["US", "MONITOR"],
    ]);
    expect(Object.keys(rules)).toEqual(previewCountries());
    expect(configuration.inputs).toMatchObject({
      region: "us-west-2",
      allowedCountries: ["CA", "US"],
      allowedCountryStatus: "MONITOR",
      accountDefault: true,
      tags: { Project: "auth0-sns-mfa", Stack: "dev", Name: "auth0-sns-mfa-dev" },
    });
    expect(typeof configuration.inputs.__provider).toBe("string");
    expect(configuration.opts).toMatchObject({ protect: false, deleteBeforeReplace: true });
    expect(await settled(run.outputs.protectConfigurationId ?? "")).toBe("dev-sms-protect-configuration-id");
  });

  test("defaults the allowed countries to ALLOW, and is protected in a stack that protects its resources", async () => {
    const run = await runProgram({ stack: "prod", overrides: { protectConfigurationEnabled: true } });
    const configuration = run.one(PROTECT_CONFIGURATION_TYPE);
    expect(configuration.inputs).toMatchObject({ allowedCountries: ["CA", "US"], allowedCountryStatus: "ALLOW", region: "us-east-1" });
    expect(configuration.opts.protect).toBe(true);
  });

  test.each(["dev", "prod"] as const)("does not exist in the committed %s stack, nor in its outputs", async (stack) => {
    const run = await runProgram({ stack, overrides: { protectConfigurationAllowedCountryStatus: "FILTER" } });
    expect(run.ofType(PROTECT_CONFIGURATION_TYPE)).toEqual([]);
    expect(run.outputs).not.toHaveProperty("protectConfigurationId");
  });
});

describe("two SmsMfa instances in one program", () => {
  const build = (trigger: ActionTrigger): Promise<BuiltAction> =>
    Promise.resolve({ code: `exports.handler = "${trigger}";`, dependencies: [] } as unknown as BuiltAction);
  const base: SmsMfaArgs = {
    region: "eu-west-1",
    phoneExperience: "classic",
    buildAction: build,
    protectConfiguration: { allowedCountryStatus: "ALLOW" },
  };

  /** Both instances, each on its own AWS provider in `regions`, one account; the errors the program raised. */
  async function errorsOfTwo(regions: [string, string]): Promise<string> {
    const providerRegions = new AwsProviderRegions(undefined);
    await pulumi.runtime.setMocks(
      {
        newResource: (args) => {
          providerRegions.register(args.type, args.name, args.inputs as Record<string, unknown>);
          return { id: `${args.name}-id`, state: args.inputs as Record<string, unknown> };
        },
        call: (args) => {
          if (args.token === GET_REGION) return providerRegions.answer(args.provider, args.inputs as Record<string, unknown>);
          if (args.token === GET_CALLER_IDENTITY)
            return { accountId: "444444444444", arn: "arn:aws:iam::444444444444:user/x", userId: "x" };
          if (args.token === GET_TENANT) return getTenantAnswer({});
          throw new Error(`unexpected call ${args.token}`);
        },
      },
      "auth0-sns-mfa",
      "production",
      false,
    );
    const vitestHandlers = process.listeners("unhandledRejection");
    process.removeAllListeners("unhandledRejection");
    const rejections: unknown[] = [];
    process.on("unhandledRejection", (reason) => rejections.push(reason));
    try {
      await pulumi.runtime.runInPulumiStack(async () => {
        new SmsMfa("eu", { ...base, region: regions[0] }, { providers: { aws: new aws.Provider("aws-0", { region: regions[0] }) } });
        new SmsMfa("eu2", { ...base, region: regions[1] }, { providers: { aws: new aws.Provider("aws-1", { region: regions[1] }) } });
        return {};
      });
      await new Promise((resolve) => setTimeout(resolve, 100));
    } catch (error) {
      rejections.push(error);
    } finally {
      process.removeAllListeners("unhandledRejection");
      for (const handler of vitestHandlers) process.on("unhandledRejection", handler);
    }
    return rejections.map(String).join("\n");
  }

  test("may not both manage the account default of one account and region", async () => {
    expect(await errorsOfTwo(["eu-west-1", "eu-west-1"])).toMatch(
      /protectConfiguration: SmsMfa "eu2" and SmsMfa "eu" both manage the account-default protect configuration of AWS account 444444444444 in eu-west-1/,
    );
  });

  test("may each manage one in their own region", async () => {
    expect(await errorsOfTwo(["eu-west-1", "us-east-1"])).toBe("");
  });
});
