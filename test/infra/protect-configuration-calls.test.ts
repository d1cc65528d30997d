/**
 * The protect configuration's create, update, read, refusal and delete paths (infra/aws/protect-configuration-calls.ts)
 * with the real @aws-sdk/client-pinpoint-sms-voice-v2 client against the stand-in End User Messaging
 * API (test/support/stand-in-aws-account.ts), asserting every call made, in order, with its input,
 * and what the account holds afterwards. API reference: https://docs.aws.amazon.com/pinpoint/latest/apireference_smsvoicev2/.
 */
import * as sdk from "@aws-sdk/client-pinpoint-sms-voice-v2";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { PROTECT_CONFIGURATION_TYPE } from "../../infra/aws/account-protect-configuration";
import { PROVIDER_CALLS } from "../../infra/aws/provider-calls";
import {
  createProtectConfiguration,
  deleteProtectConfiguration,
  readProtectConfiguration,
  sdkSmsVoiceCalls,
  updateProtectConfiguration,
  type ProtectConfigurationArgs,
  type SmsVoiceCalls,
} from "../../infra/aws/protect-configuration-calls";
import {
  healthyAccount,
  PROTECT_ID,
  startStandInAccount,
  type SmsVoiceRequest,
  type StandInAccount,
  type StandInAccountState,
} from "../support/stand-in-aws-account";

/** The countries the stand-in's End User Messaging lists; AQ is one the phone metadata does not know. */
const LISTED = ["AQ", "CA", "GB", "NG", "US"];
const TAGS = { Project: "auth0-sns-mfa", Stack: "prod", Name: "auth0-sns-mfa-prod" };
const ARGS: ProtectConfigurationArgs = {
  region: "us-east-1",
  accountId: "123456789012",
  allowedCountries: ["CA", "US"],
  allowedCountryStatus: "MONITOR",
  tags: TAGS,
};

let account: StandInAccount;
let client: sdk.PinpointSMSVoiceV2Client;
let calls: SmsVoiceCalls;

beforeAll(async () => {
  account = await startStandInAccount(healthyAccount());
  client = new sdk.PinpointSMSVoiceV2Client({
    region: "us-east-1",
    endpoint: account.env.AWS_ENDPOINT_URL_PINPOINT_SMS_VOICE_V2,
    credentials: { accessKeyId: "AKIASTANDINDEPLOY001", secretAccessKey: "stand-in-secret" },
    maxAttempts: 1,
  });
  calls = sdkSmsVoiceCalls(sdk, client);
});
afterAll(async () => {
  client.destroy();
  await account.close();
});

function reset(overrides: Partial<StandInAccountState> = {}): void {
  Object.assign(account.state, healthyAccount({ smsCountries: LISTED }), overrides);
}
beforeEach(() => reset());

/** Runs `action` and returns the End User Messaging requests it made. */
async function requestsOf(action: () => Promise<unknown>): Promise<SmsVoiceRequest[]> {
  const before = account.smsVoiceRequests().length;
  await action();
  return account.smsVoiceRequests().slice(before);
}

/** The record without `key` (a configuration deleted by hand). */
function withoutKey<T>(record: Record<string, T>, key: string): Record<string, T> {
  return Object.fromEntries(Object.entries(record).filter(([name]) => name !== key));
}

const rules = (entries: Record<string, string>) =>
  Object.fromEntries(Object.entries(entries).map(([country, status]) => [country, { ProtectStatus: status }]));

/** A configuration the stack created (rules written, account default). */
async function created(args: ProtectConfigurationArgs = ARGS): Promise<string> {
  return (await createProtectConfiguration(calls, args)).protectConfigurationId;
}

