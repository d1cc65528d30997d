/**
 * The shared core of both Actions: validate one SMS request, publish it through SNS within a total
 * deadline, log one line about the outcome, and throw on anything but success (each Action tells Auth0
 * in its own way). Bad input or configuration is refused before anything is sent. A message SNS may
 * have taken is never sent again (publish-retry.ts).
 */
import { PublishCommand, type MessageAttributeValue, type PublishCommandInput, type SNSClient } from "@aws-sdk/client-sns";
import { readSenderSettings, type SenderSettings } from "./action-secrets";
import { isNonGeographicCallingCode } from "./calling-codes";
import { countryOfNumber } from "./country-of-number";
import { maskPhoneNumber, parseE164, type E164Number } from "./phone-number";
import { SendRefusedError, SmsDeliveryError, type DeliveryFailureReason } from "./send-errors";
import { failedAttemptOf, mayHaveBeenTaken, publishBefore, type PublishAttempts } from "./publish-deadline";
import { isThrottling } from "./publish-retry";
import { logSendOutcome } from "./send-log";
import { scrubPhoneNumbers } from "./scrub-numbers";
import { segmentSms } from "./sms-segments";
import { leaseSnsClient } from "./sns-client";

/** Total time a send may take, from the handler's start, retries included; Auth0 kills an Action at 20 s. */
export const SEND_DEADLINE_MS = 4_500;

export interface SmsRequest {
  /** Which Action asks (only for the log line). */
  trigger: string;
  /** Where the text comes from in the event, for refusals (`event.message_options.text`...). */
  textField?: string;
  recipient: unknown;
  text: unknown;
  /** True when Auth0 asks for a voice call, which SNS cannot make. */
  voice: boolean;
  secrets: unknown;
}

export interface SmsSent {
  /**
   * SNS's MessageId; undefined when SNS answered with success (it took the message) but its answer
   * could not be read or held no MessageId.
   */
  messageId: string | undefined;
  /** Masked recipient, as logged. */
  to: string;
  country: string | undefined;
  attempts: number;
  elapsedMs: number;
}

/** A high surrogate not followed by a low one, or a low surrogate not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

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
  if (LONE_SURROGATE.test(request.text)) {
    // The SDK's form encoding (encodeURIComponent) throws a URIError on it: nothing could be sent.
    throw new SendRefusedError(
      "invalid-text",
      `The message text (${request.textField ?? "text"}) holds a lone UTF-16 surrogate, which cannot be encoded: check the Auth0 message template`,
    );
  }
  return { recipient, text: request.text, settings: readSenderSettings(request.secrets) };
}

/**
 * Refuses, whatever ALLOWED_COUNTRIES says, a number of a calling code that belongs to no country
 * (+800 freephone, +808, +870 Inmarsat, +878, +881 satellite, +882/+883 international networks,
 * +888, +979 international premium rate): the targets of SMS pumping, never a user's phone. Needs no
 * phone metadata (calling-codes.ts).
 */
