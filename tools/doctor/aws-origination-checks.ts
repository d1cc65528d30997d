/**
 * Where SMS come from, as AWS End User Messaging SMS (pinpoint-sms-voice-v2) holds it in the stack's
 * region: for each allowed country that requires one, an active SMS-capable registered origination
 * identity; the configured originationNumber and senderId; and the account's default protect
 * configuration, which may block a country the stack allows, and which a stack with
 * protectConfigurationEnabled manages itself (or finds held by another configuration, which
 * `pulumi up` refuses to replace).
 */
import {
  DescribePhoneNumbersCommand,
  DescribeProtectConfigurationsCommand,
  DescribeSenderIdsCommand,
  GetProtectConfigurationCountryRuleSetCommand,
  type PhoneNumberInformation,
  type SenderIdInformation,
} from "@aws-sdk/client-pinpoint-sms-voice-v2";
import { maskPhoneNumber } from "../../hook/phone-number";
import { callAws, notRunCheck, type CallResult } from "./aws-call";
import type { AwsCheckContext, DeploymentState } from "./aws-doctor-input";
import type { ProtectConfigurationSettings } from "../../infra/config/stack-config-types";
import type { DoctorCheck } from "./doctor-check";

/**
 * Countries whose carriers only deliver application-to-person SMS from a registered origination
 * identity, and which number types qualify. US: a registered toll-free number, 10DLC number or short
 * code (https://docs.aws.amazon.com/sms-voice/latest/userguide/registrations-tfn.html, and the
 * registration-help page: "your traffic must be registered"); a number becomes ACTIVE only once its
 * registration is complete (phone-numbers-status.html: PENDING until then).
 */
export const REGISTERED_ORIGINATION_REQUIRED: Readonly<Record<string, { types: readonly string[]; what: string }>> = {
  US: { types: ["TOLL_FREE", "TEN_DLC", "SHORT_CODE"], what: "toll-free, 10DLC or short-code number" },
};

/** Countries where alphanumeric sender IDs are not supported: SMS there show a number. */
export const SENDER_ID_UNSUPPORTED = ["US", "CA"] as const;

const PAGES = 20;

export async function listPhoneNumbers(context: AwsCheckContext): Promise<CallResult<PhoneNumberInformation[]>> {
  const numbers: PhoneNumberInformation[] = [];
  let token: string | undefined;
  for (let page = 0; page < PAGES; page++) {
    const result = await callAws("sms-voice:DescribePhoneNumbers", () =>
      context.clients.sms.send(new DescribePhoneNumbersCommand({ NextToken: token })),
    );
    if (!result.ok) return result;
    numbers.push(...(result.value.PhoneNumbers ?? []));
    token = result.value.NextToken;
    if (token === undefined) break;
  }
  return { ok: true, value: numbers };
}

function canSendSms(number: PhoneNumberInformation): boolean {
  return number.Status === "ACTIVE" && (number.NumberCapabilities ?? []).includes("SMS");
}

/** The countries to look at: the allowed ones that need a registered identity, or all of those when any country is allowed. */
export function countriesNeedingOrigination(allowedCountries: readonly string[]): { countries: string[]; unrestricted: boolean } {
  const needing = Object.keys(REGISTERED_ORIGINATION_REQUIRED);
  if (allowedCountries.length === 0) return { countries: needing, unrestricted: true };
  return { countries: needing.filter((country) => allowedCountries.includes(country)), unrestricted: false };
}

