/**
 * What happened to one test send, in an operator's words: the precise reason, and the next step.
 * Works on what the built Action throws (matched by `name` and `reason`, since the Action's classes are
 * bundled into its own code) and on the SNS error class the sender reports (`errorClass`).
 */

export type OutcomeReason =
  | "sent"
  | "not-e164"
  | "invalid-number"
  | "country-not-allowed"
  | "country-unknown"
  | "country-none"
  | "invalid-text"
  | "sandbox"
  | "opted-out"
  | "credentials-rejected"
  | "not-authorized"
  | "invalid-parameter"
  | "throttled"
  | "timeout"
  | "unreachable"
  | "connection-lost"
  | "sns-unavailable"
  | "bad-configuration"
  | "sns-error"
  | "unexpected";

export interface SendOutcome {
  ok: boolean;
  reason: OutcomeReason;
  /** One line: what happened. */
  summary: string;
  /** What to do about it. */
  next: string;
  /** The sender's own error message (never holds a secret, a code, the text or the whole number). */
  detail?: string;
}

export const OUTCOME_GUIDE: Readonly<Record<OutcomeReason, { summary: string; next: string }>> = {
  sent: {
    summary: "SNS accepted the SMS",
    next:
      "Check the phone. SNS reports delivery to the handset separately: if nothing arrives, look at the SNS delivery status logs " +
      "(CloudWatch Logs sns/<region>/<account>/DirectPublishToPhoneNumber/Failure) for carrier, opt-out or sandbox failures.",
  },
  "not-e164": {
    summary: "The sender refused the number: it is not E.164",
    next: "Write it as +, country code and number, without spaces or punctuation (e.g. +14155550123).",
  },
  "invalid-number": {
    summary: "SNS rejected the phone number",
    next: "Check that it is a real mobile number in E.164 and that SNS can text that country from this region.",
  },
  "country-not-allowed": {
    summary: "The sender refused the number: its country is not in allowedCountries (nothing was sent)",
    next: "Test with a number of an allowed country, or add the country to the stack's allowedCountries and run pulumi up.",
  },
  "country-unknown": {
    summary: "The sender refused the number: its country cannot be told and allowedCountries is set (nothing was sent)",
    next: "Check the number; numbers of unassigned ranges are refused while an allow-list is set.",
  },
  "country-none": {
    summary:
      "The sender refused the number: its calling code belongs to no country (satellite, international network, premium rate; nothing was sent)",
    next: "Test with a number of a country: such numbers are always refused (docs/sender.md).",
  },
  "invalid-text": {
    summary: "The sender refused the message text: it cannot be encoded (nothing was sent)",
    next: "Check the Auth0 phone message template for a broken character (a lone UTF-16 surrogate).",
  },
  sandbox: {
    summary: "The AWS account is in the SMS sandbox and this number is not a verified destination",
    next:
      "Verify the number (SNS console > Text messaging (SMS) > Sandbox destination phone numbers), " +
      "or ask AWS to move the account out of the sandbox before going live.",
  },
  "opted-out": {
    summary: "The number has opted out of SMS from this AWS account (it replied STOP)",
    next:
      "The phone's owner must opt back in: `aws sns opt-in-phone-number --phone-number <E.164>` (allowed once every 30 days); " +
      "`aws sns check-if-phone-number-is-opted-out` tells.",
  },
  "credentials-rejected": {
    summary: "AWS rejected the access key",
    next:
      "The key was deleted or rotated, or the secret is wrong. With Pulumi: run `pulumi up` (a rotation may be half-done) and retry; " +
      "with environment variables: check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY belong together.",
  },
  "not-authorized": {
    summary: "The IAM user may not publish SMS here",
    next:
      "Check that AWS_REGION is the stack's region (the sender policy allows only that region) and that the user's policy " +
      "publish-sms-to-phone-numbers-only is attached (pulumi up restores it); an SCP or permission boundary may also deny sns:Publish.",
  },
  "invalid-parameter": {
    summary: "SNS rejected a message setting",
    next: "Check the stack's senderId, originationNumber and maxPriceUsd against what SNS supports for that country.",
  },
  throttled: {
    summary: "SNS throttled the request (after the sender's retries)",
    next: "Wait and retry; if it persists, check the account's SMS quotas and monthly spend limit in the SNS console.",
  },
  timeout: {
    summary: "SNS did not answer within the sender's deadline",
    next: "Check network access to the SNS endpoint of the region (or --endpoint), and that the region exists.",
  },
  unreachable: {
    summary: "The SNS endpoint could not be reached (no connection)",
    next: "Check the region (AWS_REGION / the stack's aws:region), the --endpoint URL if given, DNS, proxy and firewall.",
  },
  "connection-lost": {
    summary: "The connection to SNS failed after the request was sent: SNS may have taken the SMS (it is not sent again)",
    next: "Check the phone before sending again; check the network path to SNS if it repeats.",
  },
  "sns-unavailable": {
    summary: "SNS answered with a server error (after the sender's retries)",
    next: "Retry later; check the AWS Health Dashboard for SNS in this region.",
  },
  "bad-configuration": {
    summary: "The sender refused its configuration (nothing was sent)",
    next: "Fix the secret or variable named above: with Pulumi run `pulumi up`; otherwise set the AWS_* environment variable.",
  },
  "sns-error": {
    summary: "SNS refused the SMS",
    next: "See the SNS error above and the SNS Publish API reference for it.",
  },
  unexpected: {
    summary: "The Action failed unexpectedly",
    next: "Run the tests (npm test) and report the error above.",
  },
};

