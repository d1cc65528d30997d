import { defineConfig } from "vitest/config";
import { ShortestFirstSequencer } from "./shortest-first-sequencer.mjs";

/**
 * The test/hook files alone, for `npm run mutation:hook`. Stryker's `testFiles` option would select
 * them too, but then it activates a mutant only once the test file has loaded its modules, so every
 * mutant of a module-level constant (a regular expression, a list, a table) would survive untested.
 */
export default defineConfig({
  test: { include: ["test/hook/**/*.test.ts"], testTimeout: 30_000, sequence: { sequencer: ShortestFirstSequencer } },
});
