import { describe, expect, it } from "vitest";
import { countryOfNumber } from "../../hook/country-of-number";
import { NUMBERS } from "./fixtures";

describe("countryOfNumber", () => {
  it.each([
    [NUMBERS.US, "US"],
    [NUMBERS.CA, "CA"],
    [NUMBERS.JM, "JM"],
    [NUMBERS.GB, "GB"],
    [NUMBERS.GG, "GG"],
    ["+33612345678", "FR"],
    ["+17875551234", "PR"],
  ])("places %s in %s from the numbering plan, not the calling code alone", (number, country) => {
    expect(countryOfNumber(number)).toBe(country);
  });

  it("cannot tell the country of unassigned or non-geographic numbers", () => {
    expect(countryOfNumber(NUMBERS.UNASSIGNED_GB)).toBeUndefined();
    expect(countryOfNumber("+15555550100")).toBeUndefined();
    expect(countryOfNumber("+80012345678")).toBeUndefined();
  });

  it("cannot tell the country of an impossible number", () => {
    expect(countryOfNumber("+12")).toBeUndefined();
  });
});
