// The built Actions refuse bad requests and bad configuration before anything leaves the process:
// the endpoint receives no request, not even a connection, and the log says why without the number.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
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
  type EventOptions,
} from "./built-action";

let endpoint: LocalSnsEndpoint;
let output: ConsoleCapture;

beforeAll(async () => {
  endpoint = await startLocalSnsEndpoint();
});

afterAll(async () => {
  await endpoint.close();
});

beforeEach(() => {
  output = captureConsole();
});

afterEach(() => {
  output.restore();
});

interface RefusalCase {
  what: string;
  options: (endpointUrl: string) => EventOptions;
  reason: string;
  /** What the error message must name so an operator knows what to fix. */
  names: RegExp;
}

const CASES: RefusalCase[] = [
  {
    what: "a voice call",
    options: (url) => ({ recipient: NUMBERS.GB, voice: true, secrets: { ...TEST_SECRETS, SNS_ENDPOINT: url } }),
    reason: "voice-not-supported",
    names: /[Vv]oice/,
  },
  {
    what: "a number that is not E.164",
    options: (url) => ({ recipient: "020 7123 4567", secrets: { ...TEST_SECRETS, SNS_ENDPOINT: url } }),
    reason: "invalid-recipient",
    names: /E\.164/,
  },
  {
    what: "an empty text",
    options: (url) => ({ recipient: NUMBERS.GB, text: "  ", secrets: { ...TEST_SECRETS, SNS_ENDPOINT: url } }),
    reason: "empty-text",
    names: /text/,
  },
  {
    what: "a missing AWS_SECRET_ACCESS_KEY",
    options: (url) => ({ recipient: NUMBERS.GB, secrets: { ...TEST_SECRETS, AWS_SECRET_ACCESS_KEY: undefined, SNS_ENDPOINT: url } }),
    reason: "missing-secret",
    names: /AWS_SECRET_ACCESS_KEY/,
  },
  {
    what: "a destination outside ALLOWED_COUNTRIES",
    options: (url) => ({ recipient: NUMBERS.US, secrets: { ...TEST_SECRETS, ALLOWED_COUNTRIES: "GB", SNS_ENDPOINT: url } }),
    reason: "country-not-allowed",
    names: /US.*ALLOWED_COUNTRIES/,
  },
  {
    what: "a +1 number of Jamaica when only the US is allowed (real numbering metadata in the bundle)",
    options: (url) => ({ recipient: NUMBERS.JM, secrets: { ...TEST_SECRETS, ALLOWED_COUNTRIES: "US", SNS_ENDPOINT: url } }),
    reason: "country-not-allowed",
    names: /JM/,
  },
  {
    what: "a +979 international premium rate number, with no ALLOWED_COUNTRIES set",
    options: (url) => ({ recipient: "+979123456789", secrets: { ...TEST_SECRETS, SNS_ENDPOINT: url } }),
    reason: "country-none",
    names: /\+979.*no country/,
  },
  {
    what: "a +881 satellite number, even with ALLOWED_COUNTRIES set",
    options: (url) => ({ recipient: "+8816123456789", secrets: { ...TEST_SECRETS, ALLOWED_COUNTRIES: "GB,US", SNS_ENDPOINT: url } }),
    reason: "country-none",
    names: /\+881/,
  },
  {
    what: "a text with a lone UTF-16 surrogate",
    options: (url) => ({ recipient: NUMBERS.GB, text: "Your code is 123456 \uDE00", secrets: { ...TEST_SECRETS, SNS_ENDPOINT: url } }),
    reason: "invalid-text",
    names: /event\.(message_options\.text|notification\.as_text).*surrogate/,
  },
  {
    what: "an access key id with a non-ASCII letter",
    options: (url) => ({
      recipient: NUMBERS.GB,
      secrets: { ...TEST_SECRETS, AWS_ACCESS_KEY_ID: "AKIAIOSFODNN7EXAMPLÉ", SNS_ENDPOINT: url },
    }),
    reason: "invalid-secret",
    names: /AWS_ACCESS_KEY_ID/,
  },
];

describe.each(TRIGGERS)("built %s Action", (trigger: ActionTrigger) => {
  it.each(CASES)("refuses $what, sending nothing", async ({ options, reason, names }) => {
    const before = { requests: endpoint.requestCount, connections: endpoint.connectionCount };
    const handler = await loadHandler(trigger);
    const eventOptions = options(endpoint.url);
    const execution = executionFor(trigger, eventOptions);
    const failure = await failureOf(trigger, handler, execution);

    if (failure.error !== undefined) expect(failure.error).toMatchObject({ name: "SendRefusedError", reason });
    expect(failure.reason).toBe(reason);
    expect(failure.message).toMatch(names);
    expect(endpoint.requestCount).toBe(before.requests);
    expect(endpoint.connectionCount).toBe(before.connections);
    expect(outcomeLines(output.logLines())).toEqual([expect.objectContaining({ sms: "refused", trigger, reason, attempts: 0 })]);
    for (const value of privateValues(execution, eventOptions.recipient)) {
      expect(`${failure.message}\n${output.text()}`).not.toContain(value);
    }
  });

  it("sends to an allowed country once the allow-list lets it through", async () => {
    const handler = await loadHandler(trigger);
    const execution = executionFor(trigger, {
      recipient: NUMBERS.GB,
      secrets: { ...TEST_SECRETS, ALLOWED_COUNTRIES: "GB,US", SNS_ENDPOINT: endpoint.url },
    });
    const before = endpoint.publishes.length;
    await handler(execution.event, execution.api);
    expect(endpoint.publishes.slice(before).map((p) => p.phoneNumber)).toEqual([NUMBERS.GB]);
    expect(outcomeLines(output.logLines())).toEqual([expect.objectContaining({ sms: "sent", country: "GB" })]);
  });
});
