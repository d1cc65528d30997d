/**
 * The two ways a send can fail, as Error classes whose `name` survives bundling and whose `reason`
 * is a stable code (tests, logs and the send-test tool match on `reason`, never on message text).
 * Messages never contain a secret value, a one-time code, a message text or a whole phone number.
 */

/** Why the sender refused to send: bad input or bad configuration. Nothing was sent. */
export type RefusalReason =
  | "missing-secret"
  | "invalid-secret"
  | "invalid-event"
  | "invalid-recipient"
  | "country-not-allowed"
  | "country-unknown"
  | "voice-not-supported"
  | "empty-text";

export class SendRefusedError extends Error {
  override readonly name = "SendRefusedError";
  constructor(
    readonly reason: RefusalReason,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Why SNS did not accept the message: no answer in time, SNS never reached (DNS, refused connection,
 * untrusted TLS: nothing was sent), or an error answer (after any retries).
 */
export type DeliveryFailureReason = "timeout" | "unreachable" | "sns-error";

export interface SmsDeliveryFailure {
  reason: DeliveryFailureReason;
  /** The SDK's error class (e.g. `ThrottledException`, `TimeoutError`), for logs and operators. */
  errorClass: string;
  /** HTTP status of the last answer, when there was one. */
  httpStatus: number | undefined;
  /** Publish attempts made (1 + retries). */
  attempts: number;
  elapsedMs: number;
}

export class SmsDeliveryError extends Error implements SmsDeliveryFailure {
  override readonly name = "SmsDeliveryError";
  readonly reason: DeliveryFailureReason;
  readonly errorClass: string;
  readonly httpStatus: number | undefined;
  readonly attempts: number;
  readonly elapsedMs: number;
  constructor(failure: SmsDeliveryFailure, message: string) {
    super(message);
    this.reason = failure.reason;
    this.errorClass = failure.errorClass;
    this.httpStatus = failure.httpStatus;
    this.attempts = failure.attempts;
    this.elapsedMs = failure.elapsedMs;
  }
}