/** The verdict on origination identities; pure. */
export function originationIdentityVerdict(
  region: string,
  allowedCountries: readonly string[],
  numbers: readonly PhoneNumberInformation[],
): DoctorCheck {
  const id = "aws.origination-identity";
  const { countries, unrestricted } = countriesNeedingOrigination(allowedCountries);
  if (countries.length === 0) {
    return {
      id,
      status: "pass",
      reason: `None of the allowed countries (${allowedCountries.join(", ")}) requires a registered origination identity.`,
      next: "",
    };
  }
  const found: string[] = [];
  const missing: string[] = [];
  for (const country of countries) {
    const rule = REGISTERED_ORIGINATION_REQUIRED[country];
    if (rule === undefined) continue;
    const ofCountry = numbers.filter((number) => number.IsoCountryCode === country && rule.types.includes(number.NumberType ?? ""));
    const usable = ofCountry.find(canSendSms);
    if (usable !== undefined) {
      found.push(
        `${country}: ${(usable.NumberType ?? "").toLowerCase().replace("_", "-")} ${maskPhoneNumber(usable.PhoneNumber)} is active`,
      );
      continue;
    }
    const pending = ofCountry.map(
      (number) =>
        `${maskPhoneNumber(number.PhoneNumber)} is ${number.Status ?? "?"}${(number.NumberCapabilities ?? []).includes("SMS") ? "" : " without SMS"}`,
    );
    missing.push(`${country} has no active SMS-capable ${rule.what}${pending.length > 0 ? ` (${pending.join("; ")})` : ""}`);
  }
  if (missing.length === 0) return { id, status: "pass", reason: `${found.join("; ")} (${region}).`, next: "" };
  return {
    id,
    status: unrestricted ? "warn" : "fail",
    reason: `In ${region}, ${missing.join("; ")}: carriers there do not deliver the MFA SMS${unrestricted ? " (allowedCountries is empty, so users there may enroll)" : ""}.`,
    next:
      `Request a toll-free number (or 10DLC/short code) in AWS End User Messaging SMS in ${region} and complete its registration (toll-free: up to 15 business days); ` +
      `it is ready when its status is ACTIVE.${unrestricted ? " Or list only the countries you serve in allowedCountries." : ""}`,
  };
}

/** The verdict on the configured originationNumber; pure. */
export function originationNumberVerdict(
  region: string,
  configured: string | undefined,
  allowedCountries: readonly string[],
  numbers: readonly PhoneNumberInformation[],
): DoctorCheck {
  const id = "aws.origination-number";
  if (configured === undefined)
    return { id, status: "pass", reason: "Nothing to check: originationNumber is not set (SNS picks the origination identity).", next: "" };
  const shown = maskPhoneNumber(configured);
  const number = numbers.find((candidate) => candidate.PhoneNumber === configured);
  if (number === undefined) {
    return {
      id,
      status: "fail",
      reason: `originationNumber ${shown} is not a phone number of this account in ${region}: SNS cannot send from it.`,
      next: `Set originationNumber to one of the account's numbers in ${region} (AWS End User Messaging SMS → Phone numbers), or clear it.`,
    };
  }
  if (!canSendSms(number)) {
    return {
      id,
      status: "fail",
      reason: `originationNumber ${shown} is ${number.Status ?? "?"}${(number.NumberCapabilities ?? []).includes("SMS") ? "" : " and cannot send SMS"}: it cannot send the MFA SMS yet.`,
      next: "Finish its registration (status ACTIVE, SMS capability), or set originationNumber to a number that is ready.",
    };
  }
  const country = number.IsoCountryCode ?? "?";
  if (allowedCountries.length > 0 && !allowedCountries.includes(country)) {
    return {
      id,
      status: "warn",
      reason: `originationNumber ${shown} is a ${country} number but allowedCountries (${allowedCountries.join(", ")}) does not include ${country}: carriers elsewhere may refuse SMS from it.`,
      next: "Use a number of a country you send to, or clear originationNumber and let SNS choose.",
    };
  }
  return { id, status: "pass", reason: `originationNumber ${shown} is an active SMS-capable ${country} number in ${region}.`, next: "" };
}

/** The verdict on the configured senderId; pure. Unregistered sender IDs work in many countries, so at worst a warning. */
export function senderIdVerdict(
  region: string,
  configured: string | undefined,
  allowedCountries: readonly string[],
  senderIds: readonly SenderIdInformation[],
): DoctorCheck {
  const id = "aws.sender-id";
  if (configured === undefined) return { id, status: "pass", reason: "Nothing to check: senderId is not set.", next: "" };
  const unsupported = SENDER_ID_UNSUPPORTED.filter((country) => allowedCountries.length === 0 || allowedCountries.includes(country));
  const registered = senderIds.filter((entry) => entry.SenderId === configured).map((entry) => entry.IsoCountryCode ?? "?");
  const problems: string[] = [];
  if (unsupported.length > 0) problems.push(`${unsupported.join(" and ")} do not support sender IDs, so SMS there show a number instead`);
  if (registered.length === 0)
    problems.push(
      `senderId ${configured} is not registered in AWS End User Messaging SMS in ${region}, so countries that require registered sender IDs replace or refuse it`,
    );
  if (problems.length > 0) {
    return {
      id,
      status: "warn",
      reason: `${problems.join("; ")}.`,
      next: "Register the sender ID for the countries that require it (AWS End User Messaging SMS → Sender IDs), or clear senderId.",
    };
  }
  return { id, status: "pass", reason: `senderId ${configured} is registered in ${region} for ${registered.join(", ")}.`, next: "" };
}

