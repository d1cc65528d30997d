// One cold start, in a fresh `node` process: the clock starts just before require() of the built
// Action (node's own boot is excluded) and stops when SNS has accepted the first SMS.
import { BENCH_ENV, elapsedMs, reportResult, requiredEnv } from "./bench-protocol";
import { benchExecution, fail, finish, handlerOf } from "./bench-event";

async function main(): Promise<void> {
  const actionFile = requiredEnv(BENCH_ENV.actionFile);
  const { event, api } = benchExecution();
  const start = process.hrtime.bigint();
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the timed require of the built Action is the point
  const handler = handlerOf(require(actionFile));
  const requireMs = elapsedMs(start);
  const sendStart = process.hrtime.bigint();
  await handler(event, api);
  const firstSendMs = elapsedMs(sendStart);
  reportResult({ requireMs, firstSendMs, totalMs: elapsedMs(start) });
  finish();
}

main().catch(fail);
