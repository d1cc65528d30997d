/**
 * The Auth0 tenant settings the program depends on, read (never managed: auth0.Tenant is a
 * singleton holding settings this project knows nothing about) through the provider function
 * `auth0.getTenant`, an invoke that runs in previews too.
 *
 * getTenant reports a `phone_consolidated_experience` that was never set as false (it copies go-auth0's
 * getter, whose zero value is false: terraform-provider-auth0 v1.53.0 internal/auth0/tenant/flatten.go),
 * while Guardian treats a never-set flag as on (internal/auth0/guardian/resource.go,
 * isPhoneConsolidatedExperienceEnabled). So a false is disambiguated by reading the raw setting from
 * the Management API (tenant-phone-flag.ts); a true is unambiguous and costs no extra call.
 */
import * as auth0 from "@pulumi/auth0";
import * as pulumi from "@pulumi/pulumi";
import { phoneFlagReaderFor, type PhoneFlagRead, type PhoneFlagReader } from "./tenant-phone-flag";

export interface TenantSettings {
  /**
   * `phone_consolidated_experience` (Unified Phone Experience): true on, false off, undefined never
   * set. False stays the provider's reading (possibly "never set") only when the raw setting could not
   * be read; then `phoneFlagWarning` says why.
   */
  phoneConsolidatedExperience: boolean | undefined;
  /** Set when getTenant read false and the raw setting could not be read: the reason and the fix. */
  phoneFlagWarning?: string;
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

/** The warning when a false from getTenant could not be checked against the raw setting. */
export function unverifiedOffWarning(problem: string): string {
  return (
    `The Auth0 provider reads the tenant's phone_consolidated_experience as off, which is also how it reports a flag that was never set ` +
    `(every new tenant, where Guardian treats it as on), and the program could not read the setting itself: ${problem}. ` +
    `The run keeps "off". If this tenant never set the flag, classic will fail at auth0:Guardian ("provider or options cannot be ` +
    `specified when phone consolidated experience is enabled for tenant"). Fix: grant the Auth0 application read:tenant_settings, ` +
    `or set the flag explicitly (PATCH /api/v2/tenants/settings {"phone_consolidated_experience": false} to keep classic, true for unified), ` +
    `or pin phoneExperience (pulumi config set phoneExperience unified).`
  );
}

/** getTenant's reading refined by the raw read (pure, for tests): only a false is checked. */
export function refineWithRawRead(settings: TenantSettings, raw: PhoneFlagRead | undefined): TenantSettings {
  if (settings.phoneConsolidatedExperience !== false || raw === undefined) return settings;
  if (raw.ok) return { ...settings, phoneConsolidatedExperience: raw.phoneConsolidatedExperience };
  return { ...settings, phoneFlagWarning: unverifiedOffWarning(raw.problem) };
}

/** The raw reader for the Auth0 provider's own configuration (`auth0:*` keys, else AUTH0_* variables). */
export function providerPhoneFlagReader(): PhoneFlagReader {
  const config = new pulumi.Config("auth0");
  return phoneFlagReaderFor((key) => config.get(key), process.env);
}

/**
 * Reads the tenant the stack's Auth0 provider is configured for: getTenant, and when it reads the
 * flag as false, the raw setting through `readPhoneFlag` (default: the provider's credentials). A
 * raw read that fails keeps false and logs the warning (also returned as `phoneFlagWarning`).
 */
export async function readTenantSettings(readPhoneFlag: PhoneFlagReader = providerPhoneFlagReader()): Promise<TenantSettings> {
  const settings = tenantSettingsFrom(await auth0.getTenant());
  const raw = settings.phoneConsolidatedExperience === false ? await readPhoneFlag() : undefined;
  const refined = refineWithRawRead(settings, raw);
  if (refined.phoneFlagWarning !== undefined) void pulumi.log.warn(refined.phoneFlagWarning);
  return refined;
}
