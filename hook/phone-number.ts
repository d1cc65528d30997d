/**
 * E.164 phone numbers without the phone metadata: syntax (`+`, a country calling code, at most 15
 * digits in all) and masking for logs. Deciding the country needs the metadata: see country-of-number.ts.
 */
import { CALLING_CODES } from "./calling-codes";

export interface E164Number {
  /** The number as given: `+` and 8 to 15 digits. */
  e164: string;
  /** Country calling code, without `+` (e.g. `44`). */
  callingCode: string;
  /** The digits after the calling code. */
  nationalNumber: string;
}

const E164_SYNTAX = /^\+[1-9]\d{1,14}$/;
/** The shortest national numbers in service have 4 digits (e.g. Niue +683 4xxx). */
const MIN_NATIONAL_DIGITS = 4;

function callingCodeOf(digits: string): string | undefined {
  for (let length = 1; length <= 3; length++) {
    const prefix = digits.slice(0, length);
    if (CALLING_CODES.has(prefix)) return prefix;
  }
  return undefined;
}

/** The number's parts if `raw` is an E.164 number with an assigned calling code, else undefined. */
export function parseE164(raw: unknown): E164Number | undefined {
  if (typeof raw !== "string" || !E164_SYNTAX.test(raw)) return undefined;
  const digits = raw.slice(1);
  const callingCode = callingCodeOf(digits);
  if (callingCode === undefined) return undefined;
  const nationalNumber = digits.slice(callingCode.length);
  if (nationalNumber.length < MIN_NATIONAL_DIGITS) return undefined;
  return { e164: raw, callingCode, nationalNumber };
}

/**
 * What logs and errors may show of a number: the calling code and the last two digits (`+44…89`).
 * Anything that is not a valid E.164 number shows at most its last two digits, and only when it is
 * long enough for them not to matter.
 */
export function maskPhoneNumber(raw: unknown): string {
  const parsed = parseE164(raw);
  if (parsed) return `+${parsed.callingCode}…${parsed.nationalNumber.slice(-2)}`;
  if (typeof raw !== "string") return "(none)";
  const digits = raw.replace(/\D/g, "");
  return digits.length >= 8 ? `(not E.164)…${digits.slice(-2)}` : "(not E.164)";
}