const CREDENTIAL_ERRORS = new Set([
  "InvalidClientTokenId",
  "UnrecognizedClientException",
  "SignatureDoesNotMatch",
  "IncompleteSignature",
  "InvalidAccessKeyId",
  "ExpiredToken",
  "ExpiredTokenException",
  "InvalidSecurityException",
  "InvalidSecurity",
  "MissingAuthenticationToken",
]);
const AUTHORIZATION_ERRORS = new Set(["AuthorizationErrorException", "AuthorizationError", "AccessDenied", "AccessDeniedException"]);
const OPTED_OUT_ERRORS = new Set(["OptedOutException", "OptedOut"]);
const PARAMETER_ERRORS = new Set([
  "InvalidParameterException",
  "InvalidParameter",
  "InvalidParameterValueException",
  "InvalidParameterValue",
  "ValidationException",
]);
const THROTTLING_ERRORS = new Set(["ThrottledException", "Throttled", "Throttling", "ThrottlingException", "TooManyRequestsException"]);
const NETWORK_ERRORS =
  /^(ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|EPIPE|ETIMEDOUT|EPROTO|CERT_\w+|UNABLE_TO_\w+|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|ERR_TLS_\w+)$/;
const SERVER_ERRORS = new Set([
  "InternalErrorException",
  "InternalError",
  "InternalFailure",
  "ServiceUnavailable",
  "ServiceUnavailableException",
]);

interface ThrownShape {
  name?: unknown;
  reason?: unknown;
  errorClass?: unknown;
  httpStatus?: unknown;
  message?: unknown;
}

function outcome(reason: OutcomeReason, detail: string | undefined): SendOutcome {
  const guide = OUTCOME_GUIDE[reason];
  return { ok: reason === "sent", reason, summary: guide.summary, next: guide.next, ...(detail === undefined ? {} : { detail }) };
}

export function sentOutcome(): SendOutcome {
  return outcome("sent", undefined);
}

function refusalReason(reason: unknown): OutcomeReason {
  switch (reason) {
    case "invalid-recipient":
      return "not-e164";
    case "country-not-allowed":
      return "country-not-allowed";
    case "country-unknown":
      return "country-unknown";
    case "country-none":
      return "country-none";
    case "invalid-text":
      return "invalid-text";
    case "missing-secret":
    case "invalid-secret":
      return "bad-configuration";
    default:
      return "unexpected";
  }
}

function snsReason(errorClass: string, httpStatus: number | undefined, message: string): OutcomeReason {
  if (/sandbox|not verified|unverified/i.test(message)) return "sandbox";
  if (OPTED_OUT_ERRORS.has(errorClass) || /opted[ -]?out/i.test(message)) return "opted-out";
  if (CREDENTIAL_ERRORS.has(errorClass)) return "credentials-rejected";
  if (AUTHORIZATION_ERRORS.has(errorClass)) return "not-authorized";
  if (PARAMETER_ERRORS.has(errorClass)) return /phone ?number/i.test(message) ? "invalid-number" : "invalid-parameter";
  if (THROTTLING_ERRORS.has(errorClass)) return "throttled";
  if (NETWORK_ERRORS.test(errorClass)) return "unreachable";
  if (SERVER_ERRORS.has(errorClass) || (httpStatus !== undefined && httpStatus >= 500)) return "sns-unavailable";
  return "sns-error";
}

/** Classifies what the Action threw. */
export function failureOutcome(thrown: unknown): SendOutcome {
  const error = (typeof thrown === "object" && thrown !== null ? thrown : {}) as ThrownShape;
  const message = typeof error.message === "string" ? error.message : String(thrown);
  if (error.name === "SendRefusedError") return outcome(refusalReason(error.reason), message);
  if (error.name === "SmsDeliveryError") {
    if (error.reason === "timeout") return outcome("timeout", message);
    if (error.reason === "connection-lost") return outcome("connection-lost", message);
    if (error.reason === "unreachable") return outcome("unreachable", message);
    const errorClass = typeof error.errorClass === "string" ? error.errorClass : "";
    const httpStatus = typeof error.httpStatus === "number" ? error.httpStatus : undefined;
    return outcome(snsReason(errorClass, httpStatus, message), message);
  }
  const scrubbed = message.replace(/\+?\d[\d\s().-]{4,}\d/g, "[number]").slice(0, 300);
  return outcome("unexpected", `${typeof error.name === "string" ? error.name : "Error"}: ${scrubbed}`);
}
