/**
 * Realistic Auth0 `event` and `api` objects for both triggers, following the fields Auth0 documents
 * (send-phone-message and custom-phone-provider event and API objects). Used by tests, the bench and
 * the send-test tool. The one-time code defaults to a fresh random 6-digit code, placed in the text
 * the way Auth0's default templates do, so callers can check that it never reaches a log.
 */
import { randomInt } from "node:crypto";
import type {
  ActionCache,
  ActionClient,
  ActionRequest,
  ActionUser,
  CacheWriteResult,
  CustomPhoneProviderApi,
  CustomPhoneProviderEvent,
  SendPhoneMessageApi,
  SendPhoneMessageEvent,
} from "../../hook/action-events";

export type { CacheWriteResult };

export interface SimulatedSendOptions {
  recipient: string;
  /** Defaults to a message holding `code`, as Auth0's default template reads. */
  text?: string;
  /** Defaults to a fresh random 6-digit code. */
  code?: string;
  secrets: Readonly<Record<string, string | undefined>>;
  language?: string;
}

export interface SendPhoneMessageEventOptions extends SimulatedSendOptions {
  messageType?: "sms" | "voice";
  action?: "enrollment" | "second-factor-authentication";
}

export interface CustomPhoneProviderEventOptions extends SimulatedSendOptions {
  deliveryMethod?: "text" | "voice";
  notificationType?: "otp_verify" | "otp_enroll" | "blocked_account" | "change_password" | "password_breach";
}

export function randomOneTimeCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, "0");
}

function definedSecrets(secrets: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(secrets)) if (value !== undefined) out[name] = value;
  return out;
}

const client: ActionClient = { client_id: "sImUlAtEdClIeNtId0123456789abcd", name: "Simulated App", metadata: {} };

function request(language: string): ActionRequest {
  return {
    ip: "203.0.113.10",
    language,
    method: "POST",
    hostname: "simulated-tenant.eu.auth0.com",
    user_agent: "Mozilla/5.0 (simulated)",
    geoip: {
      countryCode: "GB",
      countryCode3: "GBR",
      countryName: "United Kingdom",
      cityName: "London",
      continentCode: "EU",
      timeZone: "Europe/London",
    },
  };
}

function user(recipient: string): ActionUser {
  return {
    user_id: "auth0|simulated-user",
    email: "simulated.user@example.com",
    phone_number: recipient,
    app_metadata: {},
    user_metadata: {},
  };
}

export function sendPhoneMessageEvent(options: SendPhoneMessageEventOptions): SendPhoneMessageEvent {
  const code = options.code ?? randomOneTimeCode();
  const language = options.language ?? "en";
  return {
    message_options: {
      action: options.action ?? "second-factor-authentication",
      code,
      message_type: options.messageType ?? "sms",
      recipient: options.recipient,
      text: options.text ?? `${code} is your verification code for Simulated Tenant. Please enter this code to verify your enrollment.`,
    },
    client,
    request: request(language),
    tenant: { id: "simulated-tenant" },
    user: user(options.recipient),
    secrets: definedSecrets(options.secrets),
  };
}

export function customPhoneProviderEvent(options: CustomPhoneProviderEventOptions): CustomPhoneProviderEvent {
  const code = options.code ?? randomOneTimeCode();
  const language = options.language ?? "en";
  /** Auth0 documents the locale the message was rendered in as e.g. `en_US`. */
  const locale = options.language ?? "en_US";
  return {
    notification: {
      recipient: options.recipient,
      as_text: options.text ?? `Your Simulated Tenant verification code is ${code}`,
      as_voice: `Your Simulated Tenant verification code is ${code.split("").join(" ")}`,
      code,
      delivery_method: options.deliveryMethod ?? "text",
      notification_type: options.notificationType ?? "otp_verify",
      locale,
      from: "+12065550100",
    },
    client,
    request: request(language),
    tenant: { id: "simulated-tenant", friendly_name: "Simulated Tenant" },
    user: user(options.recipient),
    secrets: definedSecrets(options.secrets),
  };
}

/** One `api.notification` call the simulated custom-phone-provider Action made. */
export interface NotificationCall {
  method: "drop" | "retry";
  reason: string | undefined;
}

/**
 * The `api` object of both triggers: `api.cache` (get/set/delete) kept in memory, and the
 * custom-phone-provider's `api.notification` (drop/retry), whose calls are recorded in
 * `notificationCalls` in order (Auth0 honours the last one).
 */
export interface SimulatedActionApi extends SendPhoneMessageApi, CustomPhoneProviderApi {
  notificationCalls: NotificationCall[];
}

const DEFAULT_CACHE_TTL_MS = 15 * 60 * 1000;

export function simulatedApi(): SimulatedActionApi {
  const records = new Map<string, { value: string; expires_at: number }>();
  const notificationCalls: NotificationCall[] = [];
  const cache: ActionCache = {
    get(key) {
      const record = records.get(key);
      if (record !== undefined && record.expires_at <= Date.now()) {
        records.delete(key);
        return undefined;
      }
      return record;
    },
    set(key, value, options) {
      const byTtl = Date.now() + (options?.ttl ?? DEFAULT_CACHE_TTL_MS);
      const record = { value, expires_at: Math.min(byTtl, options?.expires_at ?? byTtl) };
      records.set(key, record);
      return { type: "success", record };
    },
    delete(key) {
      const record = records.get(key);
      records.delete(key);
      return record === undefined ? { type: "error", code: "not_found" } : { type: "success", record };
    },
  };
  return {
    cache,
    notification: {
      drop: (reason?: string) => void notificationCalls.push({ method: "drop", reason }),
      retry: (reason?: string) => void notificationCalls.push({ method: "retry", reason }),
    },
    notificationCalls,
  };
}
