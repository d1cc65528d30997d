/**
 * `npm run send-test -- --to +E164 [--stack dev] [--endpoint URL]`: the guide's "test your hook" step.
 * Builds the sender Action with infra/auth0/action-bundle.ts (the code `pulumi up` deploys), loads it as Auth0 does,
 * gives it the stack's secrets, runs its handler on a realistic event and reports: the masked
 * destination and MessageId, or the precise reason for a failure and the next step. Exit code 0 when
 * SNS accepted the SMS, 1 when it did not, 2 for a usage error.
 */
import { buildAction, type ActionTrigger } from "../infra/auth0/action-bundle";
import { loadAction } from "./kit/load-action";
import { maskPhoneNumber } from "../hook/phone-number";
import { customPhoneProviderEvent, randomOneTimeCode, sendPhoneMessageEvent, simulatedApi } from "./kit/simulated-events";
import { runAsCommand, type ToolIo, UsageError } from "./command";
import { failureOutcome, sentOutcome, type SendOutcome } from "./send-outcome";
import { parseSendTestArgs, SEND_TEST_USAGE } from "./send-test-args";
import { gatherSecrets, type ActionSecretValues, type PhoneExperience } from "./send-test-secrets";

export interface SendTestResult {
  outcome: SendOutcome;
  /** The MessageId SNS answered with, when it accepted the SMS. */
  messageId: string | undefined;
  /** What the Action logged (Auth0 keeps these lines in the execution log). */
  actionLog: string[];
}

/** `AKIA…WXYZ`: enough to tell keys apart, never the whole key id. */
export function maskAccessKeyId(id: string | undefined): string {
  if (id === undefined) return "(none)";
  return id.length > 8 ? `${id.slice(0, 4)}…${id.slice(-4)}` : "…";
}

export function triggerFor(explicit: ActionTrigger | undefined, experience: PhoneExperience | undefined): ActionTrigger {
  if (explicit !== undefined) return explicit;
  return experience === "unified" ? "custom-phone-provider" : "send-phone-message";
}

type Handler = (event: unknown, api: unknown) => Promise<unknown>;

/** The MessageId from the Action's own log line (`{"sms":"sent",...,"messageId":"..."}`). */
export function messageIdFromLog(lines: readonly string[]): string | undefined {
  for (const line of lines) {
    try {
      const record = JSON.parse(line) as { sms?: unknown; messageId?: unknown };
      if (record.sms === "sent" && typeof record.messageId === "string") return record.messageId;
    } catch {
      // not one of the sender's JSON lines
    }
  }
  return undefined;
}

/**
 * The failure a custom-phone-provider Action reported through `api.notification.drop("code: message")`,
 * in the shape the classic Action throws, completed from the sender's log line (error class, status).
 */
export function droppedFailure(reason: string | undefined, lines: readonly string[]): Record<string, unknown> {
  const text = reason ?? "";
  const separator = text.indexOf(": ");
  const code = separator < 0 ? text : text.slice(0, separator);
  const message = separator < 0 ? text : text.slice(separator + 2);
  for (const line of lines) {
    try {
      const record = JSON.parse(line) as { sms?: unknown; error?: unknown; http?: unknown };
      if (record.sms === "refused") return { name: "SendRefusedError", reason: code, message };
      if (record.sms === "failed")
        return { name: "SmsDeliveryError", reason: code, errorClass: record.error, httpStatus: record.http, message };
    } catch {
      // not one of the sender's JSON lines
    }
  }
  return { name: "Error", message: text };
}

/** Runs the built Action's handler once, capturing what it logs; never throws. */
export async function runActionOnce(
  trigger: ActionTrigger,
  to: string,
  secrets: ActionSecretValues,
  label: string,
): Promise<SendTestResult> {
  const built = await buildAction(trigger);
  const handler = loadAction(built.code)[built.handlerName];
  if (typeof handler !== "function") throw new Error(`The built ${trigger} Action does not export ${built.handlerName}`);
  const code = randomOneTimeCode();
  const text = `${code} is your auth0-sns-mfa test code (${label}).`;
  const event =
    trigger === "send-phone-message"
      ? sendPhoneMessageEvent({ recipient: to, code, text, secrets })
      : customPhoneProviderEvent({ recipient: to, code, text, secrets });

  const actionLog: string[] = [];
  const original = { log: console.log, error: console.error, warn: console.warn, info: console.info };
  const capture = (...parts: unknown[]): void => {
    actionLog.push(parts.map((part) => (typeof part === "string" ? part : JSON.stringify(part))).join(" "));
  };
  Object.assign(console, { log: capture, error: capture, warn: capture, info: capture });
  try {
    const api = simulatedApi();
    await (handler as Handler)(event, api);
    const dropped = api.notificationCalls.at(-1);
    if (dropped !== undefined)
      return { outcome: failureOutcome(droppedFailure(dropped.reason, actionLog)), messageId: undefined, actionLog };
    return { outcome: sentOutcome(), messageId: messageIdFromLog(actionLog), actionLog };
  } catch (error) {
    return { outcome: failureOutcome(error), messageId: undefined, actionLog };
  } finally {
    Object.assign(console, original);
  }
}

export async function sendTest(argv: readonly string[], io: ToolIo): Promise<number> {
  let args;
  try {
    args = parseSendTestArgs(argv);
  } catch (error) {
    io.err(`send-test: ${error instanceof Error ? error.message : String(error)}`);
    io.err(SEND_TEST_USAGE);
    return 2;
  }
  if (args.help) {
    io.out(SEND_TEST_USAGE);
    return 0;
  }
  try {
    const gathered = await gatherSecrets({ stack: args.stack, noPulumi: args.noPulumi, env: io.env });
    const secrets: ActionSecretValues = { ...gathered.secrets };
    if (args.endpoint !== undefined) secrets.SNS_ENDPOINT = args.endpoint;
    const trigger = triggerFor(args.trigger, gathered.phoneExperience);

    io.out(`send-test: ${trigger} Action, built from hook/actions/ as pulumi up deploys it`);
    io.out(`  secrets:  ${gathered.description}`);
    io.out(`  key:      ${maskAccessKeyId(secrets.AWS_ACCESS_KEY_ID)} in ${secrets.AWS_REGION ?? "(no region)"}`);
    io.out(`  via:      ${args.endpoint ?? `Amazon SNS (${secrets.AWS_REGION ?? "?"})`}`);
    if (secrets.ALLOWED_COUNTRIES !== undefined) io.out(`  allowed:  ${secrets.ALLOWED_COUNTRIES}`);
    io.out(`  to:       ${maskPhoneNumber(args.to)}`);

    const label = args.stack === undefined ? "environment" : `stack ${args.stack}`;
    const result = await runActionOnce(trigger, args.to, secrets, label);
    for (const line of result.actionLog) io.out(`  Action log: ${line}`);
    const { outcome } = result;
    if (outcome.ok) {
      io.out(`SENT to ${maskPhoneNumber(args.to)}: MessageId ${result.messageId ?? "(not logged)"}`);
      io.out(`  ${outcome.next}`);
      return 0;
    }
    io.err(`FAILED (${outcome.reason}): ${outcome.summary}.`);
    if (outcome.detail !== undefined) io.err(`  sender: ${outcome.detail}`);
    io.err(`  next:   ${outcome.next}`);
    return 1;
  } catch (error) {
    io.err(`send-test: ${error instanceof Error ? error.message : String(error)}`);
    return error instanceof UsageError ? 2 : 1;
  }
}

if (require.main === module) runAsCommand(sendTest);
