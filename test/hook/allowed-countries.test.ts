import { describe, expect, it } from "vitest";
import { describeInvalidCountries, parseAllowedCountries } from "../../hook/allowed-countries";

describe("parseAllowedCountries", () => {
  it("reads a comma-separated list, trimming and uppercasing", () => {
    expect(parseAllowedCountries(" us, Ca ,gb")).toEqual({ countries: ["US", "CA", "GB"], invalid: [] });
  });

  it("reads a list given as an array (as the Pulumi config does)", () => {
    expect(parseAllowedCountries(["fr", "DE"])).toEqual({ countries: ["FR", "DE"], invalid: [] });
  });

  it("drops empty entries and duplicates, keeping the first order", () => {
    expect(parseAllowedCountries("US,,us, CA,")).toEqual({ countries: ["US", "CA"], invalid: [] });
    expect(parseAllowedCountries("")).toEqual({ countries: [], invalid: [] });
  });

  it("reports entries that are not ISO 3166 alpha-2 codes the phone metadata knows", () => {
    expect(parseAllowedCountries("US, UK, USA, XX, 1, J M, ca")).toEqual({
      countries: ["US", "CA"],
      invalid: ["UK", "USA", "XX", "1", "J M"],
    });
    expect(parseAllowedCountries("UK,XX,UK").invalid).toEqual(["UK", "XX"]);
  });

  it("knows countries that share a calling code", () => {
    expect(parseAllowedCountries("JM,PR,GG,JE,IM,KZ").invalid).toEqual([]);
  });
});

describe("describeInvalidCountries", () => {
  it("quotes each entry and explains the classic UK mistake", () => {
    expect(describeInvalidCountries(["uk", "USA"])).toBe('"uk" (the United Kingdom is GB), "USA"');
  });

  it("shows at most 12 characters of a long entry", () => {
    expect(describeInvalidCountries(["US;CA;GB;FR;DE"])).toBe('"US;CA;GB;FR;"');
  });
});
