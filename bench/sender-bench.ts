// `npm run bench [-- --rtt MS] [-- --aws-sdk-v2 DIR] [-- --node PATH]`: builds the send-phone-message Action and
// measures it against a local TLS SNS-compatible endpoint in its own process, side by side with its
// neighbours in the same run: a bare SDK v3 sender (the floor of any sender on @aws-sdk/client-sns), a
// raw keep-alive HTTPS POST of the same size (the floor of any HTTPS sender) and, with --aws-sdk-v2, the
// original guide's aws-sdk v2 hook. Cold start (fresh node per sample, clock from just before require()
// of the code to the first accepted SMS), warm per-send latency, TLS connections, RSS, and where a cold
// start goes. With --rtt, a latency proxy adds that round trip between every sender and the endpoint
// (SNS is never on localhost); with --node, every measuring process runs under that node binary.
import { execFileSync } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { buildAction } from "../infra/auth0/action-bundle";
import { actionRuntimeMismatch } from "../tools/kit/action-runtime-check";
import { parseFlags, REPO_ROOT, UsageError } from "../tools/command";
import {
  BENCH_ENV,
  parseResult,
  type ColdStartSample,
  type ComparisonSample,
  type LatencySample,
  type StageTimings,
} from "./bench-protocol";
import { startEndpointProcess, runDriver } from "./bench-processes";
import { renderBenchReport } from "./bench-report";
import { compileBenchDrivers, type BenchDriver } from "./compile-bench-drivers";

const OUT_DIR = path.join(REPO_ROOT, "dist", "bench");
const COLD_SAMPLES = 9;
const BREAKDOWN_SAMPLES = 7;
const WARM_UP_SENDS = 20; // as in warm-driver.ts, raw-floor-driver.ts and warm-compare-driver.ts
/** Warm sends per client, and rounds in turns: fewer at a distance, where each costs a round trip. */
const WARM_SENDS = { loopback: 300, distance: 100 };
const COMPARE_ROUNDS = { loopback: 200, distance: 100 };
/** The largest --rtt: keeps a run bounded (a fresh connection pays 3 round trips). */
export const MAX_RTT_MS = 300;

export interface BenchArgs {
  /** Folder whose node_modules holds aws-sdk v2 (the guide's hook, as a baseline). */
  awsSdkV2Dir: string | undefined;
  /** The node binary the measuring processes run under (default: the one running the bench). */
  nodeBinary: string;
  /** Round trip in ms the latency proxy adds between the senders and the endpoint (0: none). */
  rttMs: number;
}

const BENCH_USAGE = "npm run bench [-- --rtt MS] [-- --aws-sdk-v2 DIR] [-- --node PATH]";

/** The --rtt value: whole milliseconds from 0 to MAX_RTT_MS; anything else is an error naming the flag. */
function rttOf(value: string | undefined): number {
  if (value === undefined) return 0;
  const rttMs = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!(rttMs <= MAX_RTT_MS))
    throw new UsageError(`Flag --rtt needs a round trip in whole milliseconds from 0 to ${MAX_RTT_MS}, got ${JSON.stringify(value)}`);
  return rttMs;
}

/** `--rtt MS`, `--aws-sdk-v2 DIR` and `--node PATH` (also as `--flag=value`); anything else is an error naming it. */
export function parseBenchArgs(args: readonly string[]): BenchArgs {
  let flags;
  try {
    flags = parseFlags(args, { "aws-sdk-v2": { value: true }, node: { value: true }, rtt: { value: true } });
  } catch (error) {
    if (error instanceof UsageError) throw new UsageError(`${error.message} (usage: ${BENCH_USAGE})`);
    throw error;
  }
  const awsSdkV2Dir = flags["aws-sdk-v2"];
  const nodeBinary = flags.node;
  return {
    awsSdkV2Dir: typeof awsSdkV2Dir === "string" ? path.resolve(awsSdkV2Dir) : undefined,
    nodeBinary: typeof nodeBinary === "string" ? path.resolve(nodeBinary) : process.execPath,
    rttMs: rttOf(typeof flags.rtt === "string" ? flags.rtt : undefined),
  };
}

