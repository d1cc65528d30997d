/**
 * The tenant-wide MFA settings (auth0.Guardian) for each phone experience. Guardian owns every
 * factor: whatever it does not enable is turned off, so the other factors come from the stack config.
 */
import type * as auth0 from "@pulumi/auth0";
import type { GuardianFactors, MfaPolicy, PhoneExperience } from "./stack-config-types";

export interface GuardianSettingsInput {
  phoneExperience: PhoneExperience;
  mfaPolicy: MfaPolicy;
  factors: GuardianFactors;
  enrollmentMessage: string;
  verificationMessage: string;
}

/** The Guardian phone `provider` value that routes SMS to the send-phone-message Action ("Custom"). */
export const PHONE_MESSAGE_HOOK_PROVIDER = "phone-message-hook";

function phoneFactor(input: GuardianSettingsInput): auth0.types.input.GuardianPhone {
  if (input.phoneExperience === "unified") {
    // Under the Unified Phone Experience the provider and texts live in PhoneProvider and the
    // branding templates; the deprecated provider/options fields must stay unset.
    return { enabled: true, messageTypes: ["sms"] };
  }
  return {
    enabled: true,
    messageTypes: ["sms"],
    provider: PHONE_MESSAGE_HOOK_PROVIDER,
    options: { enrollmentMessage: input.enrollmentMessage, verificationMessage: input.verificationMessage },
  };
}

export function guardianSettings(input: GuardianSettingsInput): auth0.GuardianArgs {
  const { factors } = input;
  return {
    policy: input.mfaPolicy,
    phone: phoneFactor(input),
    otp: factors.otp,
    recoveryCode: factors.recoveryCode,
    email: factors.email,
    // For these blocks, presence means enabled: leave them out to turn the factor off.
    webauthnRoaming: factors.webauthnRoaming ? { enabled: true } : undefined,
    webauthnPlatform: factors.webauthnPlatform ? { enabled: true } : undefined,
    push: factors.push ? { enabled: true, provider: "guardian" } : undefined,
  };
}
