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
  | "country-none"
  | "voice-not-supported"
  | "empty-text"
  | "invalid-text";

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
 * Why SNS did not confirm the message (docs/sender.md has the table):
 * - `timeout`: no answer within the deadline (an attempt on the wire may have been delivered);
 * - `unreachable`: SNS never reached (DNS, refused or timed-out connection, untrusted TLS);
 * - `throttled`: SNS answered with throttling and no retry fitted the deadline (nothing sent);
 * - `sns-error`: SNS answered with another error (nothing sent);
 * - `connection-lost`: the connection failed after the request was written (may have been delivered);
 * - `unexpected`: the sender or the SDK failed before SNS answered.
 */
export type DeliveryFailureReason = "timeout" | "unreachable" | "throttled" | "sns-error" | "connection-lost" | "unexpected";

export interface SmsDeliveryFailure {
  reason: DeliveryFailureReason;
  /** The SDK's error class (e.g. `ThrottledException`, `TimeoutError`), for logs and operators. */
  errorClass: string;
  /** HTTP status of the last answer, when there was one. */
  httpStatus: number | undefined;
  /** Publish attempts made (1 + retries). */
  attempts: number;
  elapsedMs: number;
  /** An attempt was written to SNS and never answered: the SMS may have been delivered. */
  mayHaveBeenSent: boolean;
}

export class SmsDeliveryError extends Error implements SmsDeliveryFailure {
  override readonly name = "SmsDeliveryError";
  readonly reason: DeliveryFailureReason;
  readonly errorClass: string;
  readonly httpStatus: number | undefined;
  readonly attempts: number;
  readonly elapsedMs: number;
  readonly mayHaveBeenSent: boolean;
  constructor(failure: SmsDeliveryFailure, message: string) {
    super(message);
    this.reason = failure.reason;
    this.errorClass = failure.errorClass;
    this.httpStatus = failure.httpStatus;
    this.attempts = failure.attempts;
    this.elapsedMs = failure.elapsedMs;
    this.mayHaveBeenSent = failure.mayHaveBeenSent;
  }
}
