/** The ISO 3166 alpha-2 country of a phone number, from real numbering-plan metadata. */
import { countryOfE164 } from "./phone-metadata";

/**
 * The country a number belongs to (`+1 876…` is JM, not US), or undefined when the metadata cannot
 * tell (an unassigned range, a non-geographic number such as +800, an impossible number).
 */
export function countryOfNumber(e164: string): string | undefined {
  return countryOfE164(e164);
}