describe("create", () => {
  it("refuses nothing on an account without a default: creates, writes every listed country's rule in one call, then takes the default", async () => {
    let state: Awaited<ReturnType<typeof createProtectConfiguration>> | undefined;
    const made = await requestsOf(async () => (state = await createProtectConfiguration(calls, ARGS)));
    const id = state?.protectConfigurationId ?? "";
    expect(made).toEqual([
      { action: "DescribeAccountAttributes", input: {} },
      {
        action: "CreateProtectConfiguration",
        input: { ClientToken: expect.any(String) as unknown, Tags: Object.entries(TAGS).map(([Key, Value]) => ({ Key, Value })) },
      },
      { action: "GetProtectConfigurationCountryRuleSet", input: { ProtectConfigurationId: id, NumberCapability: "SMS" } },
      {
        action: "UpdateProtectConfigurationCountryRuleSet",
        input: {
          ProtectConfigurationId: id,
          NumberCapability: "SMS",
          // Every country starts ALLOW: the allowed ones become MONITOR, every other one BLOCK, AQ included.
          CountryRuleSetUpdates: rules({ AQ: "BLOCK", CA: "MONITOR", GB: "BLOCK", NG: "BLOCK", US: "MONITOR" }),
        },
      },
      // Read back: the rules count as written only once a read shows them.
      { action: "GetProtectConfigurationCountryRuleSet", input: { ProtectConfigurationId: id, NumberCapability: "SMS" } },
      { action: "DescribeAccountAttributes", input: {} },
      { action: "SetAccountDefaultProtectConfiguration", input: { ProtectConfigurationId: id } },
    ]);
    expect(state).toEqual({
      protectConfigurationId: id,
      protectConfigurationArn: `arn:aws:sms-voice:us-east-1:123456789012:protect-configuration/${id}`,
      accountDefault: true,
      smsCountryRules: { AQ: "BLOCK", CA: "MONITOR", GB: "BLOCK", NG: "BLOCK", US: "MONITOR" },
    });
    expect(account.state.accountDefaultProtectConfigurationId).toBe(id);
    expect(account.state.protectConfigurations[id]).toEqual({
      rules: { AQ: "BLOCK", CA: "MONITOR", GB: "BLOCK", NG: "BLOCK", US: "MONITOR" },
      tags: Object.entries(TAGS).map(([Key, Value]) => ({ Key, Value })),
    });
  });

  it("with ALLOW for the allowed countries writes only the countries to block; with no allowed country, none", async () => {
    const allow = await requestsOf(() => created({ ...ARGS, allowedCountryStatus: "ALLOW" }));
    expect(allow.find((request) => request.action === "UpdateProtectConfigurationCountryRuleSet")?.input.CountryRuleSetUpdates).toEqual(
      rules({ AQ: "BLOCK", GB: "BLOCK", NG: "BLOCK" }),
    );
    reset();
    const everyCountry = await requestsOf(() => created({ ...ARGS, allowedCountries: [], allowedCountryStatus: "ALLOW" }));
    expect(everyCountry.map((request) => request.action)).toEqual([
      "DescribeAccountAttributes",
      "CreateProtectConfiguration",
      "GetProtectConfigurationCountryRuleSet",
      "GetProtectConfigurationCountryRuleSet",
      "DescribeAccountAttributes",
      "SetAccountDefaultProtectConfiguration",
    ]);
    reset();
    await created({ ...ARGS, allowedCountries: [], allowedCountryStatus: "FILTER" });
    const id = account.state.accountDefaultProtectConfigurationId ?? "";
    expect(account.state.protectConfigurations[id]?.rules).toEqual({
      AQ: "FILTER",
      CA: "FILTER",
      GB: "FILTER",
      NG: "FILTER",
      US: "FILTER",
    });
  });

  it("splits the rules into calls of at most 300 countries (UpdateProtectConfigurationCountryRuleSet's limit)", async () => {
    const letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    const many = [...letters].flatMap((a) => [...letters].map((b) => `${a}${b}`)).slice(0, 650);
    reset({ smsCountries: many });
    const made = await requestsOf(() => created({ ...ARGS, allowedCountries: ["AA"], allowedCountryStatus: "ALLOW" }));
    const updates = made.filter((request) => request.action === "UpdateProtectConfigurationCountryRuleSet");
    expect(updates.map((request) => Object.keys(request.input.CountryRuleSetUpdates as object).length)).toEqual([300, 300, 49]);
    const id = account.state.accountDefaultProtectConfigurationId ?? "";
    const written = account.state.protectConfigurations[id]?.rules ?? {};
    expect(Object.values(written).filter((status) => status === "BLOCK")).toHaveLength(649);
    expect(written.AA).toBe("ALLOW");
  });
});

