/**
 * The reason the custom-phone-provider Action gives `api.notification.drop(reason)`: the stable reason
 * code, then the error's message, which names what to fix and never holds a number, a code, a text or
 * a secret (send-errors.ts). Auth0 puts it in the tenant log entry of the failed delivery.
 */
import { SendRefusedError, SmsDeliveryError } from "./send-errors";

export const MAX_DROP_REASON_LENGTH = 256;

export function dropReason(error: unknown): string {
  const reason =
    error instanceof SendRefusedError || error instanceof SmsDeliveryError
      ? `${error.reason}: ${error.message}`
      : `unexpected: ${error instanceof Error ? error.name : "the sender failed"}`;
  return reason.length > MAX_DROP_REASON_LENGTH ? `${reason.slice(0, MAX_DROP_REASON_LENGTH - 1)}~` : reason;
}
