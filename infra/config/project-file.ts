/**
 * Reads Pulumi.yaml the way the Pulumi CLI does (pulumi/pulumi sdk/go/common/workspace/project.go):
 * the project name, the Node.js runtime options, `main`, and the `config:` declarations with their
 * shorthand forms and validation rules.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parseYamlDocument } from "./yaml-document";

/** The `items` of an array config declaration (nested for arrays of arrays). */
export interface ConfigItemsType {
  type: string;
  items?: ConfigItemsType;
}

/** One entry of Pulumi.yaml `config:` after the CLI's shorthand rewriting. */
export interface ProjectConfigDeclaration {
  type?: string;
  items?: ConfigItemsType;
  description?: string;
  default?: unknown;
  value?: unknown;
  secret: boolean;
}

/** The Node.js language host options (`runtime.options` in Pulumi.yaml). */
export interface NodejsRuntimeOptions {
  typescript: boolean;
  tsconfig?: string;
  nodeargs?: string;
}

export interface ProjectFile {
  /** Absolute path of the folder that holds Pulumi.yaml. */
  rootDirectory: string;
  /** Absolute path of Pulumi.yaml itself. */
  filePath: string;
  name: string;
  main?: string;
  stackConfigDir?: string;
  runtimeOptions: NodejsRuntimeOptions;
  config: Record<string, ProjectConfigDeclaration>;
}

const PROJECT_FILE_NAMES = ["Pulumi.yaml", "Pulumi.yml"];
const CONFIG_TYPES = new Set(["string", "integer", "boolean", "array", "object"]);

