// How the bench's child processes hand their measurements to bench/sender-bench.ts: one line on
// stdout, `BENCH_RESULT <json>`, among whatever else the Action logs. Settings come in through env.
export const RESULT_PREFIX = "BENCH_RESULT ";

/** Environment variables the parent sets for the drivers. */
export const BENCH_ENV = {
  actionFile: "BENCH_ACTION_FILE",
  endpoint: "BENCH_SNS_ENDPOINT",
  sends: "BENCH_SENDS",
  allowedCountries: "BENCH_ALLOWED_COUNTRIES",
  /** The raw floor's request body (the same Publish parameters the SDK sent). */
  floorBody: "BENCH_FLOOR_BODY",
  /** Folder whose node_modules holds aws-sdk v2 (optional baseline). */
  awsSdkV2Dir: "BENCH_AWS_SDK_V2_DIR",
  /** Which sender a cold-start driver loads (bench/compared-senders.ts). */
  sender: "BENCH_SENDER",
  /** Round trip, in ms, the endpoint process's latency proxy adds (0 or unset: no proxy). */
  rttMs: "BENCH_RTT_MS",
} as const;

export interface ColdStartSample {
  /** require() of the built Action file, in ms. */
  requireMs: number;
  /** First handler call, until SNS accepted the SMS, in ms. */
  firstSendMs: number;
  /** requireMs + firstSendMs: before require → first accepted SMS. */
  totalMs: number;
}

export interface LatencySample {
  /** The very first request of the process (new connection, TLS set up from nothing), in ms. */
  firstMs: number;
  /** Per-request latencies in ms, in order (warm-up excluded). */
  latenciesMs: number[];
  /** Bytes of the request body each request sent. */
  bodyBytes: number;
  /** RSS of the process before the Action (or client) was loaded, and after the last request, in bytes. */
  rssBeforeBytes: number;
  rssAfterBytes: number;
}

export interface StageTimings {
  /** Stage name → ms, in the order the stages ran. */
  stages: [string, number][];
  /** While @aws-sdk/client-sns loads: module (package entry or built-in) → self time in ms. */
  moduleSelfMs: [string, number][];
}

/** warm-compare-driver: per client (action, sdk, floor, guide-v2), the latencies and the TLS connections it opened. */
export interface ComparisonSample {
  latenciesMs: Record<string, number[]>;
  connections: Record<string, number>;
}

export function reportResult(result: ColdStartSample | LatencySample | StageTimings | ComparisonSample): void {
  process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(result)}\n`);
}

/** The driver's result line from its whole stdout; throws naming the driver when there is none. */
export function parseResult<T>(driver: string, stdout: string): T {
  const line = stdout.split("\n").find((l) => l.startsWith(RESULT_PREFIX));
  if (line === undefined) throw new Error(`Bench driver ${driver} printed no ${RESULT_PREFIX.trim()} line`);
  return JSON.parse(line.slice(RESULT_PREFIX.length)) as T;
}

/** A required environment variable of a driver. */
export function requiredEnv(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === "") throw new Error(`Bench driver needs the environment variable ${name}`);
  return value;
}

export function elapsedMs(since: bigint): number {
  return Number(process.hrtime.bigint() - since) / 1e6;
}
