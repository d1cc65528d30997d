import { describe, expect, it } from "vitest";
import { mayHaveReachedSns, watchAttempt } from "../../hook/request-delivery";

describe("watchAttempt", () => {
  it("counts an attempt it cannot match to a request (no SDK headers) as possibly delivered: it is never sent again", () => {
    const attempt = watchAttempt({});
    expect(attempt.delivery).toEqual({ handedToAgent: false, written: false });
    expect(mayHaveReachedSns(attempt.delivery)).toBe(true);
    expect(() => attempt.end()).not.toThrow();
  });
});
