// npm test's runner (tools/run-npm-scripts.ts), run as npm test runs it, on a throwaway package: the
// scripts run together, the live one writes as it runs, the others' output comes whole after it, and
// the exit code is the first failure's.
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../tools/command";
import { makeTemporaryDirectory } from "../plan/plan-command";

const node = (code: string): string => `node -e ${JSON.stringify(code)}`;
const SCRIPTS = {
  "held-fail": node("console.log('held-fail out'); console.error('held-fail err'); process.exit(3)"),
  "held-ok": node("setTimeout(() => console.log('held-ok out'), 300)"),
  live: node("console.log('live line')"),
  "live-fail": node("console.log('live-fail line'); process.exit(4)"),
};

const packageFolder = makeTemporaryDirectory("run-npm-scripts");
afterAll(() => packageFolder.remove());
fs.writeFileSync(
  path.join(packageFolder.directory, "package.json"),
  JSON.stringify({ name: "runner-fixture", private: true, scripts: SCRIPTS }),
);

function run(...scripts: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [
        "--require",
        path.join(REPO_ROOT, "tools", "typescript-require-hook.cjs"),
        path.join(REPO_ROOT, "tools", "run-npm-scripts.ts"),
        ...scripts,
      ],
      { cwd: packageFolder.directory, encoding: "utf8", timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error === null ? 0 : typeof error.code === "number" ? error.code : 1, stdout, stderr }),
    );
  });
}

describe("npm test's runner", () => {
  it("prints the live script first, then each held script's whole output in order, and exits with the first failure's code", async () => {
    const result = await run("held-fail", "held-ok", "live");
    expect(result.code, result.stderr).toBe(3);
    const out = result.stdout;
    const order = ["live line", "── npm run held-fail: FAILED (exit 3)", "held-fail out", "── npm run held-ok: passed", "held-ok out"];
    const positions = order.map((text) => out.indexOf(text));
    expect(
      positions.every((position) => position >= 0),
      out,
    ).toBe(true);
    expect(
      [...positions].sort((a, b) => a - b),
      out,
    ).toEqual(positions);
    expect(out).toContain("held-fail err");
    expect(out).toMatch(
      /npm run held-fail: FAILED \(exit 3\) in [\d.]+ s\nnpm run held-ok: passed in [\d.]+ s\nnpm run live: passed in [\d.]+ s\s*$/,
    );
  }, 60_000);

  it("exits 0 when every script passes, and with the live script's code when only it fails", async () => {
    const passing = await run("held-ok", "live");
    expect(passing.code, passing.stdout + passing.stderr).toBe(0);
    const liveFails = await run("held-ok", "live-fail");
    expect(liveFails.code, liveFails.stdout + liveFails.stderr).toBe(4);
    expect(liveFails.stdout).toContain("npm run live-fail: FAILED (exit 4)");
  }, 60_000);
});
