/**
 * Entry of the `custom-phone-provider` Action (Unified Phone Experience): hands
 * `event.notification.as_text` for `event.notification.recipient` to the shared sender, and tells Auth0
 * how it ended through `api.notification` instead of throwing.
 *
 * Every failure is dropped (`api.notification.drop(reason)`), never retried: Auth0 would run the
 * Action again later for the same notification, when the person has usually asked for a new code, so
 * a retry delivers a stale code or a second one; after a timeout or a lost connection SNS may already
 * have delivered it. Asking again is the person's "resend code". docs/sender.md explains the choice.
 */
import type { CustomPhoneProviderApi, CustomPhoneProviderEvent } from "../action-events";
import { dropReason } from "../drop-reason";
import { SendRefusedError } from "../send-errors";
import { sendSms } from "../send-sms";

function hasNotificationApi(api: unknown): api is Pick<CustomPhoneProviderApi, "notification"> {
  const notification = typeof api === "object" && api !== null ? (api as { notification?: unknown }).notification : undefined;
  return typeof notification === "object" && notification !== null && typeof (notification as { drop?: unknown }).drop === "function";
}

async function send(event: CustomPhoneProviderEvent): Promise<void> {
  const notification: Partial<CustomPhoneProviderEvent["notification"]> | undefined = event?.notification;
  if (typeof notification !== "object" || notification === null) {
    throw new SendRefusedError("invalid-event", "event.notification is missing: not a custom-phone-provider event");
  }
  await sendSms({
    trigger: "custom-phone-provider",
    recipient: notification.recipient,
    text: notification.as_text,
    textField: "event.notification.as_text",
    voice: notification.delivery_method === "voice",
    secrets: event.secrets,
  });
}

export async function onExecuteCustomPhoneProvider(event: CustomPhoneProviderEvent, api?: CustomPhoneProviderApi): Promise<void> {
  try {
    await send(event);
  } catch (error) {
    // Without api.notification (not Auth0's runtime) the failure can only be thrown.
    if (!hasNotificationApi(api)) throw error;
    api.notification.drop(dropReason(error));
  }
}
