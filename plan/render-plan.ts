/**
 * Prints a plan as a person reads `pulumi preview`: the resource tree with the options that matter,
 * a count, each resource's inputs (secrets as [secret], values a preview cannot know as
 * "(known after apply)"), the stack outputs and the program's diagnostics. Also the JSON form.
 */
import { createHash } from "node:crypto";
import { isPlanMarker, type Plan, type PlannedResource, type PlanValue } from "./plan-model";
import { nameOfUrn, qualifiedTypeOfUrn } from "./plan-recorder";

export const SECRET_TEXT = "[secret]";
export const UNKNOWN_TEXT = "(known after apply)";
/** Strings longer than this are summarised (bundled Action code, for instance). */
export const LONG_STRING_CHARS = 2000;
const MAX_BLOCK_LINES = 40;

function typeOfUrn(urn: string): string {
  return qualifiedTypeOfUrn(urn).split("$").pop() ?? "";
}

/** "name (type)" for a URN: how the plan names another resource. */
export function describeUrn(urn: string): string {
  return `${nameOfUrn(urn)} (${typeOfUrn(urn)})`;
}

function summariseString(text: string): string {
  const digest = createHash("sha256").update(text).digest("hex").slice(0, 12);
  const lines = text.split("\n").length;
  return `<${text.length.toLocaleString("en-US")} characters, ${lines.toLocaleString("en-US")} lines, sha256 ${digest}…>`;
}

function parseJsonText(text: string): PlanValue | undefined {
  const trimmed = text.trim();
  if (!(trimmed.startsWith("{") || trimmed.startsWith("["))) return undefined;
  try {
    return JSON.parse(trimmed) as PlanValue;
  } catch {
    return undefined;
  }
}

/** One value, pretty-printed; `indent` is the indentation of the line the value starts on. */
export function formatValue(value: PlanValue, indent: string): string {
  if (value === null) return "null";
  if (typeof value === "boolean" || typeof value === "number") return String(value);
  if (typeof value === "string") return formatString(value, indent);
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    const inner = `${indent}    `;
    return `[\n${value.map((item) => `${inner}${formatValue(item, inner)}`).join("\n")}\n${indent}]`;
  }
  if (isPlanMarker(value)) {
    switch (value.$plan) {
      case "secret":
        return SECRET_TEXT;
      case "unknown":
        return UNKNOWN_TEXT;
      case "resource":
        return `resource ${describeUrn(value.urn)}`;
      default:
        return value.description;
    }
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return "{}";
  const inner = `${indent}    `;
  return `{\n${entries.map(([key, item]) => `${inner}${key}: ${formatValue(item, inner)}`).join("\n")}\n${indent}}`;
}

function formatString(text: string, indent: string): string {
  if (text.length > LONG_STRING_CHARS) return summariseString(text);
  const json = parseJsonText(text);
  if (json !== undefined && typeof json === "object" && json !== null) return `(json) ${formatValue(json, indent)}`;
  const lines = text.split("\n");
  if (lines.length === 1) return JSON.stringify(text);
  if (lines.length > MAX_BLOCK_LINES) return summariseString(text);
  return `|\n${lines.map((line) => `${indent}    ${line}`).join("\n")}`;
}

/** The options column of the tree: only the ones that change what Pulumi does. */
export function optionSummary(resource: PlannedResource): string[] {
  const { options } = resource;
  const parts: string[] = [];
  if (options.protect === true) parts.push("protect");
  if (options.retainOnDelete === true) parts.push("retainOnDelete");
  if (options.deleteBeforeReplace === true) parts.push("deleteBeforeReplace");
  if (options.dependsOn.length > 0) parts.push(`dependsOn: ${options.dependsOn.map(nameOfUrn).join(", ")}`);
  if (options.provider !== undefined) parts.push(`provider: ${nameOfUrn(options.provider)}`);
  if (options.ignoreChanges.length > 0) parts.push(`ignoreChanges: ${options.ignoreChanges.join(", ")}`);
  if (options.replaceOnChanges.length > 0) parts.push(`replaceOnChanges: ${options.replaceOnChanges.join(", ")}`);
  if (options.deletedWith !== undefined) parts.push(`deletedWith: ${nameOfUrn(options.deletedWith)}`);
  if (options.aliases.length > 0) parts.push(`aliases: ${options.aliases.length}`);
  if (options.importId !== undefined) parts.push(`import: ${options.importId}`);
  for (const [event, hooks] of Object.entries(options.hooks)) parts.push(`${event}: ${hooks.join(", ")}`);
  return parts;
}

