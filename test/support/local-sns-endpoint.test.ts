// The local SNS endpoint answers what the real @aws-sdk/client-sns sends and parses.
import { Agent } from "node:https";
import { PublishCommand, SNSClient, type SNSClientConfig } from "@aws-sdk/client-sns";
import { AwsJson1_0Protocol } from "@aws-sdk/core/protocols";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { afterEach, describe, expect, it } from "vitest";
import { startLocalSnsEndpoint, type LocalSnsEndpoint } from "../../tools/kit/local-sns-endpoint";

const CREDENTIALS = { accessKeyId: "AKIDLOCALTEST", secretAccessKey: "local-test-secret" };
const NUMBER = "+447700900123";

let endpoint: LocalSnsEndpoint | undefined;
afterEach(async () => {
  await endpoint?.close();
  endpoint = undefined;
});

function clientFor(target: LocalSnsEndpoint, extra: Partial<SNSClientConfig> = {}): SNSClient {
  return new SNSClient({ region: "eu-west-1", endpoint: target.url, credentials: CREDENTIALS, maxAttempts: 3, ...extra });
}

function publish(message = "Your code is 123456", phoneNumber = NUMBER): PublishCommand {
  return new PublishCommand({
    PhoneNumber: phoneNumber,
    Message: message,
    MessageAttributes: {
      "AWS.SNS.SMS.SMSType": { DataType: "String", StringValue: "Transactional" },
      "AWS.SNS.SMS.SenderID": { DataType: "String", StringValue: "ACME" },
    },
  });
}

