// How the program's TypeScript is compiled where it runs and where it is checked: the Pulumi CLI
// (and `npm run plan`, which starts the same cmd/run) only transpiles it, through the tsconfig that
// Pulumi.yaml names; `npm test` (and so CI) type-checks it with the strict tsconfig.json, so a type
// error in infra/ still fails there.
import * as fs from "node:fs";
import * as path from "node:path";
// @internal in @pulumi/pulumi (its .d.ts declares nothing): how cmd/run reads a tsconfig's compilerOptions.
import * as pulumiTsutils from "@pulumi/pulumi/tsutils";
import * as ts from "typescript";
import { describe, expect, it } from "vitest";
import { locateProgram, readProjectFile } from "../../infra/config/project-file";
import { typeScriptMode } from "../../plan/typescript-mode";
import { makeTemporaryDirectory, REPOSITORY_ROOT } from "./plan-command";

const project = readProjectFile(REPOSITORY_ROOT);
const programDirectory = locateProgram(project).programDirectory;
const STRICT_TSCONFIG = path.join(REPOSITORY_ROOT, "tsconfig.json");

/** The tsconfig cmd/run uses: PULUMI_NODEJS_TSCONFIG_PATH (runtime.options.tsconfig) from the program's folder. */
function runnerTsconfig(): string {
  expect(project.runtimeOptions.tsconfig, "Pulumi.yaml runtime.options.tsconfig").toBeDefined();
  return path.resolve(programDirectory, project.runtimeOptions.tsconfig ?? "");
}

