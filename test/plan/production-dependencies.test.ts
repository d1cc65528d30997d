// The deploy path after `npm ci --omit=dev`: the runner and the program load from the production
// dependencies alone. The runner's process is started with test/support/omit-dev-packages.cjs, which
// hides every devDependency as that install leaves it out, and must plan what the full install plans.
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { PLAN_TEST_TIMEOUT_MS, REPOSITORY_ROOT } from "./plan-command";
import { expectExit, prefetchPlans, sharedPlan, type PlanRequest } from "./shared-plans";

interface JsonPlan {
  resources: { urn: string; inputs: Record<string, unknown> }[];
  diagnostics: { severity: string; message: string }[];
}

const OMIT_DEV = { NODE_OPTIONS: `--require=${path.join(REPOSITORY_ROOT, "test", "support", "omit-dev-packages.cjs")}` };
const FULL: PlanRequest = { args: ["--stack", "dev", "--json"] };
const PRODUCTION_ONLY: PlanRequest = { ...FULL, environment: OMIT_DEV };
prefetchPlans([FULL, PRODUCTION_ONLY]);

describe("after npm ci --omit=dev", () => {
  it(
    "the runner loads the program (with the project's ts-node and typescript) and plans the same resources",
    async () => {
      const omitted = await sharedPlan(PRODUCTION_ONLY.args, PRODUCTION_ONLY.environment);
      expectExit(omitted, 0);
      const plan = JSON.parse(omitted.stdout) as JsonPlan;
      // The hook ran in the runner's process (its line on stderr becomes a warning of the plan).
      expect(plan.diagnostics.map((diagnostic) => diagnostic.message)).toContainEqual(
        expect.stringMatching(/^omit-dev: \d+ devDependency packages hidden from this process$/),
      );
      const full = JSON.parse((await sharedPlan(FULL.args)).stdout) as JsonPlan;
      expect(plan.resources).toEqual(full.resources);
    },
    PLAN_TEST_TIMEOUT_MS,
  );
});
