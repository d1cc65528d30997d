// The floor: the same Publish request as the SDK's, POSTed with node:https and a keep-alive agent to the
// same endpoint. No SDK: what any HTTPS client pays. Its first request shows a fresh process's cost
// of a new TLS connection.
import { BENCH_ENV, elapsedMs, reportResult, requiredEnv } from "./bench-protocol";
import { fail, finish } from "./bench-event";
import { keepAliveAgent, rawPost } from "./raw-https-post";

const WARM_UP_REQUESTS = 20;

async function main(): Promise<void> {
  const url = new URL(requiredEnv(BENCH_ENV.endpoint));
  const sends = Number(requiredEnv(BENCH_ENV.sends));
  const body = requiredEnv(BENCH_ENV.floorBody);
  const rssBeforeBytes = process.memoryUsage().rss;
  const agent = keepAliveAgent();
  const latenciesMs: number[] = [];
  let firstMs = Number.NaN;
  for (let i = 0; i < WARM_UP_REQUESTS + sends; i++) {
    const start = process.hrtime.bigint();
    await rawPost(agent, url, body);
    const ms = elapsedMs(start);
    if (i === 0) firstMs = ms;
    if (i >= WARM_UP_REQUESTS) latenciesMs.push(ms);
  }
  reportResult({ firstMs, latenciesMs, bodyBytes: Buffer.byteLength(body), rssBeforeBytes, rssAfterBytes: process.memoryUsage().rss });
  finish();
}

main().catch(fail);
