/**
 * Every project configuration key: its type, default and meaning. Pulumi.yaml declares the same keys
 * (a test holds the two equal), so the CLI and the program agree on defaults.
 */

export const PROJECT_NAME = "auth0-sns-mfa";

/** The types Pulumi.yaml can declare for a project config key. */
export type ConfigKeyType = "string" | "integer" | "boolean" | "array";

export interface ConfigKeySpec {
  type: ConfigKeyType;
  default: string | number | boolean | readonly string[];
  description: string;
}

export const CONFIG_KEYS = {
  phoneExperience: {
    type: "string",
    default: "auto",
    description:
      "How Auth0 sends MFA SMS: auto (follow the tenant's phone_consolidated_experience flag: unified when on or unset, classic when off), classic (Guardian phone factor + send-phone-message Action) or unified (Unified Phone Experience: custom phone provider + custom-phone-provider Action).",
  },
  mfaPolicy: {
    type: "string",
    default: "all-applications",
    description: "When Auth0 asks for MFA: all-applications, confidence-score or never.",
  },
  messageTypes: {
    type: "array",
    default: ["sms"],
    description: "Phone message types offered to users. Only sms: Amazon SNS cannot place voice calls.",
  },
  allowedCountries: {
    type: "array",
    default: [],
    description:
      "ISO 3166-1 alpha-2 codes of the countries the sender may text (e.g. [US, CA]); empty = no restriction. Defends against SMS pumping.",
  },
  senderId: {
    type: "string",
    default: "",
    description: "Alphanumeric sender ID shown on the phone (letters and digits, at most 11, where the country supports it); empty = none.",
  },
  originationNumber: {
    type: "string",
    default: "",
    description: "E.164 number to send from (a number registered in AWS End User Messaging); empty = chosen by AWS.",
  },
  maxPriceUsd: {
    type: "string",
    default: "",
    description: 'Highest price in USD SNS may pay for one SMS (decimal, e.g. "0.50"); empty = no per-message cap.',
  },
  accessKeyGeneration: {
    type: "integer",
    default: 1,
    description:
      "Generation of the sender's AWS access key. Increase it by one to rotate the key without a gap: new key, Action updated, old key deleted.",
  },
  enrollmentMessage: {
    type: "string",
    default: "",
    description: "SMS text sent when a user enrolls a phone; must contain {{code}}. Empty = Auth0's default text for the phone experience.",
  },
  verificationMessage: {
    type: "string",
    default: "",
    description: "SMS text sent at each MFA challenge; must contain {{code}}. Empty = Auth0's default text for the phone experience.",
  },
  localizedMessages: {
    type: "string",
    default: "{}",
    description:
      'SMS texts in other languages, as a JSON object keyed by language tag: {"fr": {"enrollment": "...{{code}}...", "verification": "...{{code}}..."}, "pt-BR": {...}}. The request\'s locale picks the text (fr-CA falls back to fr); other languages get enrollmentMessage/verificationMessage. Each text must fit one SMS segment. See docs/messages.md.',
  },
  protect: {
    type: "boolean",
    default: false,
    description:
      "Protect the long-lived resources (IAM user and policy, Action, its binding, MFA settings) from deletion: pulumi destroy refuses.",
  },
  factorOtp: {
    type: "boolean",
    default: true,
    description: "Keep the one-time-password (authenticator app) MFA factor enabled. The Guardian resource owns every factor.",
  },
  factorRecoveryCode: {
    type: "boolean",
    default: true,
    description: "Keep the recovery-code MFA factor enabled.",
  },
  factorEmail: {
    type: "boolean",
    default: false,
    description: "Enable the email MFA factor.",
  },
  factorWebauthnRoaming: {
    type: "boolean",
    default: false,
    description: "Enable the WebAuthn with FIDO security keys MFA factor.",
  },
  factorWebauthnPlatform: {
    type: "boolean",
    default: false,
    description: "Enable the WebAuthn with device biometrics MFA factor.",
  },
  factorPush: {
    type: "boolean",
    default: false,
    description: "Enable push notifications through the Auth0 Guardian app.",
  },
  smsPreferencesEnabled: {
    type: "boolean",
    default: false,
    description:
      "Manage the AWS account's SMS preferences in this region (Transactional default type, spend limit, delivery-status logging). One stack per account and region only.",
  },
  smsMonthlySpendLimitUsd: {
    type: "integer",
    default: 1,
    description:
      "Account-wide monthly SMS spend limit in USD (with smsPreferencesEnabled). Above 1 USD, AWS must first raise the account's quota.",
  },
  smsDeliveryStatusSuccessSamplingRate: {
    type: "integer",
    default: 0,
    description:
      "Percentage (0-100) of successful SMS deliveries logged to CloudWatch Logs (with smsPreferencesEnabled); failures are always logged.",
  },
  protectConfigurationEnabled: {
    type: "boolean",
    default: false,
    description:
      "Manage the account-default protect configuration of AWS End User Messaging SMS in this region: countries outside allowedCountries BLOCK, for every SMS the account sends there (SNS included). One stack per account and region only.",
  },
  protectConfigurationAllowedCountryStatus: {
    type: "string",
    default: "ALLOW",
    description:
      "Rule of the allowed countries in the protect configuration (with protectConfigurationEnabled): ALLOW, MONITOR (flags suspected SMS pumping, costs extra per SMS) or FILTER (also drops it: a real code can be lost, costs extra per SMS).",
  },
  alarmsEnabled: {
    type: "boolean",
    default: false,
    description: "Create CloudWatch alarms on failed SMS and month-to-date SMS spend, emailed to alarmEmail.",
  },
  alarmEmail: {
    type: "string",
    default: "",
    description: "Email address subscribed to the alarms (with alarmsEnabled); AWS sends a confirmation link first.",
  },
  alarmMonthToDateSpendUsd: {
    type: "integer",
    default: 1,
    description: "Alarm when the account's month-to-date SMS spend in this region reaches this many USD.",
  },
  alarmFailedSmsThreshold: {
    type: "integer",
    default: 5,
    description: "Alarm when at least this many SMS fail within 5 minutes.",
  },
  monitoringEnabled: {
    type: "boolean",
    default: false,
    description:
      "Stream the tenant's MFA SMS log events into this AWS account and region (an Auth0 log stream to EventBridge, a rule, a log group, metric filters, one dashboard; alarms on Auth0-side failures with alarmsEnabled). One stack per tenant; aws:region must be one Auth0 can stream to.",
  },
} as const satisfies Record<string, ConfigKeySpec>;

export type ConfigKey = keyof typeof CONFIG_KEYS;

export const CONFIG_KEY_NAMES = Object.keys(CONFIG_KEYS) as ConfigKey[];
