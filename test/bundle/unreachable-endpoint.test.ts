// SNS_ENDPOINT where nothing listens (a typo, a firewall): the built Action fails fast after bounded
// attempts, with an error an operator can act on.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { captureConsole, type ConsoleCapture } from "../support/console-capture";
import { startLocalSnsEndpoint } from "../../tools/kit/local-sns-endpoint";
import {
  executionFor,
  failureOf,
  loadHandler,
  NUMBERS,
  outcomeLines,
  privateValues,
  TEST_SECRETS,
  TRIGGERS,
  type ActionFailure,
} from "./built-action";

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

async function sendToClosedPort(trigger: (typeof TRIGGERS)[number]): Promise<{ error: ActionFailure; privates: string[] }> {
  const handler = await loadHandler(trigger);
  const execution = executionFor(trigger, { recipient: NUMBERS.GB, secrets: { ...TEST_SECRETS, SNS_ENDPOINT: await closedEndpointUrl() } });
  const error = await failureOf(trigger, handler, execution);
  return { error, privates: privateValues(execution, NUMBERS.GB) };
}

describe.each(TRIGGERS)("built %s Action, nothing listening at SNS_ENDPOINT", (trigger) => {
  it("fails with the connection error named, after at most 3 attempts, and logs nothing private", async () => {
    const { error, privates } = await sendToClosedPort(trigger);
    if (error.error !== undefined) expect(error.error).toMatchObject({ name: "SmsDeliveryError" });
    expect(error.message).toMatch(/ECONNREFUSED/);
    // Nothing was written: the sender may retry, within its bound.
    const [line] = outcomeLines(output.logLines());
    expect(line).toMatchObject({ sms: "failed", reason: "unreachable" });
    expect(line?.attempts).toBeLessThanOrEqual(3);
    for (const value of privates) expect(`${error.message}\n${output.text()}`).not.toContain(value);
  });

  // A connection that never reached SNS must send an operator to SNS_ENDPOINT and the network, not to
  // IAM and SNS: it names the endpoint (address and port kept by the digit scrubbing) and says unreachable.
  it("does not claim that SNS refused a message that never reached it", async () => {
    const { error } = await sendToClosedPort(trigger);
    expect(error.message).not.toMatch(/SNS refused/);
    expect(error.reason).toBe("unreachable");
    expect(error.message).toMatch(/SNS was unreachable at SNS_ENDPOINT https?:\/\/127\.0\.0\.1:\d+/);
    expect(error.message).toMatch(/connect ECONNREFUSED 127\.0\.0\.1:\d+/);
  });
});
