/**
 * Parses a Pulumi YAML file (Pulumi.yaml, Pulumi.<stack>.yaml) into a plain map. The YAML 1.2 core
 * schema is used, as the CLI's Go YAML decoder does: no timestamps, no custom tags.
 */
import * as yaml from "js-yaml";

export function parseYamlDocument(text: string, fileName: string): Record<string, unknown> {
  let document: unknown;
  try {
    document = yaml.load(text, { schema: yaml.CORE_SCHEMA, filename: fileName });
  } catch (error) {
    const reason = error instanceof yaml.YAMLException ? error.message : String(error);
    throw new Error(`${fileName} is not valid YAML: ${reason}`, { cause: error });
  }
  if (document === undefined || document === null) return {};
  if (typeof document !== "object" || Array.isArray(document)) {
    throw new Error(`${fileName}: expected a YAML map at the top level`);
  }
  return document as Record<string, unknown>;
}
