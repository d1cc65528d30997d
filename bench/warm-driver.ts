// Warm sends of the built Action in one process: loaded once, then BENCH_SENDS sends one after the
// other after a warm-up, each timed from the handler call to its resolution; RSS before and after.
import { BENCH_ENV, elapsedMs, reportResult, requiredEnv } from "./bench-protocol";
import { benchExecution, fail, finish, handlerOf } from "./bench-event";

const WARM_UP_SENDS = 20;

async function main(): Promise<void> {
  const sends = Number(requiredEnv(BENCH_ENV.sends));
  const rssBeforeBytes = process.memoryUsage().rss;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loads the built Action as Auth0 would
  const handler = handlerOf(require(requiredEnv(BENCH_ENV.actionFile)));
  const latenciesMs: number[] = [];
  let firstMs = Number.NaN;
  for (let i = 0; i < WARM_UP_SENDS + sends; i++) {
    const { event, api } = benchExecution();
    const start = process.hrtime.bigint();
    await handler(event, api);
    const ms = elapsedMs(start);
    if (i === 0) firstMs = ms;
    if (i >= WARM_UP_SENDS) latenciesMs.push(ms);
  }
  reportResult({ firstMs, latenciesMs, bodyBytes: -1, rssBeforeBytes, rssAfterBytes: process.memoryUsage().rss });
  finish();
}

main().catch(fail);
