// The bench's verdicts (bench/bench-targets.ts) from given figures: which target applies at which round
// trip, and what a run without the guide's hook says. Figures are made up; nothing here is timed.
import { describe, expect, it } from "vitest";
import { targetRows, type MeasuredFigures } from "../../bench/bench-targets";

function figures(overrides: Partial<MeasuredFigures> = {}): MeasuredFigures {
  return {
    rttMs: 0,
    cold: { action: 70, sdk: 66, floor: 10, guideHookV2: undefined },
    coldFirstSend: { action: 25, sdk: 22 },
    warm: { action: 1.0, sdk: 0.95, floor: 0.35, guideHookV2: undefined },
    warmConnections: 1,
    warmSends: 320,
    ...overrides,
  };
}

const verdictOf = (f: MeasuredFigures, target: RegExp) => targetRows(f).find((row) => target.test(row.what))?.verdict;

describe("bench targets", () => {
  it("at 0 ms judge cold and warm against 1.10 × the bare SDK sender, with both neighbours printed", () => {
    const rows = targetRows(figures());
    expect(rows.find((row) => /^cold p50 ≤ 1.10 ×/.test(row.what))).toMatchObject({
      measured: "1.06×",
      neighbours: "Action 70.0 ms, bare SDK 66.0 ms",
      verdict: "PASS",
    });
    expect(verdictOf(figures({ cold: { action: 73, sdk: 66, floor: 10, guideHookV2: undefined } }), /^cold p50 ≤ 1.10 ×/)).toBe("MISS");
    expect(verdictOf(figures({ warm: { action: 1.1, sdk: 0.95, floor: 0.35, guideHookV2: undefined } }), /^warm p50 ≤ 1.10 ×/)).toBe(
      "MISS",
    );
  });

  it("at 20 ms judge cold against 1.05 × the bare SDK sender and warm against the floor + 2 ms", () => {
    const at20 = {
      rttMs: 20,
      cold: { action: 140, sdk: 135, floor: 70, guideHookV2: undefined },
      warm: { action: 22.5, sdk: 22.4, floor: 21, guideHookV2: undefined },
    };
    expect(verdictOf(figures(at20), /^cold p50 ≤ 1.05 ×/)).toBe("PASS");
    expect(verdictOf(figures(at20), /^warm p50 ≤ raw floor \+ 2 ms/)).toBe("PASS");
    expect(verdictOf(figures({ ...at20, warm: { ...at20.warm, action: 23.5 } }), /^warm p50 ≤ raw floor \+ 2 ms/)).toBe("MISS");
    expect(verdictOf(figures({ ...at20, cold: { ...at20.cold, action: 143 } }), /^cold p50 ≤ 1.05 ×/)).toBe("MISS");
  });

  it("at 20 ms the guide's hook target says it was not measured without --aws-sdk-v2, and is judged with it", () => {
    const base = { rttMs: 20, warm: { action: 22, sdk: 22, floor: 21, guideHookV2: undefined as number | undefined } };
    expect(verdictOf(figures(base), /the guide's v2 hook \(at 20 ms\)/)).toBe("not measured (needs --aws-sdk-v2)");
    expect(verdictOf(figures({ ...base, warm: { ...base.warm, guideHookV2: 64 } }), /the guide's v2 hook \(at 20 ms\)/)).toBe("PASS");
    expect(verdictOf(figures({ ...base, warm: { ...base.warm, guideHookV2: 45 } }), /the guide's v2 hook \(at 20 ms\)/)).toBe("MISS");
  });

  it("report the cold ratio to the guide's hook without a verdict", () => {
    const row = targetRows(figures({ cold: { action: 70, sdk: 66, floor: 10, guideHookV2: 140 } })).find((r) =>
      /^cold p50: Action \/ the guide's v2 hook/.test(r.what),
    );
    expect(row).toMatchObject({ measured: "0.50×", verdict: "reported" });
  });

  it("print the figures without a verdict at a round trip that has no target", () => {
    const rows = targetRows(figures({ rttMs: 50 }));
    expect(rows.filter((row) => row.verdict === "PASS" || row.verdict === "MISS").map((row) => row.what)).toEqual([
      "one TLS connection for 320 warm sends of the Action",
    ]);
    expect(rows.some((row) => row.verdict === "no target at this RTT")).toBe(true);
  });

  it("judge the Action's warm sends on one TLS connection", () => {
    expect(verdictOf(figures({ warmConnections: 2 }), /^one TLS connection/)).toBe("MISS");
  });
});
