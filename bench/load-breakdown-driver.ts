// Where a cold start's time goes, in a fresh `node` process, stage by stage: require() of the SDK
// (and which of its direct dependencies cost what, first requirer pays), the built Action's own code,
// the phone metadata, the SNS client of hook/sns-client.ts, its first and second Publish split into
// SDK stages by timing middleware (serialize/endpoint/auth, signing, HTTP exchange, deserialize), and
// a bare TLS handshake to the same endpoint.
import Module, { isBuiltin } from "node:module";
import path from "node:path";
import { connect } from "node:tls";
import type { PublishCommand as PublishCommandType, SNSClient } from "@aws-sdk/client-sns";
import type { SenderSettings } from "../hook/action-secrets";
import { BENCH_ENV, elapsedMs, reportResult, requiredEnv } from "./bench-protocol";
import { BENCH_RECIPIENT, benchSenderSettings, fail, finish } from "./bench-event";
import { median } from "./statistics";

type Load = (this: unknown, request: string, parent: { filename?: string } | undefined, isMain: boolean) => unknown;
type SdkModule = typeof import("@aws-sdk/client-sns");
type SnsClientModule = typeof import("../hook/sns-client");

const stages: [string, number][] = [];
const WARM_UP_SENDS = 200;
const WARM_STAGED_SENDS = 100;

function timed<T>(stage: string, run: () => T): T {
  const start = process.hrtime.bigint();
  try {
    return run();
  } finally {
    stages.push([stage, elapsedMs(start)]);
  }
}

/** Package (or built-in) a require() lands in: bare specifiers as written, relative ones in their parent's package. */
function requireKey(request: string, parentFile: string | undefined): string {
  if (request.startsWith("node:") || isBuiltin(request)) return request.startsWith("node:") ? request : `node:${request}`;
  if (!request.startsWith(".") && !path.isAbsolute(request)) return request;
  const owner = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(parentFile ?? "")?.[1];
  return owner === undefined ? "(project)" : `${owner} (internal files)`;
}

/**
 * Times every module load while it is on, as self time (children excluded) per package entry point,
 * so shared dependencies are charged to themselves, not to whoever required them first.
 */
function profileRequires(): () => Map<string, number> {
  const loader = Module as unknown as { _load: Load };
  const original = loader._load;
  const selfMs = new Map<string, number>();
  const frames: { start: bigint; childNs: bigint }[] = [];
  loader._load = function (this: unknown, request: string, parent: { filename?: string } | undefined, isMain: boolean): unknown {
    const frame = { start: process.hrtime.bigint(), childNs: 0n };
    frames.push(frame);
    try {
      return original.call(this, request, parent, isMain);
    } finally {
      frames.pop();
      const totalNs = process.hrtime.bigint() - frame.start;
      const outer = frames.at(-1);
      if (outer) outer.childNs += totalNs;
      const key = requireKey(request, parent?.filename);
      selfMs.set(key, (selfMs.get(key) ?? 0) + Number(totalNs - frame.childNs) / 1e6);
    }
  };
  return () => {
    loader._load = original;
    return selfMs;
  };
}

type Stamps = Map<"signStart" | "signEnd" | "httpStart" | "httpEnd", bigint>;
type Next = (args: object) => Promise<unknown>;

/** Adds middleware that stamps the moments around signing and around the HTTP exchange. */
function stampStages(client: SNSClient): Stamps {
  const stamps: Stamps = new Map();
  const stamping =
    (before: "signStart" | "signEnd" | "httpStart", after?: "httpEnd") =>
    (next: Next) =>
    async (args: object): Promise<unknown> => {
      stamps.set(before, process.hrtime.bigint());
      const result = await next(args);
      if (after !== undefined) stamps.set(after, process.hrtime.bigint());
      return result;
    };
  // The SDK's middleware types are generic over each command's input and output; these stamps only pass them on.
  const stack = client.middlewareStack;
  stack.addRelativeTo(stamping("signStart") as never, {
    relation: "before",
    toMiddleware: "httpSigningMiddleware",
    name: "benchSignStart",
  });
  stack.addRelativeTo(stamping("signEnd") as never, { relation: "after", toMiddleware: "httpSigningMiddleware", name: "benchSignEnd" });
  stack.addRelativeTo(stamping("httpStart", "httpEnd") as never, {
    relation: "after",
    toMiddleware: "deserializerMiddleware",
    name: "benchHttp",
  });
  return stamps;
}

