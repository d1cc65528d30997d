/**
 * The Auth0 tenant settings the program depends on, read (never managed: auth0.Tenant is a singleton
 * holding settings this project knows nothing about) through `auth0.getTenant`, a false flag checked
 * against the raw setting with the Auth0 provider's own credentials: docs/phone-experience.md says why
 * and how (terraform-provider-auth0 v1.53.0 internal/auth0/tenant/flatten.go, internal/auth0/guardian/resource.go
 * isPhoneConsolidatedExperienceEnabled, internal/config/config.go authenticationOption). No secret or
 * token ever appears in a problem.
 */
import * as auth0 from "@pulumi/auth0";
import * as pulumi from "@pulumi/pulumi";
import { ManagementError, ManagementTimeoutError } from "auth0";
import { managementClient, MANAGEMENT_TIMEOUT_SECONDS, requestManagementToken, TokenRequestError } from "./auth0-management-client";

export interface TenantSettings {
  /** `phone_consolidated_experience`: true on, false off (possibly unconfirmed: see phoneFlagWarning), undefined never set. */
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

/** getTenant's reading refined by the raw read (pure, for tests): only a false is checked. */
export function refineWithRawRead(settings: TenantSettings, raw: PhoneFlagRead | undefined): TenantSettings {
  if (settings.phoneConsolidatedExperience !== false || raw === undefined) return settings;
  if (raw.ok) return { ...settings, phoneConsolidatedExperience: raw.phoneConsolidatedExperience };
  // A false from getTenant that could not be checked against the raw setting.
  return {
    ...settings,
    phoneFlagWarning:
      `The Auth0 provider reads the tenant's phone_consolidated_experience as off, which is also how it reports a flag that was never set ` +
      `(every new tenant, where Guardian treats it as on), and the program could not read the setting itself: ${raw.problem}. ` +
      `The run keeps "off". If this tenant never set the flag, classic will fail at auth0:Guardian ("provider or options cannot be ` +
      `specified when phone consolidated experience is enabled for tenant"). Fix: grant the Auth0 application read:tenant_settings, ` +
      `or set the flag explicitly (PATCH /api/v2/tenants/settings {"phone_consolidated_experience": false} to keep classic, true for unified), ` +
      `or pin phoneExperience (pulumi config set phoneExperience unified).`,
  };
}

/** How the program reaches the Management API: a ready token, or a client-credentials application (and its token audience, when not the default). */
export type ManagementCredentials =
  { domain: string; apiToken: string } | { domain: string; clientId: string; clientSecret: string; audience?: string };

/** What `auth0:<key>` holds in the stack's configuration (undefined when unset). */
export type Auth0ConfigLookup = (key: "domain" | "clientId" | "clientSecret" | "apiToken" | "audience") => string | undefined;

/** The raw setting (undefined: never set), or why it could not be read. */
export type PhoneFlagRead = { ok: true; phoneConsolidatedExperience: boolean | undefined } | { ok: false; problem: string };

/** Reads the raw setting; injected into readTenantSettings so tests and the plan can answer it. */
export type PhoneFlagReader = () => Promise<PhoneFlagRead>;

/** The provider's credentials from the stack's `auth0:` configuration, else its environment; a problem naming the keys when missing. */
export function managementCredentials(config: Auth0ConfigLookup, env: NodeJS.ProcessEnv): ManagementCredentials | { problem: string } {
  const pick = (key: Parameters<Auth0ConfigLookup>[0], envName: string): string => {
    const configured = config(key)?.trim() ?? "";
    return configured !== "" ? configured : (env[envName] ?? "").trim();
  };
  const domain = pick("domain", "AUTH0_DOMAIN");
  const apiToken = pick("apiToken", "AUTH0_API_TOKEN");
  const clientId = pick("clientId", "AUTH0_CLIENT_ID");
  const clientSecret = pick("clientSecret", "AUTH0_CLIENT_SECRET");
  const audience = pick("audience", "AUTH0_AUDIENCE");
  if (domain === "") return { problem: "no Auth0 domain is configured (auth0:domain or AUTH0_DOMAIN)" };
  if (apiToken !== "") return { domain, apiToken };
  if (clientId !== "" && clientSecret !== "") return { domain, clientId, clientSecret, ...(audience === "" ? {} : { audience }) };
  return {
    problem:
      "no Management API credentials are configured (auth0:clientId and auth0:clientSecret, AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET, or auth0:apiToken / AUTH0_API_TOKEN)",
  };
}

/** The innermost cause's code or message of a network failure (e.g. "ECONNREFUSED"). */
function networkCause(error: unknown): string {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return code;
    if (current.cause === undefined) return current.message.slice(0, 120);
    current = current.cause;
  }
  return current instanceof Error ? current.message.slice(0, 120) : String(current).slice(0, 120);
}

