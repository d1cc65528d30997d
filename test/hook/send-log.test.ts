import { describe, expect, it } from "vitest";
import { formatSendLog, MAX_LOG_LINE_LENGTH, type SendLogEntry } from "../../hook/send-log";

describe("formatSendLog", () => {
  it("writes one JSON object with the outcome first and no empty fields", () => {
    const line = formatSendLog({
      outcome: "sent",
      trigger: "custom-phone-provider",
      to: "+33…78",
      messageId: "m-1",
      attempts: 1,
      ms: 12.6,
    });
    expect(line).toBe('{"sms":"sent","trigger":"custom-phone-provider","to":"+33…78","messageId":"m-1","attempts":1,"ms":13}');
  });

  it("cuts a field longer than its cap to the cap, the last character a ~, and keeps one at its cap whole", () => {
    const entry = { outcome: "failed", to: "+44…89", attempts: 2, ms: 4_500 } as const;
    expect(JSON.parse(formatSendLog({ ...entry, trigger: "t".repeat(24), reason: "r".repeat(25) }))).toMatchObject({
      trigger: "t".repeat(24),
      reason: `${"r".repeat(23)}~`,
    });
  });

  describe("stays within Auth0's 256 characters whatever the fields hold", () => {
    const long = "x".repeat(1_000);
    const entry: SendLogEntry = {
      outcome: "refused",
      trigger: long,
      to: long,
      country: long,
      messageId: long,
      reason: long,
      error: long,
      http: 503,
      segments: 1_000_000,
      encoding: long,
      attempts: 3,
      ms: 4_500_000,
    };

    it("drops the MessageId first, and keeps what an operator acts on", () => {
      const line = formatSendLog(entry);
      expect(line).toHaveLength(MAX_LOG_LINE_LENGTH);
      const fields = JSON.parse(line) as Record<string, unknown>;
      expect(fields).not.toHaveProperty("messageId");
      expect(fields).toMatchObject({
        sms: "refused",
        trigger: `${"x".repeat(23)}~`,
        to: `${"x".repeat(15)}~`,
        reason: `${"x".repeat(23)}~`,
        error: `${"x".repeat(39)}~`,
        http: 503,
        attempts: 3,
      });
    });

    it("then the error class, then the trigger", () => {
      const absurd = 123_456_789_012_345_680_000;
      const line = formatSendLog({ ...entry, http: absurd, segments: absurd, attempts: absurd, ms: absurd });
      expect(line.length).toBeLessThanOrEqual(MAX_LOG_LINE_LENGTH);
      const fields = JSON.parse(line) as Record<string, unknown>;
      for (const dropped of ["messageId", "error", "trigger"]) expect(fields).not.toHaveProperty(dropped);
      expect(fields).toMatchObject({ sms: "refused", to: `${"x".repeat(15)}~`, reason: `${"x".repeat(23)}~` });
    });
  });

  it("keeps quotes, backslashes and control characters from an error class out of the line", () => {
    const line = formatSendLog({ outcome: "failed", trigger: "t", to: "+1…00", error: 'Bad"Name\\\n', attempts: 1, ms: 1 });
    expect(line).not.toMatch(/\\/);
    expect(JSON.parse(line)).toMatchObject({ error: "Bad'Name'?" });
  });
});
