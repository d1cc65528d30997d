/**
 * The validated configuration of one stack, as the components consume it. Produced by
 * validate-config.ts from the raw Pulumi config. The values of `secretKeys` were stored as secrets;
 * the components wrap them (pulumi.secret) wherever they reach a resource.
 */
import { CONFIG_KEY_NAMES, type ConfigKey } from "./config-keys";
import type { AllowedCountryStatus } from "../aws/protect-configuration-rules";

export type PhoneExperience = "classic" | "unified";

export const MFA_POLICIES = ["all-applications", "confidence-score", "never"] as const;
export type MfaPolicy = (typeof MFA_POLICIES)[number];

/** The MFA factors other than phone, which the tenant-wide Guardian resource also owns: `factorOtp` is `otp`, and so on. */
export type GuardianFactors = { [K in ConfigKey as K extends `factor${infer F}` ? Uncapitalize<F> : never]: boolean };

/** Every factor, each as `read` gives its `factor<Name>` key. */
export function guardianFactors(read: (key: ConfigKey) => boolean): GuardianFactors {
  const keys = CONFIG_KEY_NAMES.filter((key) => key.startsWith("factor"));
  return Object.fromEntries(keys.map((key) => [key.charAt(6).toLowerCase() + key.slice(7), read(key)])) as GuardianFactors;
}

/** Account-level SMS preferences (opt-in): one set per AWS account and region. */
export interface SmsPreferencesSettings {
  monthlySpendLimitUsd: number;
  deliveryStatusSuccessSamplingRate: number;
}

/**
 * The account-default protect configuration of AWS End User Messaging SMS (opt-in): one per AWS
 * account and region. Its SMS rules follow the sender's allowedCountries.
 */
export interface ProtectConfigurationSettings {
  /** The rule of the allowed countries (every other country: BLOCK); of every country when allowedCountries is empty. */
  allowedCountryStatus: AllowedCountryStatus;
}

/** CloudWatch alarms on SMS delivery (opt-in). */
export interface SmsAlarmSettings {
  email: string;
  monthToDateSpendUsd: number;
  failedSmsThreshold: number;
}

/** Optional sender settings, passed to the Action as its optional secrets. */
export interface SenderOptions {
  /** Uppercase ISO 3166-1 alpha-2 codes; empty = no restriction. */
  allowedCountries: string[];
  senderId: string | undefined;
  originationNumber: string | undefined;
  maxPriceUsd: string | undefined;
}

/** The two MFA texts: sent when a phone is enrolled, and at each challenge. */
export type MessageKind = "enrollment" | "verification";

/** Texts by canonical language tag (`fr`, `pt-BR`), each containing the code placeholder. */
export type LocalizedMessages = Readonly<Record<string, Readonly<Record<MessageKind, string>>>>;

export interface StackConfig {
  stack: string;
  /** The stack's `aws:region`: where the IAM policy allows publishing and where the Action sends. */
  region: string;
  /** The experience deployed: the stack's choice, resolved against the tenant's flag (phone-experience.ts). */
  phoneExperience: PhoneExperience;
  /** What the operator sees about that choice: the experience and why, and a warning when the tenant's reading is ambiguous. */
  phoneExperienceChoice: { summary: string; warning: string | undefined };
  mfaPolicy: MfaPolicy;
  sender: SenderOptions;
  accessKeyGeneration: number;
  /** Final texts (config or the experience's default), each containing the code placeholder. */
  enrollmentMessage: string;
  verificationMessage: string;
  /** Texts for other languages, picked by the request's locale; the two texts above are the default. */
  localizedMessages: LocalizedMessages;
  protect: boolean;
  factors: GuardianFactors;
  /** undefined = not managed by this stack. */
  smsPreferences: SmsPreferencesSettings | undefined;
  /** undefined = no alarms. */
  alarms: SmsAlarmSettings | undefined;
  /** undefined = the account's protect configurations are left alone. */
  protectConfiguration: ProtectConfigurationSettings | undefined;
  /** Stream the tenant's MFA SMS log events into the stack's AWS account and region, with a dashboard (monitoringEnabled). */
  monitoring: boolean;
  /** Project keys stored with `pulumi config set --secret`: their values reach resources only as secrets. */
  secretKeys: ConfigKey[];
}
