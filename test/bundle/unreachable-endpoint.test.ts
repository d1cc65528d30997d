// SNS_ENDPOINT where nothing listens (a typo, a firewall): the built Action fails fast after bounded
// attempts, with an error an operator can act on.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { captureConsole, type ConsoleCapture } from "../support/console-capture";
import { startLocalSnsEndpoint } from "../support/local-sns-endpoint";
import { executionFor, loadHandler, NUMBERS, privateValues, TEST_SECRETS, TRIGGERS } from "./built-action";

/** A loopback URL whose port was just in use and is now closed: connections are refused. */
async function closedEndpointUrl(): Promise<string> {
  const endpoint = await startLocalSnsEndpoint();
  await endpoint.close();
  return endpoint.url;
}

let output: ConsoleCapture;
beforeEach(() => {
  output = captureConsole();
});
afterEach(() => {
  output.restore();
});

async function sendToClosedPort(trigger: (typeof TRIGGERS)[number]): Promise<{ error: Error & Record<string, unknown>; privates: string[] }> {
  const handler = await loadHandler(trigger);
  const execution = executionFor(trigger, { recipient: NUMBERS.GB, secrets: { ...TEST_SECRETS, SNS_ENDPOINT: await closedEndpointUrl() } });
  const error = await handler(execution.event, execution.api).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof Error)) throw new Error("expected the Action to throw");
  return { error: error as Error & Record<string, unknown>, privates: privateValues(execution, NUMBERS.GB) };
}

describe.each(TRIGGERS)("built %s Action, nothing listening at SNS_ENDPOINT", (trigger) => {
  it("fails with the connection error named, after at most 3 attempts, and logs nothing private", async () => {
    const { error, privates } = await sendToClosedPort(trigger);
    expect(error).toMatchObject({ name: "SmsDeliveryError" });
    expect(error.message).toMatch(/ECONNREFUSED/);
    expect(error.attempts).toBeLessThanOrEqual(3);
    for (const value of privates) expect(`${error.message}\n${output.text()}`).not.toContain(value);
  });

  // Known defect of hook/send-sms.ts (reported to the sender engineer): a connection that never reached
  // SNS is reported as "SNS refused the SMS: ECONNREFUSED" with reason "sns-error", which sends an
  // operator to look at IAM and SNS instead of at SNS_ENDPOINT and the network. Remove `.fails` when fixed.
  it.fails("does not claim that SNS refused a message that never reached it", async () => {
    const { error } = await sendToClosedPort(trigger);
    expect(error.message).not.toMatch(/SNS refused/);
    expect(error.reason).not.toBe("sns-error");
  });
});
