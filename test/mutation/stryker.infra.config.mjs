// StrykerJS on infra/'s pure modules with the test/infra files that call them: `npm run mutation:infra`.
// The resources' wiring (sms-mfa.ts, tenant-sms-mfa.ts, ...) is only reached through Pulumi's mocks, too
// slow to run once per mutant (docs/testing.md).
import hook from "./stryker.hook.config.mjs";

/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  ...hook,
  vitest: { ...hook.vitest, configFile: "test/mutation/vitest.infra.config.mts" },
  mutate: [
    "infra/config/**/*.ts",
    "infra/messages/**/*.ts",
    "infra/aws/access-key-propagation.ts",
    "infra/aws/protect-configuration-rules.ts",
    "infra/aws/protect-configuration-calls.ts",
  ],
  incrementalFile: "reports/mutation/infra-incremental.json",
  htmlReporter: { fileName: "reports/mutation/infra.html" },
  jsonReporter: { fileName: "reports/mutation/infra.json" },
  // Measured, not enforced: infra/ has no required score.
  thresholds: { high: 95, low: 80, break: null },
};
