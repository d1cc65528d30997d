/**
 * One AWS call of a check, and what its failure means to the operator: not allowed, API not there,
 * endpoint not reached, credentials refused, or another error. A check that cannot run becomes a
 * `warn` that says why; refused credentials are reported once (aws.caller-identity) and stop the rest.
 */
import { scrubPhoneNumbers } from "../../hook/scrub-numbers";
import type { DoctorCheck } from "./doctor-check";

export type CallProblemKind = "denied" | "unavailable" | "unreachable" | "credentials" | "other";

export interface CallProblem {
  kind: CallProblemKind;
  /** `service:Action`, as an IAM policy names it. */
  action: string;
  /** The SDK error's name (e.g. "NoSuchEntityException"). */
  name: string;
  /** One sentence for the operator; no phone number. */
  text: string;
}

export type CallResult<T> = { ok: true; value: T } | { ok: false; problem: CallProblem };

const DENIED = new Set(["AccessDenied", "AccessDeniedException", "AuthorizationError", "UnauthorizedOperation", "UnauthorizedException"]);
const UNAVAILABLE = new Set(["UnknownOperationException", "InvalidAction", "UnsupportedOperation", "UnsupportedOperationException"]);
const CREDENTIALS = new Set([
  "CredentialsProviderError",
  "InvalidClientTokenId",
  "SignatureDoesNotMatch",
  "ExpiredToken",
  "ExpiredTokenException",
  "UnrecognizedClientException",
  "InvalidSignatureException",
  "IncompleteSignature",
  "MissingAuthenticationToken",
]);
const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ETIMEDOUT",
  "ECONNRESET",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EPIPE",
]);

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : "Error";
}

function errorMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return scrubPhoneNumbers(text.replace(/\s+/g, " ").trim()).slice(0, 200);
}

/** What went wrong with `action` (e.g. "sns:GetSMSAttributes"), in the operator's terms. */
export function describeCallError(action: string, error: unknown): CallProblem {
  const name = errorName(error);
  const code = errorCode(error);
  if (DENIED.has(name))
    return {
      kind: "denied",
      action,
      name,
      text: `${action} was denied (${name}): the doctor's credentials lack this read-only permission`,
    };
  if (name === "CredentialsProviderError")
    return { kind: "credentials", action, name, text: `no AWS credentials were found (${errorMessage(error)})` };
  if (CREDENTIALS.has(name))
    return { kind: "credentials", action, name, text: `AWS refused the credentials (${name}: ${errorMessage(error)})` };
  if (UNAVAILABLE.has(name)) return { kind: "unavailable", action, name, text: `${action} is not available here (${name})` };
  if (/^Throttl/.test(name))
    return {
      kind: "other",
      action,
      name,
      text: `${action} was throttled (${name}): AWS limits these reads to a few per second; run the doctor again`,
    };
  if (errorMessage(error).includes("Deserialization error")) {
    const status = (error as { $response?: { statusCode?: unknown } }).$response?.statusCode;
    return {
      kind: "unavailable",
      action,
      name,
      text: `${action} got an answer that is not the API's${typeof status === "number" ? ` (HTTP ${status})` : ""}: the API may not be offered in this region, or AWS_ENDPOINT_URL* or a proxy points elsewhere`,
    };
  }
  if ((code !== undefined && NETWORK_CODES.has(code)) || name === "TimeoutError" || name === "RequestTimeout") {
    return {
      kind: "unreachable",
      action,
      name,
      text: `the ${action.split(":")[0] ?? ""} API could not be reached (${code ?? name}): check the region, the network, or AWS_ENDPOINT_URL*`,
    };
  }
  return { kind: "other", action, name, text: `${action} failed (${name}: ${errorMessage(error)})` };
}

export async function callAws<T>(action: string, call: () => Promise<T>): Promise<CallResult<T>> {
  try {
    return { ok: true, value: await call() };
  } catch (error) {
    return { ok: false, problem: describeCallError(action, error) };
  }
}

/** A check that could not run: `warn`, naming the call and what to do. */
export function notRunCheck(id: string, problem: CallProblem, what: string): DoctorCheck {
  const next =
    problem.kind === "denied"
      ? `Allow ${problem.action} to the role or user running the doctor (docs/doctor.md lists every read-only action), then run it again.`
      : problem.kind === "unavailable" || problem.kind === "unreachable"
        ? `Check ${what} by hand in the AWS console for this region, or run the doctor where the API is reachable.`
        : `Check ${what} by hand in the AWS console, or run the doctor again.`;
  return { id, status: "warn", reason: `Could not check ${what}: ${problem.text}.`, next };
}
