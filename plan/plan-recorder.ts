/**
 * Collects what the program registers into a Plan, giving each resource the URN the Pulumi engine
 * would give it, and refusing a second resource with the same URN as the engine does.
 */
import type { Plan, PlanDiagnostic, PlannedProgram, PlannedResource, PlanObject } from "./plan-model";

export const ROOT_STACK_TYPE = "pulumi:pulumi:Stack";

/** The type part of a URN (`urn:pulumi:stack::project::<type>::name`), parent types joined by `$`. */
export function qualifiedTypeOfUrn(urn: string): string {
  return urn.split("::")[2] ?? "";
}

/** The logical name at the end of a URN. */
export function nameOfUrn(urn: string): string {
  const parts = urn.split("::");
  return parts.slice(3).join("::");
}

export class PlanRecorder {
  private readonly resources = new Map<string, PlannedResource>();
  private readonly diagnostics: PlanDiagnostic[] = [];
  private stackOutputs: PlanObject = {};

  constructor(
    readonly project: string,
    readonly stack: string,
  ) {}

  /** The engine's URN: children of components carry the component's type chain; the stack's children do not. */
  resourceUrn(type: string, name: string, parentUrn: string): string {
    let qualifiedType = type;
    if (parentUrn !== "") {
      const parentType = qualifiedTypeOfUrn(parentUrn);
      if (parentType !== ROOT_STACK_TYPE) qualifiedType = `${parentType}$${type}`;
    }
    return `urn:pulumi:${this.stack}::${this.project}::${qualifiedType}::${name}`;
  }

  record(resource: PlannedResource): void {
    if (this.resources.has(resource.urn)) {
      throw new Error(`Duplicate resource URN '${resource.urn}'; try giving it a unique name`);
    }
    this.resources.set(resource.urn, resource);
  }

  has(urn: string): boolean {
    return this.resources.has(urn);
  }

  recordOutputs(urn: string, outputs: PlanObject): void {
    const resource = this.resources.get(urn);
    if (resource === undefined) throw new Error(`unknown resource ${urn}`);
    if (resource.type === ROOT_STACK_TYPE && resource.parent === undefined) this.stackOutputs = outputs;
    else resource.outputs = outputs;
  }

  recordDiagnostic(diagnostic: PlanDiagnostic): void {
    this.diagnostics.push(diagnostic);
  }

  errors(): PlanDiagnostic[] {
    return this.diagnostics.filter((diagnostic) => diagnostic.severity === "error");
  }

  plan(stackFile: string, program: PlannedProgram, uncheckedSecrets: string[] = []): Plan {
    return {
      project: this.project,
      stack: this.stack,
      stackFile,
      uncheckedSecrets,
      program,
      resources: [...this.resources.values()],
      outputs: this.stackOutputs,
      diagnostics: [...this.diagnostics],
    };
  }
}
