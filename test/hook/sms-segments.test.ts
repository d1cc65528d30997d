// The SMS encoding rules, from 3GPP TS 23.038 V18.0.0 §6.2.1 (GSM 7-bit default alphabet), §6.2.1.1
// (default extension table: ESC + character) and TS 23.040 §9.2.3.24.1 (concatenation: 6-octet user
// data header, so 153 septets or 67 UCS-2 characters per segment). Second opinion: Twilio's
// sms-segments-calculator (TwilioDevEd/message-segment-calculator), a devDependency only.
import { SegmentedMessage } from "sms-segments-calculator";
import { describe, expect, it } from "vitest";
import { firstNonGsm7Character, segmentSms } from "../../hook/sms-segments";

describe("segmentSms", () => {
  it("fits 160 GSM-7 characters in one segment and splits the 161st into two of 153", () => {
    // Strict: a GSM-7 text names no character that forced UCS-2.
    expect(segmentSms("a".repeat(160))).toStrictEqual({ encoding: "GSM-7", length: 160, segments: 1 });
    expect(segmentSms("a".repeat(161))).toEqual({ encoding: "GSM-7", length: 161, segments: 2 });
    expect(segmentSms("a".repeat(306)).segments).toBe(2);
    expect(segmentSms("a".repeat(307)).segments).toBe(3);
  });

  it("counts each extension-table character (€ [ ] { } \\ ^ ~ | form feed) as two septets", () => {
    expect(segmentSms("€".repeat(80))).toEqual({ encoding: "GSM-7", length: 160, segments: 1 });
    expect(segmentSms("{" + "a".repeat(159))).toMatchObject({ encoding: "GSM-7", length: 161, segments: 2 });
    for (const character of "\f^{}\\[~]|€") expect(segmentSms(character).length, JSON.stringify(character)).toBe(2);
  });

  it("switches to UCS-2 for one curly apostrophe: 70 characters fit, 71 do not, and the apostrophe is named", () => {
    const seventy = "Votre code d’accès est 123456. Ne le partagez avec personne.".padEnd(70, "!");
    expect(seventy.length).toBe(70);
    expect(segmentSms(seventy)).toEqual({ encoding: "UCS-2", length: 70, segments: 1, forcedBy: "’" });
    expect(segmentSms(seventy + "!")).toEqual({ encoding: "UCS-2", length: 71, segments: 2, forcedBy: "’" });
  });

  it("counts a character outside the Basic Multilingual Plane as two UCS-2 units and never splits it", () => {
    expect(segmentSms("😀" + "a".repeat(68))).toMatchObject({ encoding: "UCS-2", length: 70, segments: 1, forcedBy: "😀" });
    // 67 units per concatenated segment: 66 letters then an emoji that must start the next segment.
    expect(segmentSms("a".repeat(66) + "😀" + "a".repeat(10)).segments).toBe(2);
    expect(segmentSms("a".repeat(66) + "😀" + "a".repeat(66)).segments).toBe(3);
  });

  it("keeps GSM-7 for the Latin letters of the default alphabet (é è à ñ ü Ç) but not for ç or ê", () => {
    expect(segmentSms("àéèùìòÇñüÄÖÑÜäöåÅæÆøØßÉ").encoding).toBe("GSM-7");
    expect(firstNonGsm7Character("reçu")).toBe("ç");
    expect(firstNonGsm7Character("fenêtre")).toBe("ê");
    expect(firstNonGsm7Character("plain text, 100% GSM @ £5")).toBeUndefined();
  });

  it("agrees with sms-segments-calculator on every Basic Multilingual Plane character", () => {
    const disagreements: string[] = [];
    for (let code = 0; code <= 0xffff; code += 1) {
      if (code >= 0xd800 && code <= 0xdfff) continue; // lone surrogates are not characters
      const character = String.fromCharCode(code);
      const ours = segmentSms(character);
      const theirs = new SegmentedMessage(character);
      const theirLength = theirs.messageSize / (theirs.encodingName === "GSM-7" ? 7 : 16);
      if (ours.encoding !== theirs.encodingName || ours.length !== theirLength) disagreements.push(code.toString(16));
    }
    expect(disagreements).toEqual([]);
  });

  it("agrees with sms-segments-calculator on segment counts of mixed texts around the limits", () => {
    const pieces = ["a", "€", "’", "é", "ç", "😀", " ", "{", "7"];
    let seed = 7;
    const next = (): number => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648);
    for (let sample = 0; sample < 300; sample += 1) {
      let text = "";
      const length = 50 + (next() % 300);
      const alphabet = pieces.slice(0, 2 + (next() % pieces.length));
      while (text.length < length) text += alphabet[next() % alphabet.length];
      const theirs = new SegmentedMessage(text);
      expect(segmentSms(text), text).toMatchObject({ encoding: theirs.encodingName, segments: theirs.segmentsCount });
    }
  });
});
