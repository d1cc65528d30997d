/**
 * The account-default protect configuration of AWS End User Messaging SMS, as one Pulumi dynamic
 * resource: the configuration with its SMS country rules AND the account-default setting that points
 * at it. Neither @pulumi/aws nor Terraform nor CloudFormation sets the account default
 * (@pulumi/aws-native's smsvoice.ProtectConfiguration holds only the rules), so one resource owns both:
 * create takes the default only once every rule is written, delete removes the default (while it is
 * still this configuration) before the configuration, and no second provider plugin is needed.
 *
 * The provider below is a thin shell over protect-configuration-calls.ts. Pulumi serializes it with
 * its closure into the resource's `__provider` input and runs it in the engine's Node.js provider
 * process: it captures only functions and the SDK module (a package in node_modules, which the
 * serialized code requires again), and creates its client inside each method, with the standard AWS
 * credential chain of the process running `pulumi` and the stack's region.
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
import { ruleSetUpdates, type AllowedCountryStatus, type CountryRules } from "./protect-configuration-rules";

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
    allowedCountries: [...inputs.allowedCountries],
    allowedCountryStatus: inputs.allowedCountryStatus,
    tags: { ...inputs.tags },
  };
}

function sameTags(a: Readonly<Record<string, string>> | undefined, b: Readonly<Record<string, string>>): boolean {
  const entries = (tags: Readonly<Record<string, string>>) => JSON.stringify(Object.entries(tags).sort(([x], [y]) => x.localeCompare(y)));
  return a !== undefined && entries(a) === entries(b);
}

/**
 * What an update changes, from the state (old outputs) and the new inputs: a new region or new tags
 * replace the configuration (tags are written only at create, so the deploy role needs no
 * TagResource); delete first, so the old one gives up the account default before the new one takes
 * it. Rules that differ from the state, a changed country list or status, or a lost account default
 * update it in place.
 */
export function protectConfigurationDiff(
  olds: Partial<ProtectConfigurationOutputs>,
  news: ProtectConfigurationArgs,
): pulumi.dynamic.DiffResult {
  const replaces: string[] = [];
  if (olds.region !== news.region) replaces.push("region");
  if (!sameTags(olds.tags, news.tags)) replaces.push("tags");
  const rulesDiffer = Object.keys(ruleSetUpdates(olds.smsCountryRules ?? {}, news.allowedCountries, news.allowedCountryStatus)).length > 0;
  const settingsDiffer =
    JSON.stringify(olds.allowedCountries ?? []) !== JSON.stringify(news.allowedCountries) ||
    olds.allowedCountryStatus !== news.allowedCountryStatus;
  return {
    changes: replaces.length > 0 || rulesDiffer || settingsDiffer || olds.accountDefault !== true,
    replaces,
    deleteBeforeReplace: true,
  };
}

/** Runs `use` with calls on a client for `region`, destroyed afterwards. */
async function withSmsVoice<T>(region: string, use: (calls: SmsVoiceCalls) => Promise<T>): Promise<T> {
  // Required here, not imported: the serialized provider then requires the package in the provider
  // process instead of carrying (or failing to carry) the SDK's code in its closure.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- see above
  const sdk = require("@aws-sdk/client-pinpoint-sms-voice-v2") as SmsVoiceSdk;
  const client = new sdk.PinpointSMSVoiceV2Client({ region, userAgentAppId: "auth0-sns-mfa" });
  try {
    return await use(sdkSmsVoiceCalls(sdk, client));
  } finally {
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
    const state = await withSmsVoice(args.region, (calls) => createProtectConfiguration(calls, args));
    return { id: state.protectConfigurationId, outs: { ...args, ...state } };
  },
  async read(id, props) {
    if (props === undefined) return { id };
    const args = argsOf(props);
    const state = await withSmsVoice(args.region, (calls) => readProtectConfiguration(calls, id));
    // An empty id tells the engine the resource is gone.
    return state === undefined ? { id: "" } : { id, props: { ...args, ...state } };
  },
  async update(id, olds, news) {
    const args = argsOf(news);
    const state = await withSmsVoice(args.region, (calls) => updateProtectConfiguration(calls, id, olds.protectConfigurationArn, args));
    return { outs: { ...args, ...state } };
  },
  async delete(id, props) {
    await withSmsVoice(props.region, (calls) => deleteProtectConfiguration(calls, id));
  },
};

export interface AccountProtectConfigurationArgs {
  /** The region of the configuration; SmsAccountOptIns passes an Output that resolves only once its instance holds the account's claim (program-claims.ts). */
  region: pulumi.Input<string>;
  allowedCountries: string[];
  allowedCountryStatus: AllowedCountryStatus;
  tags: Record<string, string>;
  smsCountryRules: CountryRules;
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
