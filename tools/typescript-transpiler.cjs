/**
 * Compiles one TypeScript file to JavaScript with esbuild's transform API, without checking types
 * (`npm run typecheck` does that), for the two places the project runs TypeScript outside tsc:
 * - the Pulumi program under @pulumi/pulumi's cmd/run (`pulumi preview`/`up`, `npm run plan`): ts-node's
 *   documented `transpiler` option, set in tsconfig.pulumi.json, which ts-node honours in transpile-only
 *   mode (the mode that file's noCheck selects); `create` is the factory ts-node calls;
 * - the npm scripts, through typescript-require-hook.cjs.
 * esbuild compiles a file in about a millisecond where TypeScript's own transpileModule takes tens.
 * CommonJS output starts with "use strict", as tsc's does under `strict` (esbuild would leave it out).
 */
"use strict";
const { transformSync } = require("esbuild");

const target = `node${process.versions.node}`;

/** TypeScript's ModuleKind values that emit ES modules (ES2015, ES2020, ES2022, ESNext). */
const ES_MODULE_KINDS = new Set([5, 6, 7, 99]);

/**
 * @param {string} source TypeScript source text
 * @param {string} fileName its path, for source maps and error messages
 * @param {"cjs" | "esm"} format
 * @param {"inline" | "external"} sourcemap
 * @returns {{ code: string, map: string }}
 */
function transpileTypeScript(source, fileName, format, sourcemap) {
  const { code, map } = transformSync(source, {
    loader: fileName.endsWith(".tsx") ? "tsx" : "ts",
    format,
    target,
    sourcefile: fileName,
    sourcemap,
    ...(format === "cjs" ? { banner: '"use strict";' } : {}),
  });
  return { code, map };
}

/**
 * ts-node's transpiler factory (ts-node/dist/transpilers/types.d.ts): CommonJS unless the file is an ES
 * module for Node (`nodeModuleEmitKind` "nodeesm") or the module kind emits ES modules.
 */
function create({ service, nodeModuleEmitKind }) {
  const esm = nodeModuleEmitKind === "nodeesm" || ES_MODULE_KINDS.has(service.config.options.module);
  const format = esm ? "esm" : "cjs";
  return {
    transpile(input, { fileName }) {
      const { code, map } = transpileTypeScript(input, fileName, format, "external");
      return { outputText: code, sourceMapText: map };
    },
  };
}

module.exports = { create, transpileTypeScript };
