/**
 * The account-default protect configuration of AWS End User Messaging SMS, as one Pulumi dynamic
 * resource: the configuration with its SMS country rules AND the account default pointing at it, a thin
 * shell over protect-configuration-calls.ts. docs/configuration.md ("Why one dynamic resource") says why
 * it is dynamic and which credentials it uses: the instance provider's `profile`, else the process's
 * default chain, proved by STS to be in `accountId` before any call. Pulumi serializes the provider with
 * its closure: it captures only functions and requires the SDKs again in the provider process.
 */
import * as pulumi from "@pulumi/pulumi";
import {
  createProtectConfiguration,
  deleteProtectConfiguration,
  readProtectConfiguration,
  sdkSmsVoiceCalls,
  updateProtectConfiguration,
  type ProtectConfigurationArgs,
  type ProtectConfigurationState,
  type SmsVoiceCalls,
  type SmsVoiceSdk,
} from "./protect-configuration-calls";
import { accountMismatchProblem, ruleSetUpdates, type CountryRules } from "./protect-configuration-rules";

/** The resource's type token: pulumi.dynamic.Resource's `pulumi-nodejs:dynamic/<module>:<type>`. */
export const PROTECT_CONFIGURATION_TYPE = "pulumi-nodejs:dynamic/auth0-sns-mfa:AccountProtectConfiguration";

/** What the engine holds as the resource's inputs. */
export interface ProtectConfigurationInputs extends ProtectConfigurationArgs {
  /** The rule each country the phone metadata knows gets (what a preview shows). */
  smsCountryRules: CountryRules;
  /** Always true: the configuration is made the account default (the output says whether it still is). */
  accountDefault: true;
}

/** What the engine holds as its outputs: the inputs, and the configuration as it stands in AWS. */
export type ProtectConfigurationOutputs = ProtectConfigurationArgs & ProtectConfigurationState;

/** The provider's view of the inputs, without the engine's `__provider`. */
function argsOf(inputs: ProtectConfigurationArgs): ProtectConfigurationArgs {
  return {
    region: inputs.region,
    accountId: inputs.accountId,
    ...(inputs.profile === undefined ? {} : { profile: inputs.profile }),
    allowedCountries: [...inputs.allowedCountries],
    allowedCountryStatus: inputs.allowedCountryStatus,
    tags: { ...inputs.tags },
  };
}

/**
 * What an update changes: a new region or new tags replace the configuration (tags are written only at
 * create); new tags in one region delete first (one default per region), a new region creates first.
 * Other rules, country list, status, account or profile, or a lost default update it in place (an
 * update in another account is refused; a new profile is recorded for a later delete).
 */
export function protectConfigurationDiff(
  olds: Partial<ProtectConfigurationOutputs>,
  news: ProtectConfigurationArgs,
): pulumi.dynamic.DiffResult {
  const replaces: string[] = [];
  if (olds.region !== news.region) replaces.push("region");
  const sorted = (tags: Readonly<Record<string, string>>) => JSON.stringify(Object.entries(tags).sort(([x], [y]) => x.localeCompare(y)));
  if (olds.tags === undefined || sorted(olds.tags) !== sorted(news.tags)) replaces.push("tags");
  const rulesDiffer = Object.keys(ruleSetUpdates(olds.smsCountryRules ?? {}, news.allowedCountries, news.allowedCountryStatus)).length > 0;
  const settingsDiffer =
    JSON.stringify(olds.allowedCountries ?? []) !== JSON.stringify(news.allowedCountries) ||
    olds.allowedCountryStatus !== news.allowedCountryStatus ||
    olds.accountId !== news.accountId ||
    olds.profile !== news.profile;
  return {
    changes: replaces.length > 0 || rulesDiffer || settingsDiffer || olds.accountDefault !== true,
    replaces,
    // Another region: the new configuration takes that region's default before the old one gives its own up.
    deleteBeforeReplace: replaces.includes("tags") && !replaces.includes("region"),
  };
}

/**
 * Runs `use` with calls on a client for `region`, destroyed afterwards, once STS confirms that the
 * client's credentials are in `account` (refused, before any End User Messaging call, otherwise).
 */
