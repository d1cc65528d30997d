/**
 * Composes the two sides from a validated StackConfig and returns the stack outputs. The Action's
 * code is built from hook/ at program time (never a stale file), for the experience's trigger.
 */
import * as pulumi from "@pulumi/pulumi";
import { buildAction, type ActionTrigger, type BuiltAction } from "./action-bundle";
import { Auth0SmsMfa, actionTriggerFor } from "./auth0-sms-mfa";
import { iamNameProblems } from "./aws-resource-names";
import { AwsSmsSender } from "./aws-sms-sender";
import { localizedTemplates } from "./localized-templates";
import { assertMessagesFitOneSegment, FRIENDLY_NAME_STAND_IN } from "./message-segments";
import { senderActionSecrets } from "./sender-action-secrets";
import { StackConfigError } from "./validate-config";
import type { ConfigKey } from "./config-keys";
import type { PhoneExperience, StackConfig } from "./stack-config-types";

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
}

/** A stack value as a resource input: wrapped as a secret when it was stored with `--secret`. */
export function keptSecret(config: Pick<StackConfig, "secretKeys">, key: ConfigKey, value: string): pulumi.Input<string> {
  return config.secretKeys.includes(key) ? pulumi.secret(value) : value;
}

/**
 * `friendlyName`: the tenant's friendly name, which the texts are measured with (one SMS segment each)
 * before any resource is registered.
 */
export function defineSmsMfaStack(
  config: StackConfig,
  build: (trigger: ActionTrigger) => Promise<BuiltAction> = buildAction,
  friendlyName: string = FRIENDLY_NAME_STAND_IN,
): SmsMfaStackOutputs {
  const nameProblems = iamNameProblems(config.stack);
  if (nameProblems.length > 0) throw new StackConfigError(nameProblems);
  assertMessagesFitOneSegment(config, friendlyName);
  const templates = localizedTemplates(config, config.localizedMessages);
  const aws = new AwsSmsSender("aws", {
    stack: config.stack,
    region: config.region,
    accessKeyGeneration: config.accessKeyGeneration,
    protect: config.protect,
    smsPreferences: config.smsPreferences,
    alarms: config.alarms && { ...config.alarms, email: keptSecret(config, "alarmEmail", config.alarms.email) },
    senderId: config.sender.senderId && keptSecret(config, "senderId", config.sender.senderId),
  });
  const auth0 = new Auth0SmsMfa("auth0", {
    stack: config.stack,
    phoneExperience: config.phoneExperience,
    mfaPolicy: config.mfaPolicy,
    factors: config.factors,
    enrollmentMessage: templates.enrollmentMessage,
    verificationMessage: templates.verificationMessage,
    action: build(actionTriggerFor(config.phoneExperience)),
    secrets: senderActionSecrets({
      region: config.region,
      accessKeyId: aws.accessKeyId,
      secretAccessKey: aws.secretAccessKey,
      sender: config.sender,
    }),
    protect: config.protect,
  });
  return {
    senderUserArn: aws.userArn,
    accessKeyId: aws.accessKeyId,
    accessKeyGeneration: config.accessKeyGeneration,
    senderSecretAccessKey: aws.secretAccessKey,
    actionId: auth0.actionId,
    actionName: auth0.actionName,
    phoneExperience: config.phoneExperience,
    region: config.region,
    allowedCountries: config.sender.allowedCountries,
  };
}
