// Plain-text rendering of the bench's results: aligned tables, fixed units, PASS/MISS marks.
import type { ColdStartSample, ComparisonSample, LatencySample, StageTimings } from "./bench-protocol";
import { targetRows } from "./bench-targets";
import { median, quantile } from "./statistics";

export type Cell = string | number;

const TOP_MODULES = 12;

export interface BenchResults {
  startedAt: Date;
  machine: string;
  /** The command line as typed (`npm run bench -- ...`). */
  command: string;
  /** Round trip the latency proxy added between every sender and the endpoint (0: direct loopback). */
  rttMs: number;
  /** Round trips the proxy counted over the whole run (TCP handshakes + client flights); 0 without it. */
  proxyRoundTrips: number;
  actionBytes: number;
  cold: {
    noAllowList: ColdStartSample[];
    allowList: ColdStartSample[];
    sdk: ColdStartSample[];
    floor: LatencySample[];
    guideHookV2: ColdStartSample[] | undefined;
  };
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
  /** Empty when skipped (at a distance: the stages are the same, plus round trips). */
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
  action: "the project's Action (built, SDK v3)",
  sdk: "bare SDK v3 sender (SNSClient + PublishCommand)",
  floor: "floor: raw https keep-alive POST",
  "guide-v2": "the guide's aws-sdk v2 hook (client per SMS)",
};

function comparisonRows(c: ComparisonSample): { rows: Cell[][]; rounds: number; p50: (client: string) => number | undefined } {
  const measured = Object.keys(COMPARED_LABELS).filter((client) => (c.latenciesMs[client]?.length ?? 0) > 0);
  const rows = measured.map((client): Cell[] => {
    const l = c.latenciesMs[client] ?? [];
    return [
      COMPARED_LABELS[client] ?? client,
      quantile(l, 0.5),
      quantile(l, 0.9),
      quantile(l, 0.99),
      Math.max(...l),
      c.connections[client] ?? 0,
    ];
  });
  const p50 = (client: string) => (measured.includes(client) ? quantile(c.latenciesMs[client] ?? [], 0.5) : undefined);
  return { rows, rounds: c.latenciesMs.action?.length ?? 0, p50 };
}

function coldRow(label: string, samples: readonly ColdStartSample[]): Cell[] {
  const totals = samples.map((s) => s.totalMs);
  return [
    label,
    median(samples.map((s) => s.requireMs)),
    median(samples.map((s) => s.firstSendMs)),
    median(totals),
    Math.min(...totals),
    Math.max(...totals),
  ];
}

function latencyRow(label: string, sample: LatencySample, connections: number, requests: number): Cell[] {
  const l = sample.latenciesMs;
  return [
    label,
    quantile(l, 0.5),
    quantile(l, 0.9),
    quantile(l, 0.99),
    Math.max(...l),
    connections,
    requests,
    megabytes(sample.rssBeforeBytes),
    megabytes(sample.rssAfterBytes),
  ];
}

const coldTotal = (samples: readonly ColdStartSample[]): number => median(samples.map((s) => s.totalMs));

function distanceLine(r: BenchResults): string {
  if (r.rttMs === 0) return "Distance: none, every sender talks to the endpoint directly on loopback.";
  return (
    `Distance: ${r.rttMs} ms round trip added by a TCP proxy on 127.0.0.1 in the endpoint's process (each direction delayed ${r.rttMs / 2} ms, ` +
    `a new connection's first bytes one RTT more): TCP connect, TLS handshake and every request pay it. It counted ${r.proxyRoundTrips} round trips.`
  );
}

