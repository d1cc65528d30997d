// The agent the SNS client uses: a connection opened ahead is the one the first request gets, and
// only a request to the same origin gets it; a failed one never surfaces as an unhandled error.
import { request } from "node:https";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { PreconnectingAgent } from "../../hook/preconnecting-agent";
import { ATTEMPT_HEADER, INVOCATION_ID_HEADER, watchAttempt } from "../../hook/request-delivery";
import { expectedSnsOrigin } from "../../hook/sns-client";
import { startLocalSnsEndpoint, type LocalSnsEndpoint } from "../../tools/kit/local-sns-endpoint";

let endpoint: LocalSnsEndpoint;
let agent: PreconnectingAgent;

beforeAll(async () => {
  endpoint = await startLocalSnsEndpoint({ tls: true });
});
afterAll(async () => {
  await endpoint.close();
});
afterEach(() => {
  agent.destroy();
});

/** A GET through the agent; resolves with the HTTP status (the endpoint answers 400 to a non-Publish). */
function get(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, headers }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", reject);
    req.end();
  });
}

/** Whether `condition` holds within `ms`. */
async function within(ms: number, condition: () => boolean): Promise<boolean> {
  const deadline = performance.now() + ms;
  while (!condition() && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
  return condition();
}

const until = (condition: () => boolean): Promise<void> =>
  new Promise((resolve) => {
    const check = (): void => {
      if (condition()) resolve();
      else setTimeout(check, 5);
    };
    check();
  });

describe("PreconnectingAgent", () => {
  it("gives the connection it opened ahead to the first request for that origin, and keeps it for the next", async () => {
    agent = new PreconnectingAgent({ ca: endpoint.caPem });
    const before = endpoint.connectionCount;
    agent.preconnect(new URL(endpoint.url));
    expect(agent.hasUnclaimedConnection()).toBe(true);
    await until(() => endpoint.connectionCount > before); // the connection is up before any request
    await get(endpoint.url);
    expect(agent.hasUnclaimedConnection()).toBe(false);
    await until(() => Object.keys(agent.freeSockets).length > 0); // back in the keep-alive pool
    await get(endpoint.url);
    expect(endpoint.connectionCount - before).toBe(1);
  });

  it("opens one connection ahead at most, and a second request at the same time connects itself", async () => {
    agent = new PreconnectingAgent({ ca: endpoint.caPem });
    const before = endpoint.connectionCount;
    agent.preconnect(new URL(endpoint.url));
    agent.preconnect(new URL(endpoint.url));
    await until(() => endpoint.connectionCount > before);
    await Promise.all([get(endpoint.url), get(endpoint.url)]);
    expect(endpoint.connectionCount - before).toBe(2);
  });

  it("names the host for SNI when it connects ahead to a host name, and gives an IP address none (Node warns about one)", async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error): void => void warnings.push(warning);
    process.on("warning", onWarning);
    try {
      const byName = new URL(endpoint.url);
      byName.hostname = "localhost";
      for (const url of [endpoint.url, byName.href]) {
        agent = new PreconnectingAgent({ ca: endpoint.caPem });
        const sockets: { servername?: unknown }[] = [];
        agent.on("free", (socket: { servername?: unknown }) => sockets.push(socket));
        agent.preconnect(new URL(url));
        await get(url);
        expect(agent.hasUnclaimedConnection()).toBe(false);
        expect(sockets[0]?.servername).toBe(new URL(url).hostname === "localhost" ? "localhost" : false);
        agent.destroy();
      }
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings.map((warning) => warning.message)).toEqual([]);
    } finally {
      process.off("warning", onWarning);
    }
  });

  it("reports each request it sends to request-delivery, so a retry knows whether SNS may have it", async () => {
    agent = new PreconnectingAgent({ ca: endpoint.caPem });
    const headers = { [INVOCATION_ID_HEADER]: "invocation-1", [ATTEMPT_HEADER]: "attempt=1; max=3" };
    const attempt = watchAttempt(headers);
    await get(endpoint.url, headers);
    expect(attempt.delivery).toEqual({ handedToAgent: true, written: true });
    attempt.end();
  });

  it("does not give it to a request for another origin: that request connects itself, the unclaimed one is closed", async () => {
    agent = new PreconnectingAgent({ ca: endpoint.caPem });
    const other = new URL(endpoint.url);
    other.hostname = "localhost";
    agent.preconnect(new URL(endpoint.url));
    const sockets: { servername?: unknown; destroyed: boolean }[] = [];
    agent.on("free", (socket: { servername?: unknown; destroyed: boolean }) => sockets.push(socket));
    expect(await get(other.href)).toBeGreaterThan(0);
    expect(agent.hasUnclaimedConnection()).toBe(false);
    // The request's socket was made for "localhost" (SNI), not the one opened ahead for 127.0.0.1.
    expect(sockets[0]?.servername).toBe("localhost");
    expect(await within(2_000, () => endpoint.openConnections === 1)).toBe(true);
  });

  it("drops a connection that failed ahead (nothing listening): the request then fails with its own error", async () => {
    const closed = await startLocalSnsEndpoint({ tls: true });
    await closed.close();
    agent = new PreconnectingAgent();
    agent.preconnect(new URL(closed.url));
    await until(() => !agent.hasUnclaimedConnection());
    await expect(get(closed.url)).rejects.toMatchObject({ code: "ECONNREFUSED" });
  });

  it("opens nothing ahead for plain http", () => {
    agent = new PreconnectingAgent();
    agent.preconnect(new URL("http://127.0.0.1:9"));
    expect(agent.hasUnclaimedConnection()).toBe(false);
  });
});

describe("expectedSnsOrigin", () => {
  it.each([
    [{ region: "eu-west-2", endpoint: undefined }, "https://sns.eu-west-2.amazonaws.com"],
    [{ region: "us-gov-west-1", endpoint: undefined }, "https://sns.us-gov-west-1.amazonaws.com"],
    [{ region: "eu-west-2", endpoint: "https://127.0.0.1:8443/" }, "https://127.0.0.1:8443"],
  ])("%o → %s", (settings, origin) => {
    expect(expectedSnsOrigin(settings)?.origin).toBe(origin);
  });

  it.each(["cn-north-1", "us-iso-east-1", "us-isob-east-1"])("none for %s (another partition's host names)", (region) => {
    expect(expectedSnsOrigin({ region, endpoint: undefined })).toBeUndefined();
  });
});
