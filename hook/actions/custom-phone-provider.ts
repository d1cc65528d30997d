/**
 * Entry of the `custom-phone-provider` Action (Unified Phone Experience): hands
 * `event.notification.as_text` for `event.notification.recipient` to the shared sender.
 */
import type { CustomPhoneProviderEvent } from "../action-events";
import { SendRefusedError } from "../send-errors";
import { sendSms } from "../send-sms";

export async function onExecuteCustomPhoneProvider(event: CustomPhoneProviderEvent, _api?: unknown): Promise<void> {
  const notification: Partial<CustomPhoneProviderEvent["notification"]> | undefined = event?.notification;
  if (typeof notification !== "object" || notification === null) {
    throw new SendRefusedError("invalid-event", "event.notification is missing: not a custom-phone-provider event");
  }
  await sendSms({
    trigger: "custom-phone-provider",
    recipient: notification.recipient,
    text: notification.as_text,
    voice: notification.delivery_method === "voice",
    secrets: event.secrets,
  });
}
