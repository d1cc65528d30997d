// The bench's SNS endpoint in a process of its own (a busy parent would skew the numbers): the local
// TLS endpoint of test/support, driven over the IPC channel of child_process.fork. With BENCH_RTT_MS > 0
// it is reached through the latency proxy (bench/latency-proxy.ts), which adds that round trip.
import { startLocalSnsEndpoint } from "../tools/kit/local-sns-endpoint";
import { BENCH_ENV } from "./bench-protocol";
import { startLatencyProxy } from "./latency-proxy";

export interface EndpointReady {
  type: "ready";
  url: string;
  caPem: string;
}

export interface EndpointStats {
  type: "stats";
  requestCount: number;
  connectionCount: number;
  publishCount: number;
  /** Parameters of the last accepted Publish (to build the floor's body of the same size). */
  lastParams: Record<string, string> | undefined;
  /** Round trips the latency proxy made clients pay (TCP handshakes + client flights); 0 without a proxy. */
  proxyRoundTrips: number;
}

export type EndpointCommand = { type: "stats" } | { type: "close" };

async function main(): Promise<void> {
  const send = process.send?.bind(process);
  if (send === undefined) throw new Error("endpoint-process must be started with child_process.fork (no IPC channel)");
  const endpoint = await startLocalSnsEndpoint({ tls: true });
  const rttMs = Number(process.env[BENCH_ENV.rttMs] ?? "0");
  const proxy = rttMs > 0 ? await startLatencyProxy(Number(new URL(endpoint.url).port), rttMs) : undefined;
  const close = () => Promise.all([proxy?.close(), endpoint.close()]).finally(() => process.exit(0));
  process.on("disconnect", () => void close());
  process.on("message", (command: EndpointCommand) => {
    if (command.type === "stats") {
      const stats: EndpointStats = {
        type: "stats",
        requestCount: endpoint.requestCount,
        connectionCount: endpoint.connectionCount,
        publishCount: endpoint.publishes.length,
        lastParams: endpoint.publishes.at(-1)?.params,
        proxyRoundTrips: proxy?.roundTrips ?? 0,
      };
      send(stats);
    } else {
      void close();
    }
  });
  const url = proxy === undefined ? endpoint.url : `https://127.0.0.1:${proxy.port}`;
  const ready: EndpointReady = { type: "ready", url, caPem: endpoint.caPem ?? "" };
  send(ready);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
