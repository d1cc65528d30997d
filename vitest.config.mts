import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "hook/**/*.test.ts", "infra/**/*.test.ts", "plan/**/*.test.ts", "tools/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Pulumi's runtime keeps process-wide state (mocks, config): isolate each test file in its own process.
    pool: "forks",
  },
});