describe("refusing a default the stack does not own", () => {
  it("a default made by hand: refused before anything is created, naming it", async () => {
    reset({ defaultProtectRules: { US: "ALLOW" } });
    let refusal: unknown;
    const made = await requestsOf(() => createProtectConfiguration(calls, ARGS).catch((error: unknown) => (refusal = error)));
    expect(made).toEqual([{ action: "DescribeAccountAttributes", input: {} }]);
    expect(String(refusal)).toContain(
      `the account's default protect configuration in us-east-1 is ${PROTECT_ID}, which this stack did not create`,
    );
    expect(Object.keys(account.state.protectConfigurations)).toEqual([PROTECT_ID]);
    expect(account.state.accountDefaultProtectConfigurationId).toBe(PROTECT_ID);
  });

  it("a default taken by someone else while the rules were written: the new configuration is deleted again and the default left alone", async () => {
    const racing: SmsVoiceCalls = {
      ...calls,
      async updateSmsRules(id, batch) {
        await calls.updateSmsRules(id, batch);
        account.state.defaultProtectRules = { US: "ALLOW" }; // someone sets their own default meanwhile
      },
    };
    let refusal: unknown;
    const made = await requestsOf(() => createProtectConfiguration(racing, ARGS).catch((error: unknown) => (refusal = error)));
    const id = String(made[2]?.input.ProtectConfigurationId);
    expect(made.map((request) => request.action)).toEqual([
      "DescribeAccountAttributes",
      "CreateProtectConfiguration",
      "GetProtectConfigurationCountryRuleSet",
      "UpdateProtectConfigurationCountryRuleSet",
      "GetProtectConfigurationCountryRuleSet",
      "DescribeAccountAttributes",
      "DescribeProtectConfigurations",
      "DescribeAccountAttributes",
      "DeleteProtectConfiguration",
    ]);
    expect(made.at(-1)?.input).toEqual({ ProtectConfigurationId: id });
    expect(String(refusal)).toContain(`is ${PROTECT_ID}, which this stack did not create`);
    expect(Object.keys(account.state.protectConfigurations)).toEqual([PROTECT_ID]);
    expect(account.state.accountDefaultProtectConfigurationId).toBe(PROTECT_ID);
  });

  it("an update finding another configuration as the default: refused, the default left alone", async () => {
    const id = await created();
    account.state.protectConfigurations.handmade = { rules: { US: "ALLOW" }, tags: [] };
    account.state.accountDefaultProtectConfigurationId = "handmade";
    let refusal: unknown;
    const made = await requestsOf(() => updateProtectConfiguration(calls, id, "arn", ARGS).catch((error: unknown) => (refusal = error)));
    expect(made.map((request) => request.action)).toEqual([
      "GetProtectConfigurationCountryRuleSet",
      "GetProtectConfigurationCountryRuleSet",
      "DescribeAccountAttributes",
    ]);
    expect(String(refusal)).toContain(
      "the account's default protect configuration in us-east-1 is handmade, which this stack did not create",
    );
    expect(account.state.accountDefaultProtectConfigurationId).toBe("handmade");
  });

  it("a failure after the configuration exists deletes it again (nothing half-done) and reports the failure", async () => {
    reset({ faults: { UpdateProtectConfigurationCountryRuleSet: { status: 400, code: "ValidationException", message: "rejected" } } });
    let failure: unknown;
    const made = await requestsOf(() => createProtectConfiguration(calls, ARGS).catch((error: unknown) => (failure = error)));
    expect(made.map((request) => request.action)).toEqual([
      "DescribeAccountAttributes",
      "CreateProtectConfiguration",
      "GetProtectConfigurationCountryRuleSet",
      "UpdateProtectConfigurationCountryRuleSet",
      "DescribeProtectConfigurations",
      "DescribeAccountAttributes",
      "DeleteProtectConfiguration",
    ]);
    expect(failure).toMatchObject({ name: "ValidationException" });
    expect(account.state.protectConfigurations).toEqual({});
    expect(account.state.accountDefaultProtectConfigurationId).toBeUndefined();
  });
});

