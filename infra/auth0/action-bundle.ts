/**
 * Builds the two Actions from hook/actions/*.ts with esbuild, in memory: plain CommonJS JavaScript for
 * Auth0's node22 runtime, npm packages left as require() and declared as the Action's dependencies at
 * the exact versions of package-lock.json. The Pulumi program calls buildAction() so that a deploy
 * always ships what the sources say; `npm run build` writes the same code (tools/build-actions.ts).
 */
import { build, type Plugin } from "esbuild";
import { readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import path from "node:path";
import { ACTION_RUNTIME } from "./action-runtime";

/** The repository's root (package.json, the lockfile, hook/), from this file's location, never the current directory. */
export const REPO_ROOT = path.resolve(__dirname, "..", "..");

/** Where `npm run build` writes the built Actions (dist/actions/<trigger>.js). */
export const ACTIONS_OUT_DIR = path.join(REPO_ROOT, "dist", "actions");

export interface ActionDependency {
  name: string;
  version: string;
}

export interface BuiltAction {
  trigger: ActionTrigger;
  handlerName: string;
  code: string;
  dependencies: ActionDependency[];
}

export const ACTION_TRIGGERS = ["send-phone-message", "custom-phone-provider"] as const;
export type ActionTrigger = (typeof ACTION_TRIGGERS)[number];

/** Trigger versions the Actions are written for (Auth0 `supported_triggers[].version`). */
export const TRIGGER_VERSIONS: Record<ActionTrigger, string> = {
  "send-phone-message": "v2",
  "custom-phone-provider": "v1",
};

export const HANDLER_NAMES: Record<ActionTrigger, string> = {
  "send-phone-message": "onExecuteSendPhoneMessage",
  "custom-phone-provider": "onExecuteCustomPhoneProvider",
};

/** Auth0 accepts at most 100 kB of Action code (dependencies excluded). */
export const MAX_ACTION_CODE_BYTES = 100_000;
/** Auth0 accepts at most 10 npm dependencies per Action. */
export const MAX_ACTION_DEPENDENCIES = 10;

const builtins = new Set(builtinModules);

/**
 * npm modules compiled into the Action, reduced to the exports the sender uses (libphonenumber-js's two
 * functions tree-shaken from its ES build, ~40 kB, instead of ~20 ms of cold start for its CommonJS
 * `core`), initialised on first (lazy) require only. Everything else from npm stays external and
 * becomes a declared dependency.
 */
export const BUNDLED_SUBSETS: Readonly<Record<string, readonly string[]>> = {
  "libphonenumber-js/core": ["isSupportedCountry", "parsePhoneNumberFromString"],
};

const SUBSET_NAMESPACE = "bundled-subset";

/**
 * Resolves a require() of a BUNDLED_SUBSETS module to a generated ES module re-exporting only the listed
 * names, bundles what that module imports, and leaves every other npm import external.
 */
const npmExternalsPlugin: Plugin = {
  name: "npm-externals",
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^[^./]/ }, (args) => {
      if (path.isAbsolute(args.path)) return undefined;
      if (args.namespace === SUBSET_NAMESPACE) return undefined; // the subset's own import: bundle the ES build
      if (Object.hasOwn(BUNDLED_SUBSETS, args.path)) return { path: args.path, namespace: SUBSET_NAMESPACE };
      if (args.importer.includes(`${path.sep}node_modules${path.sep}`) && npmPackageOf(args.path) !== undefined) {
        // An import made by bundled npm code: it must be bundled too, or it would be an undeclared dependency.
        return undefined;
      }
      return { path: args.path, external: true };
    });
    pluginBuild.onLoad({ filter: /.*/, namespace: SUBSET_NAMESPACE }, (args) => ({
      contents: `export { ${(BUNDLED_SUBSETS[args.path] ?? []).join(", ")} } from ${JSON.stringify(args.path)};`,
      resolveDir: REPO_ROOT,
      loader: "js",
    }));
  },
};

/** `@scope/name/sub/path` → `@scope/name`; `name/sub` → `name`; undefined for Node built-ins. */
export function npmPackageOf(importPath: string): string | undefined {
  if (importPath.startsWith("node:") || builtins.has(importPath.split("/")[0] ?? "")) return undefined;
  const parts = importPath.split("/");
  return importPath.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

interface PackageLock {
  packages?: Record<string, { version?: string }>;
}

/** Exact installed versions from package-lock.json; throws naming any package it lacks. */
export function lockedVersions(names: readonly string[], lockfile = path.join(REPO_ROOT, "package-lock.json")): ActionDependency[] {
  const lock = JSON.parse(readFileSync(lockfile, "utf8")) as PackageLock;
  return names.map((name) => {
    const version = lock.packages?.[`node_modules/${name}`]?.version;
    if (version === undefined) {
      throw new Error(`Action dependency ${name} is not in ${path.relative(REPO_ROOT, lockfile)}: add it with npm install --save-exact`);
    }
    return { name, version };
  });
}

export async function buildAction(trigger: ActionTrigger): Promise<BuiltAction> {
  if (!ACTION_TRIGGERS.includes(trigger)) throw new Error(`Unknown Action trigger ${JSON.stringify(trigger)}`);
  const entry = path.join(REPO_ROOT, "hook", "actions", `${trigger}.ts`);
  const outfile = path.join(ACTIONS_OUT_DIR, `${trigger}.js`);
  const result = await build({
    entryPoints: [entry],
    outfile,
    absWorkingDir: REPO_ROOT,
    bundle: true,
    write: false,
    metafile: true,
    platform: "node",
    target: ACTION_RUNTIME,
    format: "cjs",
    plugins: [npmExternalsPlugin],
    // Minified (names kept for stack traces) to stay far below the 100 kB limit with libphonenumber-js inside.
    minify: true,
    keepNames: true,
    legalComments: "none",
    charset: "utf8",
    logLevel: "silent",
    banner: {
      js: [
        `// ${trigger} Action of auth0-sns-mfa, built by infra/auth0/action-bundle.ts from hook/actions/${trigger}.ts.`,
        "// Do not edit here: change the sources and redeploy. Minified; the sources are the readable form.",
        "// Includes parts of libphonenumber-js (MIT License, Copyright (c) 2016 @catamphetamine).",
      ].join("\n"),
    },
  });
  const output = result.outputFiles[0];
  const meta = Object.values(result.metafile.outputs)[0];
  if (output === undefined || meta === undefined) throw new Error(`esbuild produced no output for ${trigger}`);
  const code = output.text;
  const bytes = Buffer.byteLength(code, "utf8");
  if (bytes > MAX_ACTION_CODE_BYTES) {
    throw new Error(`The ${trigger} Action is ${bytes} bytes, over Auth0's ${MAX_ACTION_CODE_BYTES}-byte limit`);
  }
  const packages = [...new Set(meta.imports.filter((i) => i.external).map((i) => npmPackageOf(i.path)))]
    .filter((name): name is string => name !== undefined)
    .sort();
  if (packages.length > MAX_ACTION_DEPENDENCIES) {
    throw new Error(`The ${trigger} Action needs ${packages.length} npm packages, over Auth0's ${MAX_ACTION_DEPENDENCIES}`);
  }
  const handlerName = HANDLER_NAMES[trigger];
  return { trigger, handlerName, code, dependencies: lockedVersions(packages) };
}
