/** Arguments of `npm run send-test`, parsed into what the tool needs; errors name the flag. */
import type { ActionTrigger } from "../infra/auth0/action-bundle";
import { parseFlags, stackFlag, UsageError } from "./command";

export const SEND_TEST_USAGE = `Usage: npm run send-test -- --to <+E.164> [--stack <name>] [--endpoint <URL>] [--trigger <trigger>] [--no-pulumi]

Runs the built sender Action locally, exactly as Auth0 runs it, and sends one real SMS (or hands it to
--endpoint, an SNS-compatible endpoint). Prints the masked destination and the MessageId, or the precise
reason it failed and what to do next.

  --to <+E.164>      destination phone number, e.g. +14155550123
  --stack <name>     read the deployed stack's secrets with the Pulumi CLI (pulumi stack output / config)
  --no-pulumi        ignore the Pulumi CLI: read AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_REGION
                     (and optional ALLOWED_COUNTRIES, SMS_SENDER_ID, ...) from the environment
  --endpoint <URL>   send to this SNS-compatible endpoint instead of AWS (sets the SNS_ENDPOINT secret)
  --trigger <name>   send-phone-message (classic) or custom-phone-provider (unified); default: the
                     stack's phoneExperience, else send-phone-message`;

export interface SendTestArgs {
  to: string;
  stack: string | undefined;
  endpoint: string | undefined;
  trigger: ActionTrigger | undefined;
  noPulumi: boolean;
  help: boolean;
}

const TRIGGERS: readonly ActionTrigger[] = ["send-phone-message", "custom-phone-provider"];

export function parseSendTestArgs(argv: readonly string[]): SendTestArgs {
  const flags = parseFlags(argv, {
    to: { value: true },
    stack: { value: true },
    endpoint: { value: true },
    trigger: { value: true },
    "no-pulumi": { value: false },
    help: { value: false },
  });
  if (flags.help === true) return { to: "", stack: undefined, endpoint: undefined, trigger: undefined, noPulumi: false, help: true };
  const to = flags.to;
  if (typeof to !== "string") throw new UsageError("Flag --to is required: the phone number to text, in E.164 (e.g. --to +14155550123)");
  const endpoint = typeof flags.endpoint === "string" ? flags.endpoint : undefined;
  if (endpoint !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(endpoint);
    } catch {
      url = undefined;
    }
    if (url === undefined || (url.protocol !== "http:" && url.protocol !== "https:")) {
      throw new UsageError(`Flag --endpoint: ${JSON.stringify(endpoint.slice(0, 60))} is not an http(s) URL`);
    }
  }
  const trigger = flags.trigger;
  if (trigger !== undefined && !TRIGGERS.includes(trigger as ActionTrigger)) {
    throw new UsageError(`Flag --trigger: ${JSON.stringify(String(trigger).slice(0, 40))} is not one of ${TRIGGERS.join(", ")}`);
  }
  return {
    to: to.trim(),
    stack: flags.stack === undefined ? undefined : stackFlag(flags),
    endpoint,
    trigger: trigger as ActionTrigger | undefined,
    noPulumi: flags["no-pulumi"] === true,
    help: false,
  };
}
