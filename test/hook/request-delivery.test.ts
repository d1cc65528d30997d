import { EventEmitter } from "node:events";
import type { ClientRequest } from "node:http";
import { describe, expect, it } from "vitest";
import { ATTEMPT_HEADER, INVOCATION_ID_HEADER, mayHaveReachedSns, noteRequest, watchAttempt } from "../../hook/request-delivery";

const HEADERS = { [INVOCATION_ID_HEADER]: "invocation-1", [ATTEMPT_HEADER]: "attempt=1; max=3" };

/** What an agent receives: a request with its headers that emits `finish` once fully written. */
function clientRequest(headers: Record<string, string>): ClientRequest & EventEmitter {
  return Object.assign(new EventEmitter(), { getHeader: (name: string) => headers[name] }) as unknown as ClientRequest & EventEmitter;
}

describe("watchAttempt and noteRequest", () => {
  it("count an attempt they cannot match to a request (no SDK headers) as possibly delivered: it is never sent again", () => {
    const attempt = watchAttempt({});
    noteRequest(clientRequest({}));
    expect(attempt.delivery).toEqual({ handedToAgent: false, written: false });
    expect(mayHaveReachedSns(attempt.delivery)).toBe(true);
    expect(() => attempt.end()).not.toThrow();
  });

  it("know an attempt an agent received and never wrote could not have reached SNS, and one written could", () => {
    const attempt = watchAttempt(HEADERS);
    const request = clientRequest(HEADERS);
    noteRequest(request);
    expect(mayHaveReachedSns(attempt.delivery)).toBe(false);
    request.emit("finish");
    expect(attempt.delivery).toEqual({ handedToAgent: true, written: true });
    expect(mayHaveReachedSns(attempt.delivery)).toBe(true);
    attempt.end();
  });

  it.each([
    ["another attempt of the same send", { ...HEADERS, [ATTEMPT_HEADER]: "attempt=2; max=3" }],
    ["another send", { ...HEADERS, [INVOCATION_ID_HEADER]: "invocation-2" }],
    ["no attempt header", { [INVOCATION_ID_HEADER]: "invocation-1" }],
    ["no invocation id", { [ATTEMPT_HEADER]: "attempt=1; max=3" }],
  ])("leave an attempt alone when the request is %s", (_case, headers) => {
    const attempt = watchAttempt(HEADERS);
    noteRequest(clientRequest(headers));
    expect(attempt.delivery.handedToAgent).toBe(false);
    attempt.end();
  });

  it("stop matching an attempt once it has ended, and an ended attempt leaves a later one with the same headers alone", () => {
    const ended = watchAttempt(HEADERS);
    ended.end();
    noteRequest(clientRequest(HEADERS));
    expect(ended.delivery.handedToAgent).toBe(false);

    const first = watchAttempt(HEADERS);
    const second = watchAttempt(HEADERS);
    first.end();
    noteRequest(clientRequest(HEADERS));
    expect(second.delivery.handedToAgent).toBe(true);
    expect(first.delivery.handedToAgent).toBe(false);
    second.end();
  });
});
