/**
 * Lets Node run the project's commands straight from their TypeScript sources
 * (`node --require ./tools/typescript-require-hook.cjs plan/plan-cli.ts`): each `.ts` file is compiled
 * to CommonJS by typescript-transpiler.cjs (esbuild) when it is first required. Types are not checked
 * here (`npm run typecheck` does that); a command starts in about a tenth of the time ts-node takes to
 * load the TypeScript compiler and run it per file. Stack traces point at the TypeScript lines.
 */
"use strict";
const fs = require("node:fs");
const { transpileTypeScript } = require("./typescript-transpiler.cjs");

require.extensions[".ts"] = (module, filename) => {
  module._compile(transpileTypeScript(fs.readFileSync(filename, "utf8"), filename, "cjs", "inline").code, filename);
};
process.setSourceMapsEnabled(true);
