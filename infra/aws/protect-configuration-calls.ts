/**
 * Create, read, update and delete of the stack's protect configuration and of the account default that
 * points at it, over AWS End User Messaging SMS (`pinpoint-sms-voice-v2`), one `SmsVoiceCalls` call per
 * step so tests drive the real SDK client against a stand-in. Nothing is left half-done: a create takes
 * the default only once every rule is written and read back, and deletes its configuration again on a
 * failure; a delete takes the default back when the configuration's delete fails. Rule lists are never
 * trusted from one answer (an empty list is refused, the list is read again after the writes).
 * API reference: https://docs.aws.amazon.com/pinpoint/latest/apireference_smsvoicev2/ (DeleteAccountDefaultProtectConfiguration
 * takes no id and answers the one it removed; DeleteProtectConfiguration refuses the account default and
 * a deletion-protected configuration).
 */
import type { PinpointSMSVoiceV2Client } from "@aws-sdk/client-pinpoint-sms-voice-v2";
import {
  foreignDefaultProblem,
  ruleSetUpdates,
  updateBatches,
  type AllowedCountryStatus,
  type CountryRules,
} from "./protect-configuration-rules";

/** One API call each. A configuration that does not exist reads as undefined; deleting it is then a no-op. */
export interface SmsVoiceCalls {
  /** DescribeAccountAttributes: DEFAULT_PROTECT_CONFIGURATION_ID, or undefined when the account has no default. */
  accountDefaultId(): Promise<string | undefined>;
  /** CreateProtectConfiguration, tagged. */
  create(tags: Readonly<Record<string, string>>): Promise<{ id: string; arn: string }>;
  /** DescribeProtectConfigurations for one id. */
  describe(id: string): Promise<{ arn: string; accountDefault: boolean; deletionProtection: boolean } | undefined>;
  /** GetProtectConfigurationCountryRuleSet (SMS): every country End User Messaging lists, with its rule. */
  smsRules(id: string): Promise<Record<string, string> | undefined>;
  /** UpdateProtectConfigurationCountryRuleSet (SMS), at most MAX_COUNTRY_RULE_UPDATES countries. */
  updateSmsRules(id: string, rules: Readonly<CountryRules>): Promise<void>;
  /** SetAccountDefaultProtectConfiguration. */
  setAccountDefault(id: string): Promise<void>;
  /** DeleteAccountDefaultProtectConfiguration: the id of the default it removed (whichever that was). */
  deleteAccountDefault(): Promise<string | undefined>;
  /** DeleteProtectConfiguration. */
  delete(id: string): Promise<void>;
}

/** What the stack asks for. */
export interface ProtectConfigurationArgs {
  /** The region of the configuration and of the account default it becomes. */
  region: string;
  /** The AWS account of the instance's AWS provider: every call is refused unless the credentials in use are in it. */
  accountId: string;
  /** The named profile of the instance's AWS provider (its `profile`, or aws:profile for the default provider); absent = the process's default credential chain. */
  profile?: string;
  /** Uppercase ISO codes; empty = every country gets allowedCountryStatus. */
  allowedCountries: string[];
  allowedCountryStatus: AllowedCountryStatus;
  tags: Record<string, string>;
}

/** What exists in AWS afterwards. */
export interface ProtectConfigurationState {
  protectConfigurationId: string;
  protectConfigurationArn: string;
  /** True when the configuration is the account default in its region. */
  accountDefault: boolean;
  /** The SMS rule of every country End User Messaging lists for the configuration, as it stands. */
  smsCountryRules: Record<string, string>;
}

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** How many times the rules are written and read back before giving up. */
export const RULE_ROUNDS = 3;

/** The configuration's SMS rules; refused when it is gone or End User Messaging lists no country. */
async function listedRules(calls: SmsVoiceCalls, id: string, region: string): Promise<Record<string, string>> {
  const listed = await calls.smsRules(id);
  if (listed === undefined) throw new Error(`protect configuration ${id} no longer exists in ${region}`);
  if (Object.keys(listed).length === 0)
    throw new Error(
      `End User Messaging listed no country in the SMS rules of protect configuration ${id} in ${region}; ` +
        "a configuration always lists every country it can send to, so the answer is not trusted and no rule was decided from it: run pulumi up again",
    );
  return listed;
}

/**
 * Writes every rule that differs from the listed ones and reads the list back (a country the first answer
 * lacked is written next round, one that vanished is refused); answers the rules as last read.
 */
