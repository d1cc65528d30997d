import { availableParallelism } from "node:os";
import { configDefaults, defineConfig } from "vitest/config";

const ALL_TESTS = ["test/**/*.test.ts", "hook/**/*.test.ts", "infra/**/*.test.ts", "plan/**/*.test.ts", "tools/**/*.test.ts"];

/**
 * Files that run the program under Pulumi's mocks through test/infra/run-program.ts, which sets the
 * mocks and the configuration afresh for every run and leaves nothing pending: they share worker
 * processes, so @pulumi/pulumi, @pulumi/aws and @pulumi/auth0 are loaded once per worker, not per file.
 */
const PROGRAM_UNDER_MOCKS = ["test/infra/**/*.test.ts", "test/conformance/conformance-mocks.test.ts"];

/** Files that run `npm run plan` (the real runner, a few seconds each): left out by `npm run test:quick`. */
const PLANS = [
  "test/plan/architecture-doc.test.ts",
  "test/plan/committed-stacks.test.ts",
  "test/plan/deploy-role-completeness.test.ts",
  "test/plan/localized-stack.test.ts",
  "test/plan/plan-command.test.ts",
  "test/plan/production-dependencies.test.ts",
  "test/plan/protect-configuration-plan.test.ts",
  "test/plan/read-only-role.test.ts",
  "test/plan/secret-config.test.ts",
  "test/plan/urn-baseline.test.ts",
  "test/conformance/conformance-plan.test.ts",
];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Every other file runs in a process of its own: Pulumi's runtime and the sender keep process-wide
    // state (mocks, config, the cached SNS client), and tests stub environment variables.
    pool: "forks",
    // More files at a time than CPUs: many wait on sockets, timers and child processes (the plans)
    // rather than compute. vitest's default on 2 CPUs is one file at a time.
    maxWorkers: Math.max(2, availableParallelism() * 2),
    projects: [
      { extends: true, test: { name: "program-under-mocks", include: PROGRAM_UNDER_MOCKS, isolate: false } },
      {
        extends: true,
        test: {
          name: "plans",
          include: PLANS,
          // One server runs each distinct `npm run plan` once for every file that reads it (test/plan/shared-plans.ts).
          globalSetup: ["test/plan/shared-plans.global-setup.ts"],
        },
      },
      {
        extends: true,
        test: { name: "isolated", include: ALL_TESTS, exclude: [...configDefaults.exclude, ...PROGRAM_UNDER_MOCKS, ...PLANS] },
      },
    ],
  },
});