describe("local SNS endpoint, Query protocol over HTTP", () => {
  it("accepts a signed Publish from the real SDK and records number, text, attributes and signature scope", async () => {
    endpoint = await startLocalSnsEndpoint();
    const result = await clientFor(endpoint).send(publish("Code: 123456 & <b>")); // characters that need escaping
    expect(result.MessageId).toMatch(/^[0-9a-f-]{36}$/);
    expect(result.$metadata.httpStatusCode).toBe(200);
    expect(endpoint.publishes).toHaveLength(1);
    const call = endpoint.publishes[0];
    expect(call?.phoneNumber).toBe(NUMBER);
    expect(call?.message).toBe("Code: 123456 & <b>");
    expect(call?.attributes).toEqual({ "AWS.SNS.SMS.SMSType": "Transactional", "AWS.SNS.SMS.SenderID": "ACME" });
    expect(call?.messageId).toBe(result.MessageId);
    expect(call?.params.Action).toBe("Publish");
    expect(call?.params.Version).toBe("2010-03-31");
    expect(call?.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDLOCALTEST\/\d{8}\/eu-west-1\/sns\/aws4_request,/);
    expect(endpoint.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it("reuses one keep-alive connection for several sends of one client", async () => {
    endpoint = await startLocalSnsEndpoint();
    const client = clientFor(endpoint);
    for (let i = 0; i < 3; i++) await client.send(publish());
    expect(endpoint.publishes).toHaveLength(3);
    expect(endpoint.requestCount).toBe(3);
    expect(endpoint.connectionCount).toBe(1);
  });

  it("answers injected faults as ErrorResponse XML that the SDK turns into its modeled exceptions", async () => {
    endpoint = await startLocalSnsEndpoint();
    const client = clientFor(endpoint);
    endpoint.failNext({ status: 400, code: "InvalidParameter", message: "Invalid parameter: PhoneNumber Reason: bad" });
    await expect(client.send(publish())).rejects.toMatchObject({
      name: "InvalidParameterException",
      message: "Invalid parameter: PhoneNumber Reason: bad",
      $fault: "client",
      $metadata: { httpStatusCode: 400, attempts: 1 },
    });
    endpoint.failNext({ status: 403, code: "AuthorizationError", message: "User is not authorized to perform: SNS:Publish" });
    await expect(client.send(publish())).rejects.toMatchObject({ name: "AuthorizationErrorException", $metadata: { httpStatusCode: 403 } });
    endpoint.failNext({ status: 403, code: "InvalidClientTokenId", message: "The security token included in the request is invalid." });
    await expect(client.send(publish())).rejects.toMatchObject({ name: "InvalidClientTokenId", $metadata: { httpStatusCode: 403 } });
    expect(endpoint.publishes).toHaveLength(0);
    expect(endpoint.requestCount).toBe(3);
  });

  it("faults the next N requests only, so the SDK's retries of 500 and throttling then succeed", async () => {
    endpoint = await startLocalSnsEndpoint();
    const client = clientFor(endpoint);
    endpoint.failNext({ status: 500, code: "InternalError", message: "Internal failure" }, 2);
    const afterServerErrors = await client.send(publish());
    expect(afterServerErrors.$metadata.attempts).toBe(3);
    endpoint.failNext({ status: 400, code: "Throttling", message: "Rate exceeded" });
    const afterThrottling = await client.send(publish());
    expect(afterThrottling.$metadata.attempts).toBe(2);
    expect(endpoint.publishes).toHaveLength(2);
    expect(endpoint.requestCount).toBe(5);
  });

  it("keeps faulting with times = Infinity until the client gives up", async () => {
    endpoint = await startLocalSnsEndpoint();
    endpoint.failNext({ status: 500, code: "InternalError", message: "Internal failure" }, Infinity);
    await expect(clientFor(endpoint, { maxAttempts: 2 }).send(publish())).rejects.toMatchObject({
      name: "InternalErrorException",
      $metadata: { attempts: 2 },
    });
    expect(endpoint.requestCount).toBe(2);
  });

  it("rejects a bad fault count with an error naming it", async () => {
    endpoint = await startLocalSnsEndpoint();
    expect(() => endpoint?.failNext({ status: 500, code: "InternalError", message: "x" }, 0)).toThrow(/times/);
  });

  it("refuses what SNS refuses: unsigned requests and numbers that are not E.164", async () => {
    endpoint = await startLocalSnsEndpoint();
    const unsigned = await fetch(endpoint.url, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: `Action=Publish&Version=2010-03-31&PhoneNumber=%2B447700900123&Message=hi`,
    });
    expect(unsigned.status).toBe(403);
    expect(await unsigned.text()).toMatch(/<Type>Sender<\/Type><Code>MissingAuthenticationToken<\/Code>/);
    await expect(clientFor(endpoint).send(publish("hi", "07700 900123"))).rejects.toMatchObject({ name: "InvalidParameterException" });
    expect(endpoint.publishes).toHaveLength(0);
    expect(endpoint.requestCount).toBe(2);
  });

  it("stalls: reads the request, never answers, and close() still ends promptly", async () => {
    endpoint = await startLocalSnsEndpoint();
    endpoint.stall(true);
    const client = clientFor(endpoint, {
      maxAttempts: 1,
      requestHandler: new NodeHttpHandler({ requestTimeout: 300, throwOnRequestTimeout: true }),
    });
    await expect(client.send(publish())).rejects.toThrow(/timeout|timed out/i);
    expect(endpoint.requestCount).toBe(1);
    expect(endpoint.publishes).toHaveLength(0);
    const pending = clientFor(endpoint, { maxAttempts: 1 })
      .send(publish())
      .catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await endpoint.close();
    endpoint = undefined;
    expect(await pending).toBeInstanceOf(Error); // the held socket was destroyed, not left hanging
  });
});

describe("local SNS endpoint over TLS", () => {
  it("serves a certificate that a client trusting caPem verifies, and counts TLS connections", async () => {
    endpoint = await startLocalSnsEndpoint({ tls: true });
    expect(endpoint.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(endpoint.caPem).toMatch(/^-----BEGIN CERTIFICATE-----/);
    const trusting = new NodeHttpHandler({ httpsAgent: new Agent({ keepAlive: true, ca: endpoint.caPem }) });
    const client = clientFor(endpoint, { requestHandler: trusting });
    for (let i = 0; i < 3; i++) await client.send(publish());
    expect(endpoint.publishes).toHaveLength(3);
    expect(endpoint.connectionCount).toBe(1);
  });

  it("is refused by a client that does not trust it (verification stays on)", async () => {
    endpoint = await startLocalSnsEndpoint({ tls: true });
    await expect(clientFor(endpoint, { maxAttempts: 1 }).send(publish())).rejects.toThrow(/self[- ]signed|certificate/i);
    expect(endpoint.publishes).toHaveLength(0);
  });
});

describe("local SNS endpoint, AWS JSON 1.0 protocol (should a later SDK move SNS to it)", () => {
  const jsonProtocol = {
    protocol: AwsJson1_0Protocol,
    protocolSettings: { defaultNamespace: "com.amazonaws.sns", serviceTarget: "AmazonSimpleNotificationService", awsQueryCompatible: true },
  } as unknown as Partial<SNSClientConfig>;

  it("accepts Publish and answers faults the SDK maps to the same exceptions", async () => {
    endpoint = await startLocalSnsEndpoint();
    const client = clientFor(endpoint, jsonProtocol);
    const result = await client.send(publish());
    expect(result.MessageId).toMatch(/^[0-9a-f-]{36}$/);
    expect(endpoint.publishes[0]?.phoneNumber).toBe(NUMBER);
    expect(endpoint.publishes[0]?.attributes["AWS.SNS.SMS.SMSType"]).toBe("Transactional");
    endpoint.failNext({ status: 400, code: "InvalidParameter", message: "Invalid parameter: x" });
    await expect(client.send(publish())).rejects.toMatchObject({ name: "InvalidParameterException", message: "Invalid parameter: x" });
  });
});

describe("local SNS endpoint, faults that test exactly-once delivery", () => {
  it("logs every request with how it was handled and the key that signed it, and counts open connections", async () => {
    endpoint = await startLocalSnsEndpoint();
    const client = clientFor(endpoint, { maxAttempts: 1 });
    endpoint.failNext({ status: 429, code: "Throttled", message: "Rate exceeded", headers: { "retry-after": "3" } });
    const throttled: unknown = await client.send(publish()).catch((e: unknown) => e);
    expect(throttled).toMatchObject({ name: "ThrottledException", $metadata: { httpStatusCode: 429 } });
    expect((throttled as { $response?: { headers: Record<string, string> } }).$response?.headers["retry-after"]).toBe("3");

    endpoint.resetAfterStatus();
    const reset: unknown = await client.send(publish()).catch((e: unknown) => e);
    expect(reset).toMatchObject({ $metadata: { httpStatusCode: 200 } });

    endpoint.resetBeforeAnswer();
    const early: unknown = await client.send(publish()).catch((e: unknown) => e);
    expect(early).toMatchObject({ code: "ECONNRESET" });

    endpoint.slow(300);
    const startedAt = performance.now();
    await client.send(publish());
    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(300);

    expect(endpoint.requests.map((r) => [r.handling, r.action, r.phoneNumber, r.accessKeyId])).toEqual([
      ["fault", "Publish", NUMBER, CREDENTIALS.accessKeyId],
      ["reset-after-status", "Publish", NUMBER, CREDENTIALS.accessKeyId],
      ["reset", "Publish", NUMBER, CREDENTIALS.accessKeyId],
      ["published", "Publish", NUMBER, CREDENTIALS.accessKeyId],
    ]);
    // A reset after the status line is a message taken: it is in publishes, with its MessageId.
    expect(endpoint.publishes.map((p) => p.messageId)).toEqual([endpoint.requests[1]?.messageId, endpoint.requests[3]?.messageId]);
    expect(endpoint.openConnections).toBe(1);
    client.destroy();
    const until = performance.now() + 2_000;
    while (endpoint.openConnections > 0 && performance.now() < until) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(endpoint.openConnections).toBe(0);
  });
});
