/**
 * When the SNS client may send a Publish again. `Publish` is not idempotent: every attempt that reaches
 * SNS may be one more SMS. So an attempt is retried only when SNS certainly did not take the message:
 *
 * - SNS answered with throttling, a 5xx or another transient error (it did not accept the message), or
 * - the request never reached SNS (DNS, refused or timed-out connection, TLS failure: the request was
 *   never completely written, see request-delivery.ts).
 *
 * Never after a 2xx answer (SNS took it, even if its body cannot be read), never after a request was
 * written and then lost (timeout, reset: SNS may have taken it), never on other error answers. And
 * never when the wait before the retry would pass the send's deadline: the last error (e.g. the
 * throttling answer) is reported as it is.
 *
 * Plugged into the SDK as its `retryStrategy` (RetryStrategyV2 of @smithy/types): the SDK's retry
 * middleware asks `refreshRetryTokenForRetry` after each failed attempt; a rejection ends the send
 * with the attempt's own error.
 */
import type { RetryErrorInfo, RetryStrategyV2, RetryToken } from "@smithy/types";
import { failedAttemptOf } from "./publish-deadline";

/** Base of the exponential backoff (with full jitter) after a 5xx answer or an unreachable SNS. */
export const RETRY_BASE_DELAY_MS = 100;
/** Base of the backoff after a throttling answer (AWS asks clients to slow down more there). */
export const THROTTLING_BASE_DELAY_MS = 500;

/** Throttling as SNS and AWS's Query protocol report it (the SDK's errorType covers HTTP 429 too). */
const THROTTLING_NAMES = new Set(["Throttled", "ThrottledException", "Throttling", "ThrottlingException", "TooManyRequestsException"]);

interface AnsweredError {
  name?: unknown;
  $metadata?: { httpStatusCode?: number };
}

export type RetryDecision = "retry" | "sns-took-it" | "may-have-reached-sns" | "not-retryable";

export function isThrottling(error: unknown): boolean {
  const answered = (typeof error === "object" && error !== null ? error : {}) as AnsweredError;
  return answered.$metadata?.httpStatusCode === 429 || (typeof answered.name === "string" && THROTTLING_NAMES.has(answered.name));
}

/** Whether one failed attempt may be sent again, from what SNS answered or what reached it. */
export function retryDecision(error: unknown, errorType: RetryErrorInfo["errorType"]): RetryDecision {
  const status = (typeof error === "object" && error !== null ? (error as AnsweredError) : {}).$metadata?.httpStatusCode;
  if (status !== undefined) {
    if (status >= 200 && status < 300) return "sns-took-it";
    // An error answer means SNS did not take the message: throttling, 5xx and what the SDK deems
    // transient (e.g. a signature rejected for clock skew, corrected before the retry) are sent again.
    if (errorType === "THROTTLING" || errorType === "TRANSIENT" || isThrottling(error) || (status >= 500 && status <= 599)) return "retry";
    return "not-retryable";
  }
  const attempt = failedAttemptOf(error);
  if (attempt === undefined || attempt.mayHaveReachedSns) return "may-have-reached-sns";
  return "retry";
}

class PublishRetryToken implements RetryToken {
  constructor(
    private readonly retries: number,
    private readonly delayMs: number,
  ) {}
  getRetryCount(): number {
    return this.retries;
  }
  getRetryDelay(): number {
    return this.delayMs;
  }
}

export class NoDuplicateRetryStrategy implements RetryStrategyV2 {
  constructor(
    private readonly maxAttempts: number,
    private readonly random: () => number = Math.random,
  ) {}

  acquireInitialRetryToken(): Promise<RetryToken> {
    return Promise.resolve(new PublishRetryToken(0, 0));
  }

  refreshRetryTokenForRetry(token: RetryToken, info: RetryErrorInfo): Promise<RetryToken> {
    const retries = token.getRetryCount();
    if (retries + 1 >= this.maxAttempts) return Promise.reject(new Error("no attempt left"));
    if (retryDecision(info.error, info.errorType) !== "retry") return Promise.reject(new Error("not safe to send again"));
    const base = isThrottling(info.error) || info.errorType === "THROTTLING" ? THROTTLING_BASE_DELAY_MS : RETRY_BASE_DELAY_MS;
    let delayMs = Math.floor(this.random() * base * 2 ** retries);
    if (info.retryAfterHint instanceof Date) delayMs = Math.max(delayMs, info.retryAfterHint.getTime() - Date.now());
    const deadlineAt = failedAttemptOf(info.error)?.send.deadlineAt ?? Number.POSITIVE_INFINITY;
    // Stryker disable next-line EqualityOperator: `>` differs only when two fractional clock readings are equal.
    if (performance.now() + delayMs >= deadlineAt) {
      return Promise.reject(new Error("the retry would start after the deadline"));
    }
    return Promise.resolve(new PublishRetryToken(retries + 1, delayMs));
  }

  recordSuccess(): void {
    // No retry budget is kept across sends: each send has its own attempts and deadline.
  }
}
