/**
 * Every project configuration key: its default (which gives its type) and meaning (Markdown), in one place. The program
 * reads its defaults from here (validate-config.ts, and SmsMfa for the arguments left out); Pulumi.yaml's
 * `config:` block and the key table of docs/configuration.md are written from it by
 * `npm run config-reference -- --write`, and a test fails when they differ. Adding a key is one entry.
 */

export const PROJECT_NAME = "auth0-sns-mfa";

export interface ConfigKeySpec {
  /** Also gives the type Pulumi.yaml declares (tools/config-reference.ts declaredType). */
  default: string | number | boolean | readonly string[];
  /** Markdown: backticks and relative links into docs/ (Pulumi.yaml gets the links as plain text). */
  description: string;
}

export const CONFIG_KEYS = {
  phoneExperience: {
    default: "auto",
    description:
      "How Auth0 sends MFA SMS: `auto` follows the tenant's `phone_consolidated_experience` flag (unified when on or never set, classic when off); `classic` (Guardian phone factor + `send-phone-message` Action) or `unified` (custom phone provider + `custom-phone-provider` Action) pin it.",
  },
  mfaPolicy: {
    default: "all-applications",
    description: "When Auth0 asks for MFA: `all-applications`, `confidence-score` or `never`.",
  },
  messageTypes: {
    default: ["sms"],
    description: "Phone message types offered. Only `sms`: SNS cannot place calls, so `voice` is refused.",
  },
  allowedCountries: {
    default: [],
    description:
      "ISO 3166-1 alpha-2 codes of the countries the sender may text, e.g. `[US, CA]` (the `ALLOWED_COUNTRIES` secret); empty = every country. Defends against SMS pumping; numbers of no country (+979, +881, …) are refused either way.",
  },
  senderId: {
    default: "",
    description:
      "Alphanumeric sender ID shown on the phone (letters and digits, at most 11; `SMS_SENDER_ID`), where the destination country supports it; also the account default with the SMS-preferences opt-in. Empty = none.",
  },
  originationNumber: {
    default: "",
    description: "E.164 number to send from (`SMS_ORIGINATION_NUMBER`), registered in AWS End User Messaging. Empty = chosen by AWS.",
  },
  maxPriceUsd: {
    default: "",
    description: 'Highest price SNS may pay for one SMS, decimal USD, e.g. `"0.50"` (`SMS_MAX_PRICE_USD`). Empty = no per-message cap.',
  },
  accessKeyGeneration: {
    default: 1,
    description:
      "Generation of the sender's access key; raise it by one to rotate the key without a gap: new key, Action updated, old key deleted ([operations.md](operations.md#rotating-the-access-key)).",
  },
  enrollmentMessage: {
    default: "",
    description:
      "Text sent when a user enrolls a phone; must contain `{{code}}` and fit one SMS segment. Empty = Auth0's default for the experience.",
  },
  verificationMessage: {
    default: "",
    description:
      "Text sent at each MFA challenge; must contain `{{code}}` and fit one SMS segment. Empty = Auth0's default for the experience.",
  },
  localizedMessages: {
    default: "{}",
    description:
      'The two texts in other languages, as JSON keyed by language tag: `{"fr": {"enrollment": "…", "verification": "…"}}`. The request\'s locale picks the text (`fr-CA` falls back to `fr`); other languages get the two texts above. Each text must fit one SMS segment ([messages.md](messages.md)).',
  },
  protect: {
    default: false,
    description:
      "Protect the long-lived resources (IAM user and policy, Action, its binding, MFA settings) from deletion: `pulumi destroy` refuses (production sets `true`).",
  },
  factorOtp: {
    default: true,
    description: "Keep the one-time-password (authenticator app) factor on. The Guardian resource owns every factor.",
  },
  factorRecoveryCode: {
    default: true,
    description: "Keep recovery codes on.",
  },
  factorEmail: {
    default: false,
    description: "Email MFA factor.",
  },
  factorWebauthnRoaming: {
    default: false,
    description: "WebAuthn with FIDO security keys MFA factor.",
  },
  factorWebauthnPlatform: {
    default: false,
    description: "WebAuthn with device biometrics MFA factor.",
  },
  factorPush: {
    default: false,
    description: "Push notifications through the Auth0 Guardian app.",
  },
  smsPreferencesEnabled: {
    default: false,
    description:
      "Opt-in: manage the account's SNS SMS preferences in this region (Transactional default type, spend limit, delivery-status logging); one stack per account and region.",
  },
  smsMonthlySpendLimitUsd: {
    default: 1,
    description: "Account-wide monthly SMS spend limit (with the opt-in). Above 1 USD AWS must first raise the account quota.",
  },
  smsDeliveryStatusSuccessSamplingRate: {
    default: 0,
    description: "Percent (0–100) of successful deliveries logged to CloudWatch Logs; failures are always logged.",
  },
  protectConfigurationEnabled: {
    default: false,
    description:
      "Opt-in: manage the account-default protect configuration of AWS End User Messaging SMS in this region: countries outside `allowedCountries` BLOCK for **every** SMS the account sends there (one stack per account and region; [below](#the-account-default-protect-configuration)).",
  },
  protectConfigurationAllowedCountryStatus: {
    default: "ALLOW",
    description:
      "The allowed countries' rule in it: `ALLOW`, `MONITOR` or `FILTER` (the last two cost extra per SMS; `FILTER` can drop a real code).",
  },
  alarmsEnabled: {
    default: false,
    description: "Opt-in: CloudWatch alarms on failed SMS and month-to-date spend, emailed to `alarmEmail`.",
  },
  alarmEmail: {
    default: "",
    description: "Alarm recipient (required with `alarmsEnabled`); AWS emails a confirmation link first.",
  },
  alarmMonthToDateSpendUsd: {
    default: 1,
    description: "Spend alarm: the account's month-to-date SMS spend in this region reaches this many USD (keep it below the spend limit).",
  },
  alarmFailedSmsThreshold: {
    default: 5,
    description: "Failure alarm: at least this many failed SMS within 5 minutes.",
  },
  monitoringEnabled: {
    default: false,
    description:
      "Opt-in: stream the tenant's MFA SMS log events into this account and region, with metric filters, one dashboard and, with `alarmsEnabled`, alarms on Auth0-side failures ([below](#monitoring-both-sides-of-an-mfa-sms)). One stack per tenant; `aws:region` must be one Auth0 can stream to.",
  },
} as const satisfies Record<string, ConfigKeySpec>;

export type ConfigKey = keyof typeof CONFIG_KEYS;

export const CONFIG_KEY_NAMES = Object.keys(CONFIG_KEYS) as ConfigKey[];
