// The plan's resource graph as a Mermaid flowchart: components as boxes, dependsOn solid, inputs dotted.
import { describe, expect, it } from "vitest";
import type { Plan, PlannedResource } from "../../plan/plan-model";
import { plannedResource as resource } from "./planned-resources";
import { renderPlanMermaid } from "../../plan/render-mermaid";

function plan(resources: PlannedResource[]): Plan {
  return {
    project: "demo",
    stack: "dev",
    stackFile: "Pulumi.dev.yaml",
    uncheckedSecrets: [],
    program: { directory: "infra", entryPoint: ".", typescript: { enabled: true, typeCheck: false } },
    resources,
    outputs: {},
    diagnostics: [],
  };
}

describe("plan --mermaid", () => {
  const stack = resource("pulumi:pulumi:Stack", "demo-dev", { custom: false });
  const group = resource("demo:index:Group", "group", { custom: false, parent: stack.urn });
  const empty = resource("demo:index:Empty", "empty", { custom: false, parent: stack.urn });
  const user = resource("aws:iam/user:User", "user", { parent: group.urn });
  const policy = resource("aws:iam/userPolicy:UserPolicy", "policy", { parent: group.urn, inputDependencies: [user.urn] });
  const key = resource("aws:iam/accessKey:AccessKey", "key", { parent: group.urn, inputDependencies: [user.urn, policy.urn] });
  key.options.dependsOn = [policy.urn];

  it("nests every resource under its parent and draws each dependency once", () => {
    expect(renderPlanMermaid(plan([stack, group, empty, user, policy, key]))).toBe(
      [
        "flowchart TB",
        '  subgraph r0["demo-dev<br/>Stack"]',
        '    subgraph r1["group<br/>Group"]',
        '      r3["user<br/>User"]',
        '      r4["policy<br/>UserPolicy"]',
        '      r5["key<br/>AccessKey"]',
        "    end",
        '    r2(["empty<br/>Empty"])',
        "  end",
        "  r4 -.-> r3",
        "  r5 --> r4",
        "  r5 -.-> r3",
        "",
      ].join("\n"),
    );
  });

  it("cannot be broken by a name that holds Mermaid's own characters", () => {
    const odd = resource("demo:index:Thing", 'a "quoted" <b>name</b>');
    expect(renderPlanMermaid(plan([odd]))).toContain('r0["a #quot;quoted#quot; #lt;b#gt;name#lt;/b#gt;<br/>Thing"]');
  });
});