/** Why a token request or a read failed, in words an operator can act on (no secret, no token). */
function describeFailure(error: unknown, what: string): string {
  if (error instanceof TokenRequestError && error.statusCode !== undefined) {
    const detail = error.oauth === undefined ? "" : ` ${error.oauth.error}`;
    return `${what} answered ${error.statusCode}${detail} (check the Auth0 provider's credentials and that the application is authorised on the Management API)`;
  }
  if ((error instanceof TokenRequestError && error.timedOut) || error instanceof ManagementTimeoutError)
    return `${what} did not answer within ${MANAGEMENT_TIMEOUT_SECONDS} s`;
  if (error instanceof ManagementError) {
    if (error.statusCode === undefined) return `${what} is unreachable (${networkCause(error)})`;
    if (error.statusCode === 403) return `${what} answered 403: the application's grant lacks the scope read:tenant_settings`;
    return `${what} answered ${error.statusCode}`;
  }
  if (error instanceof TokenRequestError) return `${what} is unreachable (${networkCause(error)})`;
  return `${what} failed (${networkCause(error)})`;
}

/** GET https://DOMAIN/api/v2/tenants/settings with the given credentials; never throws. */
export async function readPhoneFlag(credentials: ManagementCredentials): Promise<PhoneFlagRead> {
  let token: string;
  if ("apiToken" in credentials) {
    token = credentials.apiToken;
  } else {
    try {
      token = await requestManagementToken(credentials);
    } catch (error) {
      return { ok: false, problem: describeFailure(error, `the token request to https://${credentials.domain}/oauth/token`) };
    }
  }
  try {
    const settings = await managementClient(credentials.domain, token).tenants.settings.get();
    // A boolean, or absent/null when never set.
    const flag = settings.phone_consolidated_experience;
    return { ok: true, phoneConsolidatedExperience: typeof flag === "boolean" ? flag : undefined };
  } catch (error) {
    return { ok: false, problem: describeFailure(error, `GET https://${credentials.domain}/api/v2/tenants/settings`) };
  }
}

/** A reader for the provider's credentials as configured (stack config, else environment). */
export function phoneFlagReaderFor(config: Auth0ConfigLookup, env: NodeJS.ProcessEnv): PhoneFlagReader {
  return async () => {
    const credentials = managementCredentials(config, env);
    if ("problem" in credentials) return { ok: false, problem: credentials.problem };
    return readPhoneFlag(credentials);
  };
}

/** The tenant of the stack's Auth0 provider: getTenant, a false checked by `readPhoneFlag` (a failed read keeps it and logs the warning). */
export async function readTenantSettings(
  readPhoneFlag: PhoneFlagReader = phoneFlagReaderFor((key) => new pulumi.Config("auth0").get(key), process.env),
): Promise<TenantSettings> {
  const settings = tenantSettingsFrom(await auth0.getTenant());
  const raw = settings.phoneConsolidatedExperience === false ? await readPhoneFlag() : undefined;
  const refined = refineWithRawRead(settings, raw);
  if (refined.phoneFlagWarning !== undefined) void pulumi.log.warn(refined.phoneFlagWarning);
  return refined;
}
