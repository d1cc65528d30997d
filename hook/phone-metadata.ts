/**
 * libphonenumber-js (core functions + the 83 kB "min" metadata), loaded on first use only: the sender
 * needs it only when ALLOWED_COUNTRIES is set, and loading it costs ~20 ms of a cold start.
 * It stays a require() in the bundle: Auth0 installs it as one of the Action's npm dependencies.
 */
import type { MetadataJson } from "libphonenumber-js/core";

type PhoneCore = typeof import("libphonenumber-js/core");

export interface PhoneMetadata {
  core: PhoneCore;
  metadata: MetadataJson;
}

let loaded: PhoneMetadata | undefined;

export function phoneMetadata(): PhoneMetadata {
  if (loaded === undefined) {
    /* eslint-disable @typescript-eslint/no-require-imports -- deliberately lazy, see above */
    const core = require("libphonenumber-js/core") as PhoneCore;
    const metadata = require("libphonenumber-js/metadata.min.json") as MetadataJson;
    /* eslint-enable @typescript-eslint/no-require-imports */
    loaded = { core, metadata };
  }
  return loaded;
}