const SEND_STAGES = [
  "serialize, endpoint, auth scheme",
  "SigV4 signing",
  "signed → handler",
  "HTTP exchange (+ connect, TLS if new)",
  "deserialize, return",
  "total",
] as const;

/** One Publish, split into SEND_STAGES (ms, in that order). */
async function stagedSend(client: SNSClient, command: PublishCommandType, stamps: Stamps): Promise<number[]> {
  stamps.clear();
  const start = process.hrtime.bigint();
  await client.send(command);
  const end = process.hrtime.bigint();
  const [signStart, signEnd, httpStart, httpEnd] = [
    stamps.get("signStart"),
    stamps.get("signEnd"),
    stamps.get("httpStart"),
    stamps.get("httpEnd"),
  ];
  if (signStart === undefined || signEnd === undefined || httpStart === undefined || httpEnd === undefined) {
    throw new Error("timing middleware did not run (SDK middleware names changed?)");
  }
  const ms = (from: bigint, to: bigint) => Number(to - from) / 1e6;
  return [ms(start, signStart), ms(signStart, signEnd), ms(signEnd, httpStart), ms(httpStart, httpEnd), ms(httpEnd, end), ms(start, end)];
}

function pushSendStages(label: string, values: readonly number[]): void {
  SEND_STAGES.forEach((stage, i) => stages.push([`${label}: ${stage}`, values[i] ?? Number.NaN]));
}

function tlsHandshakeMs(url: URL): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const socket = connect({ host: url.hostname, port: Number(url.port) }, () => {
      const ms = elapsedMs(start);
      socket.destroy();
      resolve(ms);
    });
    socket.on("error", reject);
  });
}

async function main(): Promise<void> {
  const actionFile = requiredEnv(BENCH_ENV.actionFile);
  const endpoint = requiredEnv(BENCH_ENV.endpoint);
  const stopProfiling = profileRequires();
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the timed require is the measurement
  const sdk = timed("require @aws-sdk/client-sns, all of it (while profiled)", () => require("@aws-sdk/client-sns") as SdkModule);
  const moduleSelfMs = [...stopProfiling()];

  // eslint-disable-next-line @typescript-eslint/no-require-imports -- SDK now cached: this is the Action's own code
  timed("require built Action (own code; SDK cached)", () => require(actionFile) as unknown);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- what ALLOWED_COUNTRIES adds on first use
  timed("require libphonenumber-js/metadata.min.json", () => require("libphonenumber-js/metadata.min.json") as unknown);

  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded after the timed SDK require on purpose
  const { leaseSnsClient } = require("../hook/sns-client") as SnsClientModule;
  const settings: SenderSettings = benchSenderSettings(endpoint);
  const client = timed("construct SNS client (hook/sns-client.ts)", () => leaseSnsClient(settings).client);
  const stamps = stampStages(client);
  const publish = () =>
    new sdk.PublishCommand({
      PhoneNumber: BENCH_RECIPIENT,
      Message: "123456 is your verification code for Simulated Tenant. Please enter this code to verify your enrollment.",
      MessageAttributes: { "AWS.SNS.SMS.SMSType": { DataType: "String", StringValue: "Transactional" } },
    });
  pushSendStages("1st Publish", await stagedSend(client, publish(), stamps));
  pushSendStages("2nd Publish", await stagedSend(client, publish(), stamps));
  for (let i = 0; i < WARM_UP_SENDS; i++) await client.send(publish());
  const warm: number[][] = [];
  for (let i = 0; i < WARM_STAGED_SENDS; i++) warm.push(await stagedSend(client, publish(), stamps));
  pushSendStages(
    `warm Publish p50 (direct client, after ${WARM_UP_SENDS + 2})`,
    SEND_STAGES.map((_, i) => median(warm.map((send) => send[i] ?? Number.NaN))),
  );
  const url = new URL(endpoint);
  stages.push(["bare TLS handshake, new connection (1st)", await tlsHandshakeMs(url)]);
  stages.push(["bare TLS handshake, new connection (2nd)", await tlsHandshakeMs(url)]);
  reportResult({ stages, moduleSelfMs });
  finish();
}

main().catch(fail);