function childrenByParent(plan: Plan): Map<string | undefined, PlannedResource[]> {
  const known = new Set(plan.resources.map((resource) => resource.urn));
  const children = new Map<string | undefined, PlannedResource[]>();
  for (const resource of plan.resources) {
    const parent = resource.parent !== undefined && known.has(resource.parent) ? resource.parent : undefined;
    children.set(parent, [...(children.get(parent) ?? []), resource]);
  }
  return children;
}

interface TreeRow {
  resource: PlannedResource;
  prefix: string;
}

function treeRows(plan: Plan): TreeRow[] {
  const children = childrenByParent(plan);
  const rows: TreeRow[] = [];
  const visit = (resource: PlannedResource, lead: string, branch: string): void => {
    rows.push({ resource, prefix: `${lead}${branch}` });
    const kids = children.get(resource.urn) ?? [];
    const childLead = branch === "" ? lead : `${lead}${branch === "└─ " ? "   " : "│  "}`;
    kids.forEach((kid, index) => visit(kid, childLead, index === kids.length - 1 ? "└─ " : "├─ "));
  };
  for (const root of children.get(undefined) ?? []) visit(root, "", "");
  return rows;
}

function operationSymbol(resource: PlannedResource): string {
  return resource.operation === "read" ? ">" : "+";
}

function renderTree(plan: Plan): string[] {
  const rows = treeRows(plan);
  const typeWidth = Math.max(4, ...rows.map((row) => row.prefix.length + row.resource.type.length)) + 2;
  const nameWidth = Math.max(4, ...rows.map((row) => row.resource.name.length)) + 2;
  const lines = [`     ${"Type".padEnd(typeWidth)}${"Name".padEnd(nameWidth)}Plan     Options`];
  for (const { resource, prefix } of rows) {
    const operation = resource.operation === "read" ? "read" : "create";
    const options = optionSummary(resource).join("; ");
    lines.push(
      ` ${operationSymbol(resource)}   ${`${prefix}${resource.type}`.padEnd(typeWidth)}${resource.name.padEnd(nameWidth)}${operation.padEnd(9)}${options}`.trimEnd(),
    );
  }
  return lines;
}

function renderResourceDetails(resource: PlannedResource): string[] {
  const lines = [`  ${operationSymbol(resource)} ${resource.type} "${resource.name}"`];
  const field = "      ";
  lines.push(`${field}urn: ${resource.urn}`);
  if (resource.parent !== undefined) lines.push(`${field}parent: ${describeUrn(resource.parent)}`);
  if (resource.id !== undefined) lines.push(`${field}id: ${resource.id} (placeholder)`);
  const { options } = resource;
  if (options.protect !== undefined) lines.push(`${field}protect: ${options.protect}`);
  if (options.retainOnDelete !== undefined) lines.push(`${field}retainOnDelete: ${options.retainOnDelete}`);
  if (options.deleteBeforeReplace !== undefined) lines.push(`${field}deleteBeforeReplace: ${options.deleteBeforeReplace}`);
  if (options.dependsOn.length > 0) lines.push(`${field}dependsOn: ${options.dependsOn.map(describeUrn).join(", ")}`);
  if (options.provider !== undefined) lines.push(`${field}provider: ${describeUrn(options.provider)}`);
  if (options.ignoreChanges.length > 0) lines.push(`${field}ignoreChanges: ${options.ignoreChanges.join(", ")}`);
  if (options.replaceOnChanges.length > 0) lines.push(`${field}replaceOnChanges: ${options.replaceOnChanges.join(", ")}`);
  if (options.additionalSecretOutputs.length > 0) {
    lines.push(`${field}secret outputs: ${options.additionalSecretOutputs.join(", ")}`);
  }
  if (options.deletedWith !== undefined) lines.push(`${field}deletedWith: ${describeUrn(options.deletedWith)}`);
  for (const alias of options.aliases) lines.push(`${field}alias: ${alias}`);
  if (options.importId !== undefined) lines.push(`${field}import: ${options.importId}`);
  if (options.customTimeouts !== undefined) {
    const timeouts = Object.entries(options.customTimeouts).map(([operation, value]) => `${operation} ${value}`);
    lines.push(`${field}customTimeouts: ${timeouts.join(", ")}`);
  }
  for (const [event, hooks] of Object.entries(options.hooks)) lines.push(`${field}hook ${event}: ${hooks.join(", ")}`);
  const inputs = Object.entries(resource.inputs);
  if (inputs.length > 0) {
    lines.push(`${field}inputs:`);
    const inner = `${field}    `;
    for (const [key, value] of inputs) lines.push(`${inner}${key}: ${formatValue(value, inner)}`);
  }
  return lines;
}

