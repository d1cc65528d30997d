/**
 * The parts of Auth0's Action `event` objects the sender reads or the simulations build, after
 * Auth0's docs (send-phone-message event object; custom-phone-provider event object). Everything is
 * typed as Auth0 documents it, but the sender still checks values at run time: events are input.
 */

export interface ActionClient {
  client_id: string;
  name: string;
  metadata: Record<string, string>;
}

export interface ActionRequest {
  ip: string;
  language?: string;
  method?: string;
  hostname?: string;
  user_agent?: string;
  geoip: {
    cityName?: string;
    continentCode?: string;
    countryCode?: string;
    countryCode3?: string;
    countryName?: string;
    latitude?: number;
    longitude?: number;
    subdivisionCode?: string;
    subdivisionName?: string;
    timeZone?: string;
  };
}

export interface ActionUser {
  user_id: string;
  email?: string;
  phone_number?: string;
  name?: string;
  app_metadata: Record<string, unknown>;
  user_metadata: Record<string, unknown>;
  [field: string]: unknown;
}

/**
 * `event` of the send-phone-message trigger v2 (classic MFA phone factor). The docs list no
 * `message_options.language` (the hook-era context had one): the language is `request.language`.
 */
export interface SendPhoneMessageEvent {
  message_options: {
    /** `enrollment` or `second-factor-authentication`. */
    action: string;
    /** The one-time code (also inside `text`): never logged. */
    code: string;
    /** `sms` or `voice`. */
    message_type: string;
    recipient: string;
    text: string;
  };
  client?: ActionClient;
  request: ActionRequest;
  tenant: { id: string };
  user: ActionUser;
  secrets: Record<string, string>;
}

/** `event` of the custom-phone-provider trigger (Unified Phone Experience). */
export interface CustomPhoneProviderEvent {
  notification: {
    recipient: string;
    as_text: string;
    as_voice: string;
    code?: string;
    /** `text` or `voice`. */
    delivery_method: string;
    /** `otp_verify`, `otp_enroll`, `blocked_account`, `change_password`, `password_breach`. */
    notification_type: string;
    /** The locale the message was rendered in, e.g. `en_US`. */
    locale: string;
    /** The sender number configured on the phone provider (E.164). */
    from?: string;
  };
  client?: ActionClient;
  request: ActionRequest;
  tenant: { id: string; friendly_name?: string; home_url?: string; logo_url?: string; support_email?: string; support_url?: string };
  user?: ActionUser;
  secrets: Record<string, string>;
}

/** What `api.cache.set` and `api.cache.delete` return. */
export type CacheWriteResult = { type: "success"; record: { value: string; expires_at: number } } | { type: "error"; code: string };

/** `api.cache`, on both triggers: short-lived values kept between executions. */
export interface ActionCache {
  get(key: string): { value: string; expires_at: number } | undefined;
  set(key: string, value: string, options?: { ttl?: number; expires_at?: number }): CacheWriteResult;
  delete(key: string): CacheWriteResult;
}

/** `api` of the send-phone-message trigger: only the cache (a failure is reported by throwing). */
export interface SendPhoneMessageApi {
  cache: ActionCache;
}

/**
 * `api` of the custom-phone-provider trigger (Auth0, "Actions Triggers: custom-phone-provider - API
 * Object"). `api.notification` tells Auth0 how the delivery ended; when called several times, only the
 * last call counts.
 */
export interface CustomPhoneProviderApi {
  cache: ActionCache;
  notification: {
    /** The delivery failed for good: Auth0 logs the failure with `reason` and never runs the Action again for it. */
    drop(reason?: string): void;
    /** The delivery failed for now: Auth0 runs the Action again for the same notification later. */
    retry(reason?: string): void;
  };
}
