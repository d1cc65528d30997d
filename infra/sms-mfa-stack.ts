/**
 * This project's stack: one SmsMfa named after the stack, built from the stack's configuration, and
 * the stack outputs taken from it. The configuration is judged in two passes: first everything that
 * needs no network (every key, the IAM names), so a typo fails at once and without credentials; then,
 * once the tenant is read, the phone experience against its flag and every text measured with its
 * friendly name.
 */
import * as pulumi from "@pulumi/pulumi";
import { SmsMfa, type SmsMfaArgs } from "./sms-mfa";
import { readTenantSettings, type TenantSettings } from "./auth0/tenant-settings";
import type { ConfigKey } from "./config/config-keys";
import { readRawStackConfig, reportPhoneExperience } from "./config/stack-config";
import type { StackConfig } from "./config/stack-config-types";
import { validateStackConfig } from "./config/validate-config";
import { assertMessagesFitOneSegment } from "./messages/message-segments";

/** A stack value as a resource input: wrapped as a secret when it was stored with `--secret`. */
export function keptSecret(config: Pick<StackConfig, "secretKeys">, key: ConfigKey, value: string): pulumi.Input<string> {
  return config.secretKeys.includes(key) ? pulumi.secret(value) : value;
}

/** SmsMfa's arguments as the stack sets them: every one its outputs report is set. */
export type StackSmsMfaArgs = SmsMfaArgs & Required<Pick<SmsMfaArgs, "accessKeyGeneration" | "allowedCountries">>;

/** The SmsMfa arguments of a validated stack configuration: physical names from the stack name. */
export function smsMfaArgsOf(config: StackConfig): StackSmsMfaArgs {
  return {
    deploymentName: config.stack,
    region: config.region,
    phoneExperience: config.phoneExperience,
    mfaPolicy: config.mfaPolicy,
    factors: config.factors,
    enrollmentMessage: config.enrollmentMessage,
    verificationMessage: config.verificationMessage,
    localizedMessages: config.localizedMessages,
    allowedCountries: config.sender.allowedCountries,
    senderId: config.sender.senderId && keptSecret(config, "senderId", config.sender.senderId),
    originationNumber: config.sender.originationNumber,
    maxPriceUsd: config.sender.maxPriceUsd,
    accessKeyGeneration: config.accessKeyGeneration,
    protect: config.protect,
    smsPreferences: config.smsPreferences,
    alarms: config.alarms && { ...config.alarms, email: keptSecret(config, "alarmEmail", config.alarms.email) },
    protectConfiguration: config.protectConfiguration,
    monitoring: config.monitoring,
  };
}

/**
 * The stack's SmsMfa arguments, or a StackConfigError listing every problem, before anything is
 * registered: validated without the network first, then against the tenant `readTenant` reads.
 */
export async function readStackSmsMfaArgs(readTenant: () => Promise<TenantSettings> = readTenantSettings): Promise<StackSmsMfaArgs> {
  const raw = readRawStackConfig();
  validateStackConfig(raw);
  const tenant = await readTenant();
  const config = validateStackConfig({
    ...raw,
    tenant: {
      phoneConsolidatedExperience: tenant.phoneConsolidatedExperience,
      // getTenant's false the raw read could not check: its warning is already logged.
      offUnconfirmed: tenant.phoneFlagWarning !== undefined,
    },
  });
  reportPhoneExperience(config);
  assertMessagesFitOneSegment(config, tenant.friendlyName ?? "");
  return smsMfaArgsOf(config);
}

/** The stack outputs, as defineSmsMfaStack returns them. */
export type SmsMfaStackOutputs = ReturnType<typeof defineSmsMfaStack>;

/** Registers the stack's SmsMfa (named after the stack) and returns the stack outputs. */
export function defineSmsMfaStack(args: StackSmsMfaArgs, name: string = pulumi.getStack()) {
  const smsMfa = new SmsMfa(name, args);
  return {
    senderUserArn: smsMfa.senderUserArn,
    accessKeyId: smsMfa.accessKeyId,
    accessKeyGeneration: args.accessKeyGeneration,
    /** Secret output: for `npm run send-test` via `pulumi stack output --show-secrets`. */
    senderSecretAccessKey: smsMfa.senderSecretAccessKey,
    actionId: smsMfa.actionId,
    actionName: smsMfa.actionName,
    phoneExperience: args.phoneExperience,
    region: args.region,
    allowedCountries: args.allowedCountries,
    // Only with protectConfigurationEnabled (the doctor recognises the configuration), and monitoringEnabled: the dashboard
    // URL the doctor prints, the partner event source of the tenant's log stream (the bus's name) whose state it checks.
    ...(smsMfa.protectConfigurationId === undefined ? {} : { protectConfigurationId: smsMfa.protectConfigurationId }),
    ...(smsMfa.dashboardUrl === undefined ? {} : { dashboardUrl: smsMfa.dashboardUrl }),
    ...(smsMfa.logEventSourceName === undefined ? {} : { logEventSourceName: smsMfa.logEventSourceName }),
  };
}
