/**
 * docs/deploying.md ("Management API scopes") and docs/management-api-calls.md show the data of
 * infra/auth0/management-api-calls.ts and management-api-scopes.ts, rendered here: each generated block
 * sits between `<!-- generated: NAME -->` and `<!-- end: NAME -->`, and a failing test prints the block
 * to paste.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AUTH0_TYPES as T, MANAGEMENT_API_CALLS, OPERATIONS, type Operation } from "../../infra/auth0/management-api-calls";
import { plannedResources, requiredScopes, type ScopeVariant } from "../../infra/auth0/management-api-scopes";
import { REPO_ROOT } from "./stack-files";

const RESOURCE_NAMES: Record<string, string> = {
  [T.getTenant]: "`auth0.getTenant`",
  [T.tenantFlagRead]: "the program's raw read of the phone flag",
  [T.action]: "`auth0.Action`",
  [T.triggerActions]: "`auth0.TriggerActions`",
  [T.guardian]: "`auth0.Guardian`",
  [T.phoneProvider]: "`auth0.PhoneProvider`",
  [T.phoneTemplate]: "`auth0.BrandingPhoneNotificationTemplate`",
  [T.logStream]: "`auth0.LogStream`",
};
const nameOf = (resource: string): string => RESOURCE_NAMES[resource] ?? `\`${resource}\``;
const codes = (values: readonly string[]): string => values.map((value) => `\`${value}\``).join(", ");
const unique = (values: readonly string[]): string[] => [...new Set(values)];

const VARIANTS: { label: string; variant: ScopeVariant }[] = [
  { label: "classic", variant: { experience: "classic" } },
  { label: "unified", variant: { experience: "unified" } },
  { label: "monitoring", variant: { experience: "unified", monitoring: true } },
];

/** Which stacks run which operations on a resource, and why when not all four. */
function managedBy(resource: string): string {
  const entries = VARIANTS.map(({ label, variant }) => ({
    label,
    entry: plannedResources(variant).find((planned) => planned.resource === resource),
  })).filter((found) => found.entry !== undefined && (found.label !== "monitoring" || resource === T.logStream));
  const describe = ({ operations, why }: { operations: readonly Operation[]; why: string }): string =>
    operations.length === OPERATIONS.length ? "" : `${operations.join(", ")}: ${why}`;
  const [classic, unified] = entries;
  if (
    entries.length === 2 &&
    classic?.entry !== undefined &&
    unified?.entry !== undefined &&
    describe(classic.entry) === describe(unified.entry)
  ) {
    const how = describe(classic.entry);
    return how === "" ? "every stack" : `every stack (${how})`;
  }
  return entries
    .map(({ label, entry }) => (entry === undefined || describe(entry) === "" ? label : `${label} (${describe(entry)})`))
    .join("; ");
}

function scopesOf(resource: string, operation: Operation): string {
  const scopes = unique(
    MANAGEMENT_API_CALLS.filter((call) => call.resource === resource && call.operation === operation).map((call) => call.scope),
  ).sort();
  return scopes.length === 0 ? "" : codes(scopes);
}

function scopeTable(): string {
  const resources = unique(MANAGEMENT_API_CALLS.map((call) => call.resource));
  const lines = [
    "| Resource | create | read (`pulumi refresh`) | update | delete | Stacks |",
    "| --- | --- | --- | --- | --- | --- |",
    ...resources.map(
      (resource) =>
        `| ${nameOf(resource)} | ${OPERATIONS.map((operation) => scopesOf(resource, operation)).join(" | ")} | ${managedBy(resource)} |`,
    ),
    "",
    "| Stack | Scopes to grant |",
    "| --- | --- |",
    `| classic | ${codes(requiredScopes({ experience: "classic" }))} |`,
    `| unified | ${codes(requiredScopes({ experience: "unified" }))} |`,
    `| with monitoring, add | ${codes(requiredScopes({ experience: "unified", monitoring: true }).filter((scope) => !requiredScopes({ experience: "unified" }).includes(scope)))} |`,
  ];
  return lines.join("\n");
}

function callTable(): string {
  const escape = (text: string): string => text.replace(/\|/g, "\\|");
  return [
    "| Resource | Operation | Call | Scope | When | Source |",
    "| --- | --- | --- | --- | --- | --- |",
    ...MANAGEMENT_API_CALLS.map(
      (call) =>
        `| ${nameOf(call.resource)} | ${call.operation} | \`${call.method} ${escape(call.path)}\` | \`${call.scope}\` | ${escape(call.when ?? "always")} | ${escape(call.source)} |`,
    ),
  ].join("\n");
}

function generatedBlock(file: string, name: string): string | undefined {
  const page = readFileSync(path.join(REPO_ROOT, "docs", file), "utf8");
  const start = page.indexOf(`<!-- generated: ${name} -->\n`);
  const end = page.indexOf(`\n<!-- end: ${name} -->`);
  if (start < 0 || end < start) return undefined;
  return page.slice(start + `<!-- generated: ${name} -->\n`.length, end);
}

describe("the Management API docs show the derived data", () => {
  it("docs/deploying.md: the scopes per resource, operation and stack", () => {
    const expected = scopeTable();
    expect(
      generatedBlock("deploying.md", "management-api-scopes"),
      `docs/deploying.md should hold, between its markers:\n${expected}`,
    ).toBe(expected);
  });

  it("docs/management-api-calls.md: every call, its scope and its source", () => {
    const expected = callTable();
    expect(
      generatedBlock("management-api-calls.md", "management-api-calls"),
      `docs/management-api-calls.md should hold, between its markers:\n${expected}`,
    ).toBe(expected);
  });
});
