/**
 * Prints a plan's resource graph as a Mermaid flowchart (GitHub renders it): each component is a
 * box holding its children, each cloud resource a node named like the plan's tree, a solid arrow for
 * an explicit `dependsOn` and a dotted arrow for a resource an input refers to. Arrows point from a
 * resource to what it waits for. Node ids follow the plan's order, so the same plan prints the same text.
 */
import type { Plan, PlannedResource } from "./plan-model";

/** The last segment of a type token ("aws:iam/user:User" -> "User"), as a node's second line. */
function shortType(type: string): string {
  return type.split(":").pop() ?? type;
}

/** Mermaid label text: quotes and angle brackets as entities, so a name cannot break the syntax. */
function label(text: string): string {
  return text.replace(/"/g, "#quot;").replace(/</g, "#lt;").replace(/>/g, "#gt;");
}

export function renderPlanMermaid(plan: Plan): string {
  const ids = new Map(plan.resources.map((resource, index) => [resource.urn, `r${index}`]));
  const children = new Map<string, PlannedResource[]>();
  for (const resource of plan.resources) {
    if (resource.parent === undefined) continue;
    children.set(resource.parent, [...(children.get(resource.parent) ?? []), resource]);
  }
  const lines = ["flowchart TB"];
  const visit = (resource: PlannedResource, indent: string): void => {
    const id = ids.get(resource.urn) ?? "";
    const text = `${label(resource.name)}<br/>${label(shortType(resource.type))}`;
    const nested = children.get(resource.urn) ?? [];
    if (nested.length === 0) {
      lines.push(`${indent}${id}${resource.custom ? `["${text}"]` : `(["${text}"])`}`);
      return;
    }
    lines.push(`${indent}subgraph ${id}["${text}"]`);
    for (const child of nested) visit(child, `${indent}  `);
    lines.push(`${indent}end`);
  };
  for (const resource of plan.resources) if (resource.parent === undefined || !ids.has(resource.parent)) visit(resource, "  ");
  for (const resource of plan.resources) {
    const from = ids.get(resource.urn) ?? "";
    const explicit = new Set(resource.options.dependsOn);
    for (const urn of resource.options.dependsOn) {
      const to = ids.get(urn);
      if (to !== undefined) lines.push(`  ${from} --> ${to}`);
    }
    for (const urn of resource.inputDependencies ?? []) {
      const to = ids.get(urn);
      if (to !== undefined && !explicit.has(urn)) lines.push(`  ${from} -.-> ${to}`);
    }
  }
  return `${lines.join("\n")}\n`;
}
