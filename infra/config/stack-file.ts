/**
 * Turns Pulumi.yaml declarations and Pulumi.<stack>.yaml values into the environment the Pulumi
 * CLI gives a Node.js program: PULUMI_CONFIG (JSON of "<namespace>:config:<name>" → string, as the
 * Node.js language host writes it) and PULUMI_CONFIG_SECRET_KEYS (JSON array of secret keys).
 *
 * Mirrors pulumi/pulumi sdk/go/common/workspace (mergeConfig, validateStackConfigValue) and
 * resource/config (ParseKey, Value): scalars pass as their text, maps and lists as JSON strings,
 * project defaults fill keys the stack does not set. `secure:` values cannot be decrypted here, so
 * each is replaced by a placeholder and its key is listed as secret: the program sees a secret.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { fullTypeName, isProjectNamespaced, isValueOfType, type ProjectFile } from "./project-file";
import { SECRET_PLACEHOLDER_PREFIX } from "./validate-config";
import { parseYamlDocument } from "./yaml-document";

/** One configuration value as the CLI holds it (config.Value). */
export interface ConfigValue {
  /** The text the program receives: the scalar's text, or JSON for maps and lists. */
  text: string;
  /** True when the value (or, for maps and lists, any leaf) was `secure:`. */
  secure: boolean;
  /** True for maps and lists (text is JSON). */
  object: boolean;
}

/** A parsed stack file: namespaced key ("aws:region") → value, plus anything worth a warning. */
export interface StackFile {
  filePath: string;
  values: Map<string, ConfigValue>;
  warnings: string[];
}

/** What the program is started with. */
export interface ProgramConfig {
  /** Namespaced key → value, after project defaults were merged in. */
  values: Map<string, ConfigValue>;
  /** The PULUMI_CONFIG and PULUMI_CONFIG_SECRET_KEYS environment variables. */
  environment: { PULUMI_CONFIG: string; PULUMI_CONFIG_SECRET_KEYS: string };
}

/** The text a `secure:` value becomes. It names the key, never the ciphertext. */
export function secretPlaceholder(key: string): string {
  return `${SECRET_PLACEHOLDER_PREFIX}${key.replace(/[^A-Za-z0-9]+/g, "-")}`;
}

