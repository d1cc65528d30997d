/**
 * How @pulumi/pulumi's cmd/run will compile the program (cmd/run/run.js), worked out ahead so the
 * plan can say it: ts-node reads PULUMI_NODEJS_TSCONFIG_PATH (default tsconfig.json) relative to the
 * program's folder, skips any tsconfig when that file is missing, and type-checks unless
 * PULUMI_NODEJS_TRANSPILE_ONLY=true or the tsconfig sets compilerOptions.noCheck (read from that file
 * alone, as cmd/run reads it: not from a tsconfig it extends). When it only transpiles, ts-node uses
 * the transpiler the file's "ts-node" options name, else TypeScript's own.
 */
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import type * as TypeScript from "typescript";

/** What turned the type-check off: the environment variable, or the tsconfig's own noCheck. */
export type TranspileOnlyBy = "PULUMI_NODEJS_TRANSPILE_ONLY" | "noCheck";

export interface TypeScriptMode {
  /** false when Pulumi.yaml turns TypeScript off (plain JavaScript). */
  enabled: boolean;
  /** ts-node checks types (the CLI's default) or only transpiles. */
  typeCheck: boolean;
  /** Why ts-node only transpiles; absent when it type-checks. */
  transpileOnlyBy?: TranspileOnlyBy;
  /** The module ts-node transpiles with (`"ts-node": { "transpiler" }` in the tsconfig), as written; absent: TypeScript's own. */
  transpiler?: string;
  /** The tsconfig ts-node uses (absolute), or undefined when none is found and Pulumi's defaults apply. */
  tsconfig?: string;
}

interface RunnerOptions {
  noCheck?: boolean;
  transpiler?: string;
}

/**
 * compilerOptions.noCheck and ts-node's transpiler as written in the file itself. A tsconfig may hold
 * comments: plain JSON is read as it is, anything else by the project's own TypeScript, loaded only
 * then (it is 9 MB).
 */
function readRunnerOptions(tsconfigPath: string): RunnerOptions {
  const text = fs.readFileSync(tsconfigPath, "utf8");
  let config: unknown;
  try {
    config = JSON.parse(text);
  } catch {
    const ts = createRequire(__filename)("typescript") as typeof TypeScript;
    config = ts.parseConfigFileTextToJson(tsconfigPath, text).config;
  }
  const parsed = config as { compilerOptions?: { noCheck?: unknown }; "ts-node"?: { transpiler?: unknown } } | undefined;
  const noCheck = parsed?.compilerOptions?.noCheck;
  const transpiler = parsed?.["ts-node"]?.transpiler;
  const transpilerName = Array.isArray(transpiler) ? (transpiler as unknown[])[0] : transpiler;
  return {
    ...(typeof noCheck === "boolean" ? { noCheck } : {}),
    ...(typeof transpilerName === "string" ? { transpiler: transpilerName } : {}),
  };
}

export function typeScriptMode(programDirectory: string, typescript: boolean, environment: NodeJS.ProcessEnv): TypeScriptMode {
  if (!typescript) return { enabled: false, typeCheck: false };
  const configured = environment["PULUMI_NODEJS_TSCONFIG_PATH"] ?? "tsconfig.json";
  const tsconfigPath = path.resolve(programDirectory, configured);
  const found = fs.existsSync(tsconfigPath);
  const options: RunnerOptions = found ? readRunnerOptions(tsconfigPath) : {};
  const transpileOnlyVariable = environment["PULUMI_NODEJS_TRANSPILE_ONLY"];
  const tsconfig = found ? { tsconfig: tsconfigPath } : {};
  const transpiler = options.transpiler === undefined ? {} : { transpiler: options.transpiler };
  if (transpileOnlyVariable !== undefined && transpileOnlyVariable !== "") {
    return transpileOnlyVariable === "true"
      ? { enabled: true, typeCheck: false, transpileOnlyBy: "PULUMI_NODEJS_TRANSPILE_ONLY", ...transpiler, ...tsconfig }
      : { enabled: true, typeCheck: true, ...tsconfig };
  }
  if (options.noCheck === true) return { enabled: true, typeCheck: false, transpileOnlyBy: "noCheck", ...transpiler, ...tsconfig };
  return { enabled: true, typeCheck: true, ...tsconfig };
}
