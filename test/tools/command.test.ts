/** Flag parsing shared by the operator tools: strict, and every error names the flag. */
import { describe, expect, it } from "vitest";
import { parseFlags, stackFlag, UsageError } from "../../tools/command";

const SPECS = { stack: { value: true }, json: { value: false } };

describe("parseFlags", () => {
  it("reads --name value, --name=value and switches", () => {
    expect(parseFlags(["--stack", "dev", "--json"], SPECS)).toEqual({ stack: "dev", json: true });
    expect(parseFlags(["--stack=prod"], SPECS)).toEqual({ stack: "prod" });
  });

  it.each([
    [["--stak", "dev"], /Unknown flag --stak \(known: --stack, --json\)/],
    [["--stack", "dev", "--stack", "prod"], /Flag --stack is given twice/],
    [["--stack"], /Flag --stack needs a value/],
    [["--stack", "--json"], /Flag --stack needs a value/],
    [["--stack="], /Flag --stack needs a non-empty value/],
    [["--json=yes"], /Flag --json takes no value/],
    [["dev"], /Unexpected argument "dev"/],
  ])("%j → %s", (argv, message) => {
    expect(() => parseFlags(argv, SPECS)).toThrow(UsageError);
    expect(() => parseFlags(argv, SPECS)).toThrow(message);
  });

  describe("one-letter aliases", () => {
    const ALIASED = { stack: { value: true, alias: "s" }, verbose: { value: false, alias: "v" } };

    it("read -s dev and -v as --stack dev and --verbose", () => {
      expect(parseFlags(["-s", "dev", "-v"], ALIASED)).toEqual({ stack: "dev", verbose: true });
    });

    it.each([
      [["-x"], /Unknown flag -x \(known: --stack \(-s\), --verbose \(-v\)\)/],
      [["-s", "-v"], /Flag --stack needs a value/],
      [["-s", "dev", "--stack", "prod"], /Flag --stack is given twice/],
    ])("%j → %s", (argv, message) => {
      expect(() => parseFlags(argv, ALIASED)).toThrow(message);
    });
  });
});

describe("stackFlag", () => {
  it("accepts plain and fully qualified stack names", () => {
    expect(stackFlag({ stack: "dev" })).toBe("dev");
    expect(stackFlag({ stack: "acme/auth0-sns-mfa/prod" })).toBe("acme/auth0-sns-mfa/prod");
    expect(stackFlag({}, "dev")).toBe("dev");
  });

  it("rejects a missing or malformed stack, naming the flag", () => {
    expect(() => stackFlag({})).toThrow(/Flag --stack is required/);
    expect(() => stackFlag({ stack: "a/b/c/d" })).toThrow(/Flag --stack: "a\/b\/c\/d" is not a Pulumi stack name/);
  });
});
