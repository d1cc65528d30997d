import { describe, expect, it } from "vitest";
import { customPhoneProviderEvent, randomOneTimeCode, sendPhoneMessageEvent, simulatedApi } from "../../../tools/kit/simulated-events";
import { NUMBERS, VALID_SECRETS } from "../../hook/fixtures";

describe("sendPhoneMessageEvent", () => {
  it("fills the documented send-phone-message fields, with the code inside the text", () => {
    const event = sendPhoneMessageEvent({ recipient: NUMBERS.GB, secrets: VALID_SECRETS });
    expect(Object.keys(event.message_options).sort()).toEqual(["action", "code", "message_type", "recipient", "text"]);
    expect(event.message_options).toMatchObject({ recipient: NUMBERS.GB, message_type: "sms", action: "second-factor-authentication" });
    expect(event.message_options.code).toMatch(/^\d{6}$/);
    expect(event.message_options.text).toContain(event.message_options.code);
    expect(event.request).toMatchObject({ ip: expect.any(String) as string, language: "en", user_agent: expect.any(String) as string });
    expect(event.request.geoip).toBeTypeOf("object");
    expect(event.tenant.id).toBeTypeOf("string");
    expect(event.client?.client_id).toBeTypeOf("string");
    expect(event.user.user_id).toBeTypeOf("string");
  });

  it("takes the given text, code, type and action", () => {
    const event = sendPhoneMessageEvent({
      recipient: NUMBERS.US,
      text: "hello",
      code: "000111",
      messageType: "voice",
      action: "enrollment",
      secrets: {},
    });
    expect(event.message_options).toMatchObject({ text: "hello", code: "000111", message_type: "voice", action: "enrollment" });
  });

  it("copies only the secrets that are set", () => {
    const event = sendPhoneMessageEvent({ recipient: NUMBERS.US, secrets: { ...VALID_SECRETS, SNS_ENDPOINT: undefined } });
    expect(event.secrets).toEqual(VALID_SECRETS);
  });
});

describe("customPhoneProviderEvent", () => {
  it("fills the documented notification fields, with text and voice versions of the code", () => {
    const event = customPhoneProviderEvent({ recipient: NUMBERS.CA, code: "123456", secrets: VALID_SECRETS });
    expect(event.notification).toMatchObject({
      recipient: NUMBERS.CA,
      code: "123456",
      delivery_method: "text",
      notification_type: "otp_verify",
      locale: "en_US",
    });
    expect(event.notification.as_text).toContain("123456");
    expect(event.notification.as_voice).toContain("1 2 3 4 5 6");
    expect(event.tenant).toMatchObject({ id: expect.any(String) as string, friendly_name: expect.any(String) as string });
  });
});

describe("randomOneTimeCode", () => {
  it("gives six digits, not always the same", () => {
    const codes = new Set(Array.from({ length: 20 }, () => randomOneTimeCode()));
    for (const code of codes) expect(code).toMatch(/^\d{6}$/);
    expect(codes.size).toBeGreaterThan(1);
  });
});

describe("simulatedApi", () => {
  it("has the api.cache of both triggers: set, get, delete", () => {
    const api = simulatedApi();
    expect(api.cache.get("k")).toBeUndefined();
    expect(api.cache.set("k", "v")).toMatchObject({ type: "success" });
    expect(api.cache.get("k")?.value).toBe("v");
    expect(api.cache.delete("k")).toMatchObject({ type: "success" });
    expect(api.cache.get("k")).toBeUndefined();
    expect(api.cache.delete("k")).toMatchObject({ type: "error" });
  });

  it("records the custom-phone-provider's api.notification calls in order", () => {
    const api = simulatedApi();
    api.notification.retry("later");
    api.notification.drop();
    expect(api.notificationCalls).toEqual([
      { method: "retry", reason: "later" },
      { method: "drop", reason: undefined },
    ]);
  });

  it("expires records after their ttl", () => {
    const api = simulatedApi();
    api.cache.set("k", "v", { ttl: -1 });
    expect(api.cache.get("k")).toBeUndefined();
  });
});
