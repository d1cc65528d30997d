/**
 * The SMS country rules of the stack's protect configuration, as pure functions (the dynamic provider
 * runs them in the engine's provider process, tests directly): each country's rule, what must change in
 * a rule set, its split into API calls, and whether the account default is the stack's. API reference
 * (https://docs.aws.amazon.com/pinpoint/latest/apireference_smsvoicev2/): ProtectStatus ALLOW | BLOCK |
 * MONITOR | FILTER; UpdateProtectConfigurationCountryRuleSet takes at most 300 `[A-Z]{2}` keys per call;
 * CreateProtectConfiguration sets every country to ALLOW, so every other rule must be written.
 */
import { describeInvalidCountries, parseAllowedCountries } from "../../hook/allowed-countries";

/** Every rule a country can have (ProtectStatus). */
export const PROTECT_STATUSES = ["ALLOW", "BLOCK", "MONITOR", "FILTER"] as const;
export type ProtectStatus = (typeof PROTECT_STATUSES)[number];

/** The rules the stack may give the countries it allows: BLOCK is what every other country gets. */
export const ALLOWED_COUNTRY_STATUSES = ["ALLOW", "FILTER", "MONITOR"] as const;
export type AllowedCountryStatus = (typeof ALLOWED_COUNTRY_STATUSES)[number];

/** UpdateProtectConfigurationCountryRuleSet: "Map Entries: Maximum number of 300 items". */
export const MAX_COUNTRY_RULE_UPDATES = 300;

/** Country → rule, as the API's CountryRuleSet holds it (without the wrapping object). */
export type CountryRules = Record<string, ProtectStatus>;

/**
 * The rule of one country: the chosen status for an allowed country (for every country when
 * `allowedCountries` is empty, which allows all), BLOCK for every other.
 */
export function countryRule(country: string, allowedCountries: readonly string[], allowedStatus: AllowedCountryStatus): ProtectStatus {
  return allowedCountries.length === 0 || allowedCountries.includes(country) ? allowedStatus : "BLOCK";
}

/** The rules of `countries`, keyed in alphabetical order. */
export function countryRules(
  countries: readonly string[],
  allowedCountries: readonly string[],
  allowedStatus: AllowedCountryStatus,
): CountryRules {
  return Object.fromEntries([...countries].sort().map((country) => [country, countryRule(country, allowedCountries, allowedStatus)]));
}

/**
 * What must be written so that every country of a configuration's current rule set (the countries End
 * User Messaging lists for it) has its rule: only the countries whose rule differs, alphabetically.
 */
export function ruleSetUpdates(
  current: Readonly<Record<string, string>>,
  allowedCountries: readonly string[],
  allowedStatus: AllowedCountryStatus,
): CountryRules {
  const updates: CountryRules = {};
  for (const country of Object.keys(current).sort()) {
    const wanted = countryRule(country, allowedCountries, allowedStatus);
    if (current[country] !== wanted) updates[country] = wanted;
  }
  return updates;
}

/** The updates split into calls of at most `max` countries each, in alphabetical order; none when nothing changes. */
export function updateBatches(updates: Readonly<CountryRules>, max: number = MAX_COUNTRY_RULE_UPDATES): CountryRules[] {
  if (!Number.isInteger(max) || max < 1) throw new Error(`updateBatches: max must be a positive integer (got ${String(max)})`);
  const countries = Object.keys(updates).sort();
  const batches: CountryRules[] = [];
  for (let start = 0; start < countries.length; start += max) {
    batches.push(Object.fromEntries(countries.slice(start, start + max).map((country) => [country, updates[country] as ProtectStatus])));
  }
  return batches;
}

/** Why the stack may not take the account default in `region`: another configuration is it (never replaced); undefined otherwise. */
export function foreignDefaultProblem(defaultId: string | undefined, ownId: string | undefined, region: string): string | undefined {
  if (defaultId === undefined || defaultId === ownId) return undefined;
  return (
    `protectConfigurationEnabled: the account's default protect configuration in ${region} is ${defaultId}, which this stack did not create; ` +
    "it governs every SMS the account sends there, so the stack does not replace it. " +
    `Either remove it as the account default (aws pinpoint-sms-voice-v2 delete-account-default-protect-configuration --region ${region}) ` +
    "and run pulumi up again, or set protectConfigurationEnabled to false and keep managing it yourself"
  );
}

/**
 * The allowed countries as the Action reads ALLOWED_COUNTRIES (hook/allowed-countries.ts: uppercase,
 * deduplicated), so a country it lets through is never BLOCKed by a case mismatch. Problems name the
 * key: unknown codes, and no country with `ALLOW` (a default that blocks nothing).
 */
export function protectedCountries(
  allowedCountries: readonly string[],
  allowedStatus: AllowedCountryStatus,
): { countries: string[]; problems: string[] } {
  const parsed = parseAllowedCountries(allowedCountries);
  const problems: string[] = [];
  if (parsed.invalid.length > 0)
    problems.push(`allowedCountries: not ISO 3166-1 alpha-2 country codes: ${describeInvalidCountries(parsed.invalid)}`);
  else if (parsed.countries.length === 0 && allowedStatus === "ALLOW")
    problems.push(
      "allowedCountries: empty with the protect configuration on and allowedCountryStatus ALLOW (protectConfigurationAllowedCountryStatus in a stack), the account default would block " +
        "no country; list the countries the sender may text, or choose MONITOR or FILTER to have every country evaluated, or leave " +
        "protectConfiguration unset (protectConfigurationEnabled: false)",
    );
  return { countries: [...parsed.countries].sort(), problems };
}

/** Why the dynamic provider may not act: its credentials are in another account than the instance's AWS provider. */
export function accountMismatchProblem(expected: string, actual: string | undefined, region: string, profile?: string): string | undefined {
  if (actual === expected) return undefined;
  const credentials = profile === undefined ? "the default AWS credential chain of the process running pulumi" : `profile ${profile}`;
  return (
    `protectConfiguration: the credentials the protect configuration is managed with (${credentials}) are in account ${actual ?? "(none reported)"}, ` +
    `but the SmsMfa instance's AWS provider (and its protect configuration in ${region}) is in account ${expected}; ` +
    "the protect configuration is managed with its provider's profile when it has one, otherwise with the process's own credentials " +
    `(environment, AWS_PROFILE, SSO, the CI role), never aws:assumeRoles or the provider's keys: run pulumi with credentials of account ${expected}. Nothing was changed`
  );
}