function checkNonGeographic(recipient: E164Number): void {
  if (isNonGeographicCallingCode(recipient.callingCode)) {
    throw new SendRefusedError(
      "country-none",
      `Recipient ${maskPhoneNumber(recipient.e164)} has the non-geographic calling code +${recipient.callingCode} (satellite, international network or premium rate): it belongs to no country and is never sent to`,
    );
  }
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

/** What a Publish gave: SNS's MessageId, or none when its success answer could not be read. */
interface Published {
  messageId: string | undefined;
  attempts: number;
}

function httpStatusOf(error: unknown): number | undefined {
  const sdk = (typeof error === "object" && error !== null ? error : {}) as SdkErrorShape;
  return sdk.$metadata?.httpStatusCode;
}

async function publishWithinDeadline(
  client: SNSClient,
  input: PublishCommandInput,
  settings: SenderSettings,
  startedAt: number,
  settled: () => void,
): Promise<Published> {
  const attempts: PublishAttempts = { count: 0, expired: false };
  const command = new PublishCommand(input);
  try {
    const remainingMs = SEND_DEADLINE_MS - (performance.now() - startedAt);
    const output = await publishBefore(client, command, remainingMs, attempts, settled);
    const messageId = typeof output.MessageId === "string" && output.MessageId !== "" ? output.MessageId : undefined;
    return { messageId, attempts: output.$metadata.attempts ?? Math.max(attempts.count, 1) };
  } catch (error) {
    const status = httpStatusOf(error);
    if (status !== undefined && status >= 200 && status < 300) {
      // SNS answered with success, then its body could not be read (connection reset, bad XML): it
      // took the message. Sent, without a MessageId; never sent again.
      const sdk = error as SdkErrorShape;
      // Stryker disable next-line OptionalChaining: the status just read came from $metadata.
      return { messageId: undefined, attempts: sdk.$metadata?.attempts ?? Math.max(attempts.count, 1) };
    }
    throw toDeliveryError(error, attempts, settings, startedAt);
  }
}

/** Node's system error codes (`ECONNRESET`, `EPIPE`, `ETIMEDOUT`...): the connection failed. */
const SYSTEM_ERROR_CODE = /^E[A-Z]+$/;

function toDeliveryError(error: unknown, send: PublishAttempts, settings: SenderSettings, startedAt: number): SmsDeliveryError {
  const sdk = (typeof error === "object" && error !== null ? error : {}) as SdkErrorShape;
  const name = typeof sdk.name === "string" ? sdk.name : "Error";
  const code = typeof sdk.code === "string" ? sdk.code : undefined;
  // The SDK's HTTP handler renames ECONNRESET/EPIPE errors "TimeoutError": the code tells what happened.
  const connectionError = code !== undefined && SYSTEM_ERROR_CODE.test(code) && code !== "ETIMEDOUT";
  const errorClass = code !== undefined && (name === "Error" || connectionError) ? code : name;
  const attempts = sdk.$metadata?.attempts ?? Math.max(send.count, 1);
  const httpStatus = sdk.$metadata?.httpStatusCode;
  const attempt = failedAttemptOf(error);
  const neverReached = attempt !== undefined && !attempt.mayHaveReachedSns;
  const sentSomething = mayHaveBeenTaken(send);
  const elapsedMs = Math.round(performance.now() - startedAt);
  let reason: DeliveryFailureReason;
  if (httpStatus !== undefined) reason = isThrottling(error) ? "throttled" : "sns-error";
  else if (neverReached || (code !== undefined && UNREACHABLE_CODES.test(code))) reason = "unreachable";
  else if (connectionError) reason = "connection-lost";
  else if (name === "DeadlineExceeded" || name === "AbortError" || name === "TimeoutError") reason = "timeout";
  else reason = "unexpected";
  const mayBeDelivered = "SNS may have taken the SMS: it is not sent again";
  let message: string;
  switch (reason) {
    case "throttled":
      message = `SNS throttled the SMS: ${errorClass} (HTTP ${httpStatus ?? "?"}) after ${attempts} attempt(s), no retry fits the ${SEND_DEADLINE_MS} ms deadline: nothing was sent; raise the account's SNS SMS rate quota or wait`;
      break;
    case "sns-error":
      message = `SNS refused the SMS: ${errorClass} (HTTP ${httpStatus ?? "?"}) after ${attempts} attempt(s): ${scrubbed(sdk.message)}`;
      break;
    case "unreachable":
      message =
        `SNS was unreachable at ${snsTarget(settings)}: ${errorClass} after ${attempts} attempt(s), ${sentSomething ? "an earlier attempt may have reached it" : "nothing was sent"}; ` +
        `check SNS_ENDPOINT/AWS_REGION and the network (DNS, firewall, TLS trust): ${scrubbed(sdk.message)}`;
      break;
    case "timeout":
      message = `SNS did not answer in time (${errorClass} after ${attempts} attempt(s), ${elapsedMs} ms; deadline ${SEND_DEADLINE_MS} ms)${sentSomething ? `: ${mayBeDelivered}` : ""}`;
      break;
    case "connection-lost":
      message = `The connection to SNS failed after the request was sent (${errorClass} after ${attempts} attempt(s)): ${mayBeDelivered}`;
      break;
    default:
      message = `The sender failed before SNS answered: ${errorClass}: ${scrubbed(sdk.message)}`;
  }
  return new SmsDeliveryError(
    { reason, errorClass, httpStatus, attempts, elapsedMs, mayHaveBeenSent: sentSomething && httpStatus === undefined },
    message,
  );
}

/** Sends one SMS, or throws SendRefusedError (nothing sent) / SmsDeliveryError (SNS did not confirm it). */
export async function sendSms(request: SmsRequest): Promise<SmsSent> {
  const startedAt = performance.now();
  const to = maskPhoneNumber(request.recipient);
  let country: string | undefined;
  try {
    const checked = checkRequest(request);
    checkNonGeographic(checked.recipient);
    // The phone metadata is loaded only when an allow-list needs it.
    if (checked.settings.allowedCountries !== undefined) country = countryOfNumber(checked.recipient.e164);
    checkCountry(country, checked);
    const input = publishInput(checked.recipient.e164, checked.text, checked.settings);
    // The lease keeps this client open until the SDK's send has settled, even if the secrets change
    // meanwhile (a key rotation): the send finishes on the client it started on.
    const lease = leaseSnsClient(checked.settings);
    const { messageId, attempts } = await publishWithinDeadline(lease.client, input, checked.settings, startedAt, lease.release);
    const elapsedMs = Math.round(performance.now() - startedAt);
    const { segments, encoding } = segmentSms(checked.text);
    const reason = messageId === undefined ? "no-message-id" : undefined;
    logSendOutcome({
      outcome: "sent",
      trigger: request.trigger,
      to,
      country,
      messageId,
      reason,
      segments,
      encoding,
      attempts,
      ms: elapsedMs,
    });
    return { messageId, to, country, attempts, elapsedMs };
  } catch (error) {
    const ms = Math.round(performance.now() - startedAt);
    if (error instanceof SendRefusedError) {
      logSendOutcome({
        outcome: "refused",
        trigger: request.trigger,
        to,
        country,
        reason: error.reason,
        error: error.name,
        attempts: 0,
        ms,
      });
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
