/**
 * Preloaded (NODE_OPTIONS=--require) into the process @pulumi/pulumi's runner starts (cmd/run), it
 * makes that process see node_modules as `npm ci --omit=dev` leaves it: every package package-lock.json
 * marks `"dev": true` cannot be resolved, as if it were not installed. Other processes (the offline
 * plan itself) are left alone. Says on stderr that it is active, so a test can tell it ran.
 */
"use strict";
const fs = require("node:fs");
const Module = require("node:module");
const path = require("node:path");

const ROOT = path.dirname(require.resolve("../../package.json"));

/** The lockfile key of the installed package holding `file` ("node_modules/a/node_modules/@b/c"), or undefined. */
function lockKeyOf(file) {
  const parts = path.relative(ROOT, file).split(path.sep);
  let key;
  for (let index = 0; index < parts.length - 1; index++) {
    if (parts[index] !== "node_modules") continue;
    const name = parts[index + 1].startsWith("@") ? `${parts[index + 1]}/${parts[index + 2]}` : parts[index + 1];
    key = `${key === undefined ? "" : `${key}/`}node_modules/${name}`;
    index += name.split("/").length;
  }
  return key;
}

/** True when `npm ci --omit=dev` would not install the package holding `file`. */
function omittedByOmitDev(file, lock) {
  const key = lockKeyOf(file);
  return key !== undefined && lock.packages[key] !== undefined && lock.packages[key].dev === true;
}

function install() {
  const lock = JSON.parse(fs.readFileSync(path.join(ROOT, "package-lock.json"), "utf8"));
  const resolve = Module._resolveFilename;
  Module._resolveFilename = function resolveInstalledOnly(request, ...rest) {
    const file = resolve.call(this, request, ...rest);
    if (path.isAbsolute(file) && omittedByOmitDev(file, lock)) {
      const error = new Error(`Cannot find module '${request}' (a devDependency: npm ci --omit=dev does not install it)`);
      error.code = "MODULE_NOT_FOUND";
      throw error;
    }
    return file;
  };
  const hidden = Object.values(lock.packages).filter((entry) => entry.dev === true).length;
  process.stderr.write(`omit-dev: ${hidden} devDependency packages hidden from this process\n`);
}

const runner = /[\\/]@pulumi[\\/]pulumi[\\/]cmd[\\/]run([\\/]index\.js)?$/;
if (runner.test(process.argv[1] ?? "")) install();

module.exports = { lockKeyOf, omittedByOmitDev };
