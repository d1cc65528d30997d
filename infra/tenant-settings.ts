/**
 * The Auth0 tenant settings the program depends on, read (never managed: auth0.Tenant is a
 * singleton holding settings this project knows nothing about) through the provider function
 * `auth0.getTenant`, an invoke that runs in previews too.
 */
import * as auth0 from "@pulumi/auth0";

export interface TenantSettings {
  /**
   * `phone_consolidated_experience` (Unified Phone Experience): true on, false off, undefined when
   * the answer holds no value. The Auth0 provider reports a flag that was never set as false (its
   * getTenant copies go-auth0's getter, whose zero value is false: terraform-provider-auth0
   * internal/auth0/tenant/flatten.go), so false may also mean "never set" (see phone-experience.ts).
   */
  phoneConsolidatedExperience: boolean | undefined;
  /** The tenant's friendly name (`{{friendly_name}}` in the unified phone templates); undefined when empty. */
  friendlyName: string | undefined;
}

/** The answer of getTenant reduced to what the program uses (pure, for tests). */
export function tenantSettingsFrom(result: { phoneConsolidatedExperience?: boolean | null; friendlyName?: string | null }): TenantSettings {
  const flag = result.phoneConsolidatedExperience;
  const name = result.friendlyName;
  return {
    phoneConsolidatedExperience: typeof flag === "boolean" ? flag : undefined,
    friendlyName: typeof name === "string" && name.trim() !== "" ? name : undefined,
  };
}

/** Reads the tenant the stack's Auth0 provider is configured for. */
export async function readTenantSettings(): Promise<TenantSettings> {
  return tenantSettingsFrom(await auth0.getTenant());
}
