// The built Actions deliver through the real SNS client to a local SNS endpoint: what arrives, how
// connections are reused, how SNS faults are retried or reported, and what the logs show.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ActionTrigger } from "../../infra/auth0/action-bundle";
import { captureConsole, type ConsoleCapture } from "../support/console-capture";
import { startLocalSnsEndpoint, type LocalSnsEndpoint } from "../../tools/kit/local-sns-endpoint";
import {
  executionFor,
  failureOf,
  loadHandler,
  NUMBERS,
  outcomeLines,
  privateValues,
  TEST_SECRETS,
  TRIGGERS,
  type SimulatedExecution,
} from "./built-action";

let endpoint: LocalSnsEndpoint;
let output: ConsoleCapture;

beforeEach(async () => {
  endpoint = await startLocalSnsEndpoint();
  output = captureConsole();
});

afterEach(async () => {
  output.restore();
  await endpoint.close();
});

function secrets(extra: Record<string, string> = {}): Record<string, string> {
  return { ...TEST_SECRETS, SNS_ENDPOINT: endpoint.url, ...extra };
}

function expectNothingPrivateIn(text: string, execution: SimulatedExecution, recipient: string): void {
  for (const value of privateValues(execution, recipient)) expect(text).not.toContain(value);
}

describe.each(TRIGGERS)("built %s Action", (trigger: ActionTrigger) => {
  it("publishes the event's text to the event's number as a Transactional SMS, signed with the Action's secrets", async () => {
    const handler = await loadHandler(trigger);
    const execution = executionFor(trigger, { recipient: NUMBERS.GB, secrets: secrets() });
    await handler(execution.event, execution.api);

    expect(endpoint.publishes).toHaveLength(1);
    const publish = endpoint.publishes[0];
    expect(publish?.phoneNumber).toBe(NUMBERS.GB);
    expect(publish?.message).toBe(execution.text);
    expect(publish?.message).toContain(execution.code);
    expect(publish?.attributes).toEqual({ "AWS.SNS.SMS.SMSType": "Transactional" });
    expect(publish?.authorization).toMatch(
      new RegExp(`Credential=${TEST_SECRETS.AWS_ACCESS_KEY_ID}/\\d{8}/${TEST_SECRETS.AWS_REGION}/sns/aws4_request`),
    );

    const lines = outcomeLines(output.logLines());
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ sms: "sent", trigger, to: "+44…67", messageId: publish?.messageId, attempts: 1 });
    expect(output.logLines()[0]?.length).toBeLessThanOrEqual(256);
    expectNothingPrivateIn(output.text(), execution, NUMBERS.GB);
  });

  it("waits for a slow SNS (2.6 s) instead of sending again: ONE Publish, sent within 5 s", { timeout: 10_000 }, async () => {
    const handler = await loadHandler(trigger);
    endpoint.slow(2_600);
    const execution = executionFor(trigger, { recipient: NUMBERS.GB, secrets: secrets() });
    const startedAt = performance.now();
    await handler(execution.event, execution.api);
    expect(performance.now() - startedAt).toBeLessThan(5_000);
    expect(endpoint.requests.map((r) => r.handling)).toEqual(["published"]);
    expect(execution.api.notificationCalls).toEqual([]);
    expect(outcomeLines(output.logLines())).toEqual([
      expect.objectContaining({ sms: "sent", attempts: 1, messageId: endpoint.publishes[0]?.messageId }),
    ]);
  });

  it("counts a reset after SNS's 200 status line as sent, without a MessageId, and never sends it again", async () => {
    const handler = await loadHandler(trigger);
    endpoint.resetAfterStatus();
    const execution = executionFor(trigger, { recipient: NUMBERS.GB, secrets: secrets() });
    await handler(execution.event, execution.api);
    expect(endpoint.requests.map((r) => r.handling)).toEqual(["reset-after-status"]);
    expect(execution.api.notificationCalls).toEqual([]);
    expect(outcomeLines(output.logLines())).toEqual([expect.objectContaining({ sms: "sent", reason: "no-message-id", attempts: 1 })]);
  });

  it("adds sender ID, origination number and max price when their secrets are set", async () => {
    const handler = await loadHandler(trigger);
    const execution = executionFor(trigger, {
      recipient: NUMBERS.US,
      secrets: secrets({ SMS_SENDER_ID: "Acme", SMS_ORIGINATION_NUMBER: "+12065550100", SMS_MAX_PRICE_USD: "0.50" }),
    });
    await handler(execution.event, execution.api);
    const publish = endpoint.publishes[0];
    expect(publish?.attributes).toEqual({
      "AWS.SNS.SMS.SMSType": "Transactional",
      "AWS.SNS.SMS.SenderID": "Acme",
      "AWS.MM.SMS.OriginationNumber": "+12065550100",
      "AWS.SNS.SMS.MaxPrice": "0.50",
    });
  });

  it("sends twice from one loaded Action over ONE connection, and a rotated key takes effect on the next send", async () => {
    const handler = await loadHandler(trigger);
    for (let i = 0; i < 2; i++) {
      const execution = executionFor(trigger, { recipient: NUMBERS.GB, secrets: secrets() });
      await handler(execution.event, execution.api);
    }
    expect(endpoint.publishes).toHaveLength(2);
    expect(endpoint.connectionCount).toBe(1);

    const rotated = executionFor(trigger, { recipient: NUMBERS.GB, secrets: secrets({ AWS_ACCESS_KEY_ID: "AKIAI44QH8DHBEXAMPLE" }) });
    await handler(rotated.event, rotated.api);
    expect(endpoint.publishes[2]?.authorization).toContain("Credential=AKIAI44QH8DHBEXAMPLE/");
  });

  it(
    "lets a send in flight during a key rotation finish on its own client: one SMS each, the old socket closed after",
    { timeout: 10_000 },
    async () => {
      const handler = await loadHandler(trigger);
      endpoint.slow(1_000);
      const before = executionFor(trigger, { recipient: NUMBERS.GB, secrets: secrets() });
      const inFlight = handler(before.event, before.api);
      while (endpoint.requestCount === 0) await new Promise((resolve) => setTimeout(resolve, 10));
      const after = executionFor(trigger, { recipient: NUMBERS.US, secrets: secrets({ AWS_ACCESS_KEY_ID: "AKIAI44QH8DHBEXAMPLE" }) });
      await Promise.all([inFlight, handler(after.event, after.api)]);

      expect(endpoint.requests.map((r) => [r.handling, r.phoneNumber, r.accessKeyId])).toEqual([
        ["published", NUMBERS.GB, TEST_SECRETS.AWS_ACCESS_KEY_ID],
        ["published", NUMBERS.US, "AKIAI44QH8DHBEXAMPLE"],
      ]);
      expect([before.api.notificationCalls, after.api.notificationCalls]).toEqual([[], []]);
      const until = performance.now() + 3_000;
      while (endpoint.openConnections > 1 && performance.now() < until) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(endpoint.openConnections).toBe(1);
    },
  );

  it("retries SNS 500s and throttling, then succeeds with one SMS", async () => {
    const handler = await loadHandler(trigger);
    endpoint.failNext({ status: 500, code: "InternalError", message: "Internal failure" }, 2);
    const first = executionFor(trigger, { recipient: NUMBERS.GB, secrets: secrets() });
    await handler(first.event, first.api);
    endpoint.failNext({ status: 400, code: "Throttling", message: "Rate exceeded" });
    const second = executionFor(trigger, { recipient: NUMBERS.GB, secrets: secrets() });
    await handler(second.event, second.api);

    expect(endpoint.publishes).toHaveLength(2);
    expect(endpoint.requestCount).toBe(5);
    expect(outcomeLines(output.logLines())).toEqual([
      expect.objectContaining({ sms: "sent", attempts: 3 }),
      expect.objectContaining({ sms: "sent", attempts: 2 }),
    ]);
  });

  it("gives up after a bounded number of attempts when SNS keeps failing, and says so", async () => {
    const handler = await loadHandler(trigger);
    endpoint.failNext({ status: 500, code: "InternalError", message: "Internal failure" }, Infinity);
    const execution = executionFor(trigger, { recipient: NUMBERS.GB, secrets: secrets() });
    const error = await failureOf(trigger, handler, execution);

    expect(endpoint.requestCount).toBeGreaterThanOrEqual(2);
    expect(endpoint.requestCount).toBeLessThanOrEqual(3);
    expect(endpoint.publishes).toHaveLength(0);
    expect(error.message).toMatch(/InternalError/);
    expect(error.message).toContain(`after ${endpoint.requestCount} attempt`);
    expect(outcomeLines(output.logLines())).toEqual([
      expect.objectContaining({ sms: "failed", error: "InternalErrorException", http: 500, attempts: endpoint.requestCount }),
    ]);
    expectNothingPrivateIn(output.text(), execution, NUMBERS.GB);
  });

  it("does not retry a refusal by SNS, and keeps the number SNS quotes out of the log and the error", async () => {
    const handler = await loadHandler(trigger);
    endpoint.failNext({
      status: 400,
      code: "InvalidParameter",
      message: `Invalid parameter: PhoneNumber Reason: ${NUMBERS.GB} is not valid to publish to`,
    });
    const execution = executionFor(trigger, { recipient: NUMBERS.GB, secrets: secrets() });
    const error = await failureOf(trigger, handler, execution);

    expect(endpoint.requestCount).toBe(1);
    expect(error.reason).toBe("sns-error");
    expect(error.message).toMatch(/InvalidParameter/);
    expectNothingPrivateIn(`${error.message}\n${output.text()}`, execution, NUMBERS.GB);
  });

  it("reports an IAM refusal (403 AuthorizationError) by name after one attempt", async () => {
    const handler = await loadHandler(trigger);
    endpoint.failNext({ status: 403, code: "AuthorizationError", message: "User is not authorized to perform: SNS:Publish" });
    const execution = executionFor(trigger, { recipient: NUMBERS.US, secrets: secrets() });
    const error = await failureOf(trigger, handler, execution);

    expect(endpoint.requestCount).toBe(1);
    expect(error.message).toMatch(/AuthorizationError/);
    expect(error.message).toMatch(/403/);
    expect(outcomeLines(output.logLines())).toEqual([expect.objectContaining({ sms: "failed", http: 403, attempts: 1 })]);
    expectNothingPrivateIn(`${error.message}\n${output.text()}`, execution, NUMBERS.US);
  });
});
