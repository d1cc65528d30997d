/**
 * One SMS per code: the core with the real @aws-sdk/client-sns against a local SNS-compatible endpoint
 * that can be slow, reset after its 200 status line, stall, throttle, or see the keys rotated while a
 * send is in flight. The endpoint's request log proves how many Publish requests SNS would have seen.
 * `Publish` is not idempotent (SNS API reference, Publish: every accepted call is one message).
 *
 * Rules relied on, each exercised below with the real SDK:
 * - SNS reports throttling as `Throttled`, HTTP 429 (SNS API reference, Publish, Errors:
 *   https://docs.aws.amazon.com/sns/latest/api/API_Publish.html).
 * - When a 2xx body cannot be read, the SDK's deserializer attaches the answer to the error
 *   (`$response`, `$metadata.httpStatusCode`; @smithy/core 3.41.1 schema deserializerMiddleware).
 * - Node's ClientRequest emits `finish` once the whole request was handed to the socket
 *   (https://nodejs.org/docs/latest-v20.x/api/http.html#event-finish).
 */
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from "vitest";
import { SendRefusedError, SmsDeliveryError } from "../../hook/send-errors";
import { SEND_DEADLINE_MS, sendSms, type SmsRequest } from "../../hook/send-sms";
import { SNS_MAX_ATTEMPTS } from "../../hook/sns-client";
import { startLocalSnsEndpoint, type LocalSnsEndpoint } from "../../tools/kit/local-sns-endpoint";
import { NUMBERS, VALID_SECRETS } from "./fixtures";

/** Every outcome must reach Auth0 within this (the deadline plus the time to report). */
const PROMISED_MS = 5_000;
const ROTATED_KEY = { AWS_ACCESS_KEY_ID: "AKIAI44QH8DHBEXAMPLE", AWS_SECRET_ACCESS_KEY: "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY" };

let endpoint: LocalSnsEndpoint;
let log: MockInstance<typeof console.log>;

beforeEach(async () => {
  endpoint = await startLocalSnsEndpoint();
  log = vi.spyOn(console, "log").mockImplementation(() => undefined);
});

afterEach(async () => {
  log.mockRestore();
  await endpoint.close();
});

function request(secrets: Record<string, string> = {}, overrides: Partial<SmsRequest> = {}): SmsRequest {
  return {
    trigger: "send-phone-message",
    recipient: NUMBERS.GB,
    text: "246810 is your code",
    voice: false,
    secrets: { ...VALID_SECRETS, SNS_ENDPOINT: endpoint.url, ...secrets },
    ...overrides,
  };
}

function logLines(): Record<string, unknown>[] {
  return log.mock.calls.map((call) => JSON.parse(String(call[0])) as Record<string, unknown>);
}

/** Runs a send and returns what it threw, with the time it took. */
async function timedFailure(run: Promise<unknown>): Promise<{ error: unknown; elapsedMs: number }> {
  const startedAt = performance.now();
  const error = await run.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  return { error, elapsedMs: performance.now() - startedAt };
}