/** The calls, with the `read`-th rule list (1-based) End User Messaging returns replaced by `answer(list)`. */
function answeringOnRead(read: number, answer: (listed: Record<string, string>) => Record<string, string>): SmsVoiceCalls {
  let reads = 0;
  return {
    ...calls,
    async smsRules(id) {
      const listed = await calls.smsRules(id);
      reads += 1;
      return reads === read && listed !== undefined ? answer(listed) : listed;
    },
  };
}

describe("rule lists are verified, not trusted", () => {
  it("an empty first answer: refused, the configuration deleted again, no default taken", async () => {
    const empty = answeringOnRead(1, () => ({}));
    const failure = await createProtectConfiguration(empty, ARGS).catch((error: unknown) => error);
    expect(String(failure)).toMatch(
      /End User Messaging listed no country in the SMS rules of protect configuration protect-\w+ in us-east-1/,
    );
    expect(account.state.protectConfigurations).toEqual({});
    expect(account.state.accountDefaultProtectConfigurationId).toBeUndefined();
  });

  it("a partial first answer (only the allowed countries): the read-back finds the others, blocked before the default is taken", async () => {
    const partial = answeringOnRead(1, (listed) => ({ CA: listed.CA ?? "", US: listed.US ?? "" }));
    const state = await createProtectConfiguration(partial, { ...ARGS, allowedCountryStatus: "ALLOW" });
    const id = state.protectConfigurationId;
    expect(account.state.protectConfigurations[id]?.rules).toEqual({ AQ: "BLOCK", CA: "ALLOW", GB: "BLOCK", NG: "BLOCK", US: "ALLOW" });
    expect(state.smsCountryRules).toEqual({ AQ: "BLOCK", CA: "ALLOW", GB: "BLOCK", NG: "BLOCK", US: "ALLOW" });
    expect(account.state.accountDefaultProtectConfigurationId).toBe(id);
  });

  it("a list that loses countries between two reads: refused, nothing left", async () => {
    const shrinking = answeringOnRead(2, (listed) => ({ US: listed.US ?? "" }));
    const failure = await createProtectConfiguration(shrinking, ARGS).catch((error: unknown) => error);
    expect(String(failure)).toMatch(/no longer list AQ, CA, GB, NG; the country list changed between two reads/);
    expect(account.state.protectConfigurations).toEqual({});
    expect(account.state.accountDefaultProtectConfigurationId).toBeUndefined();
  });
});

