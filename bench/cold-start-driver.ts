// One cold start, in a fresh `node` process, of the sender named by BENCH_SENDER (the built Action by
// default; bench/compared-senders.ts): the clock starts just before require() of its code (node's own
// boot is excluded) and stops when SNS has accepted the first SMS.
import { elapsedMs, reportResult } from "./bench-protocol";
import { fail, finish } from "./bench-event";
import { loadSender, senderFromEnv } from "./compared-senders";

async function main(): Promise<void> {
  const sender = senderFromEnv();
  const start = process.hrtime.bigint();
  const send = loadSender(sender);
  const requireMs = elapsedMs(start);
  const sendStart = process.hrtime.bigint();
  await send();
  const firstSendMs = elapsedMs(sendStart);
  reportResult({ requireMs, firstSendMs, totalMs: elapsedMs(start) });
  finish();
}

main().catch(fail);
