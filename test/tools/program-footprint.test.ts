/**
 * What `pulumi up` loads stays small enough to read, and loads after `npm ci --omit=dev`
 * (docs/architecture.md): measured with esbuild's resolver by tools/program-footprint.ts.
 */
import { describe, expect, it } from "vitest";
import { FOOTPRINT_CEILING, footprintProblems, productionDependencies, programFootprint } from "../../tools/program-footprint";

describe("the program's footprint", () => {
  it("keeps within the ceiling, parses no YAML and loads only production dependencies", async () => {
    const footprint = await programFootprint();
    expect(footprint.files.map((file) => file.file)).toContain("infra/index.ts");
    expect(footprintProblems(footprint, productionDependencies())).toEqual([]);
  });

  it("names every broken rule", () => {
    const files = Array.from({ length: FOOTPRINT_CEILING.files + 1 }, (_, index) => ({ file: `infra/f${index}.ts`, lines: 100 }));
    files[0] = { file: "infra/long.ts", lines: 401 };
    expect(footprintProblems({ files, lines: 4001, packages: ["@pulumi/pulumi", "js-yaml"] }, { "@pulumi/pulumi": "3.276.0" })).toEqual([
      "37 files: the ceiling is 36",
      "4001 lines: the ceiling is 3900",
      "infra/long.ts has 401 lines: at most 400 per file",
      "js-yaml is a YAML parser: the runner has read the project and stack files already",
      "js-yaml is loaded at run time but is not in package.json dependencies: npm ci --omit=dev leaves it out",
    ]);
  });
});
