import { defineConfig } from "vitest/config";
import { ShortestFirstSequencer } from "./shortest-first-sequencer.mjs";

/**
 * The test/infra files that call infra/'s pure modules directly, for `npm run mutation:infra`. The
 * files that run the whole program under Pulumi's mocks (test/infra/run-program.ts) are left out: each
 * mutant would load Pulumi and its providers again.
 */
export default defineConfig({
  test: {
    include: [
      "test/infra/access-key-propagation.test.ts",
      "test/infra/localized-messages.test.ts",
      "test/infra/project-files.test.ts",
      "test/infra/protect-configuration-calls.test.ts",
      "test/infra/protect-configuration-rules.test.ts",
      "test/infra/validate-config.test.ts",
    ],
    testTimeout: 30_000,
    sequence: { sequencer: ShortestFirstSequencer },
  },
});
