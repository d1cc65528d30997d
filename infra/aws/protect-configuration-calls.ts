/**
 * Create, read, update and delete of the stack's protect configuration and of the account default
 * that points at it, over the AWS End User Messaging SMS API (`pinpoint-sms-voice-v2`). Each step is
 * one call of `SmsVoiceCalls`, so tests drive the real SDK client against a stand-in, or any fake.
 *
 * - create: read the account default and refuse a foreign one (nothing created); create the
 *   configuration (tagged); write every country's rule; read the default again and only then take it.
 *   A failure after the configuration exists deletes it again: nothing is left half-done.
 * - update: write the rules that differ, then make sure the default is still this configuration
 *   (take it back when there is none, refuse when another configuration holds it).
 * - delete: remove the account default only while it is still this configuration, then the
 *   configuration (DeleteProtectConfiguration refuses the account default).
 *
 * API reference: https://docs.aws.amazon.com/pinpoint/latest/apireference_smsvoicev2/ (DescribeAccountAttributes:
 * DEFAULT_PROTECT_CONFIGURATION_ID; CreateProtectConfiguration; GetProtectConfigurationCountryRuleSet;
 * UpdateProtectConfigurationCountryRuleSet; SetAccountDefaultProtectConfiguration;
 * DeleteAccountDefaultProtectConfiguration; DeleteProtectConfiguration: "must not be associated as the
 * account default protect configuration"; DescribeProtectConfigurations).
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
  describe(id: string): Promise<{ arn: string; accountDefault: boolean } | undefined>;
  /** GetProtectConfigurationCountryRuleSet (SMS): every country End User Messaging lists, with its rule. */
  smsRules(id: string): Promise<Record<string, string> | undefined>;
  /** UpdateProtectConfigurationCountryRuleSet (SMS), at most MAX_COUNTRY_RULE_UPDATES countries. */
  updateSmsRules(id: string, rules: Readonly<CountryRules>): Promise<void>;
  /** SetAccountDefaultProtectConfiguration. */
  setAccountDefault(id: string): Promise<void>;
  /** DeleteAccountDefaultProtectConfiguration. */
  deleteAccountDefault(): Promise<void>;
  /** DeleteProtectConfiguration. */
  delete(id: string): Promise<void>;
}

/** What the stack asks for. */
export interface ProtectConfigurationArgs {
  /** The region of the configuration and of the account default it becomes. */
  region: string;
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

/** Writes every rule that differs from what the configuration holds; returns the rules as they now stand. */
async function applyRules(calls: SmsVoiceCalls, id: string, args: ProtectConfigurationArgs): Promise<Record<string, string>> {
  const current = await calls.smsRules(id);
  if (current === undefined) throw new Error(`protect configuration ${id} no longer exists in ${args.region}`);
  const updates = ruleSetUpdates(current, args.allowedCountries, args.allowedCountryStatus);
  for (const batch of updateBatches(updates)) await calls.updateSmsRules(id, batch);
  return { ...current, ...updates };
}

/** Takes the account default for `id` unless another configuration holds it (refused, naming it). */
async function takeAccountDefault(calls: SmsVoiceCalls, id: string, region: string): Promise<void> {
  const current = await calls.accountDefaultId();
  const problem = foreignDefaultProblem(current, id, region);
  if (problem !== undefined) throw new Error(problem);
  if (current !== id) await calls.setAccountDefault(id);
}

export async function createProtectConfiguration(calls: SmsVoiceCalls, args: ProtectConfigurationArgs): Promise<ProtectConfigurationState> {
  // Refused before anything exists: a foreign default is never replaced.
  const problem = foreignDefaultProblem(await calls.accountDefaultId(), undefined, args.region);
  if (problem !== undefined) throw new Error(problem);
  const { id, arn } = await calls.create(args.tags);
  try {
    const smsCountryRules = await applyRules(calls, id, args);
    // The default only once every rule is written, and only if nobody took it meanwhile.
    await takeAccountDefault(calls, id, args.region);
    return { protectConfigurationId: id, protectConfigurationArn: arn, accountDefault: true, smsCountryRules };
  } catch (error) {
    try {
      await calls.delete(id);
    } catch (cleanup) {
      throw new Error(
        `${describeError(error)}; protect configuration ${id} was created but could not be deleted again (${describeError(cleanup)}): delete it by hand`,
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

/** Removes the account default while it is still `id`, then the configuration. */
export async function deleteProtectConfiguration(calls: SmsVoiceCalls, id: string): Promise<{ defaultRemoved: boolean }> {
  const defaultRemoved = (await calls.accountDefaultId()) === id;
  if (defaultRemoved) await calls.deleteAccountDefault();
  await calls.delete(id);
  return { defaultRemoved };
}

function isNotFound(error: unknown): boolean {
  return error instanceof Error && error.name === "ResourceNotFoundException";
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
      try {
        const answer = await client.send(new sdk.DescribeProtectConfigurationsCommand({ ProtectConfigurationIds: [id] }));
        const found = answer.ProtectConfigurations?.find((entry) => entry.ProtectConfigurationId === id);
        return found === undefined
          ? undefined
          : { arn: required(found.ProtectConfigurationArn, "ProtectConfigurationArn"), accountDefault: found.AccountDefault === true };
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw error;
      }
    },
    async smsRules(id) {
      try {
        const answer = await client.send(
          new sdk.GetProtectConfigurationCountryRuleSetCommand({ ProtectConfigurationId: id, NumberCapability: "SMS" }),
        );
        const rules: Record<string, string> = {};
        for (const [country, rule] of Object.entries(answer.CountryRuleSet ?? {})) rules[country] = rule.ProtectStatus ?? "";
        return rules;
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw error;
      }
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
      await client.send(new sdk.DeleteAccountDefaultProtectConfigurationCommand({}));
    },
    async delete(id) {
      try {
        await client.send(new sdk.DeleteProtectConfigurationCommand({ ProtectConfigurationId: id }));
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
    },
  };
}
