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
    [["--aws-sdk-v2"], /--aws-sdk-v2 needs a folder/],
    [["--node="], /--node needs the path of a node binary/],
    [["--nod", "x"], /Unknown bench argument "--nod" \(usage: npm run bench/],
    [["--rtt"], /--rtt needs a round trip in milliseconds/],
    [["--rtt", "20ms"], /--rtt needs a round trip in whole milliseconds from 0 to 300, got "20ms"/],
    [["--rtt", "-5"], /--rtt needs a round trip in whole milliseconds from 0 to 300, got "-5"/],
    [["--rtt=2.5"], /--rtt needs a round trip in whole milliseconds/],
    [["--rtt", "301"], /--rtt needs a round trip in whole milliseconds from 0 to 300, got "301"/],
  ])("refuse %j, naming the flag", (args, message) => {
    expect(() => parseBenchArgs(args)).toThrow(message);
  });
});
