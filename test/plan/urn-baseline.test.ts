/**
 * The URN baseline (CHANGELOG.md, 0.1.0): the URNs the first release plans for the committed stacks
 * and the test variants are recorded in urn-baseline.json. A deployed stack holds its state at those
 * URNs, so each must still be planned, or be the alias of a planned resource (given on the resource,
 * or inherited from a parent's alias as Pulumi derives it:
 * https://www.pulumi.com/docs/iac/concepts/options/aliases/). A rename without an alias fails here;
 * a new resource fails until its URN is recorded.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PLAN_TEST_TIMEOUT_MS, REPOSITORY_ROOT } from "./plan-command";
import { expectExit, prefetchPlans, sharedPlan } from "./shared-plans";

interface PlannedResource {
  urn: string;
  type: string;
  name: string;
  parent?: string;
  options: { aliases?: unknown[] };
}

const BASELINE_FILE = path.join(__dirname, "urn-baseline.json");
const BASELINE = JSON.parse(readFileSync(BASELINE_FILE, "utf8")) as Record<string, string[]>;

/** The plan of a variant, by its key in the baseline: the `npm run plan` arguments, a stack file relative to the repository. */
function planArguments(variant: string): string[] {
  const args = variant.split(" ");
  const stackFile = args.indexOf("--stack-file");
  if (stackFile >= 0) args[stackFile + 1] = path.join(REPOSITORY_ROOT, args[stackFile + 1] ?? "");
  return args;
}

prefetchPlans(Object.keys(BASELINE).map((variant) => ({ args: planArguments(variant) })));

/** `urn:pulumi:<stack>::<project>::<type chain>::<name>` split at its last `::`. */
function splitUrn(urn: string): { prefix: string; typeChain: string; name: string } {
  const [stack = "", project = "", typeChain = "", ...name] = urn.slice("urn:pulumi:".length).split("::");
  return { prefix: `urn:pulumi:${stack}::${project}`, typeChain, name: name.join("::") };
}

/** The URN of a child of `parentUrn` (Pulumi's createUrn: the root stack adds nothing to the type chain). */
function childUrn(parentUrn: string, type: string, name: string): string {
  const parent = splitUrn(parentUrn);
  const chain = parent.typeChain === "pulumi:pulumi:Stack" ? type : `${parent.typeChain}$${type}`;
  return `${parent.prefix}::${chain}::${name}`;
}

/**
 * The URN an alias stands for: a URN as it is, or a spec as the plan describes it ("name=…, type=…,
 * stack=…, project=…, parent=…" or "noParent"), each part left out taken from the resource itself.
 */
function aliasUrn(resource: PlannedResource, alias: string): string {
  if (alias.startsWith("urn:")) return alias;
  const spec = new Map(alias.split(", ").map((part) => [part.split("=")[0] ?? "", part.slice(part.indexOf("=") + 1)]));
  const own = splitUrn(resource.urn);
  const [stack, project] = own.prefix.slice("urn:pulumi:".length).split("::");
  const parent = spec.has("noParent") ? undefined : (spec.get("parent") ?? resource.parent);
  const type = spec.get("type") ?? resource.type;
  const name = spec.get("name") ?? resource.name;
  if (parent !== undefined) return childUrn(parent, type, name);
  return `urn:pulumi:${spec.get("stack") ?? stack}::${spec.get("project") ?? project}::${type}::${name}`;
}

/** Every URN a planned resource answers to: its own, its aliases, and those inherited from its parent's aliases. */
function answeringUrns(resources: readonly PlannedResource[]): Set<string> {
  const byUrn = new Map(resources.map((resource) => [resource.urn, resource]));
  const memo = new Map<string, string[]>();
  const aliasesOf = (resource: PlannedResource): string[] => {
    const known = memo.get(resource.urn);
    if (known !== undefined) return known;
    const direct = (resource.options.aliases ?? [])
      .filter((alias): alias is string => typeof alias === "string")
      .map((alias) => aliasUrn(resource, alias));
    const parent = resource.parent === undefined ? undefined : byUrn.get(resource.parent);
    const inherited =
      parent === undefined
        ? []
        : aliasesOf(parent).map((parentAlias) => {
            // Pulumi's inheritedChildAlias: a child named after its parent takes the alias's name as its prefix.
            const aliasParentName = splitUrn(parentAlias).name;
            const name = resource.name.startsWith(parent.name)
              ? `${aliasParentName}${resource.name.slice(parent.name.length)}`
              : resource.name;
            return childUrn(parentAlias, resource.type, name);
          });
    const all = [...direct, ...inherited];
    memo.set(resource.urn, all);
    return all;
  };
  return new Set(resources.flatMap((resource) => [resource.urn, ...aliasesOf(resource)]));
}

describe("the URN baseline", () => {
  it.each(Object.keys(BASELINE))(
    "%s: every baseline URN is planned or aliased, and every planned URN is recorded",
    async (variant) => {
      const run = await sharedPlan(planArguments(variant));
      expectExit(run, 0);
      const resources = (JSON.parse(run.stdout) as { resources: PlannedResource[] }).resources;
      const answering = answeringUrns(resources);
      const lost = (BASELINE[variant] ?? []).filter((urn) => !answering.has(urn));
      expect(lost, "renamed without an alias: a deployed stack would delete and recreate these").toEqual([]);
      const unrecorded = resources.map((resource) => resource.urn).filter((urn) => !(BASELINE[variant] ?? []).includes(urn));
      expect(unrecorded, `new URNs: record them in ${path.relative(REPOSITORY_ROOT, BASELINE_FILE)}`).toEqual([]);
    },
    PLAN_TEST_TIMEOUT_MS,
  );
});
