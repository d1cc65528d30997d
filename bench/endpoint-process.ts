// The bench's SNS endpoint in a process of its own (a busy parent would skew the numbers): the local
// TLS endpoint of test/support, driven over the IPC channel of child_process.fork.
import { startLocalSnsEndpoint } from "../test/support/local-sns-endpoint";

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
}

export type EndpointCommand = { type: "stats" } | { type: "close" };

async function main(): Promise<void> {
  const send = process.send?.bind(process);
  if (send === undefined) throw new Error("endpoint-process must be started with child_process.fork (no IPC channel)");
  const endpoint = await startLocalSnsEndpoint({ tls: true });
  process.on("disconnect", () => void endpoint.close().finally(() => process.exit(0)));
  process.on("message", (command: EndpointCommand) => {
    if (command.type === "stats") {
      const stats: EndpointStats = {
        type: "stats",
        requestCount: endpoint.requestCount,
        connectionCount: endpoint.connectionCount,
        publishCount: endpoint.publishes.length,
        lastParams: endpoint.publishes.at(-1)?.params,
      };
      send(stats);
    } else {
      void endpoint.close().finally(() => process.exit(0));
    }
  });
  const ready: EndpointReady = { type: "ready", url: endpoint.url, caPem: endpoint.caPem ?? "" };
  send(ready);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
