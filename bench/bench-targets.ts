// The bench's targets: ratios to neighbours measured in the same run, never absolute times (those
// depend on the machine). The floor an SDK-based sender can reach is the bare SDK v3 sender; the floor
// of any HTTPS sender is a raw keep-alive POST. Targets are set for loopback (0 ms) and for a 20 ms
// round trip; at other round trips the same figures are printed without a verdict. The ratios to the
// guide's aws-sdk v2 hook are reported, except the warm one at a distance, where the hook's connection
// per SMS is what the target is about.

/** Medians (cold: require + first accepted SMS, fresh processes) and warm p50s (one process, in turns), ms. */
export interface MeasuredFigures {
  rttMs: number;
  cold: { action: number; sdk: number; floor: number; guideHookV2: number | undefined };
  /** Cold: the first send alone (require excluded), where an early connection shows. */
  coldFirstSend: { action: number; sdk: number };
  warm: { action: number; sdk: number; floor: number; guideHookV2: number | undefined };
  /** TLS connections the Action opened for `warmSends` sends in its own process. */
  warmConnections: number;
  warmSends: number;
}

export type Verdict = "PASS" | "MISS" | "reported" | "no target at this RTT" | "not measured (needs --aws-sdk-v2)";

export interface TargetRow {
  what: string;
  measured: string;
  neighbours: string;
  verdict: Verdict;
}

export const COLD_TO_SDK_AT_0 = 1.1;
export const COLD_TO_SDK_AT_20 = 1.05;
export const WARM_TO_SDK_AT_0 = 1.1;
export const WARM_ABOVE_FLOOR_AT_20_MS = 2;
export const WARM_TO_GUIDE_HOOK_AT_20 = 0.45;

const ms = (value: number): string => `${value.toFixed(value < 10 ? 2 : 1)} ms`;
const factor = (value: number): string => value.toFixed(2);
const times = (value: number): string => `${value.toFixed(2)}×`;

function judged(targeted: boolean, met: boolean): Verdict {
  if (!targeted) return "no target at this RTT";
  return met ? "PASS" : "MISS";
}

export function targetRows(f: MeasuredFigures): TargetRow[] {
  const at0 = f.rttMs === 0;
  const at20 = f.rttMs === 20;
  const rows: TargetRow[] = [];
  const coldToSdk = f.cold.action / f.cold.sdk;
  const coldNeighbours = `Action ${ms(f.cold.action)}, bare SDK ${ms(f.cold.sdk)}`;
  const warmNeighbours = `Action ${ms(f.warm.action)}, bare SDK ${ms(f.warm.sdk)}, floor ${ms(f.warm.floor)}`;
  if (at0) {
    rows.push({
      what: `cold p50 ≤ ${factor(COLD_TO_SDK_AT_0)} × bare SDK sender`,
      measured: times(coldToSdk),
      neighbours: coldNeighbours,
      verdict: judged(true, coldToSdk <= COLD_TO_SDK_AT_0),
    });
    const warmToSdk = f.warm.action / f.warm.sdk;
    rows.push({
      what: `warm p50 ≤ ${factor(WARM_TO_SDK_AT_0)} × bare SDK sender`,
      measured: times(warmToSdk),
      neighbours: warmNeighbours,
      verdict: judged(true, warmToSdk <= WARM_TO_SDK_AT_0),
    });
  } else {
    rows.push({
      what: `cold p50 ≤ ${factor(COLD_TO_SDK_AT_20)} × bare SDK sender (at 20 ms)`,
      measured: times(coldToSdk),
      neighbours: coldNeighbours,
      verdict: judged(at20, coldToSdk <= COLD_TO_SDK_AT_20),
    });
    const aboveFloor = f.warm.action - f.warm.floor;
    rows.push({
      what: `warm p50 ≤ raw floor + ${WARM_ABOVE_FLOOR_AT_20_MS} ms (at 20 ms)`,
      measured: `+${ms(aboveFloor)}`,
      neighbours: warmNeighbours,
      verdict: judged(at20, aboveFloor <= WARM_ABOVE_FLOOR_AT_20_MS),
    });
    const v2 = f.warm.guideHookV2;
    const what = `warm p50 ≤ ${factor(WARM_TO_GUIDE_HOOK_AT_20)} × the guide's v2 hook (at 20 ms)`;
    if (v2 === undefined)
      rows.push({ what, measured: "-", neighbours: `Action ${ms(f.warm.action)}`, verdict: "not measured (needs --aws-sdk-v2)" });
    else
      rows.push({
        what,
        measured: times(f.warm.action / v2),
        neighbours: `Action ${ms(f.warm.action)}, v2 hook ${ms(v2)}`,
        verdict: judged(at20, f.warm.action / v2 <= WARM_TO_GUIDE_HOOK_AT_20),
      });
  }
  rows.push({
    what: `one TLS connection for ${f.warmSends} warm sends of the Action`,
    measured: String(f.warmConnections),
    neighbours: "",
    verdict: f.warmConnections === 1 ? "PASS" : "MISS",
  });
  const reported = (what: string, measured: string, neighbours: string): TargetRow => ({ what, measured, neighbours, verdict: "reported" });
  /** A reported ratio `a / b`, with both neighbours named. */
  const reportedRatio = (what: string, [aName, a]: [string, number], [bName, b]: [string, number]): TargetRow =>
    reported(what, times(a / b), `${aName} ${ms(a)}, ${bName} ${ms(b)}`);
  if (f.cold.guideHookV2 !== undefined) {
    rows.push(reportedRatio("cold p50: Action / the guide's v2 hook", ["Action", f.cold.action], ["v2 hook", f.cold.guideHookV2]));
  }
  if (at0 && f.warm.guideHookV2 !== undefined) {
    rows.push(reportedRatio("warm p50: Action / the guide's v2 hook", ["Action", f.warm.action], ["v2 hook", f.warm.guideHookV2]));
  }
  rows.push(
    reportedRatio(
      "cold 1st send p50 (require excluded): Action / bare SDK sender",
      ["Action", f.coldFirstSend.action],
      ["bare SDK", f.coldFirstSend.sdk],
    ),
  );
  rows.push(reportedRatio("cold p50: bare SDK sender / raw floor's 1st POST", ["bare SDK", f.cold.sdk], ["floor", f.cold.floor]));
  if (!at0) rows.push(reportedRatio("warm p50: Action / bare SDK sender", ["Action", f.warm.action], ["bare SDK", f.warm.sdk]));
  rows.push(
    reported(
      "warm p50: Action / raw floor",
      times(f.warm.action / f.warm.floor),
      `of which the SDK: bare SDK / floor ${times(f.warm.sdk / f.warm.floor)}`,
    ),
  );
  return rows;
}
