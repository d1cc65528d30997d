/**
 * Turns a stack's raw configuration (the strings Pulumi hands the program) into a StackConfig, or
 * throws one StackConfigError listing every problem, one per line, each starting with the key.
 * Pure: no Pulumi, no I/O. Values the Action also reads (region, countries, sender ID, origination
 * number, max price) are judged by the sender's own rules, so a deploy never ships a setting every
 * SMS would then refuse.
 */
import { readSenderSettings, type ActionSecretName } from "../../hook/action-secrets";
import { describeInvalidCountries, parseAllowedCountries } from "../../hook/allowed-countries";
import { SendRefusedError } from "../../hook/send-errors";
import { iamNameProblems } from "../aws/aws-resource-names";
import { CONFIG_KEYS, CONFIG_KEY_NAMES, type ConfigKey } from "./config-keys";
import { parseLocalizedMessages } from "../messages/localized-messages";
import { EVENTBRIDGE_LOG_STREAM_REGIONS } from "../aws/monitoring-definitions";
import { ALLOWED_COUNTRY_STATUSES, type AllowedCountryStatus } from "../aws/protect-configuration-rules";
import { DEFAULT_MESSAGE_TEMPLATES, hasCodePlaceholder } from "../messages/message-templates";
import {
  experienceForTenantFlag,
  PHONE_EXPERIENCE_CHOICES,
  resolvePhoneExperience,
  resolveWithoutTenant,
  type PhoneExperienceChoice,
  type TenantPhoneFlag,
} from "../auth0/phone-experience";
import {
  guardianFactors,
  MFA_POLICIES,
  type LocalizedMessages,
  type MfaPolicy,
  type PhoneExperience,
  type ProtectConfigurationSettings,
  type SmsAlarmSettings,
  type SmsPreferencesSettings,
  type StackConfig,
} from "./stack-config-types";

export interface RawStackConfig {
  stack: string;
  /** The stack's `aws:region`, as set. */
  region: string | undefined;
  /** Every key set in the project's namespace (bare names), values as Pulumi delivers them: strings. */
  values: Readonly<Record<string, string>>;
  /** Keys whose values were stored with `--secret` (bare names, or "aws:region"): never quoted in an error. */
  secretKeys?: readonly string[];
  /** The tenant's flag as read (tenant-settings.ts), an off possibly unconfirmed; absent when not read (an explicit choice then stands). */
  tenant?: { phoneConsolidatedExperience: TenantPhoneFlag; offUnconfirmed?: boolean };
}

/**
 * Text keys whose value the program passes on as it is (to the Action's secrets, the SMS preferences,
 * the alarm subscription): a value it cannot read still reaches them, as the secret it is.
 */
const OPAQUE_TEXT_KEYS: readonly string[] = ["senderId", "originationNumber", "maxPriceUsd", "alarmEmail"];

/** How every placeholder of a secret begins (a `secure:` value, a provider's secret output in the offline plan). */
export const SECRET_PLACEHOLDER_PREFIX = "plan-placeholder-secret-";

/**
 * True for the text the offline plan hands the program instead of a `secure:` value it cannot
 * decrypt (stack-file.ts): a value nobody could read there, so it is not judged.
 */
function isSecretPlaceholder(value: string | undefined): boolean {
  return value !== undefined && value.startsWith(SECRET_PLACEHOLDER_PREFIX);
}

/** What an error shows instead of a value stored as a secret. */
export const HIDDEN_SECRET_VALUE = "[secret value not shown]";

export class StackConfigError extends Error {
  override readonly name = "StackConfigError";
  constructor(readonly problems: readonly string[]) {
    super(`Invalid stack configuration (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n${problems.join("\n")}`);
  }
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Collects problems while reading typed values; a bad value reads as its key's default. */
class ConfigReader {
  readonly problems: string[] = [];
  private readonly secretKeys: ReadonlySet<string>;
  /** Secret keys holding the offline plan's stand-in for a `secure:` value: never judged; passed-on text keeps it, others read as default. */
  readonly unreadableKeys: ReadonlySet<string>;
  constructor(
    private readonly values: Readonly<Record<string, string>>,
    secretKeys: readonly string[] = [],
  ) {
    this.secretKeys = new Set(secretKeys);
    this.unreadableKeys = new Set(secretKeys.filter((key) => isSecretPlaceholder(values[key])));
  }

