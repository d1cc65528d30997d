// Conformance of `npm run plan -- --json` (the offline `pulumi preview`) for both committed stacks and
// the fixture stack files (Unified Phone Experience; every opt-in on): every planned resource judged
// against the providers' and APIs' published rules (provider-rules.ts). The plan answers as for a new
// tenant (phone_consolidated_experience never set), or for one whose flag is off where the stack pins
// classic (a new tenant refuses that pin before anything is planned). Values the plan hides (secrets, values known only
// after apply) are judged by the mock runs of the same stacks (conformance-mocks.test.ts).
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../tools/command";
import { PLAN_TEST_TIMEOUT_MS } from "../plan/plan-command";
import { expectExit, sharedPlan, type PlanRun } from "../plan/shared-plans";
import {
  awsRegionOf,
  CLASSIC_TENANT,
  COMMITTED_STACKS,
  configuredExperience,
  FIXTURE_STACKS,
  NEW_TENANT,
  planResources,
  type PlannedResourceJson,
  type StackUnderTest,
} from "./conformance-runs";
import type { TenantState } from "./provider-rules";
import { fixedKnownDefects, isKnownDefect, type ConformanceScenario } from "./known-defects";
import { checkConformance, formatViolation, RESOURCE_TYPES, type ResourceUnderTest } from "./provider-rules";
import { containsHidden } from "./rule-values";

const STACKS: StackUnderTest[] = [...COMMITTED_STACKS, ...FIXTURE_STACKS];

/** The tenant each stack is planned on: a new one, or one whose flag is off for a stack that pins classic (which a new tenant refuses). */
function tenantFor(stack: StackUnderTest): TenantState {
  return configuredExperience(stack) === "classic" ? CLASSIC_TENANT : NEW_TENANT;
}

/**
 * `npm run plan -- --stack S --json`: the plan's default tenant is the one each stack is judged on (a
 * new tenant, or a flag off where the stack pins classic); the test checks the plan said so. The
 * committed stacks' runs are shared with committed-stacks.test.ts.
 */
function planArguments(stack: StackUnderTest): string[] {
  return [
    "--stack",
    stack.stack,
    "--json",
    ...(stack.stackFile === `Pulumi.${stack.stack}.yaml` ? [] : ["--stack-file", path.join(REPO_ROOT, stack.stackFile)]),
  ];
}

/** The plan's own line about the tenant it assumed, as it must read for `tenantFor(stack)`. */
function expectedTenantAssumption(stack: StackUnderTest): RegExp {
  return tenantFor(stack).phoneConsolidatedExperience === false
    ? /^the plan assumes a tenant whose phone_consolidated_experience flag is off/
    : /^the plan assumes a new tenant: phone_consolidated_experience never set/;
}

function experienceOf(resources: readonly ResourceUnderTest[]): ConformanceScenario["experience"] {
  const action = resources.find((resource) => resource.type === RESOURCE_TYPES.action);
  const trigger = (action?.inputs["supportedTriggers"] as { id?: string } | undefined)?.id;
  return trigger === "send-phone-message" ? "classic" : trigger === "custom-phone-provider" ? "unified" : undefined;
}

const plans = new Map<string, { run: PlanRun; tenantAssumptions: string[]; resources: ResourceUnderTest[] }>();

beforeAll(async () => {
  const runs = await Promise.all(STACKS.map((stack) => sharedPlan(planArguments(stack))));
  STACKS.forEach((stack, index) => {
    const run = runs[index] as PlanRun;
    const parsed =
      run.code === 0 ? (JSON.parse(run.stdout) as { resources: PlannedResourceJson[]; diagnostics: { message: string }[] }) : undefined;
    plans.set(stack.stack, {
      run,
      tenantAssumptions: (parsed?.diagnostics ?? [])
        .map((diagnostic) => diagnostic.message)
        .filter((message) => /^the plan assumes/.test(message)),
      resources: parsed === undefined ? [] : planResources(parsed, awsRegionOf(stack)),
    });
  });
}, PLAN_TEST_TIMEOUT_MS);

describe("npm run plan --json: every planned resource conforms to its provider's and API's rules", () => {
  for (const stack of STACKS) {
    it(`stack ${stack.stack} (${stack.stackFile})`, () => {
      const plan = plans.get(stack.stack);
      if (plan === undefined) throw new Error(`no plan of stack ${stack.stack}`);
      expect(plan.run.stderr).toBe("");
      expectExit(plan.run, 0);
      expect(plan.tenantAssumptions).toEqual([expect.stringMatching(expectedTenantAssumption(stack))]);
      const resources = plan?.resources ?? [];
      expect(resources.map((resource) => resource.type)).toContain(RESOURCE_TYPES.action);
      const report = checkConformance(resources, tenantFor(stack), containsHidden);
      expect(report.typesWithoutRules, "resource types with no conformance rules: add rules to test/conformance/provider-rules.ts").toEqual(
        [],
      );
      expect(report.inputsWithoutRules, "inputs no rule reads: add rules to test/conformance/provider-rules.ts").toEqual([]);
      const scenario: ConformanceScenario = {
        via: "plan",
        stack: stack.stack,
        experience: experienceOf(resources),
        tenant: tenantFor(stack),
      };
      expect(report.violations.filter((violation) => !isKnownDefect(violation, scenario)).map(formatViolation)).toEqual([]);
      expect(
        fixedKnownDefects(report.violations, scenario).map(
          (defect) => `${defect.ruleId} no longer occurs (${defect.fix}): remove it from KNOWN_DEFECTS`,
        ),
      ).toEqual([]);
    });
  }

  it("the plan hides only the Action's secrets and values known after apply, never a whole resource's inputs", () => {
    for (const [stack, plan] of plans) {
      for (const resource of plan.resources) {
        const visible = Object.values(resource.inputs).filter((value) => !containsHidden(value));
        expect(visible.length, `${stack}: ${resource.type} ${resource.name} has no input the rules can see`).toBeGreaterThan(0);
      }
    }
  });
});
