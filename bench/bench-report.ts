// Plain-text rendering of the bench's results: aligned tables, fixed units, PASS/MISS marks.
import type { ColdStartSample, ComparisonSample, LatencySample, StageTimings } from "./bench-protocol";
import { median, quantile } from "./statistics";

export type Cell = string | number;

/** The original guide's aws-sdk v2 hook cold start (135-140 ms, measured elsewhere) × 0.45. */
export const COLD_TARGET_MS = 61;
export const COLD_TARGET_RATIO_TO_V2 = 0.45;
export const WARM_TO_FLOOR_TARGET = 3;
const TOP_MODULES = 12;

export interface BenchResults {
  startedAt: Date;
  machine: string;
  actionBytes: number;
  cold: { noAllowList: ColdStartSample[]; allowList: ColdStartSample[]; floor: LatencySample[]; guideHookV2: ColdStartSample[] | undefined };
  warm: {
    action: LatencySample;
    floor: LatencySample;
    comparison: ComparisonSample;
    warmUpSends: number;
    actionConnections: number;
    actionRequests: number;
    floorConnections: number;
    floorRequests: number;
  };
  breakdowns: StageTimings[];
  benchSeconds: number;
}

function formatCell(cell: Cell): string {
  if (typeof cell === "string") return cell;
  if (Number.isInteger(cell)) return String(cell);
  return cell.toFixed(cell >= 100 ? 0 : 1);
}

/** Columns padded to their widest cell; numeric columns right-aligned, text left-aligned. */
export function formatTable(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => formatCell(row[column] ?? "").length)));
  const isNumeric = (column: number) => rows.some((row) => typeof row[column] === "number");
  const line = (cells: readonly Cell[]) =>
    cells
      .map((cell, column) => {
        const text = formatCell(cell);
        const width = widths[column] ?? text.length;
        return isNumeric(column) ? text.padStart(width) : text.padEnd(width);
      })
      .join("  ")
      .trimEnd();
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map((row) => line(row))].join("\n");
}

export const verdict = (met: boolean): string => (met ? "PASS" : "MISS");
const megabytes = (bytes: number): number => bytes / (1024 * 1024);

/** Median of each stage over the samples, in the order of the first sample. */
function medianStages(samples: readonly StageTimings[]): Cell[][] {
  const labels = samples[0]?.stages.map(([label]) => label) ?? [];
  return labels.map((label) => [label, median(samples.map((sample) => sample.stages.find(([l]) => l === label)?.[1] ?? Number.NaN))]);
}

/** The modules with the largest median self time (absent from a sample = 0 ms there), and the rest summed. */
function topModules(samples: readonly StageTimings[]): Cell[][] {
  const keys = [...new Set(samples.flatMap((sample) => sample.moduleSelfMs.map(([key]) => key)))];
  const medians = keys
    .map((key): [string, number] => [key, median(samples.map((sample) => sample.moduleSelfMs.find(([k]) => k === key)?.[1] ?? 0))])
    .sort((a, b) => b[1] - a[1]);
  const rest = medians.slice(TOP_MODULES);
  return [...medians.slice(0, TOP_MODULES), [`${rest.length} other modules`, rest.reduce((sum, [, ms]) => sum + ms, 0)]];
}

const COMPARED_LABELS: Record<string, string> = {
  action: "built Action (SDK v3)",
  sdk: "bare SDK client of hook/sns-client.ts",
  floor: "floor: raw https keep-alive POST",
};

function comparisonRows(c: ComparisonSample): { rows: Cell[][]; rounds: number; actionToFloor: number; sdkToFloor: number; actionToSdk: number } {
  const p50 = (client: string) => quantile(c.latenciesMs[client] ?? [], 0.5);
  const rows = Object.entries(COMPARED_LABELS).map(([client, label]): Cell[] => {
    const l = c.latenciesMs[client] ?? [];
    return [label, quantile(l, 0.5), quantile(l, 0.9), quantile(l, 0.99), Math.max(...l), c.connections[client] ?? 0];
  });
  return {
    rows,
    rounds: c.latenciesMs.action?.length ?? 0,
    actionToFloor: p50("action") / p50("floor"),
    sdkToFloor: p50("sdk") / p50("floor"),
    actionToSdk: p50("action") / p50("sdk"),
  };
}

function coldRow(label: string, samples: readonly ColdStartSample[]): Cell[] {
  const totals = samples.map((s) => s.totalMs);
  return [label, median(samples.map((s) => s.requireMs)), median(samples.map((s) => s.firstSendMs)), median(totals), Math.min(...totals), Math.max(...totals)];
}

function latencyRow(label: string, sample: LatencySample, connections: number, requests: number): Cell[] {
  const l = sample.latenciesMs;
  return [label, quantile(l, 0.5), quantile(l, 0.9), quantile(l, 0.99), Math.max(...l), connections, requests, megabytes(sample.rssBeforeBytes), megabytes(sample.rssAfterBytes)];
}