  /** True when the value cannot be read (see unreadableKeys): nothing may be concluded from it. */
  unreadable(key: string): boolean {
    return this.unreadableKeys.has(key);
  }

  /** The value as set, or undefined when unset or unreadable (the key's default applies). */
  private readable(key: ConfigKey): string | undefined {
    return this.unreadable(key) ? undefined : this.values[key];
  }

  /** Values of `key` as an error may show them: quoted, or not at all when the key is a secret. */
  shown(key: string, values: readonly string[], describe: (values: readonly string[]) => string = (v) => v.map(quote).join(", ")): string {
    return this.secretKeys.has(key) ? HIDDEN_SECRET_VALUE : describe(values);
  }

  problem(key: string, message: string): void {
    this.problems.push(`${key}: ${message}`);
  }

  string(key: ConfigKey): string {
    const value = OPAQUE_TEXT_KEYS.includes(key) ? this.values[key] : this.readable(key);
    return (value ?? String(CONFIG_KEYS[key].default)).trim();
  }

  boolean(key: ConfigKey): boolean {
    const fallback = CONFIG_KEYS[key].default === true;
    const raw = this.readable(key);
    if (raw === undefined) return fallback;
    const text = raw.trim().toLowerCase();
    if (text === "true") return true;
    if (text === "false") return false;
    this.problem(key, `must be true or false (got ${this.shown(key, [raw])})`);
    return fallback;
  }

  integer(key: ConfigKey, { min, max, unit }: { min: number; max?: number; unit?: string }): number {
    const fallback = Number(CONFIG_KEYS[key].default);
    const raw = this.readable(key);
    if (raw === undefined) return fallback;
    const text = raw.trim();
    const value = Number(text);
    const range = max === undefined ? `${min} or more` : `from ${min} to ${max}`;
    if (!/^[+-]?\d+$/.test(text) || !Number.isSafeInteger(value) || value < min || (max !== undefined && value > max)) {
      const whole = unit === undefined ? "integer" : `whole number of ${unit}`;
      const kind = min === 1 && max === undefined ? `a positive ${whole}` : `a ${whole} ${range}`;
      this.problem(key, `must be ${kind} (got ${this.shown(key, [raw])})`);
      return fallback;
    }
    return value;
  }

  /** Arrays arrive as JSON (`["US","CA"]`); a comma-separated string is accepted too. */
  stringArray(key: ConfigKey): string[] {
    const raw = this.readable(key);
    if (raw === undefined) return [...(CONFIG_KEYS[key].default as readonly string[])];
    const text = raw.trim();
    if (text.startsWith("[")) {
      try {
        const parsed: unknown = JSON.parse(text);
        if (Array.isArray(parsed) && parsed.every((item) => typeof item === "string")) return parsed.map((item) => item.trim());
      } catch {
        // reported below
      }
      this.problem(key, 'must be a list of strings, e.g. ["a", "b"]');
      return [];
    }
    return text === "" ? [] : text.split(",").map((item) => item.trim());
  }

