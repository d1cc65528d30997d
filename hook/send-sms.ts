/**
 * The shared core of both Actions: validate one SMS request, publish it through SNS within a total
 * deadline, log one line about the outcome, and throw on anything but success (Auth0 then records the
 * delivery as failed). Bad input or configuration is refused before anything is sent.
 */
import { PublishCommand, type MessageAttributeValue, type PublishCommandInput, type SNSClient } from "@aws-sdk/client-sns";
import { readSenderSettings, type SenderSettings } from "./action-secrets";
import { countryOfNumber } from "./country-of-number";
import { maskPhoneNumber, parseE164, type E164Number } from "./phone-number";
import { SendRefusedError, SmsDeliveryError, type DeliveryFailureReason } from "./send-errors";
import { publishBefore, type PublishAttempts } from "./publish-deadline";
import { logSendOutcome } from "./send-log";
import { scrubPhoneNumbers } from "./scrub-numbers";
import { segmentSms } from "./sms-segments";
import { snsClientFor } from "./sns-client";

/** Total time a send may take, from the handler's start, retries included; Auth0 kills an Action at 20 s. */
export const SEND_DEADLINE_MS = 4_500;

export interface SmsRequest {
  /** Which Action asks (only for the log line). */
  trigger: string;
  recipient: unknown;
  text: unknown;
  /** True when Auth0 asks for a voice call, which SNS cannot make. */
  voice: boolean;
  secrets: unknown;
}

export interface SmsSent {
  messageId: string;
  /** Masked recipient, as logged. */
  to: string;
  country: string | undefined;
  attempts: number;
  elapsedMs: number;
}

interface CheckedRequest {
  recipient: E164Number;
  text: string;
  settings: SenderSettings;
}

/** Everything but the destination country: delivery method, recipient syntax, text, secrets. */
function checkRequest(request: SmsRequest): CheckedRequest {
  if (request.voice) {
    throw new SendRefusedError(
      "voice-not-supported",
      "Voice delivery was requested, but Amazon SNS cannot place calls: offer SMS only for this factor",
    );
  }
  const recipient = parseE164(request.recipient);
  if (recipient === undefined) {
    throw new SendRefusedError(
      "invalid-recipient",
      `Recipient ${maskPhoneNumber(request.recipient)} is not an E.164 phone number ("+", country code, at most 15 digits)`,
    );
  }
  if (typeof request.text !== "string" || request.text.trim() === "") {
    throw new SendRefusedError("empty-text", "The message text is empty: nothing to send");
  }
  return { recipient, text: request.text, settings: readSenderSettings(request.secrets) };
}

/** Refuses a destination outside ALLOWED_COUNTRIES, or whose country cannot be told while a list is set. */
function checkCountry(country: string | undefined, checked: CheckedRequest): void {
  const allowed = checked.settings.allowedCountries;
  if (allowed === undefined) return;
  if (country === undefined) {
    throw new SendRefusedError(
      "country-unknown",
      `The country of recipient ${maskPhoneNumber(checked.recipient.e164)} cannot be told, and ALLOWED_COUNTRIES is set`,
    );
  }
  if (!allowed.includes(country)) {
    throw new SendRefusedError(
      "country-not-allowed",
      `Destination country ${country} is not in ALLOWED_COUNTRIES (${allowed.join(",").slice(0, 60)})`,
    );
  }
}

function stringAttribute(value: string): MessageAttributeValue {
  return { DataType: "String", StringValue: value };
}

/** AWS's SNS examples pass the max price as a `Number` attribute (its value is still a string). */
function numberAttribute(value: string): MessageAttributeValue {
  return { DataType: "Number", StringValue: value };
}

/** The Publish call for a checked request: always Transactional, optional attributes when set. */
export function publishInput(recipient: string, text: string, settings: SenderSettings): PublishCommandInput {
  const attributes: Record<string, MessageAttributeValue> = {
    "AWS.SNS.SMS.SMSType": stringAttribute("Transactional"),
  };
  if (settings.senderId !== undefined) attributes["AWS.SNS.SMS.SenderID"] = stringAttribute(settings.senderId);
  if (settings.originationNumber !== undefined) {
    attributes["AWS.MM.SMS.OriginationNumber"] = stringAttribute(settings.originationNumber);
  }
  if (settings.maxPriceUsd !== undefined) attributes["AWS.SNS.SMS.MaxPrice"] = numberAttribute(settings.maxPriceUsd);
  return { PhoneNumber: recipient, Message: text, MessageAttributes: attributes };
}

interface SdkErrorShape {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  $metadata?: { httpStatusCode?: number; attempts?: number };
}

/** SNS error messages can quote the number: keep phone-number-like digit runs out of anything we rethrow or log. */
function scrubbed(message: unknown): string {
  return scrubPhoneNumbers(typeof message === "string" ? message : "").slice(0, 200);
}

/**
 * Error codes of a connection that never reached SNS (no DNS answer, nothing listening, TLS not
 * trusted): the SMS was certainly not sent. ECONNRESET/EPIPE are left out: the request may have arrived.
 */
