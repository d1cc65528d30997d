// Conformance under Pulumi's mocks: every resource the program registers, for both committed stacks,
// both phone experiences and every opt-in, on a new tenant and on a classic one, judged against the
// providers' and APIs' published rules (provider-rules.ts; each rule cites its source).
import { describe, expect, it } from "vitest";
import {
  CLASSIC_TENANT,
  COMMITTED_STACKS,
  contradictsTenant,
  describeTenant,
  FIXTURE_STACKS,
  NEW_TENANT,
  runUnderMocks,
  type StackUnderTest,
} from "./conformance-runs";
import { fixedKnownDefects, isKnownDefect, type ConformanceScenario } from "./known-defects";
import { checkConformance, formatViolation, RESOURCE_TYPES, type ResourceUnderTest, type TenantState } from "./provider-rules";

const EVERY_OPT_IN = FIXTURE_STACKS.find((stack) => stack.stack === "every-opt-in") as StackUnderTest;
const UNIFIED = FIXTURE_STACKS.find((stack) => stack.stack === "unified") as StackUnderTest;

const RUNS: { stack: StackUnderTest; tenant: TenantState }[] = [
  ...COMMITTED_STACKS.flatMap((stack) => [
    { stack, tenant: NEW_TENANT },
    { stack, tenant: CLASSIC_TENANT },
  ]),
  ...FIXTURE_STACKS.map((stack) => ({ stack, tenant: NEW_TENANT })),
  { stack: { ...EVERY_OPT_IN, overrides: { phoneExperience: "classic" } }, tenant: CLASSIC_TENANT },
  // unified pinned on a tenant whose flag the raw read confirms off: refused, or judged (auth0-guardian-phone-provider-tenant-flag-off).
  { stack: UNIFIED, tenant: CLASSIC_TENANT },
];

function experienceOf(resources: readonly ResourceUnderTest[]): ConformanceScenario["experience"] {
  const action = resources.find((resource) => resource.type === RESOURCE_TYPES.action);
  const trigger = (action?.inputs["supportedTriggers"] as { id?: string } | undefined)?.id;
  return trigger === "send-phone-message" ? "classic" : trigger === "custom-phone-provider" ? "unified" : undefined;
}

/** Every resource type a run registered, to prove together they cover every type with rules. */
const registeredTypes = new Set<string>();

describe("every resource the program registers conforms to its provider's and API's rules (Pulumi mocks)", () => {
  for (const { stack, tenant } of RUNS) {
    const label = `${stack.stack}${stack.overrides === undefined ? "" : ` with ${JSON.stringify(stack.overrides)}`} on ${describeTenant(tenant)}`;
    it(`stack ${label}`, async () => {
      const outcome = await runUnderMocks(stack, tenant);
      if (outcome.kind === "refused") {
        // Refusing before registering anything is conforming only where the stack's explicit
        // experience contradicts the tenant's flag, and only if the refusal names the flag.
        expect(contradictsTenant(stack, tenant), `the program refused: ${outcome.message}`).toBe(true);
        expect(outcome.message).toContain("phone_consolidated_experience");
        return;
      }
      for (const resource of outcome.resources) registeredTypes.add(resource.type);
      const report = checkConformance(outcome.resources, tenant, () => false);
      expect(report.typesWithoutRules, "resource types with no conformance rules: add rules to test/conformance/provider-rules.ts").toEqual(
        [],
      );
      expect(report.inputsWithoutRules, "inputs no rule reads: add rules to test/conformance/provider-rules.ts").toEqual([]);
      expect(report.unchecked, "under mocks every value is known").toEqual([]);
      const scenario: ConformanceScenario = { via: "mock", stack: stack.stack, experience: experienceOf(outcome.resources), tenant };
      expect(report.violations.filter((violation) => !isKnownDefect(violation, scenario)).map(formatViolation)).toEqual([]);
      expect(
        fixedKnownDefects(report.violations, scenario).map(
          (defect) => `${defect.ruleId} no longer occurs (${defect.fix}): remove it from KNOWN_DEFECTS`,
        ),
      ).toEqual([]);
    });
  }

  it("the runs together register every resource type the rules know", () => {
    expect([...registeredTypes].sort()).toEqual(Object.values(RESOURCE_TYPES).sort());
  });
});
