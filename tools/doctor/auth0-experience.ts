/**
 * Which phone experience a stack ends up with on a tenant, and what follows from it: the Action
 * trigger the sender is bound to and the Action's name (as infra/auth0/tenant-sms-mfa.ts names it).
 */
import { actionNameFor, actionTriggerFor } from "../../infra/auth0/tenant-sms-mfa";
import { resolvePhoneExperience } from "../../infra/auth0/phone-experience";

export type StackExperience = "auto" | "classic" | "unified";
export type ResolvedExperience = "classic" | "unified";
export type PhoneTrigger = "send-phone-message" | "custom-phone-provider";

export const PHONE_TRIGGERS: readonly PhoneTrigger[] = ["send-phone-message", "custom-phone-provider"];

/**
 * The tenant's `phone_consolidated_experience` setting as the Auth0 provider reads it: unset means
 * on (new tenants). terraform-provider-auth0 internal/auth0/guardian/resource.go,
 * isPhoneConsolidatedExperienceEnabled (commit a00b69214a6c1daef76cf89d25ece690c7f9db22).
 */
export function unifiedFlagOn(flag: boolean | undefined): boolean {
  return flag ?? true;
}

/**
 * The experience the program deploys for this flag (undefined: never set). The program reads the
 * raw setting when the provider's getTenant reads false (infra/auth0/tenant-settings.ts), so it sees the
 * flag as the doctor does.
 */
export function resolveExperience(stack: StackExperience, flag: boolean | undefined): ResolvedExperience {
  const resolved = resolvePhoneExperience(stack, flag);
  return "problem" in resolved ? (stack === "auto" ? "classic" : stack) : resolved.experience;
}

/** The Action trigger each phone experience sends through (infra/auth0/tenant-sms-mfa.ts). */
export function triggerFor(experience: ResolvedExperience): PhoneTrigger {
  return actionTriggerFor(experience);
}

/** The sender Action's name in the tenant: the program's own name (infra/auth0/tenant-sms-mfa.ts), the stack as its deployment name. */
export function senderActionName(stack: string, trigger: PhoneTrigger): string {
  return actionNameFor(stack, trigger);
}
