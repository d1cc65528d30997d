/**
 * Entry of the `send-phone-message` Action (classic MFA phone factor): hands
 * `event.message_options.text` for `event.message_options.recipient` to the shared sender.
 */
import type { SendPhoneMessageApi, SendPhoneMessageEvent } from "../action-events";
import { SendRefusedError } from "../send-errors";
import { sendSms } from "../send-sms";

/** Throws on any refusal or failure: that is how this trigger tells Auth0 the delivery failed. */
export async function onExecuteSendPhoneMessage(event: SendPhoneMessageEvent, _api?: SendPhoneMessageApi): Promise<void> {
  const options: Partial<SendPhoneMessageEvent["message_options"]> | undefined = event?.message_options;
  if (typeof options !== "object" || options === null) {
    throw new SendRefusedError("invalid-event", "event.message_options is missing: not a send-phone-message event");
  }
  await sendSms({
    trigger: "send-phone-message",
    recipient: options.recipient,
    text: options.text,
    textField: "event.message_options.text",
    voice: options.message_type === "voice",
    secrets: event.secrets,
  });
}
