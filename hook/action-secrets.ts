/**
 * The Action's secrets (`event.secrets`): their names, and the pure reader that turns them into the
 * sender's settings or refuses with an Error naming the secret (never its value).
 */
import { describeInvalidCountries, parseAllowedCountries } from "./allowed-countries";
import { parseE164 } from "./phone-number";
import { SendRefusedError } from "./send-errors";

export const REQUIRED_SECRET_NAMES = ["AWS_REGION", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"] as const;
export type RequiredSecretName = (typeof REQUIRED_SECRET_NAMES)[number];
export type OptionalSecretName = "SNS_ENDPOINT" | "ALLOWED_COUNTRIES" | "SMS_SENDER_ID" | "SMS_ORIGINATION_NUMBER" | "SMS_MAX_PRICE_USD";
export type ActionSecretName = RequiredSecretName | OptionalSecretName;
/** What the Action receives as `event.secrets` (Auth0 may add others; they are ignored). */
export type ActionSecrets = Record<RequiredSecretName, string> & Partial<Record<OptionalSecretName, string>>;

export interface SenderSettings {
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** SNS-compatible endpoint URL (emulators, tests); undefined = the region's SNS endpoint. */
  endpoint: string | undefined;
  /** Destination countries allowed; undefined = no restriction. */
  allowedCountries: readonly string[] | undefined;
  senderId: string | undefined;
  originationNumber: string | undefined;
  /** Decimal string, as SNS expects it (e.g. `0.50`). */
  maxPriceUsd: string | undefined;
}

/** AWS region names: `us-east-1`, `eu-central-2`, `us-gov-west-1`, `cn-north-1`, `ap-southeast-5`... */
const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
/** SNS sender IDs: 3-11 letters and digits, at least one letter, no spaces (SNS developer guide). */
const SENDER_ID = /^(?=.*[A-Za-z])[A-Za-z0-9]{3,11}$/;
const PRICE = /^\d{1,5}(\.\d{1,5})?$/;
/** IAM's AccessKeyId: `[\w]+`, 16 to 128 characters (IAM API reference, AccessKey data type). */
const ACCESS_KEY_ID = /^[A-Za-z0-9_]{16,128}$/;
const PRINTABLE_ASCII = /^[\x21-\x7e]+$/;

function invalid(name: ActionSecretName, problem: string): SendRefusedError {
  return new SendRefusedError("invalid-secret", `Action secret ${name} ${problem}`);
}

function readRequired(secrets: Record<string, unknown>, name: RequiredSecretName): string {
  const value = secrets[name];
  if (value === undefined || value === null) return missing(name);
  if (typeof value !== "string") throw invalid(name, "is not a string");
  if (value.trim() === "") return missing(name);
  if (value !== value.trim()) throw invalid(name, "has leading or trailing whitespace (pasted with a newline?)");
  return value;
}

function missing(name: RequiredSecretName): never {
  throw new SendRefusedError("missing-secret", `Action secret ${name} is missing or empty`);
}

/** An optional secret's trimmed value; undefined when absent or blank. */
function readOptional(secrets: Record<string, unknown>, name: OptionalSecretName): string | undefined {
  const value = secrets[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw invalid(name, "is not a string");
  const trimmed = value.trim();
  return trimmed === "" ? undefined : trimmed;
}

function readEndpoint(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalid("SNS_ENDPOINT", "is not a URL (expected e.g. https://sns.us-east-1.amazonaws.com)");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw invalid("SNS_ENDPOINT", "must be an http:// or https:// URL");
  }
  if (url.username !== "" || url.password !== "") throw invalid("SNS_ENDPOINT", "must not contain credentials");
  return value;
}

/** The last ALLOWED_COUNTRIES parsed: a warm Action sees the same string on every send. */
let lastAllowedCountries: { raw: string; countries: readonly string[] } | undefined;

function readAllowedCountries(value: string | undefined): readonly string[] | undefined {
  if (value === undefined) return undefined;
  // Stryker disable next-line ConditionalExpression: a cache; parsing again gives the same list.
  if (lastAllowedCountries?.raw === value) return lastAllowedCountries.countries;
  const parsed = parseAllowedCountries(value);
  if (parsed.invalid.length > 0) {
    throw invalid(
      "ALLOWED_COUNTRIES",
      `has entries that are not ISO 3166 alpha-2 country codes: ${describeInvalidCountries(parsed.invalid)}`,
    );
  }
  if (parsed.countries.length === 0) throw invalid("ALLOWED_COUNTRIES", "lists no country");
  // Stryker disable next-line ObjectLiteral: a cache; parsing again gives the same list.
  lastAllowedCountries = { raw: value, countries: parsed.countries };
  return parsed.countries;
}

function readMaxPrice(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!PRICE.test(value) || Number(value) <= 0) {
    throw invalid("SMS_MAX_PRICE_USD", "is not a positive decimal amount of US dollars (e.g. 0.50)");
  }
  return value;
}

/** Reads and validates `event.secrets`; throws SendRefusedError naming the first bad secret. */
export function readSenderSettings(secrets: unknown): SenderSettings {
  const bag = typeof secrets === "object" && secrets !== null ? (secrets as Record<string, unknown>) : {};
  const region = readRequired(bag, "AWS_REGION");
  if (!REGION.test(region)) throw invalid("AWS_REGION", "is not an AWS region name (e.g. us-east-1)");
  const accessKeyId = readRequired(bag, "AWS_ACCESS_KEY_ID");
  if (/\s/.test(accessKeyId)) throw invalid("AWS_ACCESS_KEY_ID", "contains whitespace");
  // It travels in the Authorization header, which takes no other characters: the SDK would fail
  // before sending ("Invalid character in header content").
  if (!ACCESS_KEY_ID.test(accessKeyId))
    throw invalid("AWS_ACCESS_KEY_ID", "is not an AWS access key id (16-128 ASCII letters and digits, e.g. AKIA...)");
  const secretAccessKey = readRequired(bag, "AWS_SECRET_ACCESS_KEY");
  if (/\s/.test(secretAccessKey)) throw invalid("AWS_SECRET_ACCESS_KEY", "contains whitespace");
  if (!PRINTABLE_ASCII.test(secretAccessKey))
    throw invalid("AWS_SECRET_ACCESS_KEY", "has characters an AWS secret access key never has (non-ASCII)");

  const senderId = readOptional(bag, "SMS_SENDER_ID");
  // Stryker disable next-line ConditionalExpression: SENDER_ID.test(undefined) tests "undefined", which it accepts.
  if (senderId !== undefined && !SENDER_ID.test(senderId)) {
    throw invalid("SMS_SENDER_ID", "must be 3-11 letters or digits with at least one letter");
  }
  const originationNumber = readOptional(bag, "SMS_ORIGINATION_NUMBER");
  if (originationNumber !== undefined && parseE164(originationNumber) === undefined) {
    throw invalid("SMS_ORIGINATION_NUMBER", "is not an E.164 phone number (e.g. +12065550100)");
  }
  return {
    region,
    accessKeyId,
    secretAccessKey,
    endpoint: readEndpoint(readOptional(bag, "SNS_ENDPOINT")),
    allowedCountries: readAllowedCountries(readOptional(bag, "ALLOWED_COUNTRIES")),
    senderId,
    originationNumber,
    maxPriceUsd: readMaxPrice(readOptional(bag, "SMS_MAX_PRICE_USD")),
  };
}
