import { describe, expect, it } from "vitest";
import metadata from "libphonenumber-js/metadata.min.json";
import { CALLING_CODES } from "../../hook/calling-codes";
import { maskPhoneNumber, parseE164 } from "../../hook/phone-number";

describe("parseE164", () => {
  it.each([
    ["+14155550123", "1", "4155550123"],
    ["+447911123456", "44", "7911123456"],
    ["+6834123", "683", "4123"],
    ["+80012345678", "800", "12345678"],
    ["+123456789012345", "1", "23456789012345"],
  ])("accepts %s (calling code %s)", (raw, callingCode, nationalNumber) => {
    expect(parseE164(raw)).toEqual({ e164: raw, callingCode, nationalNumber });
  });

  it.each([
    ["no plus", "14155550123"],
    ["spaces", "+1 415 555 0123"],
    ["dashes", "+1-415-555-0123"],
    ["16 digits", "+1234567890123456"],
    ["leading zero", "+0441234567"],
    ["unassigned calling code 999", "+99912345678"],
    ["national part too short", "+1242"],
    ["letters", "+1415555CALL"],
    ["trailing newline", "+14155550123\n"],
    ["text before the +", "441+1234567"],
    ["empty", ""],
  ])("refuses %s", (_why, raw) => {
    expect(parseE164(raw)).toBeUndefined();
  });

  it("refuses what is not a string", () => {
    expect(parseE164(14155550123)).toBeUndefined();
    expect(parseE164(undefined)).toBeUndefined();
    expect(parseE164({ toString: () => "+14155550123" })).toBeUndefined();
  });
});

describe("maskPhoneNumber", () => {
  it.each([
    ["+447911123456", "+44…56"],
    ["+18765551234", "+1…34"],
    ["+6834123", "+683…23"],
  ])("shows only the calling code and last two digits of %s", (raw, masked) => {
    expect(maskPhoneNumber(raw)).toBe(masked);
  });

  it("never shows more than two digits of a number it cannot parse", () => {
    expect(maskPhoneNumber("0044 7911 123456")).toBe("(not E.164)…56");
    expect(maskPhoneNumber("+1 415 555")).toBe("(not E.164)");
    expect(maskPhoneNumber("+1 415 5550")).toBe("(not E.164)…50");
    expect(maskPhoneNumber(undefined)).toBe("(none)");
    for (const raw of ["+14155550123", "004915123456789", "+1 (415) 555-0123"]) {
      expect(maskPhoneNumber(raw).replace(/\D/g, "").length).toBeLessThanOrEqual(5);
    }
  });
});

describe("CALLING_CODES", () => {
  it("equals the calling codes of the installed phone metadata (regenerate when this fails)", () => {
    const fromMetadata = new Set([...Object.keys(metadata.country_calling_codes), ...Object.keys(metadata.nonGeographic)]);
    expect([...CALLING_CODES].sort()).toEqual([...fromMetadata].sort());
  });

  it("is prefix-free, so a number has at most one calling code", () => {
    const codes = [...CALLING_CODES];
    const prefixes = codes.flatMap((code) =>
      codes.filter((other) => other !== code && other.startsWith(code)).map((other) => `${code}<${other}`),
    );
    expect(prefixes).toEqual([]);
  });
});
