import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseBenchArgs } from "../../bench/sender-bench";

describe("npm run bench arguments", () => {
  it("default to no baseline, the node running the bench and no added round trip", () => {
    expect(parseBenchArgs([])).toEqual({ awsSdkV2Dir: undefined, nodeBinary: process.execPath, rttMs: 0 });
  });

  it("take the baseline folder and the node binary, separated or with =, as absolute paths", () => {
    expect(parseBenchArgs(["--aws-sdk-v2", "v2", "--node=bin/node22"])).toEqual({
      awsSdkV2Dir: path.resolve("v2"),
      nodeBinary: path.resolve("bin/node22"),
      rttMs: 0,
    });
  });

  it("take the round trip to add, in milliseconds, separated or with =", () => {
    expect(parseBenchArgs(["--rtt", "20"]).rttMs).toBe(20);
    expect(parseBenchArgs(["--rtt=0", "--aws-sdk-v2", "v2"])).toMatchObject({ rttMs: 0, awsSdkV2Dir: path.resolve("v2") });
  });

  it.each([
    [["--aws-sdk-v2"], /Flag --aws-sdk-v2 needs a value \(usage: npm run bench/],
    [["--node="], /Flag --node needs a non-empty value/],
    [["--nod", "x"], /Unknown flag --nod \(known: --aws-sdk-v2, --node, --rtt\) \(usage: npm run bench/],
    [["--rtt"], /Flag --rtt needs a value/],
    [["--rtt", "20ms"], /Flag --rtt needs a round trip in whole milliseconds from 0 to 300, got "20ms"/],
    [["--rtt", "-5"], /Flag --rtt needs a round trip in whole milliseconds from 0 to 300, got "-5"/],
    [["--rtt=2.5"], /Flag --rtt needs a round trip in whole milliseconds/],
    [["--rtt", "301"], /Flag --rtt needs a round trip in whole milliseconds from 0 to 300, got "301"/],
  ])("refuse %j, naming the flag", (args, message) => {
    expect(() => parseBenchArgs(args)).toThrow(message);
  });
});