export async function originationChecks(context: AwsCheckContext): Promise<DoctorCheck[]> {
  const { region, sender } = context.config;
  const numbers = await listPhoneNumbers(context);
  const identity = numbers.ok
    ? originationIdentityVerdict(region, sender.allowedCountries, numbers.value)
    : notRunCheck("aws.origination-identity", numbers.problem, "the account's origination numbers");
  const number =
    sender.originationNumber === undefined || numbers.ok
      ? originationNumberVerdict(region, sender.originationNumber, sender.allowedCountries, numbers.ok ? numbers.value : [])
      : notRunCheck("aws.origination-number", numbers.problem, "the configured originationNumber");
  return [identity, number, await senderIdCheck(context)];
}

async function senderIdCheck(context: AwsCheckContext): Promise<DoctorCheck> {
  const { region, sender } = context.config;
  if (sender.senderId === undefined) return senderIdVerdict(region, undefined, sender.allowedCountries, []);
  const senderIds: SenderIdInformation[] = [];
  let token: string | undefined;
  for (let page = 0; page < PAGES; page++) {
    const result = await callAws("sms-voice:DescribeSenderIds", () =>
      context.clients.sms.send(new DescribeSenderIdsCommand({ NextToken: token })),
    );
    if (!result.ok) return notRunCheck("aws.sender-id", result.problem, "the configured senderId");
    senderIds.push(...(result.value.SenderIds ?? []));
    token = result.value.NextToken;
    if (token === undefined) break;
  }
  return senderIdVerdict(region, sender.senderId, sender.allowedCountries, senderIds);
}

/** What the stack manages of the account default (protectConfigurationEnabled) and what its deployment says it holds. */
export interface StackProtectConfiguration {
  /** The stack's settings; undefined = the stack leaves the account's protect configurations alone. */
  managed: ProtectConfigurationSettings | undefined;
  deployment: DeploymentState;
}

/**
 * The verdict on a stack that manages the account default, from the default's id alone; undefined when
 * the default is the stack's own (its rules decide) or the stack does not manage it. Pure.
 */
export function stackDefaultVerdict(
  region: string,
  allowedCountries: readonly string[],
  stack: StackProtectConfiguration,
  defaultId: string | undefined,
): DoctorCheck | undefined {
  const id = "aws.protect-configuration";
  if (stack.managed === undefined) return undefined;
  const own = stack.deployment.kind === "deployed" ? stack.deployment.outputs.protectConfigurationId : undefined;
  if (defaultId !== undefined && defaultId === own) return undefined;
  const rules = `${allowedCountries.length === 0 ? "every country" : allowedCountries.join(", ")}: ${stack.managed.allowedCountryStatus}${allowedCountries.length === 0 ? "" : "; every other country: BLOCK"}`;
  if (defaultId === undefined) {
    if (own !== undefined) {
      return {
        id,
        status: "warn",
        reason: `The stack's protect configuration ${own} is no longer the account default in ${region}: SMS there are not protected by it.`,
        next: "Run `pulumi up`: it makes the stack's configuration the account default again.",
      };
    }
    return {
      id,
      status: "pass",
      reason: `No account-default protect configuration in ${region} yet: \`pulumi up\` creates the stack's (${rules}) and makes it the default.`,
      next: "",
    };
  }
  if (stack.deployment.kind === "unknown") {
    return {
      id,
      status: "warn",
      reason: `The account-default protect configuration in ${region} is ${defaultId}; whether it is this stack's could not be told (${stack.deployment.why}).`,
      next: "Read the stack's outputs (`pulumi stack output protectConfigurationId`) and compare, or run the doctor where the Pulumi CLI is logged in.",
    };
  }
  return {
    id,
    status: "fail",
    reason: `The account-default protect configuration in ${region} is ${defaultId}, not this stack's: \`pulumi up\` refuses to replace it (protectConfigurationEnabled).`,
    next: `If nothing else in the account relies on it, remove it as the account default (aws pinpoint-sms-voice-v2 delete-account-default-protect-configuration --region ${region}); otherwise set protectConfigurationEnabled to false.`,
  };
}

