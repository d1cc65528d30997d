/**
 * A stack's committed configuration (Pulumi.yaml defaults + Pulumi.<stack>.yaml), read the way the
 * offline plan reads it, validated as the program validates it. Offline: no Pulumi CLI. `secure:`
 * values cannot be decrypted here; they are marked secure and never quoted.
 */
import { PROJECT_NAME } from "../infra/config/config-keys";
import type { StackConfig } from "../infra/config/stack-config-types";
import { validateStackConfig } from "../infra/config/validate-config";
import { readProjectFile } from "../infra/config/project-file";
import { buildProgramConfig, readStackFile, stackFilePath, type ConfigValue } from "../infra/config/stack-file";

export interface CommittedStackConfig {
  config: StackConfig;
  /** Every namespaced value after the project defaults were merged in ("auth0:domain", "aws:region", ...). */
  values: ReadonlyMap<string, ConfigValue>;
}

/** `stack` is the stack file's name part (`prod`, not `my-org/auth0-sns-mfa/prod`); `stackFile`: default `Pulumi.<stack>.yaml` beside the project file. */
export function readCommittedStackConfig(rootDirectory: string, stack: string, stackFile?: string): CommittedStackConfig {
  const project = readProjectFile(rootDirectory);
  const merged = buildProgramConfig(project, stack, readStackFile(stackFile ?? stackFilePath(project, stack)));
  const prefix = `${PROJECT_NAME}:`;
  const values: Record<string, string> = {};
  const secretKeys: string[] = [];
  for (const [key, value] of merged.values) {
    if (!key.startsWith(prefix)) continue;
    values[key.slice(prefix.length)] = value.text;
    if (value.secure) secretKeys.push(key.slice(prefix.length));
  }
  const region = merged.values.get("aws:region");
  if (region?.secure === true) secretKeys.push("aws:region");
  const config = validateStackConfig({ stack, region: region?.text, values, secretKeys });
  return { config, values: merged.values };
}
