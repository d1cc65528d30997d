// How a plan reads: tree, values, markers, long strings; and the check for secrets that escaped.
import { describe, expect, it } from "vitest";
import type { Plan, PlannedResource } from "../../plan/plan-model";
import { plannedResource as resource, URN } from "./planned-resources";
import { findPlaintextSecrets } from "../../plan/plaintext-secrets";
import { formatValue, LONG_STRING_CHARS, renderPlanJson, renderPlanText } from "../../plan/render-plan";

function samplePlan(): Plan {
  const stack = resource("pulumi:pulumi:Stack", "demo-dev", { custom: false });
  const group = resource("demo:index:Group", "group", { custom: false, parent: stack.urn });
  const user = resource("aws:iam/user:User", "user", {
    urn: URN("aws:iam/user:User", "user", "demo:index:Group"),
    parent: group.urn,
    id: "user-1234567",
    inputs: { path: "/demo/", password: { $plan: "secret" } },
  });
  user.options.protect = true;
  const key = resource("aws:iam/accessKey:AccessKey", "key", { parent: stack.urn, inputs: { user: { $plan: "unknown" } } });
  key.options.dependsOn = [user.urn];
  return {
    project: "demo",
    stack: "dev",
    stackFile: "Pulumi.dev.yaml",
    uncheckedSecrets: [],
    program: { directory: "infra", entryPoint: ".", typescript: { enabled: true, typeCheck: true } },
    resources: [stack, group, user, key],
    outputs: { arn: "arn:aws:iam::123456789012:user/demo/user", secretKey: { $plan: "secret" } },
    diagnostics: [{ severity: "warning", message: "mind the gap" }],
  };
}

describe("plan text", () => {
  it("draws the parent tree with the options that matter", () => {
    const text = renderPlanText(samplePlan());
    const treeLines = text.split("\n").filter((line) => line.startsWith(" + "));
    expect(treeLines).toHaveLength(4);
    expect(treeLines[0]).toMatch(/^ \+ {3}pulumi:pulumi:Stack\s+demo-dev\s+create$/);
    expect(treeLines[1]).toMatch(/├─ demo:index:Group\s+group/);
    expect(treeLines[2]).toMatch(/│ {2}└─ aws:iam\/user:User\s+user\s+create\s+protect$/);
    expect(treeLines[3]).toMatch(/└─ aws:iam\/accessKey:AccessKey\s+key\s+create\s+dependsOn: user$/);
    expect(text).toContain("+ 4 to create");
    expect(text).toContain("Program: infra/ loaded by @pulumi/pulumi cmd/run; ts-node type-checked");
    expect(text).toContain("password: [secret]");
    expect(text).toContain("user: (known after apply)");
    expect(text).toContain("secretKey: [secret]");
    expect(text).toContain("warning: mind the gap");
  });

  it("shows JSON text as structure and summarises very long strings without their content", () => {
    expect(formatValue('{"Version":"2012-10-17","Statement":[]}', "")).toBe('(json) {\n    Version: "2012-10-17"\n    Statement: []\n}');
    const bundle = `exports.handler = 1;\n${"x".repeat(LONG_STRING_CHARS)}`;
    const summary = formatValue(bundle, "");
    expect(summary).toMatch(/^<2,021 characters, 2 lines, sha256 [0-9a-f]{12}…>$/);
    expect(summary).not.toContain("exports.handler");
    expect(formatValue({ $plan: "resource", urn: URN("aws:iam/user:User", "user") }, "")).toBe("resource user (aws:iam/user:User)");
  });

  it("prints JSON with the markers and a summary", () => {
    const parsed = JSON.parse(renderPlanJson(samplePlan())) as { summary: unknown; outputs: Record<string, unknown> };
    expect(parsed.summary).toEqual({ create: 4, read: 0 });
    expect(parsed.outputs["secretKey"]).toEqual({ $plan: "secret" });
  });
});

describe("secrets that escaped their wrapping", () => {
  it("are reported where a placeholder secret shows up as plain data", () => {
    const plan = samplePlan();
    const user = plan.resources[2] as PlannedResource;
    user.inputs["tags"] = { token: "prefix-plan-placeholder-secret-demo-token" };
    plan.outputs["leak"] = ["plan-placeholder-secret-output-0123456789abcdef"];
    const warnings = findPlaintextSecrets(plan);
    expect(warnings.map((warning) => warning.message)).toEqual([
      expect.stringContaining("input tags.token of user"),
      expect.stringContaining("stack output leak[0]"),
    ]);
    expect(warnings[0]?.urn).toBe(user.urn);
  });

  it("find nothing in a plan whose secrets stayed wrapped", () => {
    expect(findPlaintextSecrets(samplePlan())).toEqual([]);
  });
});
