// Optional baseline: the original guide's hook (aws-sdk v2, a new AWS.SNS per call) timed exactly like
// cold-start-driver.ts, so the "0.45 × the v2 hook" target can be checked on the same machine. aws-sdk
// v2 is NOT a project dependency (end of support, ~100 MB): the bench loads it from the folder given
// with --aws-sdk-v2 (e.g. after `npm install --prefix /tmp/aws-sdk-v2 aws-sdk@2`).
import { createRequire } from "node:module";
import path from "node:path";
import { BENCH_ENV, elapsedMs, reportResult, requiredEnv } from "./bench-protocol";
import { BENCH_RECIPIENT, fail, finish } from "./bench-event";

interface AwsSdkV2 {
  SNS: new (options: object) => { publish(params: object): { promise(): Promise<{ MessageId?: string }> } };
  Credentials: new (accessKeyId: string, secretAccessKey: string) => object;
}

async function main(): Promise<void> {
  const requireFromV2 = createRequire(path.join(requiredEnv(BENCH_ENV.awsSdkV2Dir), "package.json"));
  const endpoint = requiredEnv(BENCH_ENV.endpoint);
  const start = process.hrtime.bigint();
  const AWS = requireFromV2("aws-sdk") as AwsSdkV2;
  const requireMs = elapsedMs(start);
  const sendStart = process.hrtime.bigint();
  // As in the guide, plus `endpoint` to reach the bench's endpoint.
  const awsSNS = new AWS.SNS({
    apiVersion: "2010-03-31",
    region: "eu-west-2",
    endpoint,
    credentials: new AWS.Credentials("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
  });
  const result = await awsSNS.publish({ Message: "123456 is your verification code for Simulated Tenant.", PhoneNumber: BENCH_RECIPIENT }).promise();
  if (typeof result.MessageId !== "string") throw new Error("aws-sdk v2 got no MessageId");
  const firstSendMs = elapsedMs(sendStart);
  reportResult({ requireMs, firstSendMs, totalMs: elapsedMs(start) });
  finish();
}

main().catch(fail);
