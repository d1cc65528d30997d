// docs/architecture.md draws the committed dev stack's resources: its diagram is what
// `npm run plan -- --stack dev --mermaid` prints, so the page cannot drift from the program.
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { PLAN_TEST_TIMEOUT_MS, REPOSITORY_ROOT, runPlanCommand } from "./plan-command";

const PAGE = path.join(REPOSITORY_ROOT, "docs", "architecture.md");
const MARKER = "<!-- npm run plan -- --stack dev --mermaid -->";

/** The Mermaid block right after the marker comment. */
function pageDiagram(): string {
  const text = fs.readFileSync(PAGE, "utf8");
  const start = text.indexOf(`${MARKER}\n\`\`\`mermaid\n`);
  if (start < 0) throw new Error(`docs/architecture.md has no ${MARKER} followed by a mermaid block`);
  const body = text.slice(start + MARKER.length + "\n```mermaid\n".length);
  return body.slice(0, body.indexOf("```"));
}

describe("docs/architecture.md", () => {
  it(
    "holds the dev stack's resource graph exactly as the plan prints it, naming every planned resource",
    async () => {
      const [mermaid, json] = await Promise.all([
        runPlanCommand(["--stack", "dev", "--mermaid"]),
        runPlanCommand(["--stack", "dev", "--json"]),
      ]);
      expect(mermaid.code, mermaid.stderr).toBe(0);
      expect(json.code, json.stderr).toBe(0);
      expect(pageDiagram(), "regenerate it with npm run --silent plan -- --stack dev --mermaid").toBe(mermaid.stdout);
      const resources = (JSON.parse(json.stdout) as { resources: { name: string }[] }).resources;
      for (const resource of resources) expect(mermaid.stdout).toContain(`["${resource.name}<br/>`);
    },
    PLAN_TEST_TIMEOUT_MS,
  );

  it("draws the layers, one MFA code's path and the stack's resources", () => {
    const diagrams = fs.readFileSync(PAGE, "utf8").match(/```mermaid\n(\w+)/g) ?? [];
    expect(diagrams.map((opening) => opening.split("\n")[1])).toEqual(["flowchart", "sequenceDiagram", "flowchart"]);
  });
});
