/**
 * libphonenumber-js, the two functions the sender uses, over its 83 kB "min" metadata, both loaded on
 * first use only: the sender needs them only when ALLOWED_COUNTRIES is set. In the built Action the two
 * functions are compiled in (see BUNDLED_SUBSETS in infra/auth0/action-bundle.ts) and the metadata JSON stays a
 * require() of the libphonenumber-js package that Auth0 installs as an Action dependency. Under Node
 * (tests, the Pulumi program) both come from the installed package.
 */
import type { CountryCode, MetadataJson } from "libphonenumber-js/core";

type PhoneFunctions = Pick<typeof import("libphonenumber-js/core"), "isSupportedCountry" | "parsePhoneNumberFromString">;

let loaded: { functions: PhoneFunctions; metadata: MetadataJson } | undefined;

function phoneLibrary(): { functions: PhoneFunctions; metadata: MetadataJson } {
  /* eslint-disable @typescript-eslint/no-require-imports -- deliberately lazy, see above */
  loaded ??= {
    functions: require("libphonenumber-js/core") as PhoneFunctions,
    metadata: require("libphonenumber-js/metadata.min.json") as MetadataJson,
  };
  /* eslint-enable @typescript-eslint/no-require-imports */
  return loaded;
}

/** True when `code` is an ISO 3166 alpha-2 code the metadata has a numbering plan for. */
export function isKnownCountry(code: string): boolean {
  const { functions, metadata } = phoneLibrary();
  return functions.isSupportedCountry(code as CountryCode, metadata);
}

/** The country libphonenumber-js places an E.164 number in, or undefined when it cannot tell. */
export function countryOfE164(e164: string): string | undefined {
  const { functions, metadata } = phoneLibrary();
  return functions.parsePhoneNumberFromString(e164, metadata)?.country;
}
