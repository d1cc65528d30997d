import metadata from "libphonenumber-js/metadata.min.json";
import { describe, expect, it } from "vitest";
import { CALLING_CODES, isNonGeographicCallingCode, NON_GEOGRAPHIC_CALLING_CODES } from "../../hook/calling-codes";
import { parseE164 } from "../../hook/phone-number";

describe("NON_GEOGRAPHIC_CALLING_CODES", () => {
  // libphonenumber keeps the calling codes of no country under `nonGeographic` (region "001"):
  // https://github.com/catamphetamine/libphonenumber-js#non-geographic
  it("equals the non-geographic calling codes of the installed phone metadata (regenerate when this fails)", () => {
    expect([...NON_GEOGRAPHIC_CALLING_CODES].sort()).toEqual(Object.keys(metadata.nonGeographic).sort());
  });

  it("holds the classic SMS-pumping targets: +979 premium rate, +881 satellite, +882/+883 international networks", () => {
    for (const code of ["979", "881", "882", "883"]) expect(isNonGeographicCallingCode(code)).toBe(true);
  });

  it("holds no country's calling code, and every one is a calling code", () => {
    const countryCodes = new Set(Object.keys(metadata.country_calling_codes));
    for (const code of NON_GEOGRAPHIC_CALLING_CODES) {
      expect(countryCodes.has(code)).toBe(false);
      expect(CALLING_CODES.has(code)).toBe(true);
    }
    for (const code of ["1", "44", "7", "86", "358", "998"]) expect(isNonGeographicCallingCode(code)).toBe(false);
  });

  it("is what parseE164 reports as the calling code of such numbers", () => {
    expect(parseE164("+97912345678")?.callingCode).toBe("979");
    expect(parseE164("+8816123456789")?.callingCode).toBe("881");
  });
});
