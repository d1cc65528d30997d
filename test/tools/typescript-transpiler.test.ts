// tools/typescript-transpiler.cjs, the esbuild compile that Pulumi's runner (ts-node's `transpiler`,
// named by tsconfig.pulumi.json) and the npm scripts (typescript-require-hook.cjs) use: the output
// behaves as tsc's under `strict` would, in the module format ts-node asks for, and a failure points
// at the TypeScript line.
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import * as vm from "node:vm";
import { afterAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../tools/command";
import { makeTemporaryDirectory } from "../plan/plan-command";

interface TranspilerModule {
  create(options: { service: { config: { options: { module?: number } } }; nodeModuleEmitKind?: string }): {
    transpile(input: string, options: { fileName: string }): { outputText: string; sourceMapText?: string };
  };
}

const transpilerModule = createRequire(__filename)(path.join(REPO_ROOT, "tools", "typescript-transpiler.cjs")) as TranspilerModule;
const NODE16 = 100; // TypeScript's ModuleKind.Node16, as tsconfig.pulumi.json sets it

const SOURCE = `
interface Greeting { text: string }
export const greeting: Greeting = { text: "hello" };
export function leak(): void {
  // @ts-expect-error: an undeclared name, which only strict mode refuses
  undeclaredGlobal = 1;
}
`;

function runCommonJs(code: string): Record<string, unknown> {
  const module = { exports: {} as Record<string, unknown> };
  vm.runInThisContext(`(function (exports, require, module) {${code}\n})`)(module.exports, require, module);
  return module.exports;
}

const scratch = makeTemporaryDirectory("typescript-transpiler");
afterAll(() => scratch.remove());

describe("the esbuild transpiler", () => {
  it("gives ts-node CommonJS in strict mode for a CommonJS file of a node16 project, with a source map", () => {
    const transpiler = transpilerModule.create({ service: { config: { options: { module: NODE16 } } }, nodeModuleEmitKind: "nodecjs" });
    const output = transpiler.transpile(SOURCE, { fileName: "/project/infra/greeting.ts" });
    const exports = runCommonJs(output.outputText);
    expect(exports["greeting"]).toEqual({ text: "hello" });
    expect(() => (exports["leak"] as () => void)()).toThrow(ReferenceError);
    expect(JSON.parse(output.sourceMapText ?? "{}")).toMatchObject({ sources: ["/project/infra/greeting.ts"] });
  });

  it("gives an ES module where ts-node asks for one", () => {
    const transpiler = transpilerModule.create({ service: { config: { options: { module: NODE16 } } }, nodeModuleEmitKind: "nodeesm" });
    const { outputText } = transpiler.transpile(SOURCE, { fileName: "/project/infra/greeting.mts" });
    expect(outputText).toMatch(/^export \{/m);
    expect(outputText).not.toContain("require(");
  });

  it("runs a command whose error names the TypeScript file and line", async () => {
    const file = path.join(scratch.directory, "fails.ts");
    fs.writeFileSync(file, 'type Reason = string;\nconst reason: Reason = "planted";\n\nthrow new Error(reason);\n');
    const stderr = await new Promise<string>((resolve) => {
      execFile(
        process.execPath,
        ["--require", path.join(REPO_ROOT, "tools", "typescript-require-hook.cjs"), file],
        (error, _stdout, text) => resolve(error === null ? "(exited 0)" : text),
      );
    });
    expect(stderr).toContain("Error: planted");
    expect(stderr).toContain(`${file}:4:`);
  });
});
