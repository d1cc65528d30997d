/**
 * Reads the running stack's configuration from Pulumi and validates it (validate-config.ts).
 * Called once, before any resource is registered.
 */
import * as pulumi from "@pulumi/pulumi";
import { PROJECT_NAME } from "./config-keys";
import type { StackConfig } from "./stack-config-types";
import { validateStackConfig } from "./validate-config";

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

export function readStackConfig(): StackConfig {
  return validateStackConfig({
    stack: pulumi.getStack(),
    region: new pulumi.Config("aws").get("region"),
    values: projectConfigValues(),
    secretKeys: secretConfigKeys(),
  });
}
