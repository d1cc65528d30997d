import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseBenchArgs } from "../../bench/sender-bench";

describe("npm run bench arguments", () => {
  it("default to no baseline and the node running the bench", () => {
    expect(parseBenchArgs([])).toEqual({ awsSdkV2Dir: undefined, nodeBinary: process.execPath });
  });

  it("take the baseline folder and the node binary, separated or with =, as absolute paths", () => {
    expect(parseBenchArgs(["--aws-sdk-v2", "v2", "--node=bin/node22"])).toEqual({
      awsSdkV2Dir: path.resolve("v2"),
      nodeBinary: path.resolve("bin/node22"),
    });
  });

  it.each([
    [["--aws-sdk-v2"], /Flag --aws-sdk-v2 needs a value \(usage: npm run bench/],
    [["--node="], /Flag --node needs a non-empty value/],
    [["--nod", "x"], /Unknown flag --nod \(known: --aws-sdk-v2, --node\) \(usage: npm run bench/],
  ])("refuse %j, naming the flag", (args, message) => {
    expect(() => parseBenchArgs(args)).toThrow(message);
  });
});
