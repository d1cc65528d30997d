import { PublishCommand, SNSClient } from "@aws-sdk/client-sns";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from "vitest";
import { onExecuteCustomPhoneProvider } from "../../hook/actions/custom-phone-provider";
import { onExecuteSendPhoneMessage } from "../../hook/actions/send-phone-message";
import type { CustomPhoneProviderApi, CustomPhoneProviderEvent, SendPhoneMessageEvent } from "../../hook/action-events";
import { customPhoneProviderEvent, sendPhoneMessageEvent, simulatedApi } from "../../tools/kit/simulated-events";
import { NUMBERS, VALID_SECRETS } from "./fixtures";

const sns = mockClient(SNSClient);
let log: MockInstance<typeof console.log>;

beforeEach(() => {
  sns.reset();
  sns.on(PublishCommand).resolves({ MessageId: "msg-1", $metadata: { attempts: 1 } });
  log = vi.spyOn(console, "log").mockImplementation(() => undefined);
});

afterEach(() => {
  log.mockRestore();
});

function publishedTo(): { PhoneNumber?: string; Message?: string }[] {
  return sns.commandCalls(PublishCommand).map((call) => call.args[0].input);
}

describe("send-phone-message entry", () => {
  it("sends message_options.text to message_options.recipient and resolves to nothing", async () => {
    const event = sendPhoneMessageEvent({ recipient: NUMBERS.US, secrets: VALID_SECRETS });
    await expect(onExecuteSendPhoneMessage(event, simulatedApi())).resolves.toBeUndefined();
    expect(publishedTo()).toEqual([expect.objectContaining({ PhoneNumber: NUMBERS.US, Message: event.message_options.text })]);
    expect(JSON.parse(String(log.mock.calls[0]?.[0]))).toMatchObject({ sms: "sent", trigger: "send-phone-message" });
  });

  it("refuses message_type voice without sending", async () => {
    const event = sendPhoneMessageEvent({ recipient: NUMBERS.US, messageType: "voice", secrets: VALID_SECRETS });
    await expect(onExecuteSendPhoneMessage(event, simulatedApi())).rejects.toMatchObject({ reason: "voice-not-supported" });
    expect(publishedTo()).toEqual([]);
  });

  it.each([
    ["without message_options", { secrets: VALID_SECRETS }],
    ["with message_options null", { message_options: null, secrets: VALID_SECRETS }],
    ["that is no object", undefined],
  ])("refuses an event %s, saying which trigger it expected", async (_case, event) => {
    await expect(onExecuteSendPhoneMessage(event as unknown as SendPhoneMessageEvent)).rejects.toMatchObject({
      name: "SendRefusedError",
      reason: "invalid-event",
      message: "event.message_options is missing: not a send-phone-message event",
    });
  });

  it("names event.message_options.text when the text cannot be encoded", async () => {
    const event = sendPhoneMessageEvent({ recipient: NUMBERS.US, text: "\uD83D is your code", secrets: VALID_SECRETS });
    await expect(onExecuteSendPhoneMessage(event)).rejects.toMatchObject({
      reason: "invalid-text",
      message: expect.stringContaining("(event.message_options.text)") as string,
    });
  });
});

