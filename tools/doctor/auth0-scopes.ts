/**
 * The Management API scopes `pulumi up`, `refresh` and `destroy` need for a stack (derived from the
 * provider's calls: infra/auth0/management-api-calls.ts), the read-only scopes the doctor itself
 * needs, and reading the `scope` claim of the access token the client-credentials grant returned.
 */
import type { ResolvedExperience } from "./auth0-experience";

/**
 * What the doctor reads, endpoint by endpoint (all GET):
 * - `read:tenant_settings`: /api/v2/tenants/settings (the phone experience flag)
 * - `read:actions`: /api/v2/actions/triggers/{triggerId}/bindings, /api/v2/actions/actions, /api/v2/actions/actions/{id}
 * - `read:guardian_factors`: /api/v2/guardian/factors, …/factors/phone/message-types, …/factors/phone/selected-provider
 * - `read:phone_providers` (unified): /api/v2/branding/phone/providers
 */
export function doctorScopes(experience: ResolvedExperience): string[] {
  const scopes = ["read:tenant_settings", "read:actions", "read:guardian_factors"];
  if (experience === "unified") scopes.push("read:phone_providers");
  return scopes;
}

/** Every scope the doctor's own reads need, whichever experience the stack ends up with. */
export const ALL_DOCTOR_SCOPES: readonly string[] = doctorScopes("unified");

/**
 * The space-separated `scope` claim of a JWT access token, or undefined when the token is not a JWT
 * or carries no scope claim. The signature is not checked: the doctor only reads what the tenant
 * granted, and the Management API itself verifies the token on every request.
 */
export function tokenScopes(accessToken: string): string[] | undefined {
  const parts = accessToken.split(".");
  if (parts.length !== 3) return undefined;
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(parts[1] ?? "", "base64url").toString("utf8"));
  } catch {
    return undefined;
  }
  if (typeof claims !== "object" || claims === null) return undefined;
  const scope = (claims as Record<string, unknown>).scope;
  if (typeof scope !== "string") return undefined;
  return scope.split(" ").filter((s) => s.length > 0);
}

/** The scopes of `needed` that `granted` lacks, in the order of `needed`. */
export function missingScopes(needed: readonly string[], granted: readonly string[]): string[] {
  const have = new Set(granted);
  return needed.filter((scope) => !have.has(scope));
}
