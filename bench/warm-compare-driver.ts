// Warm latency of the compared clients in ONE process, in rotation, so machine load and GC hit all
// alike: the built Action's handler; the bare SDK v3 sender; the raw keep-alive https POST (the floor);
// and, when BENCH_AWS_SDK_V2_DIR is set, the guide's aws-sdk v2 hook (bench/compared-senders.ts). TLS
// connections are counted per client by wrapping tls.connect.
import tls from "node:tls";
import { BENCH_ENV, elapsedMs, reportResult, requiredEnv } from "./bench-protocol";
import { fail, finish } from "./bench-event";
import { loadSender, type Send } from "./compared-senders";
import { keepAliveAgent, rawPost } from "./raw-https-post";

const WARM_UP_ROUNDS = 20;
export const COMPARED_CLIENTS = ["action", "sdk", "floor", "guide-v2"] as const;
type ComparedClient = (typeof COMPARED_CLIENTS)[number];

let current: ComparedClient = "action";
const connections: Partial<Record<ComparedClient, number>> = {};

function countConnections(): void {
  const original = tls.connect;
  (tls as { connect: typeof tls.connect }).connect = function (this: unknown, ...args: unknown[]) {
    connections[current] = (connections[current] ?? 0) + 1;
    return (original as (...a: unknown[]) => tls.TLSSocket).apply(this, args);
  } as typeof tls.connect;
}

async function main(): Promise<void> {
  countConnections();
  const url = new URL(requiredEnv(BENCH_ENV.endpoint));
  const rounds = Number(requiredEnv(BENCH_ENV.sends));
  const body = requiredEnv(BENCH_ENV.floorBody);
  const agent = keepAliveAgent();
  const send: Partial<Record<ComparedClient, Send>> = {
    action: loadSender("action"),
    sdk: loadSender("sdk"),
    floor: () => rawPost(agent, url, body),
  };
  if (process.env[BENCH_ENV.awsSdkV2Dir] !== undefined) send["guide-v2"] = loadSender("guide-v2");
  const clients = COMPARED_CLIENTS.filter((client) => send[client] !== undefined);
  const latencies: Partial<Record<ComparedClient, number[]>> = Object.fromEntries(clients.map((client) => [client, []]));
  for (const client of clients) connections[client] = 0;
  for (let round = 0; round < WARM_UP_ROUNDS + rounds; round++) {
    for (const client of clients) {
      current = client;
      const start = process.hrtime.bigint();
      await send[client]?.();
      if (round >= WARM_UP_ROUNDS) latencies[client]?.push(elapsedMs(start));
    }
  }
  reportResult({ latenciesMs: latencies as Record<string, number[]>, connections: connections as Record<string, number> });
  finish();
}

main().catch(fail);