async function withSmsVoice<T>(
  { region, profile, accountId }: Pick<ProtectConfigurationArgs, "region" | "profile" | "accountId">,
  use: (calls: SmsVoiceCalls) => Promise<T>,
): Promise<T> {
  // Required here, not imported: the serialized provider then requires the packages in the provider
  // process instead of carrying (or failing to carry) the SDK's code in its closure.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- see above
  const sdk = require("@aws-sdk/client-pinpoint-sms-voice-v2") as SmsVoiceSdk;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- see above
  const sts = require("@aws-sdk/client-sts") as typeof import("@aws-sdk/client-sts");
  const client = new sdk.PinpointSMSVoiceV2Client({ region, profile, userAgentAppId: "auth0-sns-mfa" });
  // The same credential provider as the End User Messaging client: the identity checked is the one that acts.
  const identity = new sts.STSClient({ region, credentials: client.config.credentials, userAgentAppId: "auth0-sns-mfa" });
  try {
    const caller = await identity.send(new sts.GetCallerIdentityCommand({}));
    const problem = accountMismatchProblem(accountId, caller.Account, region, profile);
    if (problem !== undefined) throw new Error(problem);
    return await use(sdkSmsVoiceCalls(sdk, client));
  } finally {
    identity.destroy();
    client.destroy();
  }
}

/** The dynamic provider: each method one operation of protect-configuration-calls.ts. */
export const protectConfigurationProvider: pulumi.dynamic.ResourceProvider<ProtectConfigurationInputs, ProtectConfigurationOutputs> = {
  async diff(_id, olds, news) {
    return protectConfigurationDiff(olds, news);
  },
  async create(inputs) {
    const args = argsOf(inputs);
    const state = await withSmsVoice(args, (calls) => createProtectConfiguration(calls, args));
    return { id: state.protectConfigurationId, outs: { ...args, ...state } };
  },
  async read(id, props) {
    if (props === undefined) return { id };
    const args = argsOf(props);
    const state = await withSmsVoice(args, (calls) => readProtectConfiguration(calls, id));
    // An empty id tells the engine the resource is gone.
    return state === undefined ? { id: "" } : { id, props: { ...args, ...state } };
  },
  async update(id, olds, news) {
    const args = argsOf(news);
    const existing = olds.accountId;
    if (existing !== args.accountId)
      throw new Error(
        `protectConfiguration: protect configuration ${id} is in account ${existing}, but the SmsMfa instance's AWS provider is now in account ` +
          `${args.accountId}; a configuration cannot move between accounts: delete it in ${existing} (pulumi destroy with credentials of ` +
          `${existing}, or by hand and pulumi state delete), then run pulumi up. Nothing was changed`,
      );
    const state = await withSmsVoice(args, (calls) => updateProtectConfiguration(calls, id, olds.protectConfigurationArn, args));
    return { outs: { ...args, ...state } };
  },
  async delete(id, props) {
    await withSmsVoice(props, (calls) => deleteProtectConfiguration(calls, id));
  },
};

/** The provider's inputs, the first three as Pulumi inputs. */
export interface AccountProtectConfigurationArgs extends Omit<
  ProtectConfigurationInputs,
  "region" | "accountId" | "profile" | "accountDefault"
> {
  /** The region of the configuration; SmsAccountOptIns passes an Output that resolves only once its instance holds the account's claim (program-claims.ts). */
  region: pulumi.Input<string>;
  /** The AWS account of the instance's AWS provider (aws.getCallerIdentity on it): the provider refuses to act with credentials of any other. */
  accountId: pulumi.Input<string>;
  /** The named profile of the instance's AWS provider; undefined = the default credential chain of the process running pulumi. */
  profile: pulumi.Input<string | undefined>;
}

export class AccountProtectConfiguration extends pulumi.dynamic.Resource {
  /** The configuration's id (also the resource's id). */
  declare readonly protectConfigurationId: pulumi.Output<string>;
  declare readonly protectConfigurationArn: pulumi.Output<string>;
  /** True when the configuration is the account default in its region. */
  declare readonly accountDefault: pulumi.Output<boolean>;

  constructor(name: string, args: AccountProtectConfigurationArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      protectConfigurationProvider,
      name,
      { ...args, accountDefault: true, protectConfigurationId: undefined, protectConfigurationArn: undefined },
      opts,
      "auth0-sns-mfa",
      "AccountProtectConfiguration",
    );
  }
}
