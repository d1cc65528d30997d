/**
 * `npm run --silent drift-summary -- --stack <name> --preview <file>`: turns the JSON that
 * `pulumi preview --refresh --expect-no-changes --json` writes into the Markdown summary of the drift
 * workflow, naming each resource that would change and each property that differs. Exit 0 when the
 * stack matches the program, 1 when something would change or the preview reported an error, 2 when
 * the file is missing or is not a preview's JSON.
 *
 * The JSON is Pulumi's preview digest (pulumi/pulumi `pkg/display/json.go`, `PreviewDigest`; built by
 * `pkg/backend/display/json.go`, `ShowPreviewDigest`): `steps` (one per shown resource step: `op`,
 * `urn`, `diffReasons`, `replaceReasons`, `detailedDiff` keyed by property path with a `kind`),
 * `diagnostics` (`severity`, `message`, `urn`) and `changeSummary` (count per op). Unchanged resources
 * appear as `same` only with --show-sames; `refresh` steps are the refresh's own reads.
 */
import { readFileSync } from "node:fs";
import { parseFlags, runAsCommand, stackFlag, UsageError, type ToolIo } from "./command";

export const DRIFT_SUMMARY_USAGE = `Usage: npm run --silent drift-summary -- --stack <name> --preview <file>

Reads the JSON of \`pulumi preview --refresh --expect-no-changes --json\` and prints a Markdown summary
naming each resource and property that differs. Exit 0: no drift; 1: drift or a failed preview; 2: the
file is missing or not a preview's JSON.`;

/**
 * Ops that change nothing: those `--expect-no-changes` does not count (pulumi/pulumi `pkg/engine`
 * `HasChanges`: same, read, read-discard, read-replacement), and the refresh's own reads.
 */
const NO_CHANGE_OPS = new Set(["same", "read", "read-discard", "read-replacement", "refresh"]);

/** What each op means when a freshly refreshed stack plans it. */
const OP_MEANING: Readonly<Record<string, string>> = {
  update: "differs from the program",
  create: "missing: deleted outside Pulumi, or never deployed",
  delete: "in the stack but no longer in the program (a change not deployed yet)",
  replace: "would be replaced",
  "create-replacement": "would be replaced",
  "delete-replaced": "would be replaced",
  import: "would be imported",
};

/** Pulumi's `detailedDiff` kinds (sdk/go/common/resource/plugin `DiffKind`), as the old (real) side against the program. */
const KIND_MEANING: Readonly<Record<string, string>> = {
  update: "differs",
  add: "set by the program, absent in the real resource",
  delete: "set on the real resource, not by the program",
  "update-replace": "differs, forces replacement",
  "add-replace": "set by the program, absent in the real resource, forces replacement",
  "delete-replace": "set on the real resource, not by the program, forces replacement",
};

interface PreviewStep {
  op: string;
  urn: string;
  diffReasons?: string[];
  replaceReasons?: string[];
  detailedDiff?: Record<string, { kind?: string }> | null;
}

interface PreviewDiagnostic {
  severity?: string;
  message?: string;
  urn?: string;
}

/** The resource that would change and the properties that differ. */
export interface DriftedResource {
  name: string;
  type: string;
  op: string;
  properties: { path: string; kind: string }[];
}

export interface DriftReport {
  /** "clean": nothing would change; "drift": something would; "failed": the preview reported an error. */
  outcome: "clean" | "drift" | "failed";
  resources: DriftedResource[];
  errors: string[];
  /** The Markdown summary. */
  markdown: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `urn:pulumi:<stack>::<project>::<type path>::<name>` → the last type and the name. */
function nameAndType(urn: string): { name: string; type: string } {
  const parts = urn.split("::");
  const typePath = parts[2] ?? urn;
  return { name: parts.slice(3).join("::") || urn, type: typePath.split("$").at(-1) ?? typePath };
}

function propertiesOf(step: PreviewStep): { path: string; kind: string }[] {
  if (isRecord(step.detailedDiff) && Object.keys(step.detailedDiff).length > 0) {
    return Object.entries(step.detailedDiff)
      .map(([path, diff]) => ({ path, kind: diff.kind ?? "update" }))
      .sort((a, b) => a.path.localeCompare(b.path));
  }
  const replacing = new Set(step.replaceReasons ?? []);
  const keys = [...new Set([...(step.diffReasons ?? []), ...replacing])].sort();
  return keys.map((path) => ({ path, kind: replacing.has(path) ? "update-replace" : "update" }));
}

function parseDigest(text: string): { steps: PreviewStep[]; diagnostics: PreviewDiagnostic[]; same: number | undefined } {
  if (text.trim() === "") throw new Error("the preview wrote no JSON (pulumi stopped before planning: see the pulumi step's log)");
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`not JSON (${error instanceof Error ? error.message : String(error)}): expected the output of pulumi preview --json`, {
      cause: error,
    });
  }
  if (!isRecord(parsed)) throw new Error("not a preview digest: expected a JSON object with steps, diagnostics and changeSummary");
  const { steps = [], diagnostics = [], changeSummary = {} } = parsed;
  if (!Array.isArray(steps) || !steps.every((step) => isRecord(step) && typeof step.op === "string" && typeof step.urn === "string")) {
    throw new Error("not a preview digest: steps must be a list of objects with op and urn");
  }
  if (!Array.isArray(diagnostics) || !isRecord(changeSummary)) {
    throw new Error("not a preview digest: diagnostics must be a list and changeSummary an object");
  }
  const same = changeSummary.same;
  return {
    steps: steps as PreviewStep[],
    diagnostics: diagnostics.filter(isRecord) as PreviewDiagnostic[],
    same: typeof same === "number" ? same : undefined,
  };
}

