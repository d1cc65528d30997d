/** Shared inputs of the hook unit tests: secrets and phone numbers whose country is known. */
import type { ActionSecrets } from "../../hook/action-secrets";

/** AWS's documented example key pair: well-formed, never valid. */
export const VALID_SECRETS: ActionSecrets = {
  AWS_REGION: "eu-west-2",
  AWS_ACCESS_KEY_ID: "AKIAIOSFODNN7EXAMPLE",
  AWS_SECRET_ACCESS_KEY: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
};

export const NUMBERS = {
  /** New York. */
  US: "+12125551234",
  /** Toronto. */
  CA: "+14165550123",
  /** Kingston: +1 like the US, but Jamaica. */
  JM: "+18765551234",
  /** London landline. */
  GB: "+442071234567",
  /** A +44 mobile range that belongs to Guernsey. */
  GG: "+447911123456",
  /** A UK drama number (07700 900xxx): right syntax, no country. */
  UNASSIGNED_GB: "+447700900123",
} as const;
