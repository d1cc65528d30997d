/**
 * Reads the running stack's configuration from Pulumi and the tenant's phone flag from Auth0, and
 * validates them (validate-config.ts). Called once, before any resource is registered.
 */
import * as pulumi from "@pulumi/pulumi";
import { iamNameProblems } from "../aws/aws-resource-names";
import { PROJECT_NAME } from "./config-keys";
import { assertMessagesFitOneSegment } from "../messages/message-segments";
import type { SmsMfaArgs } from "../sms-mfa";
import { smsMfaArgsOf } from "../sms-mfa-stack";
import type { StackConfig } from "./stack-config-types";
import { readTenantSettings, type TenantSettings } from "../auth0/tenant-settings";
import { StackConfigError, validateStackConfig } from "./validate-config";

/** The project's keys as set for this stack (Pulumi.yaml defaults already applied by the CLI), bare names. */
function projectConfigValues(): Record<string, string> {
  const prefix = `${PROJECT_NAME}:`;
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(pulumi.runtime.allConfig())) {
    if (key.startsWith(prefix)) values[key.slice(prefix.length)] = value;
  }
  return values;
}

/**
 * Keys the operator stored with `--secret`, as bare project key names (and "aws:region"), from the
 * list the Pulumi CLI hands every program in PULUMI_CONFIG_SECRET_KEYS ("ns:name" or "ns:config:name").
 */
export function secretConfigKeys(listed: string | undefined = process.env.PULUMI_CONFIG_SECRET_KEYS): string[] {
  let keys: unknown;
  try {
    keys = JSON.parse(listed ?? "[]");
  } catch {
    return [];
  }
  if (!Array.isArray(keys)) return [];
  const names: string[] = [];
  for (const key of keys) {
    if (typeof key !== "string") continue;
    const bare = key.replace(/^([^:]+):config:/, "$1:");
    if (bare === "aws:region") names.push(bare);
    else if (bare.startsWith(`${PROJECT_NAME}:`)) names.push(bare.slice(PROJECT_NAME.length + 1));
  }
  return names;
}

/**
 * The stack's SmsMfa arguments: its configuration validated, its phone experience resolved against
 * the tenant's flag (read with auth0.getTenant unless given) and reported, the IAM names checked and
 * every text measured with the tenant's friendly name (one SMS segment each). Throws
 * StackConfigError before anything is registered.
 */
export async function readStackConfig(tenant?: TenantSettings): Promise<SmsMfaArgs> {
  const settings = tenant ?? (await readTenantSettings());
  const config = await readValidatedStackConfig(settings);
  reportPhoneExperience(config);
  assertRegistrable(config, settings.friendlyName ?? "");
  return smsMfaArgsOf(config);
}

/** Refuses, before anything is registered, IAM names AWS would refuse and texts over one SMS segment (an empty friendly name renders as nothing). */
export function assertRegistrable(config: StackConfig, friendlyName: string): void {
  const nameProblems = iamNameProblems(config.stack);
  if (nameProblems.length > 0) throw new StackConfigError(nameProblems);
  assertMessagesFitOneSegment(config, friendlyName);
}

/** The stack's validated configuration, its phone experience resolved against the tenant's flag. */
export async function readValidatedStackConfig(tenant?: TenantSettings): Promise<StackConfig> {
  const settings = tenant ?? (await readTenantSettings());
  return validateStackConfig({
    stack: pulumi.getStack(),
    region: new pulumi.Config("aws").get("region"),
    values: projectConfigValues(),
    secretKeys: secretConfigKeys(),
    tenant: {
      phoneConsolidatedExperience: settings.phoneConsolidatedExperience,
      // getTenant's false the raw read could not check: its warning is already logged.
      offUnconfirmed: settings.phoneFlagWarning !== undefined,
    },
  });
}

/** Tells the operator which phone experience the stack deploys and why (shown by preview and up). */
export function reportPhoneExperience(config: StackConfig): void {
  void pulumi.log.info(`phone experience: ${config.phoneExperienceChoice.summary}`);
  if (config.phoneExperienceChoice.warning !== undefined) void pulumi.log.warn(config.phoneExperienceChoice.warning);
}
