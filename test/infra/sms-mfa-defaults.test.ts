/**
 * SmsMfa's defaults are this project's configuration defaults (Pulumi.yaml, infra/config/config-keys.ts):
 * another program that leaves an argument out gets what a stack that leaves the key unset gets.
 */
import { expect, test } from "vitest";
import { SMS_MFA_DEFAULTS } from "../../infra/sms-mfa";
import { smsMfaArgsOf } from "../../infra/sms-mfa-stack";
import { validateStackConfig } from "../../infra/config/validate-config";

test("every optional argument's default equals the stack's default for its key", () => {
  const args = smsMfaArgsOf(validateStackConfig({ stack: "dev", region: "us-east-1", values: { phoneExperience: "classic" } }));
  expect({
    mfaPolicy: args.mfaPolicy,
    factors: args.factors,
    localizedMessages: args.localizedMessages,
    allowedCountries: args.allowedCountries,
    accessKeyGeneration: args.accessKeyGeneration,
    protect: args.protect,
  }).toEqual({
    mfaPolicy: SMS_MFA_DEFAULTS.mfaPolicy,
    factors: SMS_MFA_DEFAULTS.factors,
    localizedMessages: SMS_MFA_DEFAULTS.localizedMessages,
    allowedCountries: SMS_MFA_DEFAULTS.allowedCountries,
    accessKeyGeneration: SMS_MFA_DEFAULTS.accessKeyGeneration,
    protect: SMS_MFA_DEFAULTS.protect,
  });
  expect(args.smsPreferences).toBeUndefined();
  expect(args.alarms).toBeUndefined();
});
