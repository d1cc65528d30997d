/**
 * SNS and network error messages can quote the recipient's number: scrub phone-number-like digit runs
 * (5+ digits, with or without "+", spaces, dots, dashes or brackets between them) out of anything the
 * sender rethrows or logs, while keeping what an operator needs to act on: IPv4 addresses with their
 * port (`127.0.0.1:9`) and `host:port`. A full phone number always has 5+ digits (calling code and a
 * national number of 4+), so it never passes; an IPv4 address only survives as four octets of 0-255
 * not preceded by "+".
 */
const OCTET = String.raw`(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)`;
const IPV4_WITH_PORT = String.raw`(?<![\d.+])(?:${OCTET}\.){3}${OCTET}(?::\d{1,5})?(?![\d.])`;
/** `localhost:65535`, `[::1]:443`: a port right after a host name's letter or an IPv6 bracket. */
const HOST_PORT = String.raw`(?<=[A-Za-z\]]):\d{1,5}(?![\d.])`;
const DIGIT_RUN = String.raw`\+?\d[\d\s().-]*\d`;
const CANDIDATES = new RegExp(`(${IPV4_WITH_PORT})|(${HOST_PORT})|${DIGIT_RUN}`, "g");

/** Fewest digits a run needs to be scrubbed: the shortest number parseE164 accepts has 5. */
export const SCRUBBED_MIN_DIGITS = 5;
export const SCRUBBED_MARK = "[number]";

export function scrubPhoneNumbers(text: string): string {
  return text.replace(CANDIDATES, (match: string, address: string | undefined, hostPort: string | undefined) => {
    if (address !== undefined || hostPort !== undefined) return match;
    return match.replace(/\D/g, "").length >= SCRUBBED_MIN_DIGITS ? SCRUBBED_MARK : match;
  });
}
