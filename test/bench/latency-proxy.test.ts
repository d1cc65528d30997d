// The bench's latency proxy (bench/latency-proxy.ts): the round trips it makes an HTTPS client pay are
// counted, and each one costs at least the RTT. No upper bound on time: the machine may be busy.
import { Agent, createServer, request, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { afterEach, describe, expect, it } from "vitest";
import { deliveryTimeMs, startLatencyProxy, type LatencyProxy } from "../../bench/latency-proxy";
import { createSelfSignedCertificate } from "../../tools/kit/self-signed-certificate";

const RTT_MS = 40;
// Node's timers have 1 ms resolution; the proxy re-arms early ones, this only absorbs rounding.
const ROUNDING_MS = 1;

describe("deliveryTimeMs", () => {
  it("delays each direction by half the round trip", () => {
    expect(deliveryTimeMs("toClient", 1000, 0, 20)).toBe(1010);
    expect(deliveryTimeMs("toServer", 1000, 0, 20)).toBe(1010);
  });

  it("holds a new connection's first bytes to the server until its TCP handshake would be done", () => {
    // Accepted at 100 ms: the client could send from 120 ms on; its bytes arrive 10 ms after that.
    expect(deliveryTimeMs("toServer", 101, 100, 20)).toBe(130);
    expect(deliveryTimeMs("toServer", 125, 100, 20)).toBe(135);
  });

  it("adds nothing at a round trip of 0", () => {
    expect(deliveryTimeMs("toServer", 7, 7, 0)).toBe(7);
  });
});

describe("latency proxy in front of an HTTPS server", () => {
  let server: Server | undefined;
  let proxy: LatencyProxy | undefined;
  afterEach(async () => {
    await proxy?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server = proxy = undefined;
  });

  /** `post(body)` resolves with the echoed body and the ms it took. */
  async function start(
    rttMs: number,
  ): Promise<{ agent: Agent; post: (body: Buffer) => Promise<{ ms: number; echoed: Buffer }>; proxy: LatencyProxy }> {
    const certificate = createSelfSignedCertificate();
    server = createServer({ cert: certificate.certPem, key: certificate.keyPem }, (req, res) => req.pipe(res)); // echoes the body
    const listening = server;
    await new Promise<void>((resolve) => listening.listen(0, "127.0.0.1", () => resolve()));
    proxy = await startLatencyProxy((listening.address() as AddressInfo).port, rttMs);
    const agent = new Agent({ keepAlive: true, maxSockets: 1, ca: certificate.certPem });
    const port = proxy.port;
    const post = (body: Buffer) =>
      new Promise<{ ms: number; echoed: Buffer }>((resolve, reject) => {
        const started = performance.now();
        const req = request({ host: "127.0.0.1", port, path: "/", method: "POST", agent }, (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (chunk: Buffer) => chunks.push(chunk));
          res.on("end", () => resolve({ ms: performance.now() - started, echoed: Buffer.concat(chunks) }));
        });
        req.on("error", reject);
        req.end(body);
      });
    return { agent, post, proxy };
  }

  it("makes a fresh TLS connection pay 3 round trips (TCP, TLS 1.3, request) and a keep-alive request 1, each at least the RTT", async () => {
    const { agent, post, proxy } = await start(RTT_MS);
    const { ms: firstMs } = await post(Buffer.from("Action=Publish"));
    expect({ connections: proxy.connections, roundTrips: proxy.roundTrips }).toEqual({ connections: 1, roundTrips: 3 });
    expect(firstMs).toBeGreaterThanOrEqual(3 * RTT_MS - ROUNDING_MS);

    const { ms: secondMs } = await post(Buffer.from("Action=Publish"));
    expect({ connections: proxy.connections, roundTrips: proxy.roundTrips }).toEqual({ connections: 1, roundTrips: 4 });
    expect(secondMs).toBeGreaterThanOrEqual(RTT_MS - ROUNDING_MS);
    agent.destroy();
  });

  it("passes bytes through unchanged and in order in both directions", async () => {
    const { agent, post } = await start(2);
    const bodies = [0, 1, 2].map((n) => Buffer.from(Array.from({ length: 300_000 }, (_, i) => (i * 7 + n) % 251)));
    for (const body of bodies) expect((await post(body)).echoed.equals(body)).toBe(true);
    agent.destroy();
  });
});
