/**
 * The account-default protect configuration as the program registers it (one dynamic resource,
 * infra/aws/account-protect-configuration.ts): the provider's diff, the provider itself reaching the
 * stand-in End User Messaging API through the SDK's standard endpoint variable, the resource the
 * stack registers when protectConfigurationEnabled is on (and not otherwise), and the refusal of a
 * second instance claiming the same account and region. The provider as Pulumi serializes it under
 * the real runner is exercised in test/plan/protect-configuration-plan.test.ts.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
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
import { healthyAccount, STAND_IN_ACCOUNT_ID, startStandInAccount, type StandInAccount } from "../support/stand-in-aws-account";
import { AwsProviderRegions, GET_CALLER_IDENTITY, GET_REGION, GET_TENANT, getTenantAnswer, runProgram, settled } from "./run-program";

const TAGS = { Project: "auth0-sns-mfa", Stack: "dev", Name: "auth0-sns-mfa-dev" };
const ARGS = {
  region: "us-west-2",
  accountId: STAND_IN_ACCOUNT_ID,
  allowedCountries: ["CA", "US"],
  allowedCountryStatus: "MONITOR" as const,
  tags: TAGS,
};
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
    expect(protectConfigurationDiff(STATE, ARGS)).toEqual({ changes: false, replaces: [], deleteBeforeReplace: false });
  });

  it("updates in place for a changed country list, status or account, a rule changed by hand, or a lost default", () => {
    for (const news of [
      { ...ARGS, allowedCountries: ["CA", "NG", "US"] },
      { ...ARGS, allowedCountryStatus: "FILTER" as const },
      // The update refuses to act in another account (below).
      { ...ARGS, accountId: "444444444444" },
    ]) {
      expect(protectConfigurationDiff(STATE, news)).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
    }
    expect(protectConfigurationDiff({ ...STATE, smsCountryRules: { ...STATE.smsCountryRules, AQ: "ALLOW" } }, ARGS).changes).toBe(true);
    expect(protectConfigurationDiff({ ...STATE, accountDefault: false }, ARGS).changes).toBe(true);
  });

  it("replaces for another region (creating first: each region has its own default) or other tags (deleting first: one default per region)", () => {
    expect(protectConfigurationDiff(STATE, { ...ARGS, region: "eu-west-1" })).toEqual({
      changes: true,
      replaces: ["region"],
      deleteBeforeReplace: false,
    });
    expect(protectConfigurationDiff(STATE, { ...ARGS, tags: { ...TAGS, Stack: "prod" } })).toEqual({
      changes: true,
      replaces: ["tags"],
      deleteBeforeReplace: true,
    });
    expect(
      protectConfigurationDiff(STATE, { ...ARGS, tags: { Name: TAGS.Name, Stack: "dev", Project: "auth0-sns-mfa" } }).replaces,
    ).toEqual([]);
  });
});

describe("the provider, reaching STS and End User Messaging through AWS_ENDPOINT_URL_STS and _PINPOINT_SMS_VOICE_V2", () => {
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

  // The credentials in another account than the instance's AWS provider: the real @aws-sdk/client-sts
  // against the stand-in's STS (GetCallerIdentity answers its accountId, or the account of a listed access key).
  const OTHER = "444444444444";

  /** What `action` threw, and the End User Messaging and STS requests it made. */
  async function refusalOf(action: () => Promise<unknown>): Promise<{ error: string; smsVoice: string[]; sts: string[] }> {
    for (const [name, value] of Object.entries(account.env)) vi.stubEnv(name, value);
    // receivedActions() lists each service's actions in order, service after service.
    const of = (service: string) => account.receivedActions().filter((received) => received.startsWith(service));
    const before = { smsVoice: of("sms-voice:").length, sts: of("sts:").length };
    const error = await action().then(
      () => "",
      (failure: unknown) => String(failure),
    );
    return { error, smsVoice: of("sms-voice:").slice(before.smsVoice), sts: of("sts:").slice(before.sts) };
  }

  it("create: refused after STS GetCallerIdentity, before any End User Messaging call, naming both accounts", async () => {
    const inputs: ProtectConfigurationInputs = { ...ARGS, accountId: OTHER, smsCountryRules: {}, accountDefault: true };
    const refused = await refusalOf(() => protectConfigurationProvider.create(inputs));
    expect(refused.sts).toEqual(["sts:GetCallerIdentity"]);
    expect(refused.smsVoice).toEqual([]);
    expect(refused.error).toContain(
      `the credentials the protect configuration is managed with (the default AWS credential chain of the process running pulumi) are in account ${STAND_IN_ACCOUNT_ID}, but the SmsMfa instance's AWS provider (and its protect configuration in us-west-2) is in account ${OTHER}`,
    );
    expect(refused.error).toContain(`run pulumi with credentials of account ${OTHER}. Nothing was changed`);
    expect(account.state.protectConfigurations).toEqual({});
  });

  it("read, update and delete of a configuration in another account: refused before any End User Messaging call", async () => {
    const elsewhere: ProtectConfigurationOutputs = {
      ...STATE,
      accountId: OTHER,
      protectConfigurationArn: `arn:aws:sms-voice:us-west-2:${OTHER}:protect-configuration/protect-1`,
    };
    const inputs: ProtectConfigurationInputs = { ...ARGS, accountId: OTHER, smsCountryRules: {}, accountDefault: true };
    for (const action of [
      () => protectConfigurationProvider.read?.("protect-1", elsewhere) ?? Promise.resolve(),
      () => protectConfigurationProvider.update?.("protect-1", elsewhere, inputs) ?? Promise.resolve(),
      () => protectConfigurationProvider.delete?.("protect-1", elsewhere) ?? Promise.resolve(),
    ]) {
      const refused = await refusalOf(action);
      expect(refused.smsVoice).toEqual([]);
      expect(refused.error).toContain(`are in account ${STAND_IN_ACCOUNT_ID}, but the SmsMfa instance's AWS provider`);
    }
  });

  it("with the instance provider's profile: its credentials act (and are proved), not the environment's", async () => {
    const files = mkdtempSync(path.join(tmpdir(), "protect-profile-"));
    try {
      writeFileSync(path.join(files, "config"), "[profile stack-prod]\nregion = us-west-2\n");
      writeFileSync(
        path.join(files, "credentials"),
        "[stack-prod]\naws_access_key_id = AKIASTACKPROFILE0001\naws_secret_access_key = stack-profile-secret\n",
      );
      account.state.accessKeyAccounts = { AKIASTACKPROFILE0001: OTHER };
      const inputs: ProtectConfigurationInputs = { ...ARGS, accountId: OTHER, smsCountryRules: {}, accountDefault: true };
      const withFiles = (keysInEnvironment: boolean, action: () => Promise<unknown>) =>
        refusalOf(async () => {
          vi.stubEnv("AWS_CONFIG_FILE", path.join(files, "config"));
          vi.stubEnv("AWS_SHARED_CREDENTIALS_FILE", path.join(files, "credentials"));
          // With a profile the SDK skips the environment's keys anyway (and warns when both are set).
          if (!keysInEnvironment) vi.stubEnv("AWS_ACCESS_KEY_ID", "");
          return action();
        });
      // The environment's keys are in account 123456789012: refused.
      const refused = await withFiles(true, () => protectConfigurationProvider.create(inputs));
      expect(refused.error).toContain(`are in account ${STAND_IN_ACCOUNT_ID}, but the SmsMfa instance's AWS provider`);
      const created = await withFiles(false, () => protectConfigurationProvider.create({ ...inputs, profile: "stack-prod" }));
      expect(created.error).toBe("");
      expect(created.sts).toEqual(["sts:GetCallerIdentity"]);
      // The profile's account is not the provider's: refused, naming the profile.
      const wrongProfile = await withFiles(false, () =>
        protectConfigurationProvider.create({ ...inputs, accountId: STAND_IN_ACCOUNT_ID, profile: "stack-prod" }),
      );
      expect(wrongProfile.error).toContain(`(profile stack-prod) are in account ${OTHER}, but the SmsMfa instance's AWS provider`);
      expect(wrongProfile.smsVoice).toEqual([]);
      expect(created.smsVoice).toContain("sms-voice:SetAccountDefaultProtectConfiguration");
    } finally {
      account.state.accessKeyAccounts = {};
      rmSync(files, { recursive: true, force: true });
    }
  });

  it("update after the instance's provider moved to another account: refused naming the configuration's account and the new one", async () => {
    const inputs: ProtectConfigurationInputs = { ...ARGS, accountId: OTHER, smsCountryRules: {}, accountDefault: true };
    const refused = await refusalOf(() => protectConfigurationProvider.update?.("protect-1", STATE, inputs) ?? Promise.resolve());
    expect(refused.sts).toEqual([]);
    expect(refused.smsVoice).toEqual([]);
    expect(refused.error).toContain(
      `protect configuration protect-1 is in account ${STAND_IN_ACCOUNT_ID}, but the SmsMfa instance's AWS provider is now in account ${OTHER}`,
    );
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
      // aws.getCallerIdentity on the instance's provider (the mocks answer 123456789012).
      accountId: "123456789012",
      allowedCountries: ["CA", "US"],
      allowedCountryStatus: "MONITOR",
      accountDefault: true,
      tags: { Project: "auth0-sns-mfa", Stack: "dev", Name: "auth0-sns-mfa-dev" },
    });
    expect(typeof configuration.inputs.__provider).toBe("string");
    expect(configuration.opts).toMatchObject({ protect: false });
    expect((configuration.opts as pulumi.CustomResourceOptions).deleteBeforeReplace).toBeUndefined();
    expect(await settled(run.outputs.protectConfigurationId ?? "")).toBe("dev-sms-protect-configuration-id");
  });

  test("on the default AWS provider, is given aws:profile", async () => {
    const run = await runProgram({ stack: "dev", overrides: { ...enabled, "aws:profile": "staging-admin" } });
    expect(run.one(PROTECT_CONFIGURATION_TYPE).inputs.profile).toBe("staging-admin");
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

describe("SmsMfa instances on their own AWS providers", () => {
  const build = (trigger: ActionTrigger): Promise<BuiltAction> =>
    Promise.resolve({ code: `exports.handler = "${trigger}";`, dependencies: [] } as unknown as BuiltAction);
  const base: SmsMfaArgs = {
    region: "eu-west-1",
    phoneExperience: "classic",
    allowedCountries: ["US"],
    buildAction: build,
    protectConfiguration: { allowedCountryStatus: "ALLOW" },
  };

  /**
   * Each instance on its own AWS provider in its region, one account (getCallerIdentity answers 444444444444):
   * the errors the program raised and the inputs of every protect configuration registered.
   */
  async function runInstances(
    instances: (Partial<SmsMfaArgs> & { profile?: string })[],
  ): Promise<{ errors: string; configurations: Record<string, unknown>[] }> {
    const providerRegions = new AwsProviderRegions(undefined);
    const configurations: Record<string, unknown>[] = [];
    await pulumi.runtime.setMocks(
      {
        newResource: (args) => {
          providerRegions.register(args.type, args.name, args.inputs as Record<string, unknown>);
          if (args.type === PROTECT_CONFIGURATION_TYPE) configurations.push(args.inputs as Record<string, unknown>);
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
        instances.forEach(({ profile, ...instance }, index) => {
          const args = { ...base, ...instance };
          const name = index === 0 ? "eu" : `eu${index + 1}`;
          new SmsMfa(name, args, { providers: { aws: new aws.Provider(`aws-${index}`, { region: args.region, profile }) } });
        });
        return {};
      });
      await new Promise((resolve) => setTimeout(resolve, 100));
    } catch (error) {
      rejections.push(error);
    } finally {
      process.removeAllListeners("unhandledRejection");
      for (const handler of vitestHandlers) process.on("unhandledRejection", handler);
    }
    return { errors: rejections.map(String).join("\n"), configurations };
  }

  test("two may not both manage the account default of one account and region", async () => {
    expect((await runInstances([{}, {}])).errors).toMatch(
      /protectConfiguration: SmsMfa "eu2" and SmsMfa "eu" both manage the account-default protect configuration of AWS account 444444444444 in eu-west-1/,
    );
  });

  test("two may each manage one in their own region, each bound to the account of its own provider", async () => {
    const run = await runInstances([{}, { region: "us-east-1" }]);
    expect(run.errors).toBe("");
    expect(run.configurations.map((inputs) => [inputs.region, inputs.accountId])).toEqual([
      ["eu-west-1", "444444444444"],
      ["us-east-1", "444444444444"],
    ]);
  });

  test("each is given the profile of its own AWS provider, if any", async () => {
    const run = await runInstances([{ profile: "eu-admin" }, { region: "us-east-1" }]);
    expect(run.errors).toBe("");
    const profiles = Object.fromEntries(run.configurations.map((inputs) => [String(inputs.region), inputs.profile]));
    expect(profiles).toEqual({ "eu-west-1": "eu-admin", "us-east-1": undefined });
  });

  test("lowercase allowedCountries get the rules of their uppercase codes, as the Action reads them", async () => {
    const run = await runInstances([{ allowedCountries: ["us", "ca", "US"] }]);
    expect(run.errors).toBe("");
    const [inputs] = run.configurations;
    expect(inputs?.allowedCountries).toEqual(["CA", "US"]);
    const rules = inputs?.smsCountryRules as Record<string, string>;
    expect(Object.entries(rules).filter(([, status]) => status !== "BLOCK")).toEqual([
      ["CA", "ALLOW"],
      ["US", "ALLOW"],
    ]);
    expect(Object.keys(rules)).toEqual(previewCountries());
  });

  test("an empty allowedCountries with ALLOW, or an unknown code, is refused naming the key, before anything is registered", async () => {
    // Thrown by the constructor, before the component or any child is registered.
    expect(() => new SmsMfa("refused-empty", { ...base, allowedCountries: [] })).toThrow(
      'SmsMfa "refused-empty": allowedCountries: empty with the protect configuration on and allowedCountryStatus ALLOW',
    );
    expect(() => new SmsMfa("refused-uk", { ...base, allowedCountries: ["US", "uk"] })).toThrow(
      'SmsMfa "refused-uk": allowedCountries: not ISO 3166-1 alpha-2 country codes: "uk" (the United Kingdom is GB)',
    );
    // MONITOR on every country is a choice (AWS's evaluation everywhere, nothing blocked): accepted.
    const monitored = await runInstances([{ allowedCountries: [], protectConfiguration: { allowedCountryStatus: "MONITOR" } }]);
    expect(monitored.errors).toBe("");
    expect(monitored.configurations).toHaveLength(1);
  });
});