/** The floor's body: the same parameters, encoded the way the SDK's Query serializer encodes them. */
function queryBody(params: Record<string, string>): string {
  return Object.entries(params)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`)
    .join("&");
}

function machine(nodeVersion: string): string {
  const cpus = os.cpus();
  const load = os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");
  return `${cpus[0]?.model.trim() ?? "unknown CPU"} × ${cpus.length}, ${os.type()} ${os.release()}, node ${nodeVersion}, load average at start ${load}`;
}

/**
 * `node --version` of the binary the drivers run under; an error names the binary when it does not run,
 * or when it is not the Action's runtime major (the figures would not be those of Auth0's runtime).
 */
function nodeVersionOf(nodeBinary: string): string {
  let version: string;
  try {
    version = execFileSync(nodeBinary, ["--version"], { encoding: "utf8", timeout: 10_000 }).trim();
  } catch {
    throw new Error(`--node ${nodeBinary}: not a node binary that runs here`);
  }
  const mismatch = actionRuntimeMismatch(version);
  if (mismatch !== undefined) throw new UsageError(`node ${nodeBinary}: ${mismatch}`);
  return version;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const { awsSdkV2Dir, nodeBinary, rttMs } = parseBenchArgs(argv);
  const command = argv.length === 0 ? "npm run bench" : `npm run bench -- ${argv.join(" ")}`;
  const distance = rttMs > 0 ? "distance" : "loopback";
  const nodeVersion = nodeVersionOf(nodeBinary);
  const startedAt = new Date();
  const benchStart = performance.now();
  await mkdir(OUT_DIR, { recursive: true });
  const action = await buildAction("send-phone-message");
  const actionFile = path.join(OUT_DIR, "send-phone-message.js");
  await writeFile(actionFile, action.code);
  const drivers = await compileBenchDrivers(OUT_DIR);
  const machineAtStart = machine(nodeVersion);
  const endpoint = await startEndpointProcess(drivers["endpoint-process"], rttMs);
  try {
    const caFile = path.join(OUT_DIR, "endpoint-ca.pem");
    await writeFile(caFile, endpoint.caPem);
    // A clean environment: no AWS_* or NODE_OPTIONS from the caller. The endpoint's certificate is
    // trusted through NODE_EXTRA_CA_CERTS (read at process start): the Action needs no test hook.
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      NODE_EXTRA_CA_CERTS: caFile,
      [BENCH_ENV.actionFile]: actionFile,
      [BENCH_ENV.endpoint]: endpoint.url,
      [BENCH_ENV.sends]: String(WARM_SENDS[distance]),
      [BENCH_ENV.awsSdkV2Dir]: awsSdkV2Dir,
    };
    const run = async <T>(driver: BenchDriver, extra: NodeJS.ProcessEnv = {}): Promise<T> =>
      parseResult<T>(driver, await runDriver(drivers[driver], { ...env, ...extra }, nodeBinary));

    await run<ColdStartSample>("cold-start-driver"); // discarded: fills the OS file cache, gives the floor its body
    const first = await endpoint.stats();
    if (first.lastParams === undefined) throw new Error("the bench's first send did not reach the endpoint");
    const floorBody = queryBody(first.lastParams);

    // Cold samples interleaved (one of each per round), so drifting machine load hits every row alike.
    const cold = {
      noAllowList: [] as ColdStartSample[],
      allowList: [] as ColdStartSample[],
      sdk: [] as ColdStartSample[],
      floor: [] as LatencySample[],
      guideHookV2: awsSdkV2Dir === undefined ? undefined : ([] as ColdStartSample[]),
    };
    for (let round = 0; round < COLD_SAMPLES; round++) {
      cold.noAllowList.push(await run<ColdStartSample>("cold-start-driver"));
      cold.allowList.push(await run<ColdStartSample>("cold-start-driver", { [BENCH_ENV.allowedCountries]: "GB,US" }));
      cold.sdk.push(await run<ColdStartSample>("cold-start-driver", { [BENCH_ENV.sender]: "sdk" }));
      cold.floor.push(await run<LatencySample>("raw-floor-driver", { [BENCH_ENV.floorBody]: floorBody, [BENCH_ENV.sends]: "1" }));
      if (cold.guideHookV2 !== undefined)
        cold.guideHookV2.push(await run<ColdStartSample>("cold-start-driver", { [BENCH_ENV.sender]: "guide-v2" }));
    }
    const afterCold = await endpoint.stats();
    const expectedPublishes = COLD_SAMPLES * (awsSdkV2Dir === undefined ? 3 : 4);
    if (afterCold.publishCount - first.publishCount < expectedPublishes) throw new Error("not every cold-start send reached the endpoint");

    // The breakdown times CPU stages, the same at a distance, where its ~300 sends per process would each add a round trip.
    const breakdowns: StageTimings[] = [];
    if (rttMs === 0) for (let i = 0; i < BREAKDOWN_SAMPLES; i++) breakdowns.push(await run<StageTimings>("load-breakdown-driver"));

    const beforeWarm = await endpoint.stats();
    const warmAction = await run<LatencySample>("warm-driver");
    const afterWarm = await endpoint.stats();
    const warmFloor = await run<LatencySample>("raw-floor-driver", { [BENCH_ENV.floorBody]: floorBody });
    const afterFloor = await endpoint.stats();
    const comparison = await run<ComparisonSample>("warm-compare-driver", {
      [BENCH_ENV.floorBody]: floorBody,
      [BENCH_ENV.sends]: String(COMPARE_ROUNDS[distance]),
    });
    const afterComparison = await endpoint.stats();
    const comparedConnections = Object.values(comparison.connections).reduce((sum, n) => sum + n, 0);
    if (comparedConnections !== afterComparison.connectionCount - afterFloor.connectionCount) {
      throw new Error("the comparison's client-side connection count disagrees with the endpoint's");
    }

    console.log(
      renderBenchReport({
        startedAt,
        machine: machineAtStart,
        command,
        rttMs,
        proxyRoundTrips: afterComparison.proxyRoundTrips,
        actionBytes: Buffer.byteLength(action.code),
        cold,
        warm: {
          action: warmAction,
          floor: warmFloor,
          comparison,
          warmUpSends: WARM_UP_SENDS,
          actionConnections: afterWarm.connectionCount - beforeWarm.connectionCount,
          actionRequests: afterWarm.requestCount - beforeWarm.requestCount,
          floorConnections: afterFloor.connectionCount - afterWarm.connectionCount,
          floorRequests: afterFloor.requestCount - afterWarm.requestCount,
        },
        breakdowns,
        benchSeconds: (performance.now() - benchStart) / 1000,
      }),
    );
  } finally {
    await endpoint.close();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
