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

export function readStackConfig(): StackConfig {
  return validateStackConfig({
    stack: pulumi.getStack(),
    region: new pulumi.Config("aws").get("region"),
    values: projectConfigValues(),
  });
}