/** Finds and parses the project file in `rootDirectory`. */
export function readProjectFile(rootDirectory: string): ProjectFile {
  for (const fileName of PROJECT_FILE_NAMES) {
    const filePath = path.join(rootDirectory, fileName);
    if (fs.existsSync(filePath)) {
      return parseProjectFile(fs.readFileSync(filePath, "utf8"), filePath);
    }
  }
  throw new Error(`no Pulumi.yaml in ${rootDirectory}: run the plan from the project folder or pass --cwd`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isShorthandValue(value: unknown): boolean {
  return ["string", "number", "boolean"].includes(typeof value) || Array.isArray(value);
}

/** True for keys the CLI treats as the project's own (no namespace, or `<project>:`). */
export function isProjectNamespaced(projectName: string, key: string): boolean {
  return !key.includes(":") || key.startsWith(`${projectName}:`);
}

/** Parses the text of Pulumi.yaml; `filePath` names the file in error messages. */
export function parseProjectFile(text: string, filePath: string): ProjectFile {
  const fileName = path.basename(filePath);
  const document = parseYamlDocument(text, fileName);
  const name = document["name"];
  if (typeof name !== "string" || name === "") {
    throw new Error(`${fileName}: project is missing a non-empty string 'name' attribute`);
  }
  const main = optionalString(document, "main", fileName);
  const stackConfigDir = optionalString(document, "stackConfigDir", fileName);
  return {
    rootDirectory: path.dirname(path.resolve(filePath)),
    filePath: path.resolve(filePath),
    name,
    ...(main === undefined ? {} : { main }),
    ...(stackConfigDir === undefined ? {} : { stackConfigDir }),
    runtimeOptions: parseRuntime(document["runtime"], fileName),
    config: parseConfigDeclarations(name, document["config"], fileName),
  };
}

function optionalString(document: Record<string, unknown>, key: string, fileName: string): string | undefined {
  const value = document[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw new Error(`${fileName}: '${key}' must be a string`);
  return value;
}

function parseRuntime(runtime: unknown, fileName: string): NodejsRuntimeOptions {
  const runtimeName = isRecord(runtime) ? runtime["name"] : runtime;
  if (runtimeName !== "nodejs") {
    throw new Error(`${fileName}: 'runtime' must be nodejs for this plan, got ${JSON.stringify(runtimeName ?? null)}`);
  }
  const options = isRecord(runtime) && isRecord(runtime["options"]) ? runtime["options"] : {};
  const typescript = options["typescript"] ?? true;
  if (typeof typescript !== "boolean") throw new Error(`${fileName}: runtime option 'typescript' must be a boolean`);
  const result: NodejsRuntimeOptions = { typescript };
  for (const key of ["tsconfig", "nodeargs"] as const) {
    const value = options[key];
    if (value === undefined) continue;
    if (typeof value !== "string") throw new Error(`${fileName}: runtime option '${key}' must be a string`);
    result[key] = value;
  }
  return result;
}

function parseItemsType(value: unknown, where: string): ConfigItemsType {
  if (!isRecord(value) || typeof value["type"] !== "string" || !CONFIG_TYPES.has(value["type"])) {
    throw new Error(`${where}: 'items' must declare a 'type' (string, integer, boolean, array or object)`);
  }
  const items = value["items"];
  return { type: value["type"], ...(items === undefined ? {} : { items: parseItemsType(items, where) }) };
}

function parseConfigDeclarations(projectName: string, config: unknown, fileName: string): Record<string, ProjectConfigDeclaration> {
  if (config === undefined || config === null) return {};
  if (!isRecord(config)) throw new Error(`${fileName}: 'config' must be a map of configuration keys`);
  const declarations: Record<string, ProjectConfigDeclaration> = {};
  for (const [key, raw] of Object.entries(config)) {
    const where = `${fileName}: config key '${key}'`;
    const ownKey = isProjectNamespaced(projectName, key);
    // The CLI's RewriteShorthandConfigValues: a bare value is a default for the project's own keys
    // and a fixed value for other namespaces (aws:region: us-east-1).
    const spec: Record<string, unknown> = isShorthandValue(raw) ? (ownKey ? { default: raw } : { value: raw }) : isRecord(raw) ? raw : {};
    if (!isShorthandValue(raw) && !isRecord(raw)) throw new Error(`${where} must be a value or a map with type/default`);
    const declaration: ProjectConfigDeclaration = { secret: spec["secret"] === true };
    const type = spec["type"];
    if (type !== undefined) {
      if (typeof type !== "string" || !CONFIG_TYPES.has(type)) {
        throw new Error(`${where}: 'type' must be one of string, integer, boolean, array, object`);
      }
      declaration.type = type;
    }
    if (spec["items"] !== undefined) declaration.items = parseItemsType(spec["items"], where);
    if (typeof spec["description"] === "string") declaration.description = spec["description"];
    if (spec["default"] !== undefined && spec["default"] !== null) declaration.default = spec["default"];
    if (spec["value"] !== undefined && spec["value"] !== null) declaration.value = spec["value"];
    validateDeclaration(key, declaration, ownKey, fileName);
    declarations[key] = declaration;
  }
  return declarations;
}

/** The CLI's Project.Validate rules, with its messages. */
function validateDeclaration(key: string, declaration: ProjectConfigDeclaration, ownKey: boolean, fileName: string): void {
  if (declaration.default !== undefined && declaration.value !== undefined) {
    throw new Error(`${fileName}: project config '${key}' cannot have both a 'default' and 'value' attribute`);
  }
  if (ownKey) {
    if (declaration.type === "array" && declaration.items === undefined) {
      throw new Error(
        `${fileName}: The configuration key '${key}' declares an array but does not specify the underlying type via the 'items' attribute`,
      );
    }
    if (declaration.type !== undefined && declaration.default !== undefined) {
      if (!isValueOfType(declaration.type, declaration.items, declaration.default)) {
        throw new Error(
          `${fileName}: The default value specified for configuration key '${key}' is not of the expected type '${fullTypeName(declaration.type, declaration.items)}'`,
        );
      }
    }
    return;
  }
  if (declaration.type !== undefined) {
    throw new Error(`${fileName}: Configuration key '${key}' is not namespaced by the project and should not define a type`);
  }
  if (declaration.default !== undefined) {
    throw new Error(
      `${fileName}: Configuration key '${key}' is not namespaced by the project and should not define a default value. Did you mean to use the 'value' attribute instead of 'default'?`,
    );
  }
  if (declaration.value === undefined) {
    throw new Error(`${fileName}: Configuration key '${key}' is namespaced and must provide an attribute 'value'`);
  }
}

/** `array<string>` style names, as the CLI prints them. */
export function fullTypeName(type: string, items: ConfigItemsType | undefined): string {
  return items === undefined ? type : `array<${fullTypeName(items.type, items.items)}>`;
}

/** The CLI's ValidateConfigValue: does `value` (YAML-decoded) fit the declared type? */
export function isValueOfType(type: string, items: ConfigItemsType | undefined, value: unknown): boolean {
  switch (type) {
    case "string":
      return typeof value === "string";
    case "integer":
      if (typeof value === "number") return Number.isInteger(value);
      return typeof value === "string" && /^[+-]?\d+$/.test(value);
    case "boolean":
      return typeof value === "boolean" || value === "true" || value === "false";
    case "object":
      return isRecord(value);
    default:
      if (!Array.isArray(value) || items === undefined) return false;
      return value.every((item) => isValueOfType(items.type, items.items, item));
  }
}

/** Where the program lives: the CLI's GetPwdMain (`main` may name a folder or a file). */
export interface ProgramLocation {
  /** The program's working directory (`--pwd`). */
  programDirectory: string;
  /** What cmd/run is asked to load: "." for a folder, else the file name inside programDirectory. */
  entryPoint: string;
}

export function locateProgram(project: ProjectFile): ProgramLocation {
  if (project.main === undefined || project.main === "") {
    return { programDirectory: project.rootDirectory, entryPoint: "." };
  }
  if (path.isAbsolute(project.main)) throw new Error(`Pulumi.yaml: project 'main' must be a relative path`);
  const mainPath = path.resolve(project.rootDirectory, project.main);
  const relative = path.relative(project.rootDirectory, mainPath);
  if (relative.startsWith("..")) throw new Error(`Pulumi.yaml: project 'main' must be a subfolder of the project`);
  if (!fs.existsSync(mainPath)) throw new Error(`Pulumi.yaml: project 'main' could not be read: ${mainPath} does not exist`);
  if (fs.statSync(mainPath).isDirectory()) return { programDirectory: mainPath, entryPoint: "." };
  return { programDirectory: path.dirname(mainPath), entryPoint: path.basename(mainPath) };
}
