/**
 * The plan: what the program registered, in a form that can be printed or serialised. It never
 * holds a secret's value: secrets are reduced to a marker when a registration is recorded.
 */
import type { TranspileOnlyBy } from "./typescript-mode";

/** A value the program passed, with the markers a preview needs. */
export type PlanValue = null | boolean | number | string | PlanValue[] | PlanObject | PlanMarker;

export interface PlanObject {
  [key: string]: PlanValue;
}

/** Special values, told apart from data by the `$plan` key. */
export type PlanMarker =
  { $plan: "secret" } | { $plan: "unknown" } | { $plan: "resource"; urn: string } | { $plan: "asset" | "archive"; description: string };

export interface PlannedResourceOptions {
  protect?: boolean;
  /** Explicit dependencies: dependsOn, beyond the resources its inputs already reference. */
  dependsOn: string[];
  deleteBeforeReplace?: boolean;
  ignoreChanges: string[];
  replaceOnChanges: string[];
  additionalSecretOutputs: string[];
  retainOnDelete?: boolean;
  deletedWith?: string;
  /** Alias URNs or descriptions ("name=old", "parent=…"). */
  aliases: string[];
  /** URN of an explicit provider; absent for the default provider. */
  provider?: string;
  importId?: string;
  customTimeouts?: { create?: string; update?: string; delete?: string };
  /** Resource hooks by event, e.g. { beforeCreate: ["notify"] }. */
  hooks: Record<string, string[]>;
}

export interface PlannedResource {
  urn: string;
  type: string;
  name: string;
  /** Parent URN; absent only for the root stack. */
  parent?: string;
  /** A cloud resource (true) or a component grouping others (false). */
  custom: boolean;
  /** "create" for registrations, "read" for existing resources the program looks up. */
  operation: "create" | "read";
  /** The placeholder id the plan's monitor answered (absent for components). */
  id?: string;
  inputs: PlanObject;
  options: PlannedResourceOptions;
  /** Resources its inputs refer to (the property dependencies the SDK sent), by URN; absent when none. */
  inputDependencies?: string[];
  /** registerOutputs of components (the stack's outputs are in Plan.outputs). */
  outputs?: PlanObject;
}

export interface PlanDiagnostic {
  severity: "debug" | "info" | "warning" | "error";
  message: string;
  urn?: string;
}

/** How the program was loaded: what cmd/run was given, and how ts-node compiled it. */
export interface PlannedProgram {
  /** The program's folder, relative to the project folder ("." for the project folder itself). */
  directory: string;
  entryPoint: string;
  /** TypeScriptMode (typescript-mode.ts), its tsconfig relative to the project folder. */
  typescript: { enabled: boolean; typeCheck: boolean; transpileOnlyBy?: TranspileOnlyBy; transpiler?: string; tsconfig?: string };
}

export interface Plan {
  project: string;
  stack: string;
  stackFile: string;
  /**
   * Configuration keys whose values are encrypted (`secure:`): the plan cannot decrypt them, so
   * nothing checked them; the program received a placeholder for each, marked secret.
   */
  uncheckedSecrets: string[];
  program: PlannedProgram;
  resources: PlannedResource[];
  outputs: PlanObject;
  diagnostics: PlanDiagnostic[];
}

export function isPlanMarker(value: PlanValue): value is PlanMarker {
  return typeof value === "object" && value !== null && !Array.isArray(value) && typeof value["$plan"] === "string";
}
