/**
 * `npm run footprint`: what one `pulumi up` loads, measured with esbuild's resolver (the program
 * bundled from infra/index.ts with every npm package left external, as Node resolves them): every
 * source file and its lines, and the npm packages the program and Pulumi's runner load. Exit 1 when a
 * rule of docs/architecture.md is broken: more files or lines than the ceiling, a file over 400
 * lines, a YAML parser on the path, or a package outside package.json `dependencies` (it would be
 * missing after `npm ci --omit=dev`).
 */
import { build } from "esbuild";
import { readFileSync } from "node:fs";
import path from "node:path";
import { npmPackageOf } from "../infra/auth0/action-bundle";
import { REPO_ROOT, runAsCommand, type ToolIo } from "./command";

/** The ceiling of what the program may load (docs/architecture.md). */
export const FOOTPRINT_CEILING = { files: 36, lines: 3900, linesPerFile: 400 } as const;

/** YAML parsers: the runner has read Pulumi.yaml and the stack file already, so the program never parses one. */
const YAML_PARSERS = ["js-yaml", "yaml", "yamljs"];

/**
 * What @pulumi/pulumi's runner (cmd/run/run.js with tsutils.js) loads for a `typescript: true`
 * project: the project's ts-node and typescript, else its vendored ts-node 7.0.1 and TypeScript 3.8.3,
 * which cannot read this program's syntax nor honour tsconfig.pulumi.json's transpiler.
 */
const RUNNER_PACKAGES = ["ts-node", "typescript"];

export interface ProgramFootprint {
  /** Every source file the entry reaches, relative to the repository, with its line count, longest first. */
  files: { file: string; lines: number }[];
  lines: number;
  /** The npm packages loaded at run time: the program's, the runner's and its TypeScript transpiler's. */
  packages: string[];
}

function lineCount(file: string): number {
  const text = readFileSync(file, "utf8");
  return text.split("\n").length - (text.endsWith("\n") ? 1 : 0);
}

/** The npm packages `entry` reaches, and the project files it reaches (absolute paths). */
async function reach(entry: string, root: string): Promise<{ files: string[]; packages: Set<string> }> {
  const result = await build({
    entryPoints: [entry],
    absWorkingDir: root,
    bundle: true,
    packages: "external",
    platform: "node",
    format: "cjs",
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const packages = new Set<string>();
  for (const input of Object.values(result.metafile.inputs)) {
    for (const imported of input.imports) {
      const name = imported.external ? npmPackageOf(imported.path) : undefined;
      if (name !== undefined) packages.add(name);
    }
  }
  return { files: Object.keys(result.metafile.inputs).map((file) => path.resolve(root, file)), packages };
}

/** The transpiler module tsconfig.pulumi.json names for ts-node (`"ts-node": { "transpiler" }`), if any. */
function runnerTranspiler(root: string): string | undefined {
  const tsconfig = JSON.parse(readFileSync(path.join(root, "tsconfig.pulumi.json"), "utf8")) as { "ts-node"?: { transpiler?: string } };
  const transpiler = tsconfig["ts-node"]?.transpiler;
  return transpiler === undefined ? undefined : path.resolve(root, transpiler);
}

export async function programFootprint(root: string = REPO_ROOT): Promise<ProgramFootprint> {
  const program = await reach(path.join(root, "infra", "index.ts"), root);
  const packages = new Set([...program.packages, ...RUNNER_PACKAGES]);
  const transpiler = runnerTranspiler(root);
  if (transpiler !== undefined) for (const name of (await reach(transpiler, root)).packages) packages.add(name);
  const files = program.files
    .map((file) => ({ file: path.relative(root, file), lines: lineCount(file) }))
    .sort((a, b) => b.lines - a.lines || a.file.localeCompare(b.file));
  return { files, lines: files.reduce((sum, file) => sum + file.lines, 0), packages: [...packages].sort() };
}

/** Every broken rule, one line each (empty when the footprint keeps them all). */
export function footprintProblems(footprint: ProgramFootprint, dependencies: Readonly<Record<string, string>>): string[] {
  const problems: string[] = [];
  const { files, lines, linesPerFile } = FOOTPRINT_CEILING;
  if (footprint.files.length > files) problems.push(`${footprint.files.length} files: the ceiling is ${files}`);
  if (footprint.lines > lines) problems.push(`${footprint.lines} lines: the ceiling is ${lines}`);
  for (const file of footprint.files) {
    if (file.lines > linesPerFile) problems.push(`${file.file} has ${file.lines} lines: at most ${linesPerFile} per file`);
  }
  for (const name of footprint.packages) {
    if (YAML_PARSERS.includes(name)) problems.push(`${name} is a YAML parser: the runner has read the project and stack files already`);
    if (!Object.hasOwn(dependencies, name)) {
      problems.push(`${name} is loaded at run time but is not in package.json dependencies: npm ci --omit=dev leaves it out`);
    }
  }
  return problems;
}

/** The `dependencies` of the project's package.json. */
export function productionDependencies(root: string = REPO_ROOT): Record<string, string> {
  return (
    (JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { dependencies?: Record<string, string> }).dependencies ?? {}
  );
}

export async function printFootprint(io: ToolIo, root: string = REPO_ROOT): Promise<number> {
  const footprint = await programFootprint(root);
  for (const file of footprint.files) io.out(`${String(file.lines).padStart(5)}  ${file.file}`);
  const { files, lines } = FOOTPRINT_CEILING;
  io.out(`${footprint.files.length} files (at most ${files}), ${footprint.lines} lines (at most ${lines})`);
  io.out(`packages loaded at run time: ${footprint.packages.join(", ")}`);
  const problems = footprintProblems(footprint, productionDependencies(root));
  for (const problem of problems) io.err(`footprint: ${problem}`);
  return problems.length === 0 ? 0 : 1;
}

if (require.main === module) runAsCommand((_argv, io) => printFootprint(io));