async function applyRules(calls: SmsVoiceCalls, id: string, args: ProtectConfigurationArgs): Promise<Record<string, string>> {
  let listed = await listedRules(calls, id, args.region);
  for (let round = 1; ; round++) {
    const updates = ruleSetUpdates(listed, args.allowedCountries, args.allowedCountryStatus);
    for (const batch of updateBatches(updates)) await calls.updateSmsRules(id, batch);
    const readBack = await listedRules(calls, id, args.region);
    const lost = Object.keys(listed).filter((country) => readBack[country] === undefined);
    if (lost.length > 0)
      throw new Error(
        `End User Messaging's SMS rules of protect configuration ${id} in ${args.region} no longer list ${lost.slice(0, 10).join(", ")}; ` +
          "the country list changed between two reads, so the rules are not trusted: run pulumi up again",
      );
    const pending = Object.keys(ruleSetUpdates(readBack, args.allowedCountries, args.allowedCountryStatus));
    if (pending.length === 0) return readBack;
    if (round === RULE_ROUNDS)
      throw new Error(
        `the SMS rules of protect configuration ${id} in ${args.region} still differ after ${RULE_ROUNDS} rounds of writes and reads ` +
          `(${pending.slice(0, 10).join(", ")}); run pulumi up again`,
      );
    listed = readBack;
  }
}

/** Takes the account default for `id` unless another holds it (refused); a failed set that took effect counts as done. */
async function takeAccountDefault(calls: SmsVoiceCalls, id: string, region: string): Promise<void> {
  const current = await calls.accountDefaultId();
  const problem = foreignDefaultProblem(current, id, region);
  if (problem !== undefined) throw new Error(problem);
  if (current === id) return;
  try {
    await calls.setAccountDefault(id);
  } catch (error) {
    if ((await calls.accountDefaultId().catch(() => undefined)) !== id) throw error;
  }
}

export async function createProtectConfiguration(calls: SmsVoiceCalls, args: ProtectConfigurationArgs): Promise<ProtectConfigurationState> {
  // Refused before anything exists: a foreign default is never replaced.
  const problem = foreignDefaultProblem(await calls.accountDefaultId(), undefined, args.region);
  if (problem !== undefined) throw new Error(problem);
  const { id, arn } = await calls.create(args.tags);
  try {
    // The default only once every rule is written, and only if nobody took it meanwhile.
    return await updateProtectConfiguration(calls, id, arn, args);
  } catch (error) {
    try {
      // As a delete: gives the default up first if it was taken after all.
      await deleteProtectConfiguration(calls, id);
    } catch (cleanup) {
      const isDefault = await calls.accountDefaultId().then(
        (current) => (current === id ? "it IS the account default" : "it is not the account default"),
        () => "whether it is the account default could not be read",
      );
      throw new Error(
        `${describeError(error)}; protect configuration ${id} was created but could not be deleted again (${describeError(cleanup)}; ${isDefault}): delete it by hand`,
        { cause: cleanup },
      );
    }
    throw error;
  }
}

export async function updateProtectConfiguration(
  calls: SmsVoiceCalls,
  id: string,
  arn: string,
  args: ProtectConfigurationArgs,
): Promise<ProtectConfigurationState> {
  const smsCountryRules = await applyRules(calls, id, args);
  await takeAccountDefault(calls, id, args.region);
  return { protectConfigurationId: id, protectConfigurationArn: arn, accountDefault: true, smsCountryRules };
}

/** The configuration as it stands in AWS; undefined when it no longer exists. */
export async function readProtectConfiguration(calls: SmsVoiceCalls, id: string): Promise<ProtectConfigurationState | undefined> {
  const described = await calls.describe(id);
  if (described === undefined) return undefined;
  const smsCountryRules = await calls.smsRules(id);
  if (smsCountryRules === undefined) return undefined;
  return { protectConfigurationId: id, protectConfigurationArn: described.arn, accountDefault: described.accountDefault, smsCountryRules };
}

/**
 * Removes the account default while it is still `id`, then the configuration (deletion-protected: refused
 * first). A default someone set meanwhile is put back; a failed delete takes the default back first.
 */
