// Compiles the bench's child-process drivers to plain CommonJS with esbuild, so each child runs
// under bare `node` (no ts-node in the timed part). npm packages stay require()d from node_modules.
import path from "node:path";
import { build } from "esbuild";

export const BENCH_DRIVERS = [
  "cold-start-driver",
  "warm-driver",
  "raw-floor-driver",
  "load-breakdown-driver",
  "endpoint-process",
  "warm-compare-driver",
] as const;
export type BenchDriver = (typeof BENCH_DRIVERS)[number];

/** Writes `<outDir>/<driver>.js` for every driver; returns driver → file. */
export async function compileBenchDrivers(outDir: string): Promise<Record<BenchDriver, string>> {
  const files = {} as Record<BenchDriver, string>;
  await Promise.all(
    BENCH_DRIVERS.map(async (driver) => {
      const outfile = path.join(outDir, `${driver}.js`);
      await build({
        entryPoints: [path.join(__dirname, `${driver}.ts`)],
        outfile,
        bundle: true,
        platform: "node",
        target: "node20",
        format: "cjs",
        packages: "external",
        logLevel: "error",
      });
      files[driver] = outfile;
    }),
  );
  return files;
}
