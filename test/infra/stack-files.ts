/**
 * The configuration `pulumi up --stack <stack>` would hand the program: Pulumi.yaml's declared
 * defaults, overlaid with Pulumi.<stack>.yaml, as the flat `namespace:key` → string map the CLI puts
 * in PULUMI_CONFIG (strings as they are, other values as JSON).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { load } from "js-yaml";
import { PROJECT_NAME } from "../../infra/config/config-keys";
import { REPO_ROOT } from "../../tools/command";

export { REPO_ROOT };
export type StackName = "dev" | "prod";

export interface DeclaredConfigKey {
  type: string;
  items?: { type: string };
  description?: string;
  default?: unknown;
}

export interface ProjectFile {
  name: string;
  description?: string;
  runtime: string | { name: string; options?: Record<string, unknown> };
  main?: string;
  config?: Record<string, DeclaredConfigKey>;
}

function readYaml(file: string): unknown {
  return load(readFileSync(path.join(REPO_ROOT, file), "utf8"));
}

export function readProjectFile(): ProjectFile {
  return readYaml("Pulumi.yaml") as ProjectFile;
}

export function readStackFile(stack: StackName): Record<string, unknown> {
  const file = readYaml(`Pulumi.${stack}.yaml`) as { config?: Record<string, unknown> } | null;
  return file?.config ?? {};
}

function namespaced(key: string): string {
  return key.includes(":") ? key : `${PROJECT_NAME}:${key}`;
}

function serialize(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

/**
 * The stack's effective configuration. `overrides` use bare project keys or `ns:key`; an override of
 * `undefined` removes the key (as if it were never set, default included).
 */
export function stackConfiguration(stack: StackName, overrides: Record<string, unknown> = {}): Record<string, string> {
  const config = new Map<string, string>();
  for (const [key, declared] of Object.entries(readProjectFile().config ?? {})) {
    if (declared.default !== undefined) config.set(namespaced(key), serialize(declared.default));
  }
  for (const [key, value] of Object.entries(readStackFile(stack))) config.set(namespaced(key), serialize(value));
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) config.delete(namespaced(key));
    else config.set(namespaced(key), serialize(value));
  }
  return Object.fromEntries(config);
}
