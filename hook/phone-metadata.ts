/**
 * libphonenumber-js, the two functions the sender uses, over its 83 kB "min" metadata. The metadata is
 * loaded on first use only (the sender needs it only when ALLOWED_COUNTRIES is set) and stays a
 * require() of the libphonenumber-js package that Auth0 installs as an Action dependency. The two
 * functions are bundled into the Action, tree-shaken from the ES module build: requiring the
 * package's whole CommonJS `core` entry instead costs ~20 ms of a cold start (see hook/bundle.ts).
 */
import { isSupportedCountry, parsePhoneNumberFromString, type CountryCode, type MetadataJson } from "libphonenumber-js/core";

let metadata: MetadataJson | undefined;

function phoneMetadata(): MetadataJson {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- deliberately lazy, see above
  metadata ??= require("libphonenumber-js/metadata.min.json") as MetadataJson;
  return metadata;
}

/** True when `code` is an ISO 3166 alpha-2 code the metadata has a numbering plan for. */
export function isKnownCountry(code: string): boolean {
  return /^[A-Z]{2}$/.test(code) && isSupportedCountry(code as CountryCode, phoneMetadata());
}

/** The country libphonenumber-js places an E.164 number in, or undefined when it cannot tell. */
export function countryOfE164(e164: string): string | undefined {
  return parsePhoneNumberFromString(e164, phoneMetadata())?.country;
}
