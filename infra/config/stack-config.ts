/**
 * Reads the running stack's configuration from Pulumi, as the runner hands it to the program
 * (Pulumi.yaml defaults already applied by the CLI): no file is parsed here, no network is used.
 */
import * as pulumi from "@pulumi/pulumi";
import { PROJECT_NAME } from "./config-keys";
import type { StackConfig } from "./stack-config-types";
import type { RawStackConfig } from "./validate-config";

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
  return keys.flatMap((key: unknown) => {
    const bare = typeof key === "string" ? key.replace(/^([^:]+):config:/, "$1:") : "";
    if (bare === "aws:region") return [bare];
    return bare.startsWith(`${PROJECT_NAME}:`) ? [bare.slice(PROJECT_NAME.length + 1)] : [];
  });
}

/** The running stack's configuration, unvalidated (validate-config.ts judges it). */
export function readRawStackConfig(): RawStackConfig {
  return {
    stack: pulumi.getStack(),
    region: new pulumi.Config("aws").get("region"),
    // The project's keys as set for this stack, bare names.
    values: Object.fromEntries(
      Object.entries(pulumi.runtime.allConfig()).flatMap(([key, value]) =>
        key.startsWith(`${PROJECT_NAME}:`) ? [[key.slice(PROJECT_NAME.length + 1), value]] : [],
      ),
    ),
    secretKeys: secretConfigKeys(),
  };
}

/** Tells the operator which phone experience the stack deploys and why (shown by preview and up). */
export function reportPhoneExperience(config: StackConfig): void {
  void pulumi.log.info(`phone experience: ${config.phoneExperienceChoice.summary}`);
  if (config.phoneExperienceChoice.warning !== undefined) void pulumi.log.warn(config.phoneExperienceChoice.warning);
}
