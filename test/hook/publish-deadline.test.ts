/**
 * hook/publish-deadline.ts with the real SDK against a local SNS-compatible endpoint: a client whose
 * middleware is cached still keeps each send's deadline and attempt count apart. Where the endpoint
 * answers, the client's per-attempt timeout is generous, so a loaded machine cannot turn a prompt answer
 * into a timeout and a retry; where it stalls, the timeouts are short so that a timeout, a retry and the
 * deadline fit in a few seconds, and the deadline sits far below the attempt's timeout.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { PublishCommand, SNSClient } from "@aws-sdk/client-sns";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { DeadlineExceeded, failedAttemptOf, guardPublishAttempts, publishBefore, type PublishAttempts } from "../../hook/publish-deadline";
import { startLocalSnsEndpoint, type LocalSnsEndpoint } from "../../tools/kit/local-sns-endpoint";
import { NUMBERS, VALID_SECRETS } from "./fixtures";

/** Per-attempt timeout where the endpoint answers: no answer on this machine comes near it. */
const ANSWERED_ATTEMPT_TIMEOUT_MS = 10_000;
/** Per-attempt timeout against a stalled endpoint, short so that three attempts fit in a second. */
const STALLED_ATTEMPT_TIMEOUT_MS = 200;
/** Per-attempt timeout for the deadline test: ten times its deadline, so a late timer is not mistaken for the attempt's timeout. */
const DEADLINE_ATTEMPT_TIMEOUT_MS = 1_000;
const DEADLINE_MS = DEADLINE_ATTEMPT_TIMEOUT_MS / 10;
/** A deadline the prompt answer beats by far, short enough to wait past it afterwards. */
const FINISHED_SEND_DEADLINE_MS = 1_500;
/** Longer than the deadline test's attempt timeout plus the SDK's largest first and second retry delays (0.1 s, 0.2 s). */
const RETRY_WINDOW_MS = DEADLINE_ATTEMPT_TIMEOUT_MS + 600;

let endpoint: LocalSnsEndpoint;
const clients: SNSClient[] = [];

/** A guarded client as sns-client.ts builds it (3 attempts, cached middleware), with the given per-attempt timeout. */
function guardedClient(requestTimeout: number): SNSClient {
  const client = new SNSClient({
    region: VALID_SECRETS.AWS_REGION,
    endpoint: endpoint.url,
    credentials: { accessKeyId: VALID_SECRETS.AWS_ACCESS_KEY_ID, secretAccessKey: VALID_SECRETS.AWS_SECRET_ACCESS_KEY },
    maxAttempts: 3,
    cacheMiddleware: true,
    requestHandler: { requestTimeout, throwOnRequestTimeout: true },
  });
  guardPublishAttempts(client);
  clients.push(client);
  return client;
}

let answered: SNSClient;
let stalled: SNSClient;
let deadlined: SNSClient;

beforeAll(async () => {
  endpoint = await startLocalSnsEndpoint();
  answered = guardedClient(ANSWERED_ATTEMPT_TIMEOUT_MS);
  stalled = guardedClient(STALLED_ATTEMPT_TIMEOUT_MS);
  deadlined = guardedClient(DEADLINE_ATTEMPT_TIMEOUT_MS);
});

afterAll(async () => {
  for (const client of clients) client.destroy();
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
    await expect(answered.send(publish())).resolves.toMatchObject({ $metadata: { httpStatusCode: 200 } });
    expect(endpoint.requestCount - before).toBe(1);
  });

  it("returns SNS's answer and counts one attempt when SNS accepts at once", async () => {
    const attempts = fresh();
    const output = await publishBefore(answered, publish(), FINISHED_SEND_DEADLINE_MS, attempts);
    expect(output.MessageId).toBe(endpoint.publishes.at(-1)?.messageId);
    expect(attempts).toMatchObject({ count: 1, expired: false });
    // The deadline of a send that is over never fires.
    await sleep(FINISHED_SEND_DEADLINE_MS + 100);
    expect(attempts.expired).toBe(false);
  });

  it("counts each send's own attempts when sends share the cached client", async () => {
    endpoint.failNext({ status: 500, code: "InternalError", message: "try again" });
    const [first, second] = [fresh(), fresh()];
    const outputs = await Promise.all([
      publishBefore(answered, publish("1"), 5_000, first),
      publishBefore(answered, publish("2"), 5_000, second),
    ]);
    expect(outputs.map((output) => output.$metadata.attempts).sort()).toEqual([1, 2]);
    expect([first.count, second.count].sort()).toEqual([1, 2]);
    expect(outputs.map((output) => output.$metadata.attempts)).toEqual([first.count, second.count]);
  });

  it("without a deadline in the way, a stalled endpoint gets every attempt the client allows", async () => {
    endpoint.stall(true);
    const before = endpoint.requestCount;
    const attempts = fresh();
    await expect(publishBefore(stalled, publish(), 10_000, attempts)).rejects.toMatchObject({ name: "TimeoutError" });
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
    const error: unknown = await publishBefore(deadlined, publish(), DEADLINE_MS, attempts).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeadlineExceeded);
    expect(performance.now() - startedAt).toBeLessThan(DEADLINE_ATTEMPT_TIMEOUT_MS);
    expect(attempts).toMatchObject({ count: 1, expired: true });
    // The attempt in flight times out after the deadline; the SDK would retry it, the guard refuses.
    await sleep(RETRY_WINDOW_MS);
    expect(attempts.count).toBe(1);
    expect(endpoint.requestCount - before).toBe(1);
  });
});