// Auth0 documents api.notification on this trigger: drop(reason) fails the notification for good and
// logs the reason; retry(reason) has Auth0 send it to the Action again later; the last call counts.
// https://auth0.com/docs/customize/phone-messages/configure-phone-messaging-providers/configure-a-custom-phone-provider/action-triggers-custom-phone-provider-api-object
// https://auth0.com/docs/customize/email/configure-a-custom-email-provider/action-triggers-custom-email-provider-api-object
describe("custom-phone-provider entry", () => {
  it("sends notification.as_text to notification.recipient", async () => {
    const event = customPhoneProviderEvent({ recipient: NUMBERS.CA, secrets: VALID_SECRETS, notificationType: "otp_enroll" });
    await expect(onExecuteCustomPhoneProvider(event, simulatedApi())).resolves.toBeUndefined();
    expect(publishedTo()).toEqual([expect.objectContaining({ PhoneNumber: NUMBERS.CA, Message: event.notification.as_text })]);
    expect(JSON.parse(String(log.mock.calls[0]?.[0]))).toMatchObject({ sms: "sent", trigger: "custom-phone-provider" });
  });

  it("never sends the voice script: drops delivery_method voice through api.notification, without throwing", async () => {
    const event = customPhoneProviderEvent({ recipient: NUMBERS.CA, deliveryMethod: "voice", secrets: VALID_SECRETS });
    const api = simulatedApi();
    await expect(onExecuteCustomPhoneProvider(event, api)).resolves.toBeUndefined();
    expect(publishedTo()).toEqual([]);
    expect(api.notificationCalls).toEqual([
      { method: "drop", reason: expect.stringMatching(/^voice-not-supported: .*[Vv]oice/) as string },
    ]);
  });

  it.each([
    ["without notification", { secrets: VALID_SECRETS }],
    ["with notification null", { notification: null, secrets: VALID_SECRETS }],
    ["that is no object", undefined],
  ])("drops an event %s as invalid-event", async (_case, event) => {
    const api = simulatedApi();
    await onExecuteCustomPhoneProvider(event as unknown as CustomPhoneProviderEvent, api);
    expect(api.notificationCalls).toEqual([
      { method: "drop", reason: expect.stringMatching(/^invalid-event: event\.notification is missing/) as string },
    ]);
  });

  it("names event.notification.as_text when the text cannot be encoded", async () => {
    const event = customPhoneProviderEvent({ recipient: NUMBERS.CA, text: "\uD83D is your code", secrets: VALID_SECRETS });
    const api = simulatedApi();
    await onExecuteCustomPhoneProvider(event, api);
    expect(api.notificationCalls).toEqual([
      { method: "drop", reason: expect.stringMatching(/^invalid-text: .*\(event\.notification\.as_text\)/) as string },
    ]);
  });

  it("drops an SNS failure with its reason code, never asks Auth0 to retry, and names no number, code or text", async () => {
    sns.on(PublishCommand).rejects(
      Object.assign(new Error("Invalid parameter: PhoneNumber Reason: +14165550123 is not valid"), {
        name: "InvalidParameterException",
        $metadata: { httpStatusCode: 400, attempts: 1 },
      }),
    );
    const event = customPhoneProviderEvent({ recipient: NUMBERS.CA, secrets: VALID_SECRETS });
    const api = simulatedApi();
    await onExecuteCustomPhoneProvider(event, api);
    expect(api.notificationCalls).toEqual([
      {
        method: "drop",
        reason: expect.stringMatching(/^sns-error: SNS refused the SMS: InvalidParameterException \(HTTP 400\)/) as string,
      },
    ]);
    const reason = api.notificationCalls[0]?.reason ?? "";
    expect(reason.length).toBeLessThanOrEqual(256);
    for (const secret of [NUMBERS.CA.slice(1), event.notification.code ?? "", event.notification.as_text])
      expect(reason).not.toContain(secret);
  });

  it("makes no api.notification call when the SMS is sent", async () => {
    const api = simulatedApi();
    await onExecuteCustomPhoneProvider(customPhoneProviderEvent({ recipient: NUMBERS.CA, secrets: VALID_SECRETS }), api);
    expect(api.notificationCalls).toEqual([]);
  });

  it.each([
    ["no api", undefined],
    ["api null", null],
    ["no api.notification", {}],
    ["api.notification null", { notification: null }],
    ["no api.notification.drop", { notification: {} }],
  ])("throws the refusal when the runtime gives %s (no other way to report the failure)", async (_case, api) => {
    const event = { secrets: VALID_SECRETS } as unknown as CustomPhoneProviderEvent;
    await expect(onExecuteCustomPhoneProvider(event, api as unknown as CustomPhoneProviderApi)).rejects.toMatchObject({
      name: "SendRefusedError",
      reason: "invalid-event",
    });
  });
});