  oneOf<T extends string>(key: ConfigKey, allowed: readonly T[]): T {
    const value = this.string(key);
    if ((allowed as readonly string[]).includes(value)) return value as T;
    this.problem(key, `unknown value ${this.shown(key, [value])}; use one of ${allowed.join(", ")}`);
    return CONFIG_KEYS[key].default as T;
  }
}

function quote(value: string): string {
  const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
  return JSON.stringify(shown);
}

/**
 * What the sender would say about one of its secrets holding `value`, without "Action secret NAME"
 * (the caller names its own key); undefined when the sender accepts it.
 */
function senderVerdict(name: ActionSecretName, value: string): string | undefined {
  const probe: Record<string, string> = {
    AWS_REGION: "us-east-1",
    AWS_ACCESS_KEY_ID: "AKIAIOSFODNN7EXAMPLE",
    AWS_SECRET_ACCESS_KEY: "probe",
    [name]: value,
  };
  try {
    readSenderSettings(probe);
    return undefined;
  } catch (error) {
    if (!(error instanceof SendRefusedError)) throw error;
    const prefix = `Action secret ${name} `;
    return error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
  }
}

function readRegion(raw: RawStackConfig, reader: ConfigReader): string {
  const region = raw.region?.trim() ?? "";
  if ((raw.secretKeys ?? []).includes("aws:region") && isSecretPlaceholder(region)) return region;
  if (region === "") {
    reader.problem("aws:region", "is required (the region the sender publishes SMS from): pulumi config set aws:region us-east-1");
    return "";
  }
  const verdict = senderVerdict("AWS_REGION", region);
  if (verdict !== undefined) reader.problem("aws:region", verdict);
  return region;
}

function readMessageTypes(reader: ConfigReader): void {
  const types = reader.stringArray("messageTypes");
  if (types.includes("voice")) {
    reader.problem("messageTypes", 'voice cannot be delivered: Amazon SNS sends text messages only; use ["sms"]');
  }
  const unknown = types.filter((type) => type !== "sms" && type !== "voice");
  if (unknown.length > 0) reader.problem("messageTypes", `unknown message type ${reader.shown("messageTypes", unknown)}; use ["sms"]`);
  if (!types.includes("sms") && !types.includes("voice")) reader.problem("messageTypes", "must include sms");
}

function readAllowedCountries(reader: ConfigReader): string[] {
  const entries = reader.stringArray("allowedCountries");
  const { countries, invalid } = parseAllowedCountries(entries);
  if (invalid.length > 0) {
    reader.problem(
      "allowedCountries",
      `not ISO 3166-1 alpha-2 country codes: ${reader.shown("allowedCountries", invalid, describeInvalidCountries)}`,
    );
  }
  return countries;
}

function readSenderOption(reader: ConfigReader, key: ConfigKey, secret: ActionSecretName): string | undefined {
  const value = reader.string(key);
  if (value === "") return undefined;
  if (reader.unreadable(key)) return value;
  const verdict = senderVerdict(secret, value);
  if (verdict !== undefined) reader.problem(key, verdict);
  return value;
}

function readTemplate(reader: ConfigReader, key: "enrollmentMessage" | "verificationMessage", experience: PhoneExperience): string {
  const value = reader.string(key);
  if (value === "") return DEFAULT_MESSAGE_TEMPLATES[experience][key];
  if (!hasCodePlaceholder(value)) {
    reader.problem(key, "has no {{code}} placeholder, so the SMS would not contain the one-time code");
  }
  return value;
}

function readLocalizedMessages(raw: RawStackConfig, reader: ConfigReader): LocalizedMessages {
  const secret = raw.secretKeys?.includes("localizedMessages") === true;
  const { messages, problems } = parseLocalizedMessages(raw.values["localizedMessages"], secret ? HIDDEN_SECRET_VALUE : undefined);
  for (const problem of problems) reader.problem("localizedMessages", problem);
  return messages;
}

function readSmsPreferences(reader: ConfigReader): SmsPreferencesSettings | undefined {
  const enabled = reader.boolean("smsPreferencesEnabled");
  const monthlySpendLimitUsd = reader.integer("smsMonthlySpendLimitUsd", { min: 1, unit: "USD" });
  const deliveryStatusSuccessSamplingRate = reader.integer("smsDeliveryStatusSuccessSamplingRate", { min: 0, max: 100, unit: "percent" });
  return enabled ? { monthlySpendLimitUsd, deliveryStatusSuccessSamplingRate } : undefined;
}

function readAlarms(reader: ConfigReader): SmsAlarmSettings | undefined {
  const enabled = reader.boolean("alarmsEnabled");
  const email = reader.string("alarmEmail");
  const monthToDateSpendUsd = reader.integer("alarmMonthToDateSpendUsd", { min: 1, unit: "USD" });
  const failedSmsThreshold = reader.integer("alarmFailedSmsThreshold", { min: 1, unit: "messages" });
  if (enabled && email === "") reader.problem("alarmEmail", "is required when alarmsEnabled is true (the alarms' recipient)");
  if (email !== "" && !reader.unreadable("alarmEmail") && !EMAIL.test(email)) reader.problem("alarmEmail", "is not an email address");
  return enabled ? { email, monthToDateSpendUsd, failedSmsThreshold } : undefined;
}

function readProtectConfiguration(reader: ConfigReader): ProtectConfigurationSettings | undefined {
  const enabled = reader.boolean("protectConfigurationEnabled");
  const allowedCountryStatus = reader.oneOf<AllowedCountryStatus>("protectConfigurationAllowedCountryStatus", ALLOWED_COUNTRY_STATUSES);
  return enabled ? { allowedCountryStatus } : undefined;
}

/** monitoringEnabled: the log stream delivers only to the regions the Auth0 provider accepts for an EventBridge sink. */
function readMonitoring(reader: ConfigReader, region: string): boolean {
  const enabled = reader.boolean("monitoringEnabled");
  const known = region === "" || isSecretPlaceholder(region);
  if (enabled && !known && !EVENTBRIDGE_LOG_STREAM_REGIONS.includes(region)) {
    reader.problem(
      "aws:region",
      `${region} is not a region an Auth0 log stream can deliver to (monitoringEnabled is true); use one of ${EVENTBRIDGE_LOG_STREAM_REGIONS.join(", ")}, or set monitoringEnabled to false`,
    );
  }
  return enabled;
}

function reportUnknownKeys(raw: RawStackConfig, reader: ConfigReader): void {
  for (const key of Object.keys(raw.values)) {
    if (!(CONFIG_KEY_NAMES as string[]).includes(key)) {
      const near = CONFIG_KEY_NAMES.find((known) => known.toLowerCase() === key.toLowerCase());
      reader.problem(key, `unknown configuration key${near === undefined ? "" : `; did you mean ${near}?`}`);
    }
  }
}

export function validateStackConfig(raw: RawStackConfig): StackConfig {
  const reader = new ConfigReader(raw.values, raw.secretKeys);
  const secretKeys = CONFIG_KEY_NAMES.filter((key) => (raw.secretKeys ?? []).includes(key));
  reportUnknownKeys(raw, reader);
  for (const problem of iamNameProblems(raw.stack)) reader.problems.push(problem);
  const region = readRegion(raw, reader);
  const choice = reader.oneOf<PhoneExperienceChoice>("phoneExperience", PHONE_EXPERIENCE_CHOICES);
  const resolved =
    raw.tenant === undefined
      ? resolveWithoutTenant(choice)
      : resolvePhoneExperience(choice, raw.tenant.phoneConsolidatedExperience, { offUnconfirmed: raw.tenant.offUnconfirmed });
  if ("problem" in resolved) reader.problem("phoneExperience", resolved.problem);
  const phoneExperience: PhoneExperience =
    "problem" in resolved ? experienceForTenantFlag(raw.tenant?.phoneConsolidatedExperience) : resolved.experience;
  const mfaPolicy = reader.oneOf<MfaPolicy>("mfaPolicy", MFA_POLICIES);
  readMessageTypes(reader);
  const config: StackConfig = {
    stack: raw.stack,
    region,
    phoneExperience,
    phoneExperienceChoice:
      "problem" in resolved ? { summary: "", warning: undefined } : { summary: resolved.summary, warning: resolved.warning },
    mfaPolicy,
    sender: {
      allowedCountries: readAllowedCountries(reader),
      senderId: readSenderOption(reader, "senderId", "SMS_SENDER_ID"),
      originationNumber: readSenderOption(reader, "originationNumber", "SMS_ORIGINATION_NUMBER"),
      maxPriceUsd: readSenderOption(reader, "maxPriceUsd", "SMS_MAX_PRICE_USD"),
    },
    accessKeyGeneration: reader.integer("accessKeyGeneration", { min: 1 }),
    enrollmentMessage: readTemplate(reader, "enrollmentMessage", phoneExperience),
    verificationMessage: readTemplate(reader, "verificationMessage", phoneExperience),
    localizedMessages: readLocalizedMessages(raw, reader),
    protect: reader.boolean("protect"),
    factors: guardianFactors((key) => reader.boolean(key)),
    smsPreferences: readSmsPreferences(reader),
    alarms: readAlarms(reader),
    protectConfiguration: readProtectConfiguration(reader),
    monitoring: readMonitoring(reader, region),
    secretKeys,
  };
  if (reader.problems.length > 0) throw new StackConfigError(reader.problems);
  return config;
}
