// The built Actions as Auth0 runs them: the esbuild output of infra/auth0/action-bundle.ts loaded as a fresh
// CommonJS module, its exported handler called with a realistic event for its trigger.
import { buildAction, type ActionTrigger, type BuiltAction } from "../../infra/auth0/action-bundle";
import { loadAction } from "../../tools/kit/load-action";
import {
  customPhoneProviderEvent,
  randomOneTimeCode,
  sendPhoneMessageEvent,
  simulatedApi,
  type SimulatedActionApi,
} from "../../tools/kit/simulated-events";

export const TRIGGERS: readonly ActionTrigger[] = ["send-phone-message", "custom-phone-provider"];

/** AWS's documented example key pair: well-formed, never valid. */
export const TEST_SECRETS = {
  AWS_REGION: "eu-west-2",
  AWS_ACCESS_KEY_ID: "AKIAIOSFODNN7EXAMPLE",
  AWS_SECRET_ACCESS_KEY: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
} as const;

export const NUMBERS = {
  /** London landline. */
  GB: "+442071234567",
  /** New York. */
  US: "+12125551234",
  /** Kingston, Jamaica: +1 like the US. */
  JM: "+18765551234",
} as const;

export type ActionHandler = (event: unknown, api: unknown) => Promise<unknown>;

const built = new Map<ActionTrigger, Promise<BuiltAction>>();

/** Builds the trigger's Action once per test file. */
export function builtAction(trigger: ActionTrigger): Promise<BuiltAction> {
  let action = built.get(trigger);
  if (action === undefined) {
    action = buildAction(trigger);
    built.set(trigger, action);
  }
  return action;
}

/** A fresh load of the built code (cold module state: no SNS client yet), and its handler. */
export async function loadHandler(trigger: ActionTrigger): Promise<ActionHandler> {
  const action = await builtAction(trigger);
  const exported = loadAction(action.code)[action.handlerName];
  if (typeof exported !== "function") throw new Error(`The built ${trigger} Action does not export ${action.handlerName}`);
  return exported as ActionHandler;
}

export interface EventOptions {
  recipient: string;
  secrets: Readonly<Record<string, string | undefined>>;
  /** Ask for a voice call instead of an SMS. */
  voice?: boolean;
  /** Replace the templated text (which holds the code). */
  text?: string;
}

export interface SimulatedExecution {
  event: unknown;
  api: SimulatedActionApi;
  /** The one-time code inside the text. */
  code: string;
  /** The text Auth0 asks the Action to deliver. */
  text: string;
}

/** A realistic event of the trigger, with a fresh one-time code. */
export function executionFor(trigger: ActionTrigger, options: EventOptions): SimulatedExecution {
  const code = randomOneTimeCode();
  const api = simulatedApi();
  if (trigger === "send-phone-message") {
    const event = sendPhoneMessageEvent({ ...options, code, messageType: options.voice ? "voice" : "sms" });
    return { event, api, code, text: event.message_options.text };
  }
  const event = customPhoneProviderEvent({ ...options, code, deliveryMethod: options.voice ? "voice" : "text" });
  return { event, api, code, text: event.notification.as_text };
}

/**
 * What must never reach a log line or an error message: the code, the text, the number (with or
 * without "+", or just its digits after the calling code) and the secret access key.
 */
export function privateValues(
  execution: SimulatedExecution,
  recipient: string,
  secretAccessKey: string = TEST_SECRETS.AWS_SECRET_ACCESS_KEY,
): string[] {
  const digits = recipient.replace(/\D/g, "");
  return [execution.code, execution.text, recipient, digits, digits.slice(-10), secretAccessKey];
}

/** The JSON outcome lines the Action wrote with console.log. */
export function outcomeLines(logLines: string[]): Record<string, unknown>[] {
  return logLines.map((line) => JSON.parse(line) as Record<string, unknown>);
}

/**
 * How a built Action reported a failed delivery to Auth0: the classic trigger throws (the error is
 * kept), the unified one resolves after exactly one `api.notification.drop("code: message")` (and
 * never calls `retry`). Fails the test on any other behaviour.
 */
export interface ActionFailure {
  /** The refusal or failure reason code (`invalid-recipient`, `timeout`...). */
  reason: string;
  message: string;
  /** The thrown error (send-phone-message only). */
  error?: Error & Record<string, unknown>;
}

export async function failureOf(trigger: ActionTrigger, handler: ActionHandler, execution: SimulatedExecution): Promise<ActionFailure> {
  const thrown = await handler(execution.event, execution.api).then(
    () => undefined,
    (error: unknown) => error ?? new Error("rejected without an error"),
  );
  if (trigger === "send-phone-message") {
    if (!(thrown instanceof Error)) throw new Error("expected the send-phone-message Action to throw");
    const error = thrown as Error & Record<string, unknown>;
    return { reason: String(error.reason), message: error.message, error };
  }
  if (thrown !== undefined)
    throw new Error(`the custom-phone-provider Action threw instead of calling api.notification: ${String(thrown)}`);
  const calls = execution.api.notificationCalls;
  if (calls.length !== 1 || calls[0]?.method !== "drop") {
    throw new Error(`expected exactly one api.notification.drop call, got ${JSON.stringify(calls)}`);
  }
  const dropped = calls[0].reason ?? "";
  const separator = dropped.indexOf(": ");
  return { reason: dropped.slice(0, separator), message: dropped.slice(separator + 2) };
}
