import { describe, expect, it } from "vitest";
import { accessKeySettleDelayMs, afterAccessKeySettles, NEW_ACCESS_KEY_SETTLE_MS } from "../../infra/aws/access-key-propagation";

describe("a new access key is held back until IAM has propagated it", () => {
  const now = Date.parse("2026-11-28T10:00:00Z");

  it("waits the whole settle time for a key created just now", () => {
    expect(accessKeySettleDelayMs("2026-11-28T10:00:00Z", now)).toBe(NEW_ACCESS_KEY_SETTLE_MS);
  });

  it("waits only the rest of the settle time for a key a few seconds old", () => {
    expect(accessKeySettleDelayMs("2026-11-28T09:59:57Z", now)).toBe(NEW_ACCESS_KEY_SETTLE_MS - 3_000);
  });

  it("does not wait for a key that already existed (an update without rotation)", () => {
    expect(accessKeySettleDelayMs("2026-11-01T08:00:00Z", now)).toBe(0);
  });

  it("does not wait when the creation date is unknown (preview, mocks) or unreadable", () => {
    expect(accessKeySettleDelayMs(undefined, now)).toBe(0);
    expect(accessKeySettleDelayMs("", now)).toBe(0);
    expect(accessKeySettleDelayMs("yesterday", now)).toBe(0);
  });

  it("never waits longer than the settle time, even with a creation date ahead of the local clock", () => {
    expect(accessKeySettleDelayMs("2026-11-28T10:05:00Z", now)).toBe(NEW_ACCESS_KEY_SETTLE_MS);
  });

  it("hands the value on unchanged", async () => {
    await expect(afterAccessKeySettles("AKIAEXAMPLE", "2020-01-01T00:00:00Z")).resolves.toBe("AKIAEXAMPLE");
  });
});
