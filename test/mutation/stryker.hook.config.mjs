// StrykerJS on hook/ (what ships to Auth0) with the test/hook files: `npm run mutation:hook`.
// Kept out of `npm test` and .ci/run: it runs the covering tests once per mutant (docs/testing.md).

/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  vitest: { configFile: "test/mutation/vitest.hook.config.mts", related: false, pool: "threads" },
  mutate: ["hook/**/*.ts"],
  // Only the tests that cover a mutant run for it.
  coverageAnalysis: "perTest",
  // Two CPUs shared with other work: one runner per CPU at most (the scripts also run it at nice 19).
  concurrency: 2,
  // The sender's deadline tests wait 4.5 s by design: a busy machine must not turn them into timeouts.
  timeoutMS: 10_000,
  // A rerun tests only the mutants of changed code or whose covering tests changed.
  incremental: true,
  incrementalFile: "reports/mutation/hook-incremental.json",
  reporters: ["clear-text", "progress", "html", "json"],
  htmlReporter: { fileName: "reports/mutation/hook.html" },
  jsonReporter: { fileName: "reports/mutation/hook.json" },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  thresholds: { high: 95, low: 90, break: 95 },
};