export interface PlanSummary {
  create: number;
  read: number;
}

export function summarise(plan: Plan): PlanSummary {
  return {
    create: plan.resources.filter((resource) => resource.operation === "create").length,
    read: plan.resources.filter((resource) => resource.operation === "read").length,
  };
}

function describeProgram(plan: Plan): string {
  const { program } = plan;
  const where = program.entryPoint === "." ? `${program.directory}/` : `${program.directory}/${program.entryPoint}`;
  if (!program.typescript.enabled) return `${where} (JavaScript)`;
  const { typeCheck, transpileOnlyBy, transpiler, tsconfig } = program.typescript;
  const config = tsconfig ?? "no tsconfig in the program folder: Pulumi's defaults";
  if (typeCheck) return `${where} loaded by @pulumi/pulumi cmd/run; ts-node type-checked (${config})`;
  const why =
    transpileOnlyBy === "PULUMI_NODEJS_TRANSPILE_ONLY"
      ? `PULUMI_NODEJS_TRANSPILE_ONLY=true; ${config}`
      : transpileOnlyBy === "noCheck"
        ? `compilerOptions.noCheck in ${config}`
        : config;
  const by = transpiler === undefined ? "" : ` with ${transpiler}`;
  return `${where} loaded by @pulumi/pulumi cmd/run; ts-node transpiled only${by} (${why})`;
}

/** Which encrypted values nobody could check here, and that they stayed secret. */
function describeUncheckedSecrets(plan: Plan): string[] {
  if (plan.uncheckedSecrets.length === 0) return [];
  return [
    `Not checked (encrypted, the offline plan cannot decrypt them): ${plan.uncheckedSecrets.join(", ")}`,
    "    The program received a placeholder for each, marked secret; `pulumi preview` checks the real values.",
  ];
}

/** The human-readable plan. */
export function renderPlanText(plan: Plan): string {
  const summary = summarise(plan);
  const lines = [
    `Previewing stack ${plan.stack} of project ${plan.project} (offline plan: nothing is sent to AWS or Auth0)`,
    `Stack file: ${plan.stackFile}`,
    `Program: ${describeProgram(plan)}`,
    ...describeUncheckedSecrets(plan),
    "",
    ...renderTree(plan),
    "",
    "Resources:",
    `    + ${summary.create} to create`,
  ];
  if (summary.read > 0) lines.push(`    > ${summary.read} to read`);
  lines.push("", "Details (ids and ARNs are placeholders; a real preview reads them from AWS and Auth0):");
  for (const resource of plan.resources) lines.push(...renderResourceDetails(resource), "");
  lines.push("Outputs:");
  const outputs = Object.entries(plan.outputs);
  if (outputs.length === 0) lines.push("    (none)");
  for (const [key, value] of outputs) lines.push(`    ${key}: ${formatValue(value, "    ")}`);
  const diagnostics = plan.diagnostics.filter((diagnostic) => diagnostic.severity !== "debug");
  if (diagnostics.length > 0) {
    lines.push("", "Diagnostics:");
    for (const diagnostic of diagnostics) {
      const where = diagnostic.urn === undefined ? "" : ` (${describeUrn(diagnostic.urn)})`;
      lines.push(`    ${diagnostic.severity}${where}: ${diagnostic.message}`);
    }
  }
  return `${lines.join("\n")}\n`;
}

/** The machine-readable plan: the same content, markers as `{"$plan": ...}` objects. */
export function renderPlanJson(plan: Plan): string {
  return `${JSON.stringify({ ...plan, summary: summarise(plan) }, null, 2)}\n`;
}