/**
 * The verdict on the account-default protect configuration's SMS country rules (undefined: there is
 * none); `managedId` names it when it is the stack's own. Pure.
 */
export function protectConfigurationVerdict(
  region: string,
  allowedCountries: readonly string[],
  rules: Readonly<Record<string, { ProtectStatus?: string }>> | undefined,
  managedId?: string,
): DoctorCheck {
  const id = "aws.protect-configuration";
  if (rules === undefined)
    return { id, status: "pass", reason: `No account-default protect configuration in ${region}: none blocks a country.`, next: "" };
  const subject = `The account-default protect configuration in ${region}${managedId === undefined ? "" : ` (${managedId}, managed by this stack: protectConfigurationEnabled)`}`;
  const blocked = Object.entries(rules)
    .filter(([, rule]) => rule.ProtectStatus === "BLOCK")
    .map(([country]) => country);
  const next =
    "Allow those countries in the account-default protect configuration (AWS End User Messaging SMS → Protect configurations), or remove them from allowedCountries.";
  if (allowedCountries.length === 0) {
    if (blocked.length === 0) return { id, status: "pass", reason: `${subject} blocks no country.`, next: "" };
    return {
      id,
      status: "warn",
      reason: `${subject} blocks SMS to ${blocked.length} countr${blocked.length === 1 ? "y" : "ies"} (${blocked.slice(0, 10).join(", ")}${blocked.length > 10 ? ", …" : ""}); allowedCountries is empty, so users there may enroll and get no code.`,
      next: "List the countries you serve in allowedCountries (users elsewhere cannot enroll), or allow them in the protect configuration.",
    };
  }
  const blockedAllowed = allowedCountries.filter((country) => blocked.includes(country));
  if (blockedAllowed.length > 0) {
    return {
      id,
      status: "fail",
      reason: `${subject} blocks SMS to ${blockedAllowed.join(", ")}, which the stack allows: users there get no code.`,
      next,
    };
  }
  return {
    id,
    status: "pass",
    reason: `${subject} blocks none of ${allowedCountries.join(", ")}.`,
    next: "",
  };
}

export async function protectConfigurationCheck(context: AwsCheckContext): Promise<DoctorCheck> {
  const id = "aws.protect-configuration";
  const what = "the account-default protect configuration";
  const { region, sender } = context.config;
  const listed = await callAws("sms-voice:DescribeProtectConfigurations", () =>
    context.clients.sms.send(new DescribeProtectConfigurationsCommand({ Filters: [{ Name: "account-default", Values: ["true"] }] })),
  );
  if (!listed.ok) return notRunCheck(id, listed.problem, what);
  const configuration = (listed.value.ProtectConfigurations ?? []).find((entry) => entry.AccountDefault === true);
  const stack = { managed: context.config.protectConfiguration, deployment: context.deployment };
  const ownership = stackDefaultVerdict(region, sender.allowedCountries, stack, configuration?.ProtectConfigurationId);
  if (ownership !== undefined) return ownership;
  if (configuration?.ProtectConfigurationId === undefined) return protectConfigurationVerdict(region, sender.allowedCountries, undefined);
  const protectConfigurationId = configuration.ProtectConfigurationId;
  const rules = await callAws("sms-voice:GetProtectConfigurationCountryRuleSet", () =>
    context.clients.sms.send(
      new GetProtectConfigurationCountryRuleSetCommand({ ProtectConfigurationId: protectConfigurationId, NumberCapability: "SMS" }),
    ),
  );
  if (!rules.ok) return notRunCheck(id, rules.problem, what);
  const managedId = stack.managed === undefined ? undefined : protectConfigurationId;
  return protectConfigurationVerdict(region, sender.allowedCountries, rules.value.CountryRuleSet ?? {}, managedId);
}
