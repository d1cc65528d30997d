/**
 * `npm run config-reference [-- --write]`: Pulumi.yaml's `config:` block and the key table of
 * docs/configuration.md, both written from infra/config/config-keys.ts (the one declaration of every
 * key, its default and meaning). Without --write it only checks them: exit 1 naming each file
 * that differs. Run it with --write after adding or changing a key.
 */
import * as yaml from "js-yaml";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import * as prettier from "prettier";
import { CONFIG_KEYS, type ConfigKeySpec } from "../infra/config/config-keys";
import { parseFlags, REPO_ROOT, runAsCommand, type ToolIo } from "./command";

/** One key as Pulumi.yaml declares it (https://www.pulumi.com/docs/iac/concepts/projects/project-file/#config-options). */
export interface ProjectConfigDeclaration {
  type: "string" | "integer" | "boolean" | "array";
  items?: { type: "string" };
  description: string;
  default: ConfigKeySpec["default"];
}

/** Where the generated table sits in docs/configuration.md. */
export const TABLE_START = "<!-- Generated from infra/config/config-keys.ts by `npm run config-reference -- --write`. -->";
export const TABLE_END = "<!-- End of the generated table. -->";

/** The region is the AWS provider's key, not the project's: the table lists it first, by hand. */
const REGION_ROW =
  "| `aws:region` | string | (required) | Region the sender publishes from; the IAM policy allows only this region; becomes the Action's `AWS_REGION`. |";

/** A Markdown description as plain text: `[text](file.md#part)` becomes `text (docs/file.md#part)`. */
export function plainDescription(markdown: string): string {
  return markdown.replace(/\[([^\]]+)\]\(([^)]+)\)/g, (_match, text: string, target: string) =>
    target.startsWith("#") ? text : `${text} (docs/${target})`,
  );
}

/** The type Pulumi.yaml declares for a key, from its default: a number is an integer. */
export function declaredType(value: ConfigKeySpec["default"]): ProjectConfigDeclaration["type"] {
  if (Array.isArray(value)) return "array";
  return typeof value === "boolean" ? "boolean" : typeof value === "number" ? "integer" : "string";
}

/** Pulumi.yaml's `config:` block, key by key in the declaration's order. */
export function projectConfigBlock(): Record<string, ProjectConfigDeclaration> {
  return Object.fromEntries(
    Object.entries(CONFIG_KEYS).map(([key, spec]: [string, ConfigKeySpec]) => [
      key,
      {
        type: declaredType(spec.default),
        ...(Array.isArray(spec.default) ? { items: { type: "string" as const } } : {}),
        description: plainDescription(spec.description),
        default: spec.default,
      },
    ]),
  );
}

/** How a default reads in the table: strings bare (`""` when empty), lists as [a, b]. */
function shownDefault(value: ConfigKeySpec["default"]): string {
  if (Array.isArray(value)) return `\`[${value.join(", ")}]\``;
  return value === "" ? '`""`' : `\`${String(value)}\``;
}

/** The key table of docs/configuration.md, between its markers. */
export function configTable(): string {
  const rows = Object.entries(CONFIG_KEYS).map(
    ([key, spec]: [string, ConfigKeySpec]) =>
      `| \`${key}\` | ${declaredType(spec.default)} | ${shownDefault(spec.default)} | ${spec.description} |`,
  );
  return [TABLE_START, "", "| Key | Type | Default | What it does |", "| --- | --- | --- | --- |", REGION_ROW, ...rows, "", TABLE_END].join(
    "\n",
  );
}

/** docs/configuration.md with its table as config-keys.ts says. */
export function withConfigTable(page: string): string {
  const start = page.indexOf(TABLE_START);
  const end = page.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new Error(`docs/configuration.md: the markers of the generated table are missing (${TABLE_START})`);
  return `${page.slice(0, start)}${configTable()}${page.slice(end + TABLE_END.length)}`;
}

/** Pulumi.yaml with its `config:` block (the file's last top-level key) as config-keys.ts says, formatted as the project formats YAML. */
export async function withConfigBlock(projectFile: string, filePath: string): Promise<string> {
  const start = projectFile.search(/^config:/m);
  if (start < 0) throw new Error("Pulumi.yaml: no top-level config: block");
  const text = `${projectFile.slice(0, start)}${yaml.dump({ config: projectConfigBlock() }, { lineWidth: 120 })}`;
  return prettier.format(text, { ...(await prettier.resolveConfig(filePath)), filepath: filePath });
}

const FILES: readonly { file: string; update: (text: string, filePath: string) => string | Promise<string> }[] = [
  { file: "Pulumi.yaml", update: withConfigBlock },
  { file: path.join("docs", "configuration.md"), update: withConfigTable },
];

export async function configReference(argv: readonly string[], io: ToolIo, root: string = REPO_ROOT): Promise<number> {
  const write = parseFlags(argv, { write: { value: false } }).write === true;
  let stale = 0;
  for (const { file, update } of FILES) {
    const current = readFileSync(path.join(root, file), "utf8");
    const wanted = await update(current, path.join(root, file));
    if (wanted === current) continue;
    if (write) {
      writeFileSync(path.join(root, file), wanted);
      io.out(`config-reference: wrote ${file}`);
    } else {
      io.err(`config-reference: ${file} differs from infra/config/config-keys.ts: run npm run config-reference -- --write`);
      stale += 1;
    }
  }
  return stale === 0 ? 0 : 1;
}

if (require.main === module) runAsCommand((argv, io) => configReference(argv, io));
