/**
 * How an SMS text is encoded and how many segments it costs (3GPP TS 23.038 §6.2.1 alphabets,
 * TS 23.040 §9.2.3.24.1 concatenation). Text made only of characters of the GSM 7-bit default
 * alphabet travels as GSM-7: 160 septets fit one segment, a character of the extension table costs
 * two (escape + character). Any other character switches the whole text to UCS-2: 70 UTF-16 code
 * units fit one segment (a character outside the Basic Multilingual Plane takes two). A longer text
 * is split into segments of 153 septets or 67 code units (6 octets of user data header), and a
 * character is never split across two segments.
 * Pure and dependency-free: the sender logs it for every SMS, and the program checks texts with it.
 */

export type SmsEncoding = "GSM-7" | "UCS-2";

/** TS 23.038 §6.2.1: the GSM 7-bit default alphabet (one septet each). LF and CR included. */
const GSM7_BASIC =
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

/** TS 23.038 §6.2.1.1: the default extension table (escape + character: two septets each). */
const GSM7_EXTENSION = "\f^{}\\[~]|€";

const BASIC = new Set(GSM7_BASIC);
const EXTENSION = new Set(GSM7_EXTENSION);

/** Capacity of one segment: alone, and as part of a concatenated message. */
export const SEGMENT_CAPACITY: Readonly<Record<SmsEncoding, { single: number; concatenated: number }>> = {
  "GSM-7": { single: 160, concatenated: 153 },
  "UCS-2": { single: 70, concatenated: 67 },
};

export interface SmsSegmentation {
  encoding: SmsEncoding;
  /** Septets (GSM-7) or UTF-16 code units (UCS-2) of the whole text. */
  length: number;
  segments: number;
  /** UCS-2 only: the first character outside the GSM 7-bit alphabets, which forced UCS-2. */
  forcedBy?: string;
}

/** The first character (a whole code point) that GSM-7 cannot carry, or undefined when it can carry all. */
export function firstNonGsm7Character(text: string): string | undefined {
  for (const character of text) {
    if (!BASIC.has(character) && !EXTENSION.has(character)) return character;
  }
  return undefined;
}

/** Cost of each character in the chosen encoding's units. */
function unitCosts(text: string, encoding: SmsEncoding): number[] {
  const costs: number[] = [];
  for (const character of text) {
    costs.push(encoding === "GSM-7" ? (EXTENSION.has(character) ? 2 : 1) : character.length);
  }
  return costs;
}

export function segmentSms(text: string): SmsSegmentation {
  const forcedBy = firstNonGsm7Character(text);
  const encoding: SmsEncoding = forcedBy === undefined ? "GSM-7" : "UCS-2";
  const costs = unitCosts(text, encoding);
  const length = costs.reduce((sum, cost) => sum + cost, 0);
  const capacity = SEGMENT_CAPACITY[encoding];
  let segments = 1;
  if (length > capacity.single) {
    // Fill segments in order; a character that does not fit whole starts the next one.
    let used = 0;
    for (const cost of costs) {
      if (used + cost > capacity.concatenated) {
        segments += 1;
        used = 0;
      }
      used += cost;
    }
  }
  return forcedBy === undefined ? { encoding, length, segments } : { encoding, length, segments, forcedBy };
}
