/**
 * One declaration of the configuration keys (infra/config/config-keys.ts): Pulumi.yaml's `config:`
 * block, which the CLI applies, and the key table of docs/configuration.md are written from it by
 * `npm run config-reference -- --write`, and are checked here.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { configReference, plainDescription } from "../../tools/config-reference";
import { REPO_ROOT, type ToolIo } from "../../tools/command";

function recordingIo(): ToolIo & { lines: string[] } {
  const lines: string[] = [];
  return { env: {}, out: (line) => lines.push(line), err: (line) => lines.push(line), lines };
}

let copy: string | undefined;
afterEach(() => {
  if (copy !== undefined) rmSync(copy, { recursive: true, force: true });
  copy = undefined;
});

/** A copy of the two written files (and the formatter's settings) in a folder of their own. */
function projectCopy(): string {
  copy = mkdtempSync(path.join(tmpdir(), "config-reference-"));
  for (const file of ["Pulumi.yaml", ".prettierrc.json", path.join("docs", "configuration.md")]) {
    cpSync(path.join(REPO_ROOT, file), path.join(copy, file));
  }
  return copy;
}

describe("npm run config-reference", () => {
  it("finds Pulumi.yaml and docs/configuration.md as config-keys.ts writes them", async () => {
    const io = recordingIo();
    expect(await configReference([], io)).toBe(0);
    expect(io.lines).toEqual([]);
  });

  it("names each file that drifted from config-keys.ts, and --write brings it back", async () => {
    const root = projectCopy();
    const projectFile = path.join(root, "Pulumi.yaml");
    const original = readFileSync(projectFile, "utf8");
    writeFileSync(projectFile, original.replace(/(alarmFailedSmsThreshold:[\s\S]*?default: )5/, "$110"));
    const docs = path.join(root, "docs", "configuration.md");
    writeFileSync(docs, readFileSync(docs, "utf8").replace("| `factorPush` | boolean | `false` |", "| `factorPush` | boolean | `true` |"));
    const check = recordingIo();
    expect(await configReference([], check, root)).toBe(1);
    expect(check.lines).toEqual([
      "config-reference: Pulumi.yaml differs from infra/config/config-keys.ts: run npm run config-reference -- --write",
      `config-reference: ${path.join("docs", "configuration.md")} differs from infra/config/config-keys.ts: run npm run config-reference -- --write`,
    ]);
    expect(await configReference(["--write"], recordingIo(), root)).toBe(0);
    expect(readFileSync(projectFile, "utf8")).toBe(original);
    expect(await configReference([], recordingIo(), root)).toBe(0);
  });

  it("gives Pulumi.yaml the links of a description as plain text", () => {
    expect(plainDescription("rotate ([operations.md](operations.md#rotating-the-access-key)); see [below](#keys)")).toBe(
      "rotate (operations.md (docs/operations.md#rotating-the-access-key)); see below",
    );
  });
});