export async function deleteProtectConfiguration(calls: SmsVoiceCalls, id: string): Promise<{ defaultRemoved: boolean }> {
  const described = await calls.describe(id);
  if (described === undefined) return { defaultRemoved: false };
  if (described.deletionProtection)
    throw new Error(
      `protect configuration ${id} has deletion protection on (switched on outside the stack), so it cannot be deleted; ` +
        "nothing was changed, it is still the account default if it was: switch it off " +
        `(aws pinpoint-sms-voice-v2 update-protect-configuration --protect-configuration-id ${id} --no-deletion-protection-enabled) and run the delete again`,
    );
  let defaultRemoved = false;
  if ((await calls.accountDefaultId()) === id) {
    const removed = await calls.deleteAccountDefault();
    // Someone set another default between the read and the removal: it was removed instead, and is put back.
    if (removed !== undefined && removed !== id)
      await calls.setAccountDefault(removed).catch((error: unknown) => {
        throw new Error(
          `the account default became ${removed} (not made by the stack) just before the stack removed its own ${id}, so ${removed} was removed ` +
            `instead, and setting it back failed (${describeError(error)}): set it back (aws pinpoint-sms-voice-v2 set-account-default-protect-configuration ` +
            `--protect-configuration-id ${removed}), then run the delete again`,
          { cause: error },
        );
      });
    else defaultRemoved = true;
  }
  try {
    await calls.delete(id);
  } catch (error) {
    if (!defaultRemoved) throw error;
    try {
      await calls.setAccountDefault(id);
    } catch (restore) {
      throw new Error(
        `${describeError(error)}; protect configuration ${id} gave up the account default but could not be deleted, and taking the default back failed ` +
          `(${describeError(restore)}): the account has NO default protect configuration in this region; run pulumi up --refresh to take it back (or the destroy again to finish it)`,
        { cause: restore },
      );
    }
    throw new Error(`${describeError(error)}; protect configuration ${id} could not be deleted and is the account default again`, {
      cause: error,
    });
  }
  return { defaultRemoved };
}

/** The call's answer, or undefined when the configuration does not exist. */
async function unlessNotFound<T>(call: Promise<T>): Promise<T | undefined> {
  return call.catch((error: unknown) => {
    if (error instanceof Error && error.name === "ResourceNotFoundException") return undefined;
    throw error;
  });
}

function required(value: string | undefined, what: string): string {
  if (value === undefined || value === "") throw new Error(`End User Messaging answered without ${what}`);
  return value;
}

/** The SDK's module, passed in: code Pulumi serializes requires it at run time instead of capturing it. */
export type SmsVoiceSdk = typeof import("@aws-sdk/client-pinpoint-sms-voice-v2");

/** SmsVoiceCalls over the SDK client (its region, credentials and endpoint are the client's). */
export function sdkSmsVoiceCalls(sdk: SmsVoiceSdk, client: PinpointSMSVoiceV2Client): SmsVoiceCalls {
  return {
    async accountDefaultId() {
      let token: string | undefined;
      for (let page = 0; page < 10; page++) {
        const answer = await client.send(new sdk.DescribeAccountAttributesCommand({ NextToken: token }));
        const value = answer.AccountAttributes?.find((attribute) => attribute.Name === "DEFAULT_PROTECT_CONFIGURATION_ID")?.Value;
        if (value !== undefined && value !== "") return value;
        token = answer.NextToken;
        if (token === undefined) break;
      }
      return undefined;
    },
    async create(tags) {
      const answer = await client.send(
        new sdk.CreateProtectConfigurationCommand({ Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) }),
      );
      return {
        id: required(answer.ProtectConfigurationId, "ProtectConfigurationId"),
        arn: required(answer.ProtectConfigurationArn, "ProtectConfigurationArn"),
      };
    },
    async describe(id) {
      const answer = await unlessNotFound(client.send(new sdk.DescribeProtectConfigurationsCommand({ ProtectConfigurationIds: [id] })));
      const found = answer?.ProtectConfigurations?.find((entry) => entry.ProtectConfigurationId === id);
      return found === undefined
        ? undefined
        : {
            arn: required(found.ProtectConfigurationArn, "ProtectConfigurationArn"),
            accountDefault: found.AccountDefault === true,
            deletionProtection: found.DeletionProtectionEnabled === true,
          };
    },
    async smsRules(id) {
      const answer = await unlessNotFound(
        client.send(new sdk.GetProtectConfigurationCountryRuleSetCommand({ ProtectConfigurationId: id, NumberCapability: "SMS" })),
      );
      if (answer === undefined) return undefined;
      return Object.fromEntries(Object.entries(answer.CountryRuleSet ?? {}).map(([country, rule]) => [country, rule.ProtectStatus ?? ""]));
    },
    async updateSmsRules(id, rules) {
      const updates = Object.fromEntries(Object.entries(rules).map(([country, status]) => [country, { ProtectStatus: status }]));
      await client.send(
        new sdk.UpdateProtectConfigurationCountryRuleSetCommand({
          ProtectConfigurationId: id,
          NumberCapability: "SMS",
          CountryRuleSetUpdates: updates,
        }),
      );
    },
    async setAccountDefault(id) {
      await client.send(new sdk.SetAccountDefaultProtectConfigurationCommand({ ProtectConfigurationId: id }));
    },
    async deleteAccountDefault() {
      const answer = await client.send(new sdk.DeleteAccountDefaultProtectConfigurationCommand({}));
      return answer.DefaultProtectConfigurationId;
    },
    async delete(id) {
      await unlessNotFound(client.send(new sdk.DeleteProtectConfigurationCommand({ ProtectConfigurationId: id })));
    },
  };
}