export function renderBenchReport(r: BenchResults): string {
  const floorFirst = r.cold.floor.map((s) => s.firstMs);
  const samples = r.cold.noAllowList.length;
  const v2 = r.cold.guideHookV2;
  const compared = comparisonRows(r.warm.comparison);
  const warmP50 = (client: string): number => compared.p50(client) ?? Number.NaN;

  const out: string[] = [];
  out.push(`auth0-sns-mfa sender bench, ${r.startedAt.toISOString()}`);
  out.push(`command: ${r.command}`);
  out.push(`machine: ${r.machine}`);
  out.push(
    `Action: send-phone-message, ${(r.actionBytes / 1000).toFixed(1)} kB built. Endpoint: local TLS SNS endpoint (test/support) in its own process on 127.0.0.1.`,
  );
  out.push(distanceLine(r));
  out.push("");
  out.push(`Cold start, ms: a fresh node process per sample, clock from just before require() of the code to the first SMS accepted`);
  out.push(
    `(node's own boot excluded); ${samples} samples per row, rows interleaved, after one discarded run that fills the OS file cache.`,
  );
  const coldRows: Cell[][] = [
    coldRow("the project's Action, no allow-list", r.cold.noAllowList),
    coldRow("the project's Action, ALLOWED_COUNTRIES=GB,US", r.cold.allowList),
    coldRow("bare SDK v3 sender (SNSClient + PublishCommand)", r.cold.sdk),
    [
      "floor: raw node:https, 1st POST of a fresh process",
      "-",
      median(floorFirst),
      median(floorFirst),
      Math.min(...floorFirst),
      Math.max(...floorFirst),
    ],
  ];
  if (v2 !== undefined) coldRows.push(coldRow("the guide's aws-sdk v2 hook", v2));
  out.push(formatTable(["sender", "require p50", "1st send p50", "total p50", "min", "max"], coldRows));
  out.push("");
  out.push(
    `Warm, ms per send: one process per client, ${r.warm.action.latenciesMs.length} sequential sends after ${r.warm.warmUpSends} warm-up.`,
  );
  out.push(
    formatTable(
      ["client", "p50", "p90", "p99", "max", "TLS conns", "requests", "RSS before MB", "RSS after MB"],
      [
        latencyRow("the project's Action (built, SDK v3)", r.warm.action, r.warm.actionConnections, r.warm.actionRequests),
        latencyRow(
          `floor: raw https keep-alive POST, ${r.warm.floor.bodyBytes} B body`,
          r.warm.floor,
          r.warm.floorConnections,
          r.warm.floorRequests,
        ),
      ],
    ),
  );
  out.push("");
  out.push(
    `Warm, ms per send, the clients in ONE process taking turns (${compared.rounds} rounds after 20 warm-up): the fair comparison, used by the targets.`,
  );
  out.push(formatTable(["client", "p50", "p90", "p99", "max", "TLS conns"], compared.rows));
  out.push("");
  const rows = targetRows({
    rttMs: r.rttMs,
    cold: {
      action: coldTotal(r.cold.noAllowList),
      sdk: coldTotal(r.cold.sdk),
      floor: median(floorFirst),
      guideHookV2: v2 === undefined ? undefined : coldTotal(v2),
    },
    coldFirstSend: { action: median(r.cold.noAllowList.map((s) => s.firstSendMs)), sdk: median(r.cold.sdk.map((s) => s.firstSendMs)) },
    warm: { action: warmP50("action"), sdk: warmP50("sdk"), floor: warmP50("floor"), guideHookV2: compared.p50("guide-v2") },
    warmConnections: r.warm.actionConnections,
    warmSends: r.warm.action.latenciesMs.length + r.warm.warmUpSends,
  });
  out.push(`Targets: ratios to neighbours measured in this run (cold: total p50 above; warm: p50 in turns), at ${r.rttMs} ms round trip.`);
  out.push(
    formatTable(
      ["target", "measured", "neighbours (same run)", "verdict"],
      rows.map((row) => [row.what, row.measured, row.neighbours, row.verdict]),
    ),
  );
  if (r.breakdowns.length > 0) {
    out.push("");
    out.push(
      `Where a cold start goes, ms: median of ${r.breakdowns.length} fresh processes (SDK client built by hook/sns-client.ts, stages timed by middleware)`,
    );
    out.push(formatTable(["stage", "ms"], medianStages(r.breakdowns)));
    out.push("");
    out.push(
      `Loading @aws-sdk/client-sns, ms of self time per module (its own code, dependencies excluded), median of ${r.breakdowns.length}`,
    );
    out.push(formatTable(["module", "ms"], topModules(r.breakdowns)));
  }
  out.push("");
  out.push(`bench took ${r.benchSeconds.toFixed(1)} s`);
  return out.join("\n");
}
