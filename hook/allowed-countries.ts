/**
 * The ALLOWED_COUNTRIES list (comma-separated ISO 3166 alpha-2 codes, e.g. `US,CA`), parsed and
 * checked against the countries the phone metadata knows. Shared by the Action and the Pulumi
 * program's configuration check, so both accept exactly the same lists.
 */
import { isKnownCountry } from "./phone-metadata";

export interface ParsedAllowedCountries {
  /** Valid codes, uppercased, first occurrence order, no duplicates. */
  countries: string[];
  /** Entries that are not a known two-letter country code, trimmed, as given. */
  invalid: string[];
}

export function parseAllowedCountries(raw: string | readonly string[]): ParsedAllowedCountries {
  const entries = typeof raw === "string" ? raw.split(",") : raw;
  const countries: string[] = [];
  const invalid: string[] = [];
  for (const entry of entries) {
    const trimmed = String(entry).trim();
    if (trimmed === "") continue;
    const code = trimmed.toUpperCase();
    if (isKnownCountry(code)) {
      if (!countries.includes(code)) countries.push(code);
    } else if (!invalid.includes(trimmed)) {
      invalid.push(trimmed);
    }
  }
  return { countries, invalid };
}

/** A hint for the classic mistakes, for error messages: `UK` is `GB`. */
export function describeInvalidCountries(invalid: readonly string[]): string {
  return invalid
    .map((entry) => (entry.toUpperCase() === "UK" ? `"${entry}" (the United Kingdom is GB)` : `"${entry.slice(0, 12)}"`))
    .join(", ");
}