function parsedOptions(tsconfig: string): ts.CompilerOptions {
  const parsed = ts.getParsedCommandLineOfConfigFile(tsconfig, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  if (parsed === undefined) throw new Error(`${tsconfig} does not parse`);
  expect(parsed.errors.map((error) => ts.flattenDiagnosticMessageText(error.messageText, "\n"))).toEqual([]);
  const { configFilePath: _path, ...options } = parsed.options;
  return options;
}

function diagnosticsText(diagnostics: readonly ts.Diagnostic[]): string[] {
  return diagnostics.map((diagnostic) => `TS${diagnostic.code}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n")}`);
}

describe("the Pulumi CLI loads the program without type-checking it again", () => {
  it("Pulumi.yaml names a tsconfig whose own noCheck makes cmd/run start ts-node transpile-only, with the esbuild transpiler", () => {
    const tsconfig = runnerTsconfig();
    expect(path.relative(REPOSITORY_ROOT, tsconfig)).toBe("tsconfig.pulumi.json");
    // The environment the CLI gives the program, without an operator's PULUMI_NODEJS_TRANSPILE_ONLY.
    const mode = typeScriptMode(programDirectory, project.runtimeOptions.typescript, {
      PULUMI_NODEJS_TSCONFIG_PATH: project.runtimeOptions.tsconfig,
    });
    expect(mode).toEqual({
      enabled: true,
      typeCheck: false,
      transpileOnlyBy: "noCheck",
      transpiler: "./tools/typescript-transpiler.cjs",
      tsconfig,
    });
    // ts-node resolves the transpiler from the folder of the tsconfig that names it.
    const transpiler = require.resolve(mode.transpiler ?? "", { paths: [path.dirname(tsconfig)] });
    expect(path.relative(REPOSITORY_ROOT, transpiler)).toBe(path.join("tools", "typescript-transpiler.cjs"));
  });

  it("is the strict tsconfig.json plus noCheck, and cmd/run compiles with its target and module", () => {
    const strict = parsedOptions(STRICT_TSCONFIG);
    expect(parsedOptions(runnerTsconfig())).toEqual({ ...strict, noCheck: true });
    // cmd/run lays the file's own compilerOptions (read by @pulumi/pulumi's tsutils, which does not follow
    // `extends`) over its defaults for TypeScript >= 4.7 (@pulumi/pulumi 3.248.0 cmd/run/run.js):
    // { target: "ES2020", module: "nodenext", moduleResolution: "nodenext", sourceMap: "true" }.
    const tsutils = pulumiTsutils as unknown as { loadTypeScriptCompilerOptions(tsconfigPath: string): Record<string, unknown> };
    const own = tsutils.loadTypeScriptCompilerOptions(runnerTsconfig());
    expect(own["noCheck"]).toBe(true);
    const given = { target: "ES2020", module: "nodenext", moduleResolution: "nodenext", ...own };
    const converted = ts.convertCompilerOptionsFromJson(given, REPOSITORY_ROOT);
    expect(converted.errors).toEqual([]);
    expect({
      target: converted.options.target,
      module: converted.options.module,
      moduleResolution: converted.options.moduleResolution,
    }).toEqual({ target: strict.target, module: strict.module, moduleResolution: strict.moduleResolution });
  });
});

describe("the plan works out the runner's mode as cmd/run does", () => {
  it("reads noCheck from a tsconfig with comments, lets PULUMI_NODEJS_TRANSPILE_ONLY decide over it, and type-checks without a tsconfig", () => {
    const folder = makeTemporaryDirectory("typescript-mode");
    try {
      const tsconfig = path.join(folder.directory, "tsconfig.runner.json");
      fs.writeFileSync(
        tsconfig,
        '{\n  // only transpile\n  "compilerOptions": { "noCheck": true, },\n  "ts-node": { "transpiler": ["ts-node/transpilers/swc", {}] },\n}\n',
      );
      const environment = { PULUMI_NODEJS_TSCONFIG_PATH: "tsconfig.runner.json" };
      expect(typeScriptMode(folder.directory, true, environment)).toEqual({
        enabled: true,
        typeCheck: false,
        transpileOnlyBy: "noCheck",
        transpiler: "ts-node/transpilers/swc",
        tsconfig,
      });
      expect(typeScriptMode(folder.directory, true, { ...environment, PULUMI_NODEJS_TRANSPILE_ONLY: "false" })).toEqual({
        enabled: true,
        typeCheck: true,
        tsconfig,
      });
      expect(typeScriptMode(folder.directory, true, {})).toEqual({ enabled: true, typeCheck: true });
      expect(typeScriptMode(folder.directory, true, { PULUMI_NODEJS_TRANSPILE_ONLY: "true" })).toEqual({
        enabled: true,
        typeCheck: false,
        transpileOnlyBy: "PULUMI_NODEJS_TRANSPILE_ONLY",
      });
    } finally {
      folder.remove();
    }
  });
});

describe("npm test type-checks the program with the strict tsconfig.json", () => {
  const scripts = (JSON.parse(fs.readFileSync(path.join(REPOSITORY_ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> })
    .scripts;

  it("runs the typecheck script, which is tsc on tsconfig.json, covering every file of infra/", () => {
    expect(scripts["test"]).toMatch(/\btypecheck\b/);
    // --incremental keeps the diagnostics of unchanged files in node_modules/.cache and reports them again.
    expect(scripts["typecheck"]).toMatch(/^tsc --noEmit -p tsconfig\.json( |$)/);
    const strict = parsedOptions(STRICT_TSCONFIG);
    expect(strict.noCheck).toBeUndefined();
    expect(strict.strict).toBe(true);
    const parsed = ts.getParsedCommandLineOfConfigFile(
      STRICT_TSCONFIG,
      {},
      { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined },
    );
    const infraFiles = fs
      .readdirSync(programDirectory, { recursive: true, encoding: "utf8" })
      .filter((file) => file.endsWith(".ts"))
      .map((file) => path.join(programDirectory, file));
    expect(infraFiles.length).toBeGreaterThan(10);
    expect(parsed?.fileNames).toEqual(expect.arrayContaining(infraFiles));
  });

  it("reports a type error planted in infra/, which the transpile-only runner would let through", () => {
    const planted = path.join(programDirectory, "aws", "iam-policy-document.ts");
    const text = `${fs.readFileSync(planted, "utf8")}\nexport const planted: IamPolicyDocument = { Version: "2012-10-17", Statement: "none" };\n`;
    const options = parsedOptions(STRICT_TSCONFIG);
    const host = ts.createCompilerHost(options);
    const readFile = host.readFile.bind(host);
    host.readFile = (file) => (path.resolve(file) === planted ? text : readFile(file));
    const getSourceFile = host.getSourceFile.bind(host);
    host.getSourceFile = (file, languageVersion, ...rest) =>
      path.resolve(file) === planted ? ts.createSourceFile(file, text, languageVersion) : getSourceFile(file, languageVersion, ...rest);
    const program = ts.createProgram([planted], options, host);
    expect(diagnosticsText(ts.getPreEmitDiagnostics(program))).toEqual([
      expect.stringMatching(/^TS2322: Type 'string' is not assignable to type 'IamPolicyStatement\[\]'/),
    ]);
    // What ts-node does with transpileOnly: one file at a time, no types.
    const transpiled = ts.transpileModule(text, {
      compilerOptions: parsedOptions(runnerTsconfig()),
      fileName: planted,
      reportDiagnostics: true,
    });
    expect(diagnosticsText(transpiled.diagnostics ?? [])).toEqual([]);
  });
});