function code(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}

function tableCell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\s*\n\s*/g, " ");
}

function markdownOf(stack: string, outcome: DriftReport["outcome"], resources: DriftedResource[], errors: string[], same?: number): string {
  const lines: string[] = [];
  if (outcome === "clean") {
    lines.push(`### No drift in stack ${stack}`, "");
    lines.push(
      `Every resource matches the program after a refresh${same === undefined ? "" : ` (${same} unchanged)`}: \`pulumi preview --refresh --expect-no-changes\` plans no change.`,
    );
    return lines.join("\n");
  }
  lines.push(outcome === "drift" ? `### Drift in stack ${stack}` : `### The drift check of stack ${stack} failed`, "");
  if (resources.length > 0) {
    lines.push(
      `${resources.length} resource${resources.length === 1 ? "" : "s"} would change on \`pulumi up --stack ${stack}\`:`,
      "",
      "| Resource | Type | What | Properties that differ |",
      "| --- | --- | --- | --- |",
    );
    for (const resource of resources) {
      const properties =
        resource.properties.length === 0
          ? "—"
          : resource.properties.map((property) => `${code(property.path)} (${KIND_MEANING[property.kind] ?? property.kind})`).join(", ");
      lines.push(
        `| ${code(resource.name)} | ${code(resource.type)} | ${resource.op}: ${OP_MEANING[resource.op] ?? "would change"} | ${tableCell(properties)} |`,
      );
    }
    lines.push("");
  }
  if (errors.length > 0) {
    lines.push("Errors reported by the preview:", "", ...errors.map((error) => `- ${tableCell(error)}`), "");
  }
  if (outcome === "drift") {
    lines.push(
      `Bring the stack back to the program with \`pulumi up --stack ${stack}\`, or adopt the change into the stack's configuration or the program: see docs/operations.md, "Drift".`,
    );
  }
  return lines.join("\n").trimEnd();
}

/** The drift report of `previewJson` (the output of `pulumi preview --refresh --json`) for `stack`. Throws when it is not a preview's JSON. */
export function driftReport(stack: string, previewJson: string): DriftReport {
  const digest = parseDigest(previewJson);
  const resources: DriftedResource[] = digest.steps
    .filter((step) => !NO_CHANGE_OPS.has(step.op) && nameAndType(step.urn).type !== "pulumi:pulumi:Stack")
    .map((step) => ({ ...nameAndType(step.urn), op: step.op, properties: propertiesOf(step) }));
  const errors = digest.diagnostics
    .filter((diagnostic) => diagnostic.severity === "error")
    .map((diagnostic) => (diagnostic.message ?? "").trim())
    .filter((message) => message !== "");
  const outcome = errors.length > 0 ? "failed" : resources.length > 0 ? "drift" : "clean";
  return { outcome, resources, errors, markdown: markdownOf(stack, outcome, resources, errors, digest.same) };
}

export function printDriftSummary(argv: readonly string[], io: ToolIo, readFile = (file: string) => readFileSync(file, "utf8")): number {
  let stack: string;
  let file: string;
  try {
    const flags = parseFlags(argv, { stack: { value: true }, preview: { value: true }, help: { value: false } });
    if (flags.help === true) {
      io.out(DRIFT_SUMMARY_USAGE);
      return 0;
    }
    stack = stackFlag(flags);
    if (typeof flags.preview !== "string") throw new UsageError("Flag --preview is required (the file pulumi preview --json wrote)");
    file = flags.preview;
  } catch (error) {
    io.err(`drift-summary: ${error instanceof Error ? error.message : String(error)}`);
    io.err(DRIFT_SUMMARY_USAGE);
    return 2;
  }
  let report: DriftReport;
  try {
    report = driftReport(stack, readFile(file));
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/^ENOENT: [^,]*/, "no such file") : String(error);
    io.out(`### The drift check of stack ${stack} failed\n\n${file}: ${reason}`);
    io.err(`drift-summary: ${file}: ${reason}`);
    return 2;
  }
  io.out(report.markdown);
  return report.outcome === "clean" ? 0 : 1;
}

if (require.main === module) runAsCommand((argv, io) => Promise.resolve(printDriftSummary(argv, io)));
