/** Test helper: hand-made plan entries for the renderers' tests (project "demo", stack "dev"). */
import type { PlannedResource } from "../../plan/plan-model";

/** The engine URN of a resource of `type` named `name`, under a parent of `parentType` when given. */
export const URN = (type: string, name: string, parentType?: string) =>
  `urn:pulumi:dev::demo::${parentType === undefined ? "" : `${parentType}$`}${type}::${name}`;

/** A created custom resource with no inputs and default options, changed by `extra`. */
export function plannedResource(type: string, name: string, extra: Partial<PlannedResource> = {}): PlannedResource {
  return {
    urn: URN(type, name),
    type,
    name,
    custom: true,
    operation: "create",
    inputs: {},
    options: { dependsOn: [], ignoreChanges: [], replaceOnChanges: [], additionalSecretOutputs: [], aliases: [], hooks: {} },
    ...extra,
  };
}
