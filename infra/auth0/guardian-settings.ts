/**
 * The tenant-wide MFA settings (auth0.Guardian) for each phone experience. Guardian owns every factor,
 * so each is sent explicitly, an off one as `enabled: false`: the provider's factor blocks are Optional +
 * Computed and written only when they change, so a block left out keeps what the tenant has, and
 * `{ enabled: false }` alone turns one off (terraform-provider-auth0 v1.53.0 internal/auth0/guardian/
 * expand.go, updateWebAuthnRoaming, updateWebAuthnPlatform, updateDUO, updatePush; resource_test.go
 * sends `duo { enabled = false }`). Duo is not offered by this project: always off.
 */
import type * as auth0 from "@pulumi/auth0";
import type { StackConfig } from "../config/stack-config-types";

export type GuardianSettingsInput = Pick<
  StackConfig,
  "phoneExperience" | "mfaPolicy" | "factors" | "enrollmentMessage" | "verificationMessage"
>;

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
    webauthnRoaming: { enabled: factors.webauthnRoaming },
    webauthnPlatform: { enabled: factors.webauthnPlatform },
    duo: { enabled: false },
    // Push through Auth0's own Guardian app; the provider is only sent (and only needed) when on.
    push: factors.push ? { enabled: true, provider: "guardian" } : { enabled: false },
  };
}
