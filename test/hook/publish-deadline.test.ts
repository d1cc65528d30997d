/**
 * hook/publish-deadline.ts with the real SDK against a local SNS-compatible endpoint: a client whose
 * middleware is cached still keeps each send's deadline and attempt count apart. The client here has
 * short per-attempt timeouts (0.2 s) so that a timeout, a retry and the deadline fit in a second.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { PublishCommand, SNSClient } from "@aws-sdk/client-sns";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { DeadlineExceeded, failedAttemptOf, guardPublishAttempts, publishBefore, type PublishAttempts } from "../../hook/publish-deadline";
import { startLocalSnsEndpoint, type LocalSnsEndpoint } from "../../tools/kit/local-sns-endpoint";
import { NUMBERS, VALID_SECRETS } from "./fixtures";

const ATTEMPT_TIMEOUT_MS = 200;
/** Longer than an attempt's timeout plus the SDK's largest first and second retry delays (0.1 s, 0.2 s). */
const RETRY_WINDOW_MS = 3 * ATTEMPT_TIMEOUT_MS + 300;

let endpoint: LocalSnsEndpoint;
let client: SNSClient;

beforeAll(async () => {
  endpoint = await startLocalSnsEndpoint();
  client = new SNSClient({
    region: VALID_SECRETS.AWS_REGION,
    endpoint: endpoint.url,
    credentials: { accessKeyId: VALID_SECRETS.AWS_ACCESS_KEY_ID, secretAccessKey: VALID_SECRETS.AWS_SECRET_ACCESS_KEY },
    maxAttempts: 3,
    cacheMiddleware: true,
    requestHandler: { requestTimeout: ATTEMPT_TIMEOUT_MS, throwOnRequestTimeout: true },
  });
  guardPublishAttempts(client);
});

afterAll(async () => {
  client.destroy();
  await endpoint.close();
});

afterEach(() => {
  endpoint.stall(false);
});

function publish(text = "246810 is your code"): PublishCommand {
  return new PublishCommand({ PhoneNumber: NUMBERS.US, Message: text });
}

function fresh(): PublishAttempts {
  return { count: 0, expired: false };
}

describe("failedAttemptOf", () => {
  it.each([null, undefined, "ECONNRESET", 42, new Error("another send's error")])("knows nothing of %o", (error) => {
    expect(failedAttemptOf(error)).toBeUndefined();
  });
});

describe("publishBefore", () => {
  it("lets a command sent outside publishBefore through the guarded client, uncounted", async () => {
    const before = endpoint.requestCount;
    await expect(client.send(publish())).resolves.toMatchObject({ $metadata: { httpStatusCode: 200 } });
    expect(endpoint.requestCount - before).toBe(1);
  });

  it("returns SNS's answer and counts one attempt when SNS accepts at once", async () => {
    const attempts = fresh();
    const output = await publishBefore(client, publish(), 500, attempts);
    expect(output.MessageId).toBe(endpoint.publishes.at(-1)?.messageId);
    expect(attempts).toMatchObject({ count: 1, expired: false });
    // The deadline of a send that is over never fires.
    await sleep(600);
    expect(attempts.expired).toBe(false);
  });

  it("counts each send's own attempts when sends share the cached client", async () => {
    endpoint.failNext({ status: 500, code: "InternalError", message: "try again" });
    const [first, second] = [fresh(), fresh()];
    const outputs = await Promise.all([
      publishBefore(client, publish("1"), 5_000, first),
      publishBefore(client, publish("2"), 5_000, second),
    ]);
    expect(outputs.map((output) => output.$metadata.attempts).sort()).toEqual([1, 2]);
    expect([first.count, second.count].sort()).toEqual([1, 2]);
    expect(outputs.map((output) => output.$metadata.attempts)).toEqual([first.count, second.count]);
  });

  it("without a deadline in the way, a stalled endpoint gets every attempt the client allows", async () => {
    endpoint.stall(true);
    const before = endpoint.requestCount;
    const attempts = fresh();
    await expect(publishBefore(client, publish(), 10_000, attempts)).rejects.toMatchObject({ name: "TimeoutError" });
    expect(attempts.count).toBe(3);
    expect(endpoint.requestCount - before).toBe(3);
  });

  it("rethrows a client that fails before sending, settles the send, and leaves no deadline running", async () => {
    const failure = new Error("the client could not build the request");
    const broken = {
      send: () => {
        throw failure;
      },
    } as unknown as SNSClient;
    const attempts = fresh();
    let settled = 0;
    await expect(publishBefore(broken, publish(), 20, attempts, () => settled++)).rejects.toBe(failure);
    expect(settled).toBe(1);
    await expect(publishBefore(broken, publish(), 20, fresh())).rejects.toBe(failure);
    await sleep(60);
    expect(attempts).toMatchObject({ count: 0, expired: false });
  });

  it("fails at the deadline, and starts no attempt after it", async () => {
    endpoint.stall(true);
    const before = endpoint.requestCount;
    const attempts = fresh();
    const startedAt = performance.now();
    const error: unknown = await publishBefore(client, publish(), ATTEMPT_TIMEOUT_MS / 2, attempts).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeadlineExceeded);
    expect(performance.now() - startedAt).toBeLessThan(ATTEMPT_TIMEOUT_MS);
    expect(attempts).toMatchObject({ count: 1, expired: true });
    // The attempt in flight times out after the deadline; the SDK would retry it, the guard refuses.
    await sleep(RETRY_WINDOW_MS);
    expect(attempts.count).toBe(1);
    expect(endpoint.requestCount - before).toBe(1);
  });
});
