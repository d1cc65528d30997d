/**
 * Which of the tenant's log events the monitoring rule takes from the partner event bus. Auth0 puts
 * each log on the bus with `detail-type: "Auth0 log"` and the log itself under `detail.data`, with
 * `source` the partner event source (`aws.partner/auth0.com/<tenant>-<uuid>/auth0.logs`). Log types:
 * https://auth0.com/docs/deploy-monitor/logs/log-event-type-codes. Which type a thrown sender error
 * produces is not documented, so both `gd_send_sms_failure` and `actions_execution_failed` count as
 * a failure.
 */

/** The MFA SMS log types, by what they mean to the operator. */
export const SMS_MFA_LOG_TYPES = {
  /** Auth0 asked the sender to text a code. */
  sent: ["gd_send_sms"],
  /** The send failed before or inside the sender (the Action threw, timed out, was refused). */
  failed: ["gd_send_sms_failure", "actions_execution_failed", "gd_start_enroll_failed"],
  /** Auth0's own limits stopped the send (per-phone and per-tenant). */
  rateLimited: ["gd_otp_rate_limit_exceed", "limit_phone", "api_limit"],
  /** A wrong code entered: shown in the dashboard's table, counted by no metric. */
  codeRejected: ["gd_auth_failed"],
} as const;

export type SmsMfaOutcome = keyof typeof SMS_MFA_LOG_TYPES;

/** Every log type the rule takes. */
export const SMS_MFA_RULE_TYPES: readonly string[] = Object.values(SMS_MFA_LOG_TYPES).flat();

/** The `detail-type` Auth0 gives every log event it puts on the partner event bus. */
export const AUTH0_LOG_DETAIL_TYPE = "Auth0 log";

/** The start of every Auth0 partner event source's name (and so of each event's `source`). */
export const AUTH0_PARTNER_SOURCE_PREFIX = "aws.partner/auth0.com";

/** The rule's event pattern (EventBridge event-pattern JSON). */
export function smsMfaEventPattern(): string {
  return JSON.stringify({
    source: [{ prefix: AUTH0_PARTNER_SOURCE_PREFIX }],
    "detail-type": [AUTH0_LOG_DETAIL_TYPE],
    detail: { data: { type: SMS_MFA_RULE_TYPES } },
  });
}
