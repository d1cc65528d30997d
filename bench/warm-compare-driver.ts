// Warm latency of three clients in ONE process, in rotation (Action, bare SDK client, raw https POST),
// so machine load and GC hit all three alike: the built Action's handler; a bare SDK client made by
// hook/sns-client.ts publishing the same SMS (the SDK's share); the raw POST (the floor). TLS
// connections are counted per client by wrapping tls.connect.
import tls from "node:tls";
import { PublishCommand } from "@aws-sdk/client-sns";
import { snsClientFor } from "../hook/sns-client";
import { BENCH_ENV, elapsedMs, reportResult, requiredEnv } from "./bench-protocol";
import { BENCH_RECIPIENT, benchExecution, benchSenderSettings, fail, finish, handlerOf } from "./bench-event";
import { keepAliveAgent, rawPost } from "./raw-https-post";

const WARM_UP_ROUNDS = 20;
export const COMPARED_CLIENTS = ["action", "sdk", "floor"] as const;
type ComparedClient = (typeof COMPARED_CLIENTS)[number];

let current: ComparedClient = "action";
const connections: Record<ComparedClient, number> = { action: 0, sdk: 0, floor: 0 };

function countConnections(): void {
  const original = tls.connect;
  (tls as { connect: typeof tls.connect }).connect = function (this: unknown, ...args: unknown[]) {
    connections[current] += 1;
    return (original as (...a: unknown[]) => tls.TLSSocket).apply(this, args);
  } as typeof tls.connect;
}

async function main(): Promise<void> {
  countConnections();
  const endpoint = requiredEnv(BENCH_ENV.endpoint);
  const url = new URL(endpoint);
  const rounds = Number(requiredEnv(BENCH_ENV.sends));
  const body = requiredEnv(BENCH_ENV.floorBody);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loads the built Action as Auth0 would
  const handler = handlerOf(require(requiredEnv(BENCH_ENV.actionFile)));
  current = "sdk"; // the client opens its connection when made (hook/preconnecting-agent.ts): count it as the SDK's
  const client = snsClientFor(benchSenderSettings(endpoint));
  current = "action";
  const agent = keepAliveAgent();
  const send: Record<ComparedClient, () => Promise<unknown>> = {
    action: () => {
      const { event, api } = benchExecution();
      return handler(event, api);
    },
    sdk: () => {
      const { event } = benchExecution();
      const attributes = { "AWS.SNS.SMS.SMSType": { DataType: "String", StringValue: "Transactional" } };
      return client.send(new PublishCommand({ PhoneNumber: BENCH_RECIPIENT, Message: event.message_options.text, MessageAttributes: attributes }));
    },
    floor: () => rawPost(agent, url, body),
  };
  const latencies: Record<ComparedClient, number[]> = { action: [], sdk: [], floor: [] };
  for (let round = 0; round < WARM_UP_ROUNDS + rounds; round++) {
    for (const name of COMPARED_CLIENTS) {
      current = name;
      const start = process.hrtime.bigint();
      await send[name]();
      if (round >= WARM_UP_ROUNDS) latencies[name].push(elapsedMs(start));
    }
  }
  reportResult({ latenciesMs: latencies, connections });
  finish();
}

main().catch(fail);