const UNREACHABLE_CODES =
  /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|EADDRNOTAVAIL|EPROTO|CERT_\w+|UNABLE_TO_\w+|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|ERR_TLS_\w+|ERR_SSL_\w+|HOSTNAME_MISMATCH)$/;

/** Where the SDK was sending, for an operator: SNS_ENDPOINT's origin, or the region's public endpoint. */
function snsTarget(settings: Pick<SenderSettings, "region" | "endpoint">): string {
  if (settings.endpoint === undefined) return `the public SNS endpoint of AWS_REGION ${settings.region}`;
  return `SNS_ENDPOINT ${new URL(settings.endpoint).origin}`;
}

async function publishWithinDeadline(
  client: SNSClient,
  input: PublishCommandInput,
  settings: SenderSettings,
  startedAt: number,
): Promise<{ messageId: string; attempts: number }> {
  const attempts: PublishAttempts = { count: 0, expired: false };
  try {
    const remainingMs = SEND_DEADLINE_MS - (performance.now() - startedAt);
    const output = await publishBefore(client, new PublishCommand(input), remainingMs, attempts);
    if (typeof output.MessageId !== "string" || output.MessageId === "") {
      throw Object.assign(new Error("SNS answered without a MessageId"), { name: "MissingMessageId" });
    }
    return { messageId: output.MessageId, attempts: output.$metadata.attempts ?? Math.max(attempts.count, 1) };
  } catch (error) {
    throw toDeliveryError(error, Math.max(attempts.count, 1), settings, startedAt);
  }
}

function toDeliveryError(error: unknown, attemptsSeen: number, settings: SenderSettings, startedAt: number): SmsDeliveryError {
  const sdk = (typeof error === "object" && error !== null ? error : {}) as SdkErrorShape;
  const name = typeof sdk.name === "string" ? sdk.name : "Error";
  const errorClass = typeof sdk.code === "string" && name === "Error" ? sdk.code : name;
  const timedOut = name === "DeadlineExceeded" || name === "AbortError" || name === "TimeoutError";
  const attempts = sdk.$metadata?.attempts ?? attemptsSeen;
  const httpStatus = sdk.$metadata?.httpStatusCode;
  const unreachable = !timedOut && httpStatus === undefined && UNREACHABLE_CODES.test(errorClass);
  const reason: DeliveryFailureReason = timedOut ? "timeout" : unreachable ? "unreachable" : "sns-error";
  const elapsedMs = Math.round(performance.now() - startedAt);
  let message: string;
  if (timedOut) {
    message = `SNS did not accept the SMS in time (${errorClass} after ${attempts} attempt(s), ${elapsedMs} ms; deadline ${SEND_DEADLINE_MS} ms)`;
  } else if (unreachable) {
    message =
      `SNS was unreachable at ${snsTarget(settings)}: ${errorClass} after ${attempts} attempt(s), nothing was sent; ` +
      `check SNS_ENDPOINT/AWS_REGION and the network (DNS, firewall, TLS trust): ${scrubbed(sdk.message)}`;
  } else {
    message = `SNS refused the SMS: ${errorClass}${httpStatus === undefined ? "" : ` (HTTP ${httpStatus})`} after ${attempts} attempt(s): ${scrubbed(sdk.message)}`;
  }
  return new SmsDeliveryError({ reason, errorClass, httpStatus, attempts, elapsedMs }, message);
}

/** Sends one SMS, or throws SendRefusedError (nothing sent) / SmsDeliveryError (SNS did not take it). */
export async function sendSms(request: SmsRequest): Promise<SmsSent> {
  const startedAt = performance.now();
  const to = maskPhoneNumber(request.recipient);
  let country: string | undefined;
  try {
    const checked = checkRequest(request);
    // The phone metadata is loaded only when an allow-list needs it.
    if (checked.settings.allowedCountries !== undefined) country = countryOfNumber(checked.recipient.e164);
    checkCountry(country, checked);
    const client = snsClientFor(checked.settings);
    const input = publishInput(checked.recipient.e164, checked.text, checked.settings);
    const { messageId, attempts } = await publishWithinDeadline(client, input, checked.settings, startedAt);
    const elapsedMs = Math.round(performance.now() - startedAt);
    const { segments, encoding } = segmentSms(checked.text);
    logSendOutcome({ outcome: "sent", trigger: request.trigger, to, country, messageId, segments, encoding, attempts, ms: elapsedMs });
    return { messageId, to, country, attempts, elapsedMs };
  } catch (error) {
    const ms = Math.round(performance.now() - startedAt);
    if (error instanceof SendRefusedError) {
      logSendOutcome({ outcome: "refused", trigger: request.trigger, to, country, reason: error.reason, error: error.name, attempts: 0, ms });
    } else if (error instanceof SmsDeliveryError) {
      logSendOutcome({
        outcome: "failed",
        trigger: request.trigger,
        to,
        country,
        reason: error.reason,
        error: error.errorClass,
        http: error.httpStatus,
        attempts: error.attempts,
        ms,
      });
    } else {
      const name = error instanceof Error ? error.name : "UnexpectedError";
      logSendOutcome({ outcome: "failed", trigger: request.trigger, to, country, reason: "unexpected", error: name, attempts: 0, ms });
    }
    throw error;
  }
}
