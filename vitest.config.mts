import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "hook/**/*.test.ts", "infra/**/*.test.ts", "plan/**/*.test.ts", "tools/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Pulumi's runtime keeps process-wide state (mocks, config): isolate each test file in its own process.
    pool: "forks",
    // More files at a time than CPUs: many wait on sockets, timers and child processes (the plans)
    // rather than compute. vitest's default on 2 CPUs is one file at a time.
    maxWorkers: Math.max(2, availableParallelism() * 2),
    // One server runs each distinct `npm run plan` once for every file that reads it (test/plan/shared-plans.ts).
    globalSetup: ["test/plan/shared-plans.global-setup.ts"],
  },
});