describe("timeouts and races around the account default", () => {
  it("a default-set call that took effect but timed out: the default is read again and the create succeeds", async () => {
    const timingOut: SmsVoiceCalls = {
      ...calls,
      async setAccountDefault(id) {
        await calls.setAccountDefault(id);
        throw Object.assign(new Error("socket hang up"), { name: "TimeoutError" });
      },
    };
    const state = await createProtectConfiguration(timingOut, ARGS);
    expect(state.accountDefault).toBe(true);
    expect(account.state.accountDefaultProtectConfigurationId).toBe(state.protectConfigurationId);
    expect(Object.keys(account.state.protectConfigurations)).toEqual([state.protectConfigurationId]);
  });

  it("a default-set call that failed: the new configuration is deleted again, and the error says it is not the default", async () => {
    reset({ faults: { SetAccountDefaultProtectConfiguration: { status: 400, code: "ValidationException", message: "rejected" } } });
    const failure = await createProtectConfiguration(calls, ARGS).catch((error: unknown) => error);
    expect(failure).toMatchObject({ name: "ValidationException" });
    expect(account.state.protectConfigurations).toEqual({});
    expect(account.state.accountDefaultProtectConfigurationId).toBeUndefined();
  });

  it("a configuration that cannot be deleted again after its default was taken: the error says it IS the default", async () => {
    reset({
      faults: {
        DeleteProtectConfiguration: { status: 400, code: "ConflictException", message: "in use" },
        DeleteAccountDefaultProtectConfiguration: { status: 400, code: "ThrottlingException", message: "slow down" },
      },
    });
    const timingOut: SmsVoiceCalls = {
      ...calls,
      async setAccountDefault(id) {
        await calls.setAccountDefault(id);
        throw Object.assign(new Error("socket hang up"), { name: "TimeoutError" });
      },
      // The re-read of the default fails too: the set is not known to have taken effect.
      accountDefaultId: (() => {
        let reads = 0;
        return async () => {
          reads += 1;
          if (reads === 3) throw Object.assign(new Error("socket hang up"), { name: "TimeoutError" });
          return calls.accountDefaultId();
        };
      })(),
    };
    const failure = await createProtectConfiguration(timingOut, ARGS).catch((error: unknown) => error);
    expect(String(failure)).toMatch(
      /was created but could not be deleted again \(ThrottlingException: slow down; it IS the account default\): delete it by hand/,
    );
  });
});

describe("update", () => {
  it("a country added to allowedCountries: only its rule is written, the default checked", async () => {
    const id = await created();
    const made = await requestsOf(() => updateProtectConfiguration(calls, id, "arn", { ...ARGS, allowedCountries: ["CA", "GB", "US"] }));
    expect(made).toEqual([
      { action: "GetProtectConfigurationCountryRuleSet", input: { ProtectConfigurationId: id, NumberCapability: "SMS" } },
      {
        action: "UpdateProtectConfigurationCountryRuleSet",
        input: { ProtectConfigurationId: id, NumberCapability: "SMS", CountryRuleSetUpdates: rules({ GB: "MONITOR" }) },
      },
      { action: "GetProtectConfigurationCountryRuleSet", input: { ProtectConfigurationId: id, NumberCapability: "SMS" } },
      { action: "DescribeAccountAttributes", input: {} },
    ]);
    expect(account.state.protectConfigurations[id]?.rules).toEqual({
      AQ: "BLOCK",
      CA: "MONITOR",
      GB: "MONITOR",
      NG: "BLOCK",
      US: "MONITOR",
    });
  });

  it("a country removed from allowedCountries: it is blocked", async () => {
    const id = await created();
    const made = await requestsOf(() => updateProtectConfiguration(calls, id, "arn", { ...ARGS, allowedCountries: ["US"] }));
    expect(made).toEqual([
      { action: "GetProtectConfigurationCountryRuleSet", input: { ProtectConfigurationId: id, NumberCapability: "SMS" } },
      {
        action: "UpdateProtectConfigurationCountryRuleSet",
        input: { ProtectConfigurationId: id, NumberCapability: "SMS", CountryRuleSetUpdates: rules({ CA: "BLOCK" }) },
      },
      { action: "GetProtectConfigurationCountryRuleSet", input: { ProtectConfigurationId: id, NumberCapability: "SMS" } },
      { action: "DescribeAccountAttributes", input: {} },
    ]);
    expect(account.state.protectConfigurations[id]?.rules.CA).toBe("BLOCK");
  });

  it("a rule changed by hand is written back; a default removed by hand is taken back", async () => {
    const id = await created();
    const rulesNow = account.state.protectConfigurations[id]?.rules ?? {};
    rulesNow.NG = "ALLOW";
    account.state.accountDefaultProtectConfigurationId = undefined;
    const made = await requestsOf(() => updateProtectConfiguration(calls, id, "arn", ARGS));
    expect(made.map((request) => [request.action, request.input.CountryRuleSetUpdates ?? request.input.ProtectConfigurationId])).toEqual([
      ["GetProtectConfigurationCountryRuleSet", id],
      ["UpdateProtectConfigurationCountryRuleSet", rules({ NG: "BLOCK" })],
      ["GetProtectConfigurationCountryRuleSet", id],
      ["DescribeAccountAttributes", undefined],
      ["SetAccountDefaultProtectConfiguration", id],
    ]);
    expect(account.state.accountDefaultProtectConfigurationId).toBe(id);
  });
});

