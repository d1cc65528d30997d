/**
 * How @pulumi/pulumi's cmd/run will compile the program (cmd/run/run.js), worked out ahead so the
 * plan can say it: ts-node reads PULUMI_NODEJS_TSCONFIG_PATH (default tsconfig.json) relative to the
 * program's folder, skips any tsconfig when that file is missing, and type-checks unless
 * PULUMI_NODEJS_TRANSPILE_ONLY=true or the tsconfig sets compilerOptions.noCheck.
 */
import * as fs from "node:fs";
import * as path from "node:path";

export interface TypeScriptMode {
  /** false when Pulumi.yaml turns TypeScript off (plain JavaScript). */
  enabled: boolean;
  /** ts-node checks types (the CLI's default) or only transpiles. */
  typeCheck: boolean;
  /** The tsconfig ts-node uses (absolute), or undefined when none is found and Pulumi's defaults apply. */
  tsconfig?: string;
}

async function readNoCheck(tsconfigPath: string): Promise<boolean | undefined> {
  // The project's own TypeScript parses the file (tsconfig allows comments); loaded only when needed.
  const ts = await import("typescript");
  const parsed = ts.readConfigFile(tsconfigPath, (file) => fs.readFileSync(file, "utf8"));
  const options = (parsed.config as { compilerOptions?: { noCheck?: unknown } } | undefined)?.compilerOptions;
  return typeof options?.noCheck === "boolean" ? options.noCheck : undefined;
}

export async function typeScriptMode(
  programDirectory: string,
  typescript: boolean,
  environment: NodeJS.ProcessEnv,
): Promise<TypeScriptMode> {
  if (!typescript) return { enabled: false, typeCheck: false };
  const configured = environment["PULUMI_NODEJS_TSCONFIG_PATH"] ?? "tsconfig.json";
  const tsconfigPath = path.resolve(programDirectory, configured);
  const found = fs.existsSync(tsconfigPath);
  const transpileOnlyVariable = environment["PULUMI_NODEJS_TRANSPILE_ONLY"];
  const transpileOnly =
    transpileOnlyVariable !== undefined && transpileOnlyVariable !== ""
      ? transpileOnlyVariable === "true"
      : found && (await readNoCheck(tsconfigPath)) === true;
  return { enabled: true, typeCheck: !transpileOnly, ...(found ? { tsconfig: tsconfigPath } : {}) };
}
