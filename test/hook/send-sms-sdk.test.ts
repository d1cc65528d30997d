/**
 * The core with the real @aws-sdk/client-sns against a local SNS-compatible endpoint: proves what the
 * client settings in hook/sns-client.ts really do (keep-alive, retries, per-attempt timeouts, deadline).
 */
import { PublishCommand } from "@aws-sdk/client-sns";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi, type MockInstance } from "vitest";
import { SEND_DEADLINE_MS, sendSms, type SmsRequest } from "../../hook/send-sms";
import { SNS_MAX_ATTEMPTS } from "../../hook/sns-client";
import { startLocalSnsEndpoint, type LocalSnsEndpoint } from "../../tools/kit/local-sns-endpoint";
import { NUMBERS, VALID_SECRETS } from "./fixtures";

let endpoint: LocalSnsEndpoint;
let log: MockInstance<typeof console.log>;

beforeAll(async () => {
  endpoint = await startLocalSnsEndpoint();
});

afterAll(async () => {
  await endpoint.close();
});

beforeEach(() => {
  log = vi.spyOn(console, "log").mockImplementation(() => undefined);
});

afterEach(() => {
  endpoint.stall(false);
  log.mockRestore();
});

function request(recipient: string = NUMBERS.US, secrets: Record<string, string> = {}): SmsRequest {
  return {
    trigger: "send-phone-message",
    recipient,
    text: "246810 is your code",
    voice: false,
    secrets: { ...VALID_SECRETS, AWS_REGION: "us-east-1", SNS_ENDPOINT: endpoint.url, ...secrets },
  };
}

function lastLog(): Record<string, unknown> {
  return JSON.parse(String(log.mock.calls.at(-1)?.[0])) as Record<string, unknown>;
}

describe("with the real SNS client", () => {
  it("publishes a signed Transactional SMS and reuses one connection for the next send", async () => {
    const connectionsBefore = endpoint.connectionCount;
    const publishesBefore = endpoint.publishes.length;
    const first = await sendSms(request(NUMBERS.US, { SMS_SENDER_ID: "Example" }));
    const second = await sendSms(request(NUMBERS.CA, { SMS_SENDER_ID: "Example" }));
    expect(first.messageId).not.toBe(second.messageId);
    const arrived = endpoint.publishes.slice(publishesBefore);
    expect(arrived.map((p) => p.phoneNumber)).toEqual([NUMBERS.US, NUMBERS.CA]);
    expect(arrived[0]?.attributes).toEqual({ "AWS.SNS.SMS.SMSType": "Transactional", "AWS.SNS.SMS.SenderID": "Example" });
    expect(arrived[0]?.authorization).toContain(`Credential=${VALID_SECRETS.AWS_ACCESS_KEY_ID}/`);
    expect(arrived[0]?.authorization).toContain("/us-east-1/sns/aws4_request");
    expect(endpoint.connectionCount - connectionsBefore).toBe(1);
  });

  it("builds the SDK's middleware chain once per client: warm sends reuse it", async () => {
    await sendSms(request(NUMBERS.US, { AWS_REGION: "ca-central-1" })); // a client of its own
    const resolve = vi.spyOn(PublishCommand.prototype, "resolveMiddleware");
    try {
      await sendSms(request(NUMBERS.US, { AWS_REGION: "ca-central-1" }));
      await sendSms(request(NUMBERS.CA, { AWS_REGION: "ca-central-1" }));
      expect(resolve).not.toHaveBeenCalled();
    } finally {
      resolve.mockRestore();
    }
  });

  it("retries 5xx answers and reports the attempts", async () => {
    endpoint.failNext({ status: 500, code: "InternalError", message: "Internal failure" }, 2);
    const sent = await sendSms(request());
    expect(sent.attempts).toBe(3);
    expect(lastLog()).toMatchObject({ sms: "sent", attempts: 3 });
  });

  it("retries throttling", async () => {
    endpoint.failNext({ status: 400, code: "Throttling", message: "Rate exceeded" });
    expect((await sendSms(request())).attempts).toBe(2);
  });

  it(`gives up after ${SNS_MAX_ATTEMPTS} attempts of a persistent 5xx, naming the error`, async () => {
    const before = endpoint.requestCount;
    endpoint.failNext({ status: 500, code: "InternalError", message: "Internal failure" }, SNS_MAX_ATTEMPTS);
    await expect(sendSms(request())).rejects.toMatchObject({
      name: "SmsDeliveryError",
      reason: "sns-error",
      httpStatus: 500,
      attempts: SNS_MAX_ATTEMPTS,
    });
    expect(endpoint.requestCount - before).toBe(SNS_MAX_ATTEMPTS);
  });

  it("does not retry a request SNS rejects as invalid", async () => {
    const before = endpoint.requestCount;
    endpoint.failNext({
      status: 400,
      code: "InvalidParameter",
      message: "Invalid parameter: PhoneNumber Reason: +12125551234 is not valid",
    });
    const error: unknown = await sendSms(request()).catch((e: unknown) => e);
    expect(error).toMatchObject({ reason: "sns-error", httpStatus: 400, attempts: 1 });
    expect((error as Error).message).not.toContain("2125551234");
    expect(endpoint.requestCount - before).toBe(1);
  });

  it("fails a stalled endpoint with a timeout inside 5 s, without sending the request again", async () => {
    endpoint.stall(true);
    const before = endpoint.requestCount;
    const started = Date.now();
    const error: unknown = await sendSms(request()).catch((e: unknown) => e);
    const elapsed = Date.now() - started;
    expect(error).toMatchObject({ name: "SmsDeliveryError", reason: "timeout" });
    expect(elapsed).toBeLessThan(5_000);
    expect(elapsed).toBeGreaterThanOrEqual(SEND_DEADLINE_MS - 50);
    expect(lastLog()).toMatchObject({ sms: "failed", reason: "timeout" });
    expect(endpoint.requestCount - before).toBe(1);
  }, 10_000);
});
