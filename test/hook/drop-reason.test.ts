import { describe, expect, it } from "vitest";
import { dropReason } from "../../hook/drop-reason";
import { SendRefusedError, SmsDeliveryError } from "../../hook/send-errors";

// Auth0 shows the reason of api.notification.drop in the tenant log entry of the failed delivery; the
// sender keeps it to the 256 characters of its own log lines.
function deliveryError(message: string): SmsDeliveryError {
  const failure = {
    reason: "sns-error",
    errorClass: "InvalidParameterException",
    httpStatus: 400,
    attempts: 1,
    elapsedMs: 20,
    mayHaveBeenSent: false,
  } as const;
  return new SmsDeliveryError(failure, message);
}

describe("dropReason", () => {
  it("starts with the reason code, then says what to fix", () => {
    expect(dropReason(new SendRefusedError("country-not-allowed", "Destination country JM is not in ALLOWED_COUNTRIES (US,CA)"))).toBe(
      "country-not-allowed: Destination country JM is not in ALLOWED_COUNTRIES (US,CA)",
    );
    expect(dropReason(deliveryError("SNS refused the SMS"))).toBe("sns-error: SNS refused the SMS");
  });

  it("names only the class of an error the sender did not expect, never its message", () => {
    expect(dropReason(new TypeError("Cannot read properties of undefined (reading '+14165550123')"))).toBe("unexpected: TypeError");
    expect(dropReason("+14165550123")).toBe("unexpected: the sender failed");
  });

  it("keeps a reason of 256 characters whole", () => {
    const reason = dropReason(deliveryError("x".repeat(256 - "sns-error: ".length)));
    expect(reason).toHaveLength(256);
    expect(reason.endsWith("x")).toBe(true);
  });

  it("cuts a longer reason to 256 characters, the last one a ~ that shows it was cut", () => {
    const reason = dropReason(deliveryError(`SNS refused the SMS: ${"y".repeat(400)}`));
    expect(reason).toBe(`sns-error: SNS refused the SMS: ${"y".repeat(256 - 1 - "sns-error: SNS refused the SMS: ".length)}~`);
  });
});
