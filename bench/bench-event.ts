// The event the bench's drivers hand to the built send-phone-message Action: a realistic
// second-factor SMS to a London number, signed with AWS's documented example keys, sent to the
// bench's local TLS endpoint.
import type { SendPhoneMessageEvent } from "../hook/action-events";
import type { SenderSettings } from "../hook/action-secrets";
import { sendPhoneMessageEvent, simulatedApi, type SimulatedActionApi } from "../tools/kit/simulated-events";
import { BENCH_ENV, requiredEnv } from "./bench-protocol";

export const BENCH_RECIPIENT = "+442071234567";
const BENCH_REGION = "eu-west-2";
// AWS's documented example key pair: the local endpoint checks that requests are signed, not by whom.
const BENCH_ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLE";
const BENCH_SECRET_ACCESS_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

/** The same sender settings as the bench event, for drivers that build an SNS client directly. */
export function benchSenderSettings(endpoint: string): SenderSettings {
  return {
    region: BENCH_REGION,
    accessKeyId: BENCH_ACCESS_KEY_ID,
    secretAccessKey: BENCH_SECRET_ACCESS_KEY,
    endpoint,
    allowedCountries: undefined,
    senderId: undefined,
    originationNumber: undefined,
    maxPriceUsd: undefined,
  };
}

export function benchExecution(): { event: SendPhoneMessageEvent; api: SimulatedActionApi } {
  const allowedCountries = process.env[BENCH_ENV.allowedCountries];
  const event = sendPhoneMessageEvent({
    recipient: BENCH_RECIPIENT,
    secrets: {
      AWS_REGION: BENCH_REGION,
      AWS_ACCESS_KEY_ID: BENCH_ACCESS_KEY_ID,
      AWS_SECRET_ACCESS_KEY: BENCH_SECRET_ACCESS_KEY,
      SNS_ENDPOINT: requiredEnv(BENCH_ENV.endpoint),
      ALLOWED_COUNTRIES: allowedCountries === "" ? undefined : allowedCountries,
    },
  });
  return { event, api: simulatedApi() };
}

export type ActionHandler = (event: unknown, api: unknown) => Promise<unknown>;

/** The exported handler of a loaded Action module; throws naming what is missing. */
export function handlerOf(exported: unknown, name = "onExecuteSendPhoneMessage"): ActionHandler {
  const handler = (exported as Record<string, unknown> | null)?.[name];
  if (typeof handler !== "function") throw new Error(`The built Action does not export ${name}`);
  return handler as ActionHandler;
}

/** Ends the driver once stdout is flushed (the Action's keep-alive socket would keep it alive). */
export function finish(): void {
  process.stdout.write("", () => process.exit(0));
}

export function fail(error: unknown): void {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
}
