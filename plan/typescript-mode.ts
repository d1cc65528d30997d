/**
 * How @pulumi/pulumi's cmd/run will compile the program (cmd/run/run.js), worked out ahead so the
 * plan can say it: ts-node reads PULUMI_NODEJS_TSCONFIG_PATH (default tsconfig.json) relative to the
 * program's folder, skips any tsconfig when that file is missing, and type-checks unless
 * PULUMI_NODEJS_TRANSPILE_ONLY=true or the tsconfig sets compilerOptions.noCheck (read from that file
 * alone, as cmd/run reads it: not from a tsconfig it extends).
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
  /** The tsconfig ts-node uses (absolute), or undefined when none is found and Pulumi's defaults apply. */
  tsconfig?: string;
}

/**
 * compilerOptions.noCheck as written in the file itself. A tsconfig may hold comments: plain JSON is
 * read as it is, anything else by the project's own TypeScript, loaded only then (it is 9 MB).
 */
function readNoCheck(tsconfigPath: string): boolean | undefined {
  const text = fs.readFileSync(tsconfigPath, "utf8");
  let config: unknown;
  try {
    config = JSON.parse(text);
  } catch {
    const ts = createRequire(__filename)("typescript") as typeof TypeScript;
    config = ts.parseConfigFileTextToJson(tsconfigPath, text).config;
  }
  const options = (config as { compilerOptions?: { noCheck?: unknown } } | undefined)?.compilerOptions;
  return typeof options?.noCheck === "boolean" ? options.noCheck : undefined;
}

export function typeScriptMode(programDirectory: string, typescript: boolean, environment: NodeJS.ProcessEnv): TypeScriptMode {
  if (!typescript) return { enabled: false, typeCheck: false };
  const configured = environment["PULUMI_NODEJS_TSCONFIG_PATH"] ?? "tsconfig.json";
  const tsconfigPath = path.resolve(programDirectory, configured);
  const found = fs.existsSync(tsconfigPath);
  const transpileOnlyVariable = environment["PULUMI_NODEJS_TRANSPILE_ONLY"];
  const tsconfig = found ? { tsconfig: tsconfigPath } : {};
  if (transpileOnlyVariable !== undefined && transpileOnlyVariable !== "") {
    return transpileOnlyVariable === "true"
      ? { enabled: true, typeCheck: false, transpileOnlyBy: "PULUMI_NODEJS_TRANSPILE_ONLY", ...tsconfig }
      : { enabled: true, typeCheck: true, ...tsconfig };
  }
  if (found && readNoCheck(tsconfigPath) === true) return { enabled: true, typeCheck: false, transpileOnlyBy: "noCheck", ...tsconfig };
  return { enabled: true, typeCheck: true, ...tsconfig };
}
