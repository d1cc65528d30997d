/**
 * The steps `pulumi up` takes to go from one run of the program (the stack's state) to the next, as
 * Pulumi documents them: a resource is matched to the state by its URN or one of its aliases; new
 * resources are created, and changed ones updated, as the program registers them (after what they
 * depend on); resources the program no longer registers are deleted at the end of the update,
 * dependents before what they depend on, and a protected one is refused
 * (https://www.pulumi.com/docs/iac/concepts/how-pulumi-works/,
 * https://www.pulumi.com/docs/iac/concepts/options/aliases/, .../options/protect/).
 * Also the provider rule this project's switch depends on: an Action's trigger cannot change in place.
 */
import type { RecordedResource } from "./run-program";

export interface UpdateStep {
  operation: "create" | "update" | "delete";
  type: string;
  name: string;
  urn: string;
  /** Why `pulumi up` (or the API behind it) would refuse this step; undefined when it goes through. */
  refused?: string;
}

/** The URNs a resource's aliases stand for: a URN as given; a `{ name }` alias, the same URN with another logical name. */
export function aliasUrns(resource: RecordedResource): string[] {
  const aliases = (resource.opts.aliases ?? []) as unknown[];
  return aliases.flatMap((alias) => {
    if (typeof alias === "string") return [alias];
    if (typeof alias === "object" && alias !== null && typeof (alias as { name?: unknown }).name === "string") {
      return [`${resource.urn.slice(0, resource.urn.lastIndexOf("::") + 2)}${(alias as { name: string }).name}`];
    }
    return [];
  });
}

function triggerOf(resource: RecordedResource): string | undefined {
  return (resource.inputs.supportedTriggers as { id?: string } | undefined)?.id;
}

/** The steps from the state `before` to the program run `after`, in the order the engine takes them. */
export function updateSteps(before: readonly RecordedResource[], after: readonly RecordedResource[]): UpdateStep[] {
  const state = new Map(before.filter((resource) => resource.custom).map((resource) => [resource.urn, resource]));
  const matched = new Set<string>();
  const steps: UpdateStep[] = [];
  for (const resource of after.filter((candidate) => candidate.custom)) {
    const old = [resource.urn, ...aliasUrns(resource)].map((urn) => state.get(urn)).find((found) => found !== undefined);
    const base = { type: resource.type, name: resource.name, urn: resource.urn };
    if (old === undefined) {
      steps.push({ operation: "create", ...base });
      continue;
    }
    matched.add(old.urn);
    if (JSON.stringify(old.inputs) === JSON.stringify(resource.inputs)) continue;
    const step: UpdateStep = { operation: "update", ...base };
    // terraform-provider-auth0 internal/auth0/action/resource.go: supported_triggers has no ForceNew,
    // so a new trigger is sent as an update, which the Management API refuses.
    if (resource.type === "auth0:index/action:Action" && triggerOf(old) !== triggerOf(resource)) {
      step.refused = "Management API: can't upgrade to this trigger";
    }
    steps.push(step);
  }
  const gone = [...state.values()].filter((resource) => !matched.has(resource.urn));
  const deleted = new Set<string>();
  // Dependents first: a resource is deleted once nothing left in the state depends on it.
  while (deleted.size < gone.length) {
    const next = gone.find(
      (resource) =>
        !deleted.has(resource.urn) &&
        !gone.some((other) => !deleted.has(other.urn) && other.urn !== resource.urn && other.dependencies.includes(resource.urn)),
    );
    if (next === undefined) throw new Error("dependency cycle among deleted resources");
    deleted.add(next.urn);
    steps.push({
      operation: "delete",
      type: next.type,
      name: next.name,
      urn: next.urn,
      ...(next.opts.protect === true ? { refused: "protected: run pulumi state unprotect first" } : {}),
    });
  }
  return steps;
}

/** The position of a step, for order assertions; fails the test when the step is missing. */
export function positionOf(steps: readonly UpdateStep[], operation: UpdateStep["operation"], name: string): number {
  const index = steps.findIndex((step) => step.operation === operation && step.name === name);
  if (index < 0) throw new Error(`no ${operation} of ${name} in ${JSON.stringify(steps.map((s) => `${s.operation} ${s.name}`))}`);
  return index;
}
