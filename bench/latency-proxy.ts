// A TCP proxy on 127.0.0.1 that puts a round trip of RTT between a client and a server on loopback, as
// if the server were far away: each direction is delayed by RTT/2, and a new connection's first bytes
// from the client wait one more RTT (the TCP handshake the loopback connect skipped). So a fresh TLS
// connection pays TCP + TLS handshake + request = 3 round trips, and each keep-alive request 1.
// The proxy counts the round trips it made clients pay: the TCP handshake per connection, plus one per
// client flight (data sent after the client heard from the server).
import { createConnection, createServer, type AddressInfo, type Server, type Socket } from "node:net";
import { performance } from "node:perf_hooks";

export type Direction = "toServer" | "toClient";

/**
 * When a chunk the proxy received at `receivedAtMs` is delivered: RTT/2 later; towards the server,
 * never before the client's TCP handshake would have completed (one RTT after accept).
 */
export function deliveryTimeMs(direction: Direction, receivedAtMs: number, acceptedAtMs: number, rttMs: number): number {
  const sentAtMs = direction === "toServer" ? Math.max(receivedAtMs, acceptedAtMs + rttMs) : receivedAtMs;
  return sentAtMs + rttMs / 2;
}

/** Chunks delivered in order, each at its time, never early (a timer firing early is re-armed). */
class DelayLine {
  private readonly queue: { dueAtMs: number; deliver: () => void }[] = [];
  private timer: NodeJS.Timeout | undefined;

  push(dueAtMs: number, deliver: () => void): void {
    this.queue.push({ dueAtMs, deliver });
    if (this.timer === undefined) this.arm();
  }

  clear(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.queue.length = 0;
  }

  private arm(): void {
    const head = this.queue[0];
    if (head === undefined) return;
    this.timer = setTimeout(() => this.drain(), Math.max(0, Math.ceil(head.dueAtMs - performance.now())));
  }

  private drain(): void {
    this.timer = undefined;
    const now = performance.now();
    while (this.queue.length > 0 && (this.queue[0]?.dueAtMs ?? Infinity) <= now) this.queue.shift()?.deliver();
    this.arm();
  }
}

export interface LatencyProxy {
  /** 127.0.0.1 port the clients connect to. */
  port: number;
  rttMs: number;
  /** Client connections accepted. */
  connections: number;
  /** Round trips the clients paid: one TCP handshake per connection, plus one per client flight. */
  roundTrips: number;
  close(): Promise<void>;
}

/** Starts the proxy in front of 127.0.0.1:`targetPort`; `rttMs` ≥ 0. */
export async function startLatencyProxy(targetPort: number, rttMs: number): Promise<LatencyProxy> {
  if (!(Number.isFinite(rttMs) && rttMs >= 0)) throw new Error(`latency proxy: rttMs must be a number ≥ 0, got ${rttMs}`);
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const acceptedAtMs = performance.now();
    proxy.connections += 1;
    proxy.roundTrips += 1; // the TCP handshake
    const upstream = createConnection({ host: "127.0.0.1", port: targetPort });
    const lines: Record<Direction, DelayLine> = { toServer: new DelayLine(), toClient: new DelayLine() };
    let heardFromServer = true; // so the client's first bytes count as a flight
    const pipe = (from: Socket, to: Socket, direction: Direction) => {
      const schedule = (deliver: () => void) =>
        lines[direction].push(deliveryTimeMs(direction, performance.now(), acceptedAtMs, rttMs), deliver);
      from.on("data", (chunk: Buffer) => {
        if (direction === "toServer" && heardFromServer) {
          proxy.roundTrips += 1;
          heardFromServer = false;
        }
        schedule(() => {
          if (direction === "toClient") heardFromServer = true;
          to.write(chunk);
        });
      });
      from.on("end", () => schedule(() => to.end()));
    };
    pipe(client, upstream, "toServer");
    pipe(upstream, client, "toClient");
    const closeBoth = () => {
      lines.toServer.clear();
      lines.toClient.clear();
      client.destroy();
      upstream.destroy();
    };
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.setNoDelay(true);
      socket.on("error", closeBoth);
      socket.on("close", () => {
        sockets.delete(socket);
        // A side that closed without `end` (reset) takes the other one down after the delay.
        if (!socket.readableEnded) closeBoth();
      });
    }
  });
  const proxy: LatencyProxy = {
    port: 0,
    rttMs,
    connections: 0,
    roundTrips: 0,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  proxy.port = (server.address() as AddressInfo).port;
  return proxy;
}