async function waitFor(condition: () => boolean, what: string, timeoutMs = 3_000): Promise<void> {
  const until = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

describe("a request SNS may have taken is never sent again", () => {
  it("waits for a slow SNS (2.6 s, inside the deadline): ONE Publish, reported sent", { timeout: 10_000 }, async () => {
    endpoint.slow(2_600);
    const startedAt = performance.now();
    const sent = await sendSms(request());
    const elapsedMs = performance.now() - startedAt;

    expect(endpoint.requests.map((r) => r.handling)).toEqual(["published"]);
    expect(endpoint.publishes).toHaveLength(1);
    expect(sent).toMatchObject({ messageId: endpoint.publishes[0]?.messageId, attempts: 1 });
    expect(elapsedMs).toBeGreaterThanOrEqual(2_600);
    expect(elapsedMs).toBeLessThan(PROMISED_MS);
  });

  it("reports a reset after SNS's 200 status line as sent without a MessageId, and never resends", async () => {
    endpoint.resetAfterStatus();
    const sent = await sendSms(request());

    expect(endpoint.requests.map((r) => r.handling)).toEqual(["reset-after-status"]);
    expect(endpoint.publishes).toHaveLength(1);
    expect(sent).toMatchObject({ messageId: undefined, attempts: 1 });
    expect(logLines()).toEqual([expect.objectContaining({ sms: "sent", reason: "no-message-id", attempts: 1 })]);
    expect(logLines()[0]).not.toHaveProperty("messageId");

    // The client recovers: the next send gets a connection of its own and its MessageId.
    const next = await sendSms(request());
    expect(next.messageId).toBe(endpoint.publishes[1]?.messageId);
  });

  it("never resends a request whose connection was reset before SNS answered, and says it may have gone", async () => {
    endpoint.resetBeforeAnswer();
    const { error, elapsedMs } = await timedFailure(sendSms(request()));
    expect(error).toMatchObject({
      name: "SmsDeliveryError",
      reason: "connection-lost",
      errorClass: "ECONNRESET",
      attempts: 1,
      mayHaveBeenSent: true,
    });
    expect((error as Error).message).toMatch(/after the request was sent.*may have taken the SMS/);
    expect(endpoint.requests.map((r) => r.handling)).toEqual(["reset"]);
    expect(elapsedMs).toBeLessThan(PROMISED_MS);
  });

  it(
    "waits for a stalled SNS until the deadline: ONE request, a timeout that says the SMS may have gone",
    { timeout: 10_000 },
    async () => {
      endpoint.stall(true);
      const { error, elapsedMs } = await timedFailure(sendSms(request()));

      expect(error).toBeInstanceOf(SmsDeliveryError);
      expect(error).toMatchObject({ reason: "timeout", attempts: 1, mayHaveBeenSent: true });
      expect((error as Error).message).toMatch(/may have taken the SMS: it is not sent again/);
      expect(endpoint.requests.map((r) => r.handling)).toEqual(["stalled"]);
      expect(elapsedMs).toBeGreaterThanOrEqual(SEND_DEADLINE_MS - 50);
      expect(elapsedMs).toBeLessThan(PROMISED_MS);
      // No attempt starts after the deadline, even once the backstop timeout ends the one on the wire.
      await sleep(600);
      expect(endpoint.requestCount).toBe(1);
    },
  );
});

describe("what SNS certainly did not take is retried", () => {
  it("retries 5xx answers and throttling, one SMS in the end", async () => {
    endpoint.failNext({ status: 503, code: "ServiceUnavailable", message: "try again" });
    endpoint.failNext({ status: 429, code: "Throttled", message: "Rate exceeded" });
    const sent = await sendSms(request());
    expect(sent.attempts).toBe(3);
    expect(endpoint.requests.map((r) => r.handling)).toEqual(["fault", "fault", "published"]);
    expect(endpoint.publishes).toHaveLength(1);
  });

  it(`retries a refused connection (nothing was written) up to ${SNS_MAX_ATTEMPTS} attempts, then reports unreachable`, async () => {
    const closed = await startLocalSnsEndpoint();
    await closed.close();
    const { error, elapsedMs } = await timedFailure(sendSms(request({ SNS_ENDPOINT: closed.url })));
    expect(error).toMatchObject({ name: "SmsDeliveryError", reason: "unreachable", attempts: SNS_MAX_ATTEMPTS, mayHaveBeenSent: false });
    expect((error as Error).message).toMatch(/nothing was sent/);
    expect(elapsedMs).toBeLessThan(PROMISED_MS);
  });

  it("reports a 429 whose Retry-After outlasts the deadline as throttling, at once, after ONE request", async () => {
    endpoint.failNext({ status: 429, code: "Throttled", message: "Rate exceeded", headers: { "retry-after": "10" } });
    const { error, elapsedMs } = await timedFailure(sendSms(request()));
    expect(error).toMatchObject({ name: "SmsDeliveryError", reason: "throttled", httpStatus: 429, attempts: 1, mayHaveBeenSent: false });
    expect((error as Error).message).toMatch(/SNS throttled the SMS/);
    expect(endpoint.requestCount).toBe(1);
    expect(elapsedMs).toBeLessThan(SEND_DEADLINE_MS);
    expect(logLines()).toEqual([expect.objectContaining({ sms: "failed", reason: "throttled", http: 429 })]);
  });

  it("honours a Retry-After that fits the deadline", async () => {
    endpoint.failNext({ status: 429, code: "Throttled", message: "Rate exceeded", headers: { "retry-after": "1" } });
    const startedAt = performance.now();
    const sent = await sendSms(request());
    expect(sent.attempts).toBe(2);
    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(900);
    expect(endpoint.publishes).toHaveLength(1);
  });
});

describe("a key rotation while a send is in flight", () => {
  it(
    "lets the send finish on its own client, sends nothing twice, and closes the old client's socket afterwards",
    { timeout: 10_000 },
    async () => {
      endpoint.slow(1_000);
      const first = sendSms(request());
      await waitFor(() => endpoint.requestCount === 1, "the first Publish to arrive");
      const rotated = sendSms(request(ROTATED_KEY));
      const [a, b] = await Promise.all([first, rotated]);

      expect(a.messageId).toBe(endpoint.publishes[0]?.messageId);
      expect(b.messageId).toBe(endpoint.publishes[1]?.messageId);
      expect(endpoint.requests.map((r) => [r.handling, r.accessKeyId])).toEqual([
        ["published", VALID_SECRETS.AWS_ACCESS_KEY_ID],
        ["published", ROTATED_KEY.AWS_ACCESS_KEY_ID],
      ]);
      expect(endpoint.connectionCount).toBe(2);
      // The old client is closed once its send settled; the new one keeps its keep-alive connection.
      await waitFor(() => endpoint.openConnections === 1, "the old client's connection to close");
      const third = await sendSms(request(ROTATED_KEY));
      expect(third.attempts).toBe(1);
      expect(endpoint.connectionCount).toBe(2);
    },
  );
});

describe("failures that are not SNS's are refused before sending, naming the field", () => {
  it("refuses a text with a lone UTF-16 surrogate (the SDK's encoding would throw a URIError)", async () => {
    const error: unknown = await sendSms(
      request({}, { text: "246810 is your code \uD83D", textField: "event.notification.as_text" }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SendRefusedError);
    expect(error).toMatchObject({ reason: "invalid-text" });
    expect((error as Error).message).toContain("event.notification.as_text");
    expect((error as Error).message).not.toContain("246810");
    expect(endpoint.requestCount).toBe(0);
    expect(endpoint.connectionCount).toBe(0);
  });

  it("sends a text whose surrogates are paired (an emoji)", async () => {
    await sendSms(request({}, { text: "246810 is your code \uD83D\uDD12" }));
    expect(endpoint.publishes[0]?.message).toBe("246810 is your code \u{1F512}");
  });

  it("refuses an access key id with a non-ASCII letter (it cannot go in an HTTP header)", async () => {
    const error: unknown = await sendSms(request({ AWS_ACCESS_KEY_ID: "AKIAIOSFODNN7EXAMPLÉ" })).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "SendRefusedError", reason: "invalid-secret" });
    expect((error as Error).message).toContain("AWS_ACCESS_KEY_ID");
    expect((error as Error).message).not.toContain("EXAMPL");
    expect(endpoint.requestCount).toBe(0);
  });
});
