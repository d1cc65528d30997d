/**
 * The one structured log line per send outcome (JSON on console.log, at most 256 characters, the
 * length Auth0 keeps). It holds the masked number, never the code, the text or the whole number.
 */

export const MAX_LOG_LINE_LENGTH = 256;

export type SendOutcome = "sent" | "refused" | "failed";

export interface SendLogEntry {
  outcome: SendOutcome;
  trigger: string;
  /** Masked recipient (`+44…89`). */
  to: string;
  /** Destination country, when the allow-list made the sender look it up. */
  country?: string | undefined;
  messageId?: string | undefined;
  /** Refusal or failure reason code (`country-not-allowed`, `timeout`, `sns-error`...). */
  reason?: string | undefined;
  /** Error class: `SendRefusedError`, or the SDK's (`ThrottledException`, `TimeoutError`...). */
  error?: string | undefined;
  http?: number | undefined;
  /** SMS segments the sent text costs, and its encoding (`GSM-7` or `UCS-2`): never the text. */
  segments?: number | undefined;
  encoding?: string | undefined;
  attempts: number;
  ms: number;
}

/** Field length caps: together they keep every line under MAX_LOG_LINE_LENGTH. */
const CAPS: Partial<Record<keyof SendLogEntry, number>> = {
  trigger: 24,
  to: 16,
  country: 3,
  messageId: 40,
  reason: 24,
  error: 40,
  encoding: 5,
};

function clamp(value: string, max: number): string {
  // Keep log lines printable: no quotes, backslashes or control characters to escape.
  const printable = value.replace(/[^\x20-\x7e…]/g, "?").replace(/["\\]/g, "'");
  return printable.length > max ? printable.slice(0, max - 1) + "~" : printable;
}

export function formatSendLog(entry: SendLogEntry): string {
  const record: Record<string, string | number> = { sms: entry.outcome };
  for (const key of [
    "trigger",
    "to",
    "country",
    "messageId",
    "reason",
    "error",
    "http",
    "segments",
    "encoding",
    "attempts",
    "ms",
  ] as const) {
    const value = entry[key];
    if (value === undefined) continue;
    record[key] = typeof value === "string" ? clamp(value, CAPS[key] ?? 24) : Math.round(value);
  }
  let line = JSON.stringify(record);
  // The caps already keep real entries short; this only guards absurd combinations.
  const omitted = new Set<string>();
  for (const droppable of ["messageId", "error", "trigger"]) {
    if (line.length <= MAX_LOG_LINE_LENGTH) break;
    omitted.add(droppable);
    line = JSON.stringify(Object.fromEntries(Object.entries(record).filter(([key]) => !omitted.has(key))));
  }
  return line;
}

export function logSendOutcome(entry: SendLogEntry): void {
  console.log(formatSendLog(entry));
}
