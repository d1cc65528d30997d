/**
 * Violations the suite finds in the program today and that a pending fix removes. Each entry names
 * the rule, the resource type, where it is expected, and the fix. The suite fails on any violation not
 * listed here AND on a listed one that no longer occurs: once the fix lands, delete its entry.
 */
import type { RuleViolation, TenantState } from "./provider-rules";

export interface ConformanceScenario {
  /** "mock" (Pulumi's mocks) or "plan" (npm run plan --json). */
  via: "mock" | "plan";
  stack: string;
  /** The phone experience the program chose (from the registered Action's trigger). */
  experience: "classic" | "unified" | undefined;
  tenant: TenantState;
}

export interface KnownDefect {
  ruleId: string;
  resourceType: string;
  /** What fixes it. */
  fix: string;
  expectedIn: (scenario: ConformanceScenario) => boolean;
}

export const KNOWN_DEFECTS: readonly KnownDefect[] = [];

export function isKnownDefect(violation: RuleViolation, scenario: ConformanceScenario): boolean {
  return KNOWN_DEFECTS.some(
    (defect) => defect.ruleId === violation.ruleId && defect.resourceType === violation.resourceType && defect.expectedIn(scenario),
  );
}

/** Known defects expected in this scenario that did not occur: fixed, so their entries must go. */
export function fixedKnownDefects(violations: readonly RuleViolation[], scenario: ConformanceScenario): KnownDefect[] {
  return KNOWN_DEFECTS.filter(
    (defect) =>
      defect.expectedIn(scenario) &&
      !violations.some((violation) => violation.ruleId === defect.ruleId && violation.resourceType === defect.resourceType),
  );
}
