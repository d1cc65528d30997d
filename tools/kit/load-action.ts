/**
 * Loads built Action code as a fresh CommonJS module, the way Auth0 runs it: the code sees `exports`,
 * `module`, `require`, `__filename`, `__dirname`, and its `require` resolves npm modules from this
 * project's node_modules (where Auth0 would have installed the Action's declared dependencies).
 * Every call evaluates the code anew: module-level state (the SNS client) starts empty. It refuses to
 * run on a Node.js major other than the Action's runtime (infra/auth0/action-runtime.ts): what the tests and
 * send-test prove must hold on the runtime Auth0 runs the code on.
 */
import { createRequire } from "node:module";
import path from "node:path";
import vm from "node:vm";
import { ACTIONS_OUT_DIR } from "../../infra/auth0/action-bundle";
import { actionRuntimeMismatch } from "./action-runtime-check";

type ModuleWrapper = (
  exports: Record<string, unknown>,
  require: NodeJS.Require,
  module: { exports: Record<string, unknown> },
  filename: string,
  dirname: string,
) => void;

export function loadAction(code: string, filename: string = path.join(ACTIONS_OUT_DIR, "loaded-action.js")): Record<string, unknown> {
  const mismatch = actionRuntimeMismatch(process.version);
  if (mismatch !== undefined) throw new Error(`loadAction: ${mismatch}`);
  const absolute = path.resolve(filename);
  const module = { exports: {} as Record<string, unknown> };
  const wrapper = vm.runInThisContext(`(function (exports, require, module, __filename, __dirname) {${code}\n})`, {
    filename: absolute,
  }) as ModuleWrapper;
  wrapper.call(module.exports, module.exports, createRequire(absolute), module, absolute, path.dirname(absolute));
  return module.exports;
}
