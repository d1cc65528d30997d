/**
 * The retry rule on its own: an attempt is sent again only when SNS certainly did not take it.
 * Error shapes are those the SDK gives (`$metadata.httpStatusCode` for an answer, `$response` on an
 * error parsed from an answer; @smithy/core deserializerMiddleware), and the SDK's errorType
 * classification (THROTTLING, TRANSIENT, SERVER_ERROR, CLIENT_ERROR; @smithy/types RetryErrorType).
 */
import type { SdkError } from "@smithy/types";
import { describe, expect, it } from "vitest";
import { NoDuplicateRetryStrategy, RETRY_BASE_DELAY_MS, retryDecision, THROTTLING_BASE_DELAY_MS } from "../../hook/publish-retry";

function answered(name: string, status: number): SdkError {
  return Object.assign(new Error(name), { name, $metadata: { httpStatusCode: status } }) as SdkError;
}

describe("retryDecision", () => {
  it.each([
    ["a 2xx whose body could not be read", answered("Error", 200), "SERVER_ERROR", "sns-took-it"],
    ["a 500", answered("InternalErrorException", 500), "TRANSIENT", "retry"],
    ["a 503 the SDK does not deem transient", answered("ServiceUnavailable", 503), "SERVER_ERROR", "retry"],
    ["a 429", answered("ThrottledException", 429), "THROTTLING", "retry"],
    ["a 400 Throttling", answered("Throttling", 400), "CLIENT_ERROR", "retry"],
    ["a 400 InvalidParameter", answered("InvalidParameterException", 400), "CLIENT_ERROR", "not-retryable"],
    ["a 403 AuthorizationError", answered("AuthorizationErrorException", 403), "CLIENT_ERROR", "not-retryable"],
    ["a 400 the SDK deems transient (clock skew)", answered("RequestTimeTooSkewed", 400), "TRANSIENT", "retry"],
    ["a 400 the SDK deems throttling", answered("SlowDown", 400), "THROTTLING", "retry"],
    ["a 599", answered("Error", 599), "SERVER_ERROR", "retry"],
    ["a 600", answered("Error", 600), "SERVER_ERROR", "not-retryable"],
    ["a 499", answered("Error", 499), "CLIENT_ERROR", "not-retryable"],
    ["a 300", answered("Error", 300), "CLIENT_ERROR", "not-retryable"],
    [
      "a connection error of unknown origin",
      Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }),
      "TRANSIENT",
      "may-have-reached-sns",
    ],
    [
      "a request timeout of unknown origin",
      Object.assign(new Error("timeout"), { name: "TimeoutError", code: "ETIMEDOUT" }),
      "TRANSIENT",
      "may-have-reached-sns",
    ],
  ] as const)("%s: %s", (_what, error, errorType, decision) => {
    expect(retryDecision(error, errorType)).toBe(decision);
  });
});

describe("NoDuplicateRetryStrategy", () => {
  const strategy = new NoDuplicateRetryStrategy(3, () => 0.5);

  it("gives up after its attempts", async () => {
    const first = await strategy.acquireInitialRetryToken();
    const error = answered("InternalErrorException", 500);
    const second = await strategy.refreshRetryTokenForRetry(first, { error, errorType: "TRANSIENT" });
    const third = await strategy.refreshRetryTokenForRetry(second, { error, errorType: "TRANSIENT" });
    expect(third.getRetryCount()).toBe(2);
    await expect(strategy.refreshRetryTokenForRetry(third, { error, errorType: "TRANSIENT" })).rejects.toThrow();
  });

  it("waits longer after throttling, and at least what Retry-After asks", async () => {
    const token = await strategy.acquireInitialRetryToken();
    const throttled = await strategy.refreshRetryTokenForRetry(token, {
      error: answered("ThrottledException", 429),
      errorType: "THROTTLING",
    });
    expect(throttled.getRetryDelay()).toBe(THROTTLING_BASE_DELAY_MS / 2);
    const hinted = await strategy.refreshRetryTokenForRetry(token, {
      error: answered("ThrottledException", 429),
      errorType: "THROTTLING",
      retryAfterHint: new Date(Date.now() + 2_000),
    });
    expect(hinted.getRetryDelay()).toBeGreaterThan(1_900);
  });

  it.each([
    ["a throttling name", answered("Throttling", 400), "CLIENT_ERROR", THROTTLING_BASE_DELAY_MS],
    ["the SDK's throttling class", answered("SlowDown", 400), "THROTTLING", THROTTLING_BASE_DELAY_MS],
    ["a 5xx", answered("InternalErrorException", 500), "TRANSIENT", RETRY_BASE_DELAY_MS],
  ] as const)("backs off from %s with its base, doubled for each retry", async (_case, error, errorType, base) => {
    const first = await strategy.acquireInitialRetryToken();
    const second = await strategy.refreshRetryTokenForRetry(first, { error, errorType });
    expect(second.getRetryDelay()).toBe(base / 2);
    const third = await new NoDuplicateRetryStrategy(4, () => 0.5).refreshRetryTokenForRetry(second, { error, errorType });
    expect(third.getRetryDelay()).toBe(base);
  });

  it("never retries what SNS may have taken", async () => {
    const token = await strategy.acquireInitialRetryToken();
    await expect(strategy.refreshRetryTokenForRetry(token, { error: answered("Error", 200), errorType: "SERVER_ERROR" })).rejects.toThrow();
    const reset = Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }) as SdkError;
    await expect(strategy.refreshRetryTokenForRetry(token, { error: reset, errorType: "TRANSIENT" })).rejects.toThrow();
  });
});
