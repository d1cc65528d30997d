// An SNS endpoint that accepts the connection and never answers: each built Action must fail with a
// clear timeout error of its own, long before Auth0's 20 s execution limit, without sending the
// request again (SNS may have taken it). Both triggers run at once
// (one ~5 s wait in all); no other timing is asserted.
import { performance } from "node:perf_hooks";
import { afterAll, beforeAll, expect, it } from "vitest";
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
  type ActionFailure,
} from "./built-action";

/** The sender promises an answer within 5 s; half a second of margin for a loaded CI machine. */
const PROMISED_MS = 5_000;
const MARGIN_MS = 500;
const AUTH0_LIMIT_MS = 20_000;

let endpoint: LocalSnsEndpoint;
let output: ConsoleCapture;

beforeAll(async () => {
  endpoint = await startLocalSnsEndpoint();
  endpoint.stall(true);
  output = captureConsole();
});

afterAll(async () => {
  output.restore();
  await endpoint.close();
});

async function runAgainstStalledEndpoint(
  trigger: ActionTrigger,
): Promise<{ failure: ActionFailure; elapsedMs: number; privates: string[] }> {
  const handler = await loadHandler(trigger);
  const execution = executionFor(trigger, { recipient: NUMBERS.GB, secrets: { ...TEST_SECRETS, SNS_ENDPOINT: endpoint.url } });
  const startedAt = performance.now();
  const failure = await failureOf(trigger, handler, execution);
  return { failure, elapsedMs: performance.now() - startedAt, privates: privateValues(execution, NUMBERS.GB) };
}

it(
  "fails each trigger's send with a clear timeout error within the 5 s deadline, after ONE request",
  { timeout: AUTH0_LIMIT_MS },
  async () => {
    const results = await Promise.all(TRIGGERS.map((trigger) => runAgainstStalledEndpoint(trigger)));

    for (const { failure, elapsedMs, privates } of results) {
      if (failure.error !== undefined)
        expect(failure.error).toMatchObject({ name: "SmsDeliveryError", reason: "timeout", mayHaveBeenSent: true });
      expect(failure.reason).toBe("timeout");
      expect(failure.message).toMatch(/in time/);
      expect(failure.message).toMatch(/may have taken the SMS/);
      expect(elapsedMs).toBeLessThanOrEqual(PROMISED_MS + MARGIN_MS);
      for (const value of privates) expect(`${failure.message}\n${output.text()}`).not.toContain(value);
    }
    // The request reached the endpoint and may have been taken: it is never sent a second time.
    expect(endpoint.requestCount).toBe(TRIGGERS.length);
    expect(endpoint.requests.map((request) => request.handling)).toEqual(TRIGGERS.map(() => "stalled"));
    expect(endpoint.publishes).toHaveLength(0);
    const lines = outcomeLines(output.logLines());
    expect(lines.map((line) => line.trigger).sort()).toEqual([...TRIGGERS].sort());
    for (const line of lines) expect(line).toMatchObject({ sms: "failed", reason: "timeout" });
  },
);
