// docs/architecture.md draws the committed dev stack's resources: its diagram is what
// `npm run plan -- --stack dev --mermaid` prints, so the page cannot drift from the program.
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import type { Plan } from "../../plan/plan-model";
import { renderPlanMermaid } from "../../plan/render-mermaid";
import { PLAN_TEST_TIMEOUT_MS, REPOSITORY_ROOT } from "./plan-command";
import { expectExit, sharedPlan } from "./shared-plans";

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
      // The committed dev plan (shared with the other plan tests) and what --mermaid prints for it.
      const [run, printed] = await Promise.all([sharedPlan(["--stack", "dev", "--json"]), sharedPlan(["--stack", "dev", "--mermaid"])]);
      expectExit(run, 0);
      expectExit(printed, 0);
      const plan = JSON.parse(run.stdout) as Plan;
      const mermaid = renderPlanMermaid(plan);
      expect(pageDiagram(), "regenerate it with npm run --silent plan -- --stack dev --mermaid").toBe(mermaid);
      expect(printed.stdout).toBe(mermaid);
      for (const resource of plan.resources) expect(mermaid).toContain(`["${resource.name}<br/>`);
    },
    PLAN_TEST_TIMEOUT_MS,
  );

  it("draws the layers, one MFA code's path, the monitoring path and the stack's resources", () => {
    const diagrams = fs.readFileSync(PAGE, "utf8").match(/```mermaid\n(\w+)/g) ?? [];
    expect(diagrams.map((opening) => opening.split("\n")[1])).toEqual(["flowchart", "sequenceDiagram", "flowchart", "flowchart"]);
  });
});