describe("read", () => {
  it("reports the rules and whether it is still the default; undefined once deleted", async () => {
    const id = await created();
    account.state.accountDefaultProtectConfigurationId = undefined;
    let state: Awaited<ReturnType<typeof readProtectConfiguration>>;
    const made = await requestsOf(async () => (state = await readProtectConfiguration(calls, id)));
    expect(made.map((request) => request.action)).toEqual(["DescribeProtectConfigurations", "GetProtectConfigurationCountryRuleSet"]);
    expect(made[0]?.input).toEqual({ ProtectConfigurationIds: [id] });
    expect(state).toMatchObject({ protectConfigurationId: id, accountDefault: false, smsCountryRules: { CA: "MONITOR", NG: "BLOCK" } });
    account.state.protectConfigurations = withoutKey(account.state.protectConfigurations, id);
    expect(await readProtectConfiguration(calls, id)).toBeUndefined();
  });
});

describe("delete", () => {
  it("removes the default while it is the stack's, then the configuration", async () => {
    const id = await created();
    const made = await requestsOf(() => deleteProtectConfiguration(calls, id));
    expect(made).toEqual([
      { action: "DescribeProtectConfigurations", input: { ProtectConfigurationIds: [id] } },
      { action: "DescribeAccountAttributes", input: {} },
      { action: "DeleteAccountDefaultProtectConfiguration", input: {} },
      { action: "DeleteProtectConfiguration", input: { ProtectConfigurationId: id } },
    ]);
    expect(account.state.protectConfigurations).toEqual({});
    expect(account.state.accountDefaultProtectConfigurationId).toBeUndefined();
  });

  it("leaves a default someone else set since alone, and deletes only the configuration", async () => {
    const id = await created();
    account.state.protectConfigurations.handmade = { rules: { US: "ALLOW" }, tags: [] };
    account.state.accountDefaultProtectConfigurationId = "handmade";
    const made = await requestsOf(() => deleteProtectConfiguration(calls, id));
    expect(made.map((request) => request.action)).toEqual([
      "DescribeProtectConfigurations",
      "DescribeAccountAttributes",
      "DeleteProtectConfiguration",
    ]);
    expect(Object.keys(account.state.protectConfigurations)).toEqual(["handmade"]);
    expect(account.state.accountDefaultProtectConfigurationId).toBe("handmade");
  });

  it("deletion protection switched on by hand: refused before the default is touched, naming the way out", async () => {
    const id = await created();
    const configuration = account.state.protectConfigurations[id];
    if (configuration !== undefined) configuration.deletionProtection = true;
    let failure: unknown;
    const made = await requestsOf(() => deleteProtectConfiguration(calls, id).catch((error: unknown) => (failure = error)));
    expect(made.map((request) => request.action)).toEqual(["DescribeProtectConfigurations"]);
    expect(String(failure)).toContain(`protect configuration ${id} has deletion protection on`);
    expect(String(failure)).toContain(`update-protect-configuration --protect-configuration-id ${id} --no-deletion-protection-enabled`);
    expect(account.state.accountDefaultProtectConfigurationId).toBe(id);
  });

  it("a delete that fails after the default was given up (throttling): the default is taken back before the error", async () => {
    const id = await created();
    account.state.faults = { DeleteProtectConfiguration: { status: 400, code: "ThrottlingException", message: "Rate exceeded" } };
    let failure: unknown;
    const made = await requestsOf(() => deleteProtectConfiguration(calls, id).catch((error: unknown) => (failure = error)));
    expect(made.map((request) => request.action)).toEqual([
      "DescribeProtectConfigurations",
      "DescribeAccountAttributes",
      "DeleteAccountDefaultProtectConfiguration",
      "DeleteProtectConfiguration",
      "SetAccountDefaultProtectConfiguration",
    ]);
    expect(String(failure)).toContain(
      `ThrottlingException: Rate exceeded; protect configuration ${id} could not be deleted and is the account default again`,
    );
    expect(account.state.accountDefaultProtectConfigurationId).toBe(id);
    expect(Object.keys(account.state.protectConfigurations)).toEqual([id]);
  });

  it("a delete that fails and a default that cannot be taken back: the error says the account has no default, and how to take it back", async () => {
    const id = await created();
    account.state.faults = {
      DeleteProtectConfiguration: { status: 400, code: "ThrottlingException", message: "Rate exceeded" },
      SetAccountDefaultProtectConfiguration: { status: 400, code: "ThrottlingException", message: "Rate exceeded" },
    };
    const failure = await deleteProtectConfiguration(calls, id).catch((error: unknown) => error);
    expect(String(failure)).toContain(
      "the account has NO default protect configuration in this region; run pulumi up --refresh to take it back",
    );
    expect(account.state.accountDefaultProtectConfigurationId).toBeUndefined();
  });

  it("a default switched by hand between the read and the removal (which takes no id): that default is put back, only the configuration deleted", async () => {
    const id = await created();
    account.state.protectConfigurations.handmade = { rules: { US: "ALLOW" }, tags: [] };
    const racing: SmsVoiceCalls = {
      ...calls,
      async deleteAccountDefault() {
        account.state.accountDefaultProtectConfigurationId = "handmade"; // set by hand just now
        return calls.deleteAccountDefault();
      },
    };
    const made = await requestsOf(() => deleteProtectConfiguration(racing, id));
    expect(made.map((request) => [request.action, request.input.ProtectConfigurationId])).toEqual([
      ["DescribeProtectConfigurations", undefined],
      ["DescribeAccountAttributes", undefined],
      ["DeleteAccountDefaultProtectConfiguration", undefined],
      ["SetAccountDefaultProtectConfiguration", "handmade"],
      ["DeleteProtectConfiguration", id],
    ]);
    expect(account.state.accountDefaultProtectConfigurationId).toBe("handmade");
    expect(Object.keys(account.state.protectConfigurations)).toEqual(["handmade"]);
  });

  it("a configuration already deleted by hand: done, nothing else touched", async () => {
    const id = await created();
    account.state.accountDefaultProtectConfigurationId = undefined;
    account.state.protectConfigurations = withoutKey(account.state.protectConfigurations, id);
    const made = await requestsOf(() => deleteProtectConfiguration(calls, id));
    expect(made.map((request) => request.action)).toEqual(["DescribeProtectConfigurations"]);
  });
});

describe("the deploy role", () => {
  it("the provider-call table lists exactly the End User Messaging actions the paths above sent (npm run deploy-role-policy)", () => {
    const sent = new Set(account.receivedActions().filter((action) => action.startsWith("sms-voice:")));
    const listed = new Set(PROVIDER_CALLS.filter((row) => row.type === PROTECT_CONFIGURATION_TYPE).flatMap((row) => row.actions));
    expect([...sent].sort()).toEqual([...listed].sort());
  });
});
