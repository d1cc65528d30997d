/**
 * This project's stack: one SmsMfa named after the stack, built from the stack's configuration
 * (stack-config.ts readStackConfig), and the stack outputs taken from it.
 */
import * as pulumi from "@pulumi/pulumi";
import { SmsMfa, SMS_MFA_DEFAULTS, type SmsMfaArgs } from "./sms-mfa";
import type { ConfigKey } from "./config/config-keys";
import type { PhoneExperience, StackConfig } from "./config/stack-config-types";

export interface SmsMfaStackOutputs {
  senderUserArn: pulumi.Output<string>;
  accessKeyId: pulumi.Output<string>;
  accessKeyGeneration: number;
  /** Secret output: for `npm run send-test` via `pulumi stack output --show-secrets`. */
  senderSecretAccessKey: pulumi.Output<string>;
  actionId: pulumi.Output<string>;
  actionName: pulumi.Output<string>;
  phoneExperience: PhoneExperience;
  region: string;
  allowedCountries: string[];
  /** The account-default protect configuration's id; only with protectConfigurationEnabled (the doctor recognises it). */
  protectConfigurationId?: pulumi.Output<string>;
  /** Console URL of the monitoring dashboard; only with monitoringEnabled (the doctor prints it). */
  dashboardUrl?: pulumi.Output<string>;
  /** The partner event source of the tenant's log stream (the bus's name); only with monitoringEnabled (the doctor checks its state). */
  logEventSourceName?: pulumi.Output<string>;
}

/** A stack value as a resource input: wrapped as a secret when it was stored with `--secret`. */
export function keptSecret(config: Pick<StackConfig, "secretKeys">, key: ConfigKey, value: string): pulumi.Input<string> {
  return config.secretKeys.includes(key) ? pulumi.secret(value) : value;
}

/**
 * The SmsMfa arguments of a validated stack configuration: physical names from the stack name, and
 * every resource aliased to its URN before the component existed, so deployed stacks keep them.
 */
export function smsMfaArgsOf(config: StackConfig): SmsMfaArgs {
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
    formerStackLayout: true,
  };
}

/** Registers the stack's SmsMfa (named after the stack) and returns the stack outputs. */
export function defineSmsMfaStack(args: SmsMfaArgs, name: string = pulumi.getStack()): SmsMfaStackOutputs {
  const smsMfa = new SmsMfa(name, args);
  return {
    senderUserArn: smsMfa.senderUserArn,
    accessKeyId: smsMfa.accessKeyId,
    accessKeyGeneration: args.accessKeyGeneration ?? SMS_MFA_DEFAULTS.accessKeyGeneration,
    senderSecretAccessKey: smsMfa.senderSecretAccessKey,
    actionId: smsMfa.actionId,
    actionName: smsMfa.actionName,
    phoneExperience: args.phoneExperience,
    region: args.region,
    allowedCountries: args.allowedCountries ?? [...SMS_MFA_DEFAULTS.allowedCountries],
    ...(smsMfa.protectConfigurationId === undefined ? {} : { protectConfigurationId: smsMfa.protectConfigurationId }),
    ...(smsMfa.dashboardUrl === undefined ? {} : { dashboardUrl: smsMfa.dashboardUrl }),
    ...(smsMfa.logEventSourceName === undefined ? {} : { logEventSourceName: smsMfa.logEventSourceName }),
  };
}