export function renderBenchReport(r: BenchResults): string {
  const coldP50 = median(r.cold.noAllowList.map((s) => s.totalMs));
  const coldAllowListP50 = median(r.cold.allowList.map((s) => s.totalMs));
  const floorFirst = r.cold.floor.map((s) => s.firstMs);
  const samples = r.cold.noAllowList.length;
  const v2 = r.cold.guideHookV2;
  const v2P50 = v2 === undefined ? undefined : median(v2.map((s) => s.totalMs));

  const out: string[] = [];
  out.push(`auth0-sns-mfa sender bench, ${r.startedAt.toISOString()}`);
  out.push(`machine: ${r.machine}`);
  out.push(`Action: send-phone-message, ${(r.actionBytes / 1000).toFixed(1)} kB built. Endpoint: local TLS SNS endpoint (test/support) in its own process on 127.0.0.1.`);
  out.push("");
  out.push(`Cold start, ms: a fresh node process per sample, clock from just before require() of the code to the first SMS accepted`);
  out.push(`(node's own boot excluded); ${samples} samples per row, rows interleaved, after one discarded run that fills the OS file cache.`);
  const coldRows: Cell[][] = [
    coldRow("built Action, no allow-list", r.cold.noAllowList),
    coldRow("built Action, ALLOWED_COUNTRIES=GB,US", r.cold.allowList),
    ["floor: raw node:https, 1st POST of a fresh process", "-", median(floorFirst), median(floorFirst), Math.min(...floorFirst), Math.max(...floorFirst)],
  ];
  if (v2 !== undefined) coldRows.push(coldRow("baseline: the guide's aws-sdk v2 hook", v2));
  out.push(formatTable(["code", "require p50", "1st send p50", "total p50", "min", "max"], coldRows));
  out.push("");
  out.push(`Warm, ms per send: one process per client, ${r.warm.action.latenciesMs.length} sequential sends after ${r.warm.warmUpSends} warm-up.`);
  out.push(
    formatTable(
      ["client", "p50", "p90", "p99", "max", "TLS conns", "requests", "RSS before MB", "RSS after MB"],
      [
        latencyRow("built Action (SDK v3)", r.warm.action, r.warm.actionConnections, r.warm.actionRequests),
        latencyRow(`floor: raw https keep-alive POST, ${r.warm.floor.bodyBytes} B body`, r.warm.floor, r.warm.floorConnections, r.warm.floorRequests),
      ],
    ),
  );
  out.push("");
  const compared = comparisonRows(r.warm.comparison);
  out.push(`Warm, ms per send, the three clients in ONE process taking turns (${compared.rounds} rounds after 20 warm-up): the fair comparison.`);
  out.push(formatTable(["client", "p50", "p90", "p99", "max", "TLS conns"], compared.rows));
  out.push("");
  const targets: Cell[][] = [
    [`warm p50 / floor p50 ≤ ${WARM_TO_FLOOR_TARGET} (same process, in turns)`, `${compared.actionToFloor.toFixed(2)}×`, verdict(compared.actionToFloor <= WARM_TO_FLOOR_TARGET)],
    [`  of which the SDK: bare client p50 / floor p50`, `${compared.sdkToFloor.toFixed(2)}×`, ""],
    [`  of which the Action: Action p50 / bare client p50`, `${compared.actionToSdk.toFixed(2)}×`, ""],
    [`one TLS connection for ${r.warm.action.latenciesMs.length + r.warm.warmUpSends} warm sends`, String(r.warm.actionConnections), verdict(r.warm.actionConnections === 1)],
    [`cold start p50 ≤ ${COLD_TARGET_MS} ms, no allow-list`, `${coldP50.toFixed(1)} ms`, verdict(coldP50 <= COLD_TARGET_MS)],
    [`cold start p50 ≤ ${COLD_TARGET_MS} ms, ALLOWED_COUNTRIES`, `${coldAllowListP50.toFixed(1)} ms`, verdict(coldAllowListP50 <= COLD_TARGET_MS)],
  ];
  if (v2P50 !== undefined) {
    targets.push([`cold start ≤ ${COLD_TARGET_RATIO_TO_V2} × v2 hook on this machine`, `${(coldP50 / v2P50).toFixed(2)}× (${coldP50.toFixed(1)} / ${v2P50.toFixed(1)} ms)`, verdict(coldP50 / v2P50 <= COLD_TARGET_RATIO_TO_V2)]);
  }
  out.push(formatTable(["target", "measured", "verdict"], targets));
  out.push("");
  out.push(`Where a cold start goes, ms: median of ${r.breakdowns.length} fresh processes (SDK client built by hook/sns-client.ts, stages timed by middleware)`);
  out.push(formatTable(["stage", "ms"], medianStages(r.breakdowns)));
  out.push("");
  out.push(`Loading @aws-sdk/client-sns, ms of self time per module (its own code, dependencies excluded), median of ${r.breakdowns.length}`);
  out.push(formatTable(["module", "ms"], topModules(r.breakdowns)));
  out.push("");
  out.push(`bench took ${r.benchSeconds.toFixed(1)} s`);
  return out.join("\n");
}
