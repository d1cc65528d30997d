/**
 * Which phone experience a stack deploys, from its `phoneExperience` choice and the tenant's
 * `phone_consolidated_experience` flag (read by tenant-settings.ts; pure here). With the flag on, or
 * never set (every new tenant), auth0.Guardian refuses the classic `phone.provider` / `phone.options`
 * (terraform-provider-auth0 since v1.49.0 internal/auth0/guardian/expand.go configurePhone, resource.go
 * isPhoneConsolidatedExperienceEnabled: nil → true); with it off, the unified resources do not carry
 * MFA SMS and Guardian's classic branch would send a provider update without a provider.
 */
import type { PhoneExperience } from "../config/stack-config-types";

export const PHONE_EXPERIENCE_CHOICES = ["auto", "classic", "unified"] as const;
export type PhoneExperienceChoice = (typeof PHONE_EXPERIENCE_CHOICES)[number];

/** The tenant flag's name, as the Management API and the provider spell it. */
export const TENANT_FLAG = "phone_consolidated_experience";

/** The tenant's flag: true (on), false (off), undefined (never set). */
export type TenantPhoneFlag = boolean | undefined;

export interface ResolvedPhoneExperience {
  experience: PhoneExperience;
  /** One line for the operator: the experience and why, e.g. "unified (auto: tenant flag … on)". */
  summary: string;
  /** Set when the choice is accepted but the tenant's flag says it will not carry MFA SMS. */
  warning?: string;
}

const SET_FLAG = (value: boolean): string =>
  `set the tenant's flag explicitly (Management API: PATCH /api/v2/tenants/settings {"${TENANT_FLAG}": ${value}})`;

/** The experience the tenant's flag calls for: unified when on or unset, classic when off. */
export function experienceForTenantFlag(flag: TenantPhoneFlag): PhoneExperience {
  return flag === false ? "classic" : "unified";
}

/**
 * The experience to deploy, or a problem (without the key name) when an explicit choice contradicts the
 * tenant: classic with the flag on or unset; unified with it off, unless unconfirmed (kept, with a warning).
 */
export function resolvePhoneExperience(
  choice: PhoneExperienceChoice,
  flag: TenantPhoneFlag,
  { offUnconfirmed = false }: { offUnconfirmed?: boolean } = {},
): ResolvedPhoneExperience | { problem: string } {
  const tenant = `tenant flag ${TENANT_FLAG} ${flag === undefined ? "unset, a new tenant's default, which counts as on" : flag ? "on" : "off"}`;
  if (choice === "auto") {
    const experience = experienceForTenantFlag(flag);
    return { experience, summary: `${experience} (auto: ${tenant})` };
  }
  if (choice === "classic" && flag !== false) {
    return {
      problem:
        `classic contradicts the tenant: its flag ${TENANT_FLAG} is ${flag === true ? "on" : "unset, which counts as on"} ` +
        `(Unified Phone Experience), and Auth0 then refuses the classic Guardian phone provider. Either set phoneExperience ` +
        `to auto or unified (pulumi config set phoneExperience auto), or turn the flag off: ${SET_FLAG(false)}.`,
    };
  }
  if (choice === "unified" && flag === false && !offUnconfirmed) {
    return {
      problem:
        `unified contradicts the tenant: its flag ${TENANT_FLAG} is off (read from GET /api/v2/tenants/settings), and Guardian ` +
        `then configures the classic phone provider, which unified leaves unset, so the update fails at auth0:Guardian after the ` +
        `Action and the phone provider are created. Either set phoneExperience to auto or classic ` +
        `(pulumi config set phoneExperience auto), or turn the flag on: ${SET_FLAG(true)}.`,
    };
  }
  if (choice === "unified" && flag === false) {
    return {
      experience: "unified",
      summary: `unified (set explicitly; ${tenant})`,
      warning:
        `phoneExperience is unified but the Auth0 provider reads the tenant's flag ${TENANT_FLAG} as off, which the program could ` +
        `not confirm (see the warning about reading the setting). If the flag is really off, Guardian fails at pulumi up: either ` +
        `set phoneExperience to auto or classic, or ${SET_FLAG(true)}.`,
    };
  }
  return { experience: choice, summary: `${choice} (set explicitly; ${tenant})` };
}

/** The choice when the tenant was not read (tools that work from the stack file alone): no check; auto assumes a new tenant. */
export function resolveWithoutTenant(choice: PhoneExperienceChoice): ResolvedPhoneExperience {
  if (choice !== "auto") return { experience: choice, summary: `${choice} (set explicitly; tenant not read)` };
  const experience = experienceForTenantFlag(undefined);
  return { experience, summary: `${experience} (auto: tenant not read, assumed a new tenant's flag: unset)` };
}
