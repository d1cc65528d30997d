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

  it("stays within Auth0's 256 characters whatever the fields hold", () => {
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
    const line = formatSendLog(entry);
    expect(line.length).toBeLessThanOrEqual(MAX_LOG_LINE_LENGTH);
    expect(JSON.parse(line)).toMatchObject({ sms: "refused", http: 503, attempts: 3 });
  });

  it("keeps quotes, backslashes and control characters from an error class out of the line", () => {
    const line = formatSendLog({ outcome: "failed", trigger: "t", to: "+1…00", error: 'Bad"Name\\\n', attempts: 1, ms: 1 });
    expect(line).not.toMatch(/\\/);
    expect(JSON.parse(line)).toMatchObject({ error: "Bad'Name'?" });
  });
});