/** The CLI's config.ParseKey: "ns:name", or the legacy "ns:config:name". */
export function parseConfigKey(rawKey: string, fileName: string): string {
  const parts = rawKey.split(":");
  if (parts.length === 2 && parts[0] !== "" && parts[1] !== "") return rawKey;
  if (parts.length === 3 && parts[1] === "config" && parts[0] !== "" && parts[2] !== "") return `${parts[0]}:${parts[2]}`;
  throw new Error(
    `${fileName}: could not parse ${rawKey} as a configuration key (configuration keys should be of the form \`<namespace>:<name>\`)`,
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function secureCiphertext(value: unknown): string | undefined {
  if (!isRecord(value)) return undefined;
  const keys = Object.keys(value);
  return keys.length === 1 && keys[0] === "secure" && typeof value["secure"] === "string" ? value["secure"] : undefined;
}

/** Replaces every `secure:` leaf of a map/list by its placeholder; reports whether there was one. */
function withPlaceholders(value: unknown, key: string): { plain: unknown; secure: boolean } {
  if (secureCiphertext(value) !== undefined) return { plain: secretPlaceholder(key), secure: true };
  if (Array.isArray(value)) {
    const items = value.map((item) => withPlaceholders(item, key));
    return { plain: items.map((item) => item.plain), secure: items.some((item) => item.secure) };
  }
  if (isRecord(value)) {
    const entries = Object.entries(value).map(([name, item]) => [name, withPlaceholders(item, key)] as const);
    return {
      plain: Object.fromEntries(entries.map(([name, item]) => [name, item.plain])),
      secure: entries.some(([, item]) => item.secure),
    };
  }
  return { plain: value, secure: false };
}

/** One YAML value (stack file or project default) → the CLI's config.Value. */
export function toConfigValue(raw: unknown, key: string): ConfigValue {
  if (secureCiphertext(raw) !== undefined) return { text: secretPlaceholder(key), secure: true, object: false };
  if (raw === null || raw === undefined) return { text: "", secure: false, object: false };
  if (typeof raw === "string" || typeof raw === "number" || typeof raw === "boolean") {
    return { text: String(raw), secure: false, object: false };
  }
  const { plain, secure } = withPlaceholders(raw, key);
  return { text: JSON.stringify(plain), secure, object: true };
}

/** Parses the text of Pulumi.<stack>.yaml. */
export function parseStackFile(text: string, filePath: string): StackFile {
  const fileName = path.basename(filePath);
  const document = parseYamlDocument(text, fileName);
  const warnings: string[] = [];
  if (document["environment"] !== undefined) {
    warnings.push(`${fileName} imports Pulumi ESC environments; the offline plan cannot open them, so their values are missing here`);
  }
  const config = document["config"];
  if (config !== undefined && config !== null && !isRecord(config)) {
    throw new Error(`${fileName}: 'config' must be a map of "<namespace>:<name>" keys`);
  }
  const values = new Map<string, ConfigValue>();
  for (const [rawKey, raw] of Object.entries(config ?? {})) {
    const key = parseConfigKey(rawKey, fileName);
    values.set(key, toConfigValue(raw, key));
  }
  return { filePath, values, warnings };
}

/** The stack file's path: `<root>/<stackConfigDir>/Pulumi.<stack>.yaml` (or .yml). */
export function stackFilePath(project: ProjectFile, stackName: string): string {
  const directory = path.resolve(project.rootDirectory, project.stackConfigDir ?? ".");
  const candidates = [`Pulumi.${stackName}.yaml`, `Pulumi.${stackName}.yml`].map((name) => path.join(directory, name));
  return candidates.find((candidate) => fs.existsSync(candidate)) ?? (candidates[0] as string);
}

export function readStackFile(filePath: string): StackFile {
  if (!fs.existsSync(filePath)) {
    throw new Error(`no stack file ${filePath}: create it (pulumi stack init) or pick a stack that has one with --stack`);
  }
  return parseStackFile(fs.readFileSync(filePath, "utf8"), filePath);
}

function fullKey(projectName: string, declaredKey: string): string {
  return declaredKey.includes(":") ? declaredKey : `${projectName}:${declaredKey}`;
}

/** The decoded content a type check looks at: the text, or the parsed JSON of a map/list. */
function typedContent(value: ConfigValue): unknown {
  return value.object ? JSON.parse(value.text) : value.text;
}

/**
 * The CLI's mergeConfig + validateStackConfigValues: project defaults and fixed values fill what the
 * stack does not set; missing required keys, type mismatches and unencrypted secrets are errors
 * worded as the CLI words them.
 */
export function mergeProjectConfig(project: ProjectFile, stackName: string, stack: StackFile): Map<string, ConfigValue> {
  const merged = new Map(stack.values);
  const declaredKeys = Object.keys(project.config).sort();
  const missing: string[] = [];
  for (const declaredKey of declaredKeys) {
    const declaration = project.config[declaredKey];
    if (declaration === undefined) continue;
    const key = fullKey(project.name, declaredKey);
    if (merged.has(key)) continue;
    const fallback = declaration.default ?? declaration.value;
    if (fallback !== undefined) {
      merged.set(key, toConfigValue(fallback, key));
    } else if (isProjectNamespaced(project.name, declaredKey)) {
      missing.push(declaredKey);
    }
  }
  if (missing.length > 0) {
    const quoted = missing.map((key) => `'${key}'`);
    const list = quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(", ")} and ${quoted[quoted.length - 1]}`;
    throw new Error(`Stack '${stackName}' is missing configuration value${missing.length > 1 ? "s" : ""} ${list}`);
  }
  for (const declaredKey of declaredKeys) {
    const declaration = project.config[declaredKey];
    const value = merged.get(fullKey(project.name, declaredKey));
    if (declaration === undefined || value === undefined || declaration.type === undefined) continue;
    if (declaration.secret && !value.secure) {
      throw new Error(`Stack '${stackName}' with configuration key '${declaredKey}' must be encrypted as it's secret`);
    }
    // The CLI decrypts a secure value before checking its type; the plan cannot, so it does not judge it.
    if (value.secure) continue;
    if (!isValueOfType(declaration.type, declaration.items, typedContent(value))) {
      throw new Error(
        `Stack '${stackName}' with configuration key '${declaredKey}' must be of type '${fullTypeName(declaration.type, declaration.items)}'`,
      );
    }
  }
  return merged;
}

/** The environment variables, in the Node.js language host's format. */
export function programConfigEnvironment(values: Map<string, ConfigValue>): ProgramConfig["environment"] {
  const config: Record<string, string> = {};
  const secretKeys: string[] = [];
  for (const [key, value] of [...values.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const separator = key.indexOf(":");
    config[`${key.slice(0, separator)}:config:${key.slice(separator + 1)}`] = value.text;
    if (value.secure) secretKeys.push(key);
  }
  return { PULUMI_CONFIG: JSON.stringify(config), PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(secretKeys) };
}

/** Project + stack file → what the program is started with. */
export function buildProgramConfig(project: ProjectFile, stackName: string, stack: StackFile): ProgramConfig {
  const values = mergeProjectConfig(project, stackName, stack);
  return { values, environment: programConfigEnvironment(values) };
}
