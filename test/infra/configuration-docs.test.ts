/**
 * docs/configuration.md is the reference operators read: its key table must list exactly the keys
 * Pulumi.yaml declares (plus aws:region), each with the declared type and default, so the page cannot
 * drift from what the CLI and the program accept.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT, readProjectFile } from "./stack-files";

interface DocumentedKey {
  key: string;
  type: string;
  default: string;
}

/** The rows of the "## Keys" table: key, type and default cells with their backticks removed. */
function documentedKeys(): DocumentedKey[] {
  const page = readFileSync(path.join(REPO_ROOT, "docs", "configuration.md"), "utf8");
  const section = page.slice(page.indexOf("## Keys"));
  const rows = section.split("\n").filter((line) => line.startsWith("| `"));
  return rows.map((row) => {
    const [key = "", type = "", defaultValue = ""] = row
      .split("|")
      .slice(1, 4)
      .map((cell) => cell.trim().replace(/`/g, ""));
    return { key, type, default: defaultValue };
  });
}

/** How a declared default reads in the table: strings bare (`""` when empty), lists as [a, b]. */
function asDocumented(value: unknown): string {
  if (Array.isArray(value)) return `[${value.join(", ")}]`;
  if (value === "") return '""';
  return String(value);
}

describe("docs/configuration.md", () => {
  const documented = documentedKeys();
  const declared = readProjectFile().config ?? {};

  it("lists every declared key once, and aws:region, and nothing else", () => {
    expect(documented.map((row) => row.key).sort()).toEqual(["aws:region", ...Object.keys(declared)].sort());
  });

  it("gives each key its declared type and default", () => {
    for (const [key, spec] of Object.entries(declared)) {
      const row = documented.find((candidate) => candidate.key === key);
      expect(row, key).toMatchObject({ type: spec.type, default: asDocumented(spec.default) });
    }
  });
});
