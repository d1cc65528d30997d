/**
 * The account's SMS state in the stack's region, as SNS and AWS End User Messaging SMS report it: the
 * SMS sandbox (only verified destinations receive SMS), the monthly SMS spend limit (new accounts: 1
 * USD, after which SMS stop for the rest of the month), and whether the --to number opted out.
 */
import { DescribeSpendLimitsCommand, type SpendLimit } from "@aws-sdk/client-pinpoint-sms-voice-v2";
import {
  CheckIfPhoneNumberIsOptedOutCommand,
  GetSMSAttributesCommand,
  GetSMSSandboxAccountStatusCommand,
  ListSMSSandboxPhoneNumbersCommand,
  type SMSSandboxPhoneNumber,
} from "@aws-sdk/client-sns";
import { maskPhoneNumber } from "../../hook/phone-number";
import { callAws, notRunCheck, type CallResult } from "./aws-call";
import type { AwsCheckContext } from "./aws-doctor-input";
import type { DoctorCheck } from "./doctor-check";

/** A new account's monthly SMS spend limit, in USD (SNS and End User Messaging SMS quotas). */
export const DEFAULT_SMS_SPEND_LIMIT_USD = 1;

const NO_TO = "Nothing to check: give --to +E164 (a phone you own) to check a test number.";

export function sandboxStatus(context: AwsCheckContext): Promise<CallResult<boolean | undefined>> {
  return callAws(
    "sns:GetSMSSandboxAccountStatus",
    async () => (await context.clients.sns.send(new GetSMSSandboxAccountStatusCommand({}))).IsInSandbox,
  );
}

export function sandboxCheck(region: string, status: CallResult<boolean | undefined>): DoctorCheck {
  const id = "aws.sms-sandbox";
  if (!status.ok) return notRunCheck(id, status.problem, "whether the account is in the SMS sandbox");
  if (status.value !== true)
    return { id, status: "pass", reason: `The account is out of the SMS sandbox in ${region}: SMS may go to any number.`, next: "" };
  return {
    id,
    status: "fail",
    reason: `The account is in the SMS sandbox in ${region}: SMS reach only verified destination numbers, so users' MFA codes are not delivered.`,
    next: `Request production access for SMS in ${region} (SNS console → Text messaging (SMS) → Exit SMS sandbox); until AWS grants it, only numbers verified in the sandbox receive codes.`,
  };
}

export async function sandboxDestinationCheck(context: AwsCheckContext, status: CallResult<boolean | undefined>): Promise<DoctorCheck> {
  const id = "aws.sandbox-destination";
  const to = context.to;
  if (to === undefined) return { id, status: "pass", reason: NO_TO, next: "" };
  if (!status.ok) return notRunCheck(id, status.problem, `whether ${maskPhoneNumber(to)} may receive SMS from the sandbox`);
  if (status.value !== true)
    return { id, status: "pass", reason: `Out of the sandbox: ${maskPhoneNumber(to)} needs no verification.`, next: "" };
  const numbers: SMSSandboxPhoneNumber[] = [];
  let token: string | undefined;
  for (let page = 0; page < 20; page++) {
    const result = await callAws("sns:ListSMSSandboxPhoneNumbers", () =>
      context.clients.sns.send(new ListSMSSandboxPhoneNumbersCommand({ NextToken: token })),
    );
    if (!result.ok) return notRunCheck(id, result.problem, `whether ${maskPhoneNumber(to)} is a verified sandbox destination`);
    numbers.push(...(result.value.PhoneNumbers ?? []));
    token = result.value.NextToken;
    if (token === undefined) break;
  }
  const entry = numbers.find((number) => number.PhoneNumber === to);
  const verify = `Verify it in the SNS console (Text messaging (SMS) → Sandbox destination phone numbers) with the code AWS texts to it.`;
  if (entry === undefined) {
    return {
      id,
      status: "fail",
      reason: `${maskPhoneNumber(to)} is not a sandbox destination number: in the sandbox it receives no SMS.`,
      next: `Add and ${verify.charAt(0).toLowerCase()}${verify.slice(1)}`,
    };
  }
  if (entry.Status !== "Verified") {
    return {
      id,
      status: "fail",
      reason: `${maskPhoneNumber(to)} is a sandbox destination whose verification is ${entry.Status ?? "not finished"}: it receives no SMS yet.`,
      next: verify,
    };
  }
  return {
    id,
    status: "pass",
    reason: `${maskPhoneNumber(to)} is a verified sandbox destination: it receives SMS, other numbers do not.`,
    next: "",
  };
}

export interface SpendLimitFacts {
  region: string;
  /** SNS's MonthlySpendLimit, when the account set one. */
  snsLimitUsd: number | undefined;
  /** End User Messaging SMS's TEXT_MESSAGE_MONTHLY_SPEND_LIMIT: the enforced limit and the account's maximum. */
  enforcedUsd: number | undefined;
  maxUsd: number | undefined;
  /** What the stack sets (smsPreferencesEnabled + smsMonthlySpendLimitUsd); undefined when it leaves the account's setting alone. */
  expectedUsd: number | undefined;
}

const QUOTA_HINT =
  "request a spending quota increase for SMS in this region (AWS End User Messaging SMS console → Spend limits, or a Service Quotas / support case)";

/** The verdict on the spend limit; pure. */
export function spendLimitVerdict(facts: SpendLimitFacts): DoctorCheck {
  const id = "aws.spend-limit";
  const current = facts.snsLimitUsd ?? facts.enforcedUsd;
  const maximum = facts.maxUsd === undefined ? "" : `; the account's maximum is ${facts.maxUsd} USD`;
  if (facts.expectedUsd !== undefined) {
    if (facts.maxUsd !== undefined && facts.expectedUsd > facts.maxUsd) {
      return {
        id,
        status: "fail",
        reason: `The stack sets the monthly SMS spend limit to ${facts.expectedUsd} USD (smsMonthlySpendLimitUsd), above the account's maximum of ${facts.maxUsd} USD in ${facts.region}: \`pulumi up\` fails.`,
        next: `Either ${QUOTA_HINT}, or lower smsMonthlySpendLimitUsd to ${facts.maxUsd} or less.`,
      };
    }
    if (facts.expectedUsd <= DEFAULT_SMS_SPEND_LIMIT_USD) {
      return {
        id,
        status: "fail",
        reason: `The stack keeps the monthly SMS spend limit at ${facts.expectedUsd} USD (AWS's default for new accounts): SMS stop once that is spent in a month${maximum}.`,
        next: `Set smsMonthlySpendLimitUsd to what a month of MFA SMS costs; above the maximum, ${QUOTA_HINT} first.`,
      };
    }
    return {
      id,
      status: "pass",
      reason: `\`pulumi up\` sets the monthly SMS spend limit to ${facts.expectedUsd} USD (now ${current === undefined ? "unknown" : `${current} USD`}${maximum}).`,
      next: "",
    };
  }
  if (current === undefined) {
    return {
      id,
      status: "warn",
      reason: `Could not read the monthly SMS spend limit in ${facts.region}.`,
      next: "Check it in the AWS End User Messaging SMS console (Spend limits).",
    };
  }
  if (current <= DEFAULT_SMS_SPEND_LIMIT_USD) {
    return {
      id,
      status: "fail",
      reason: `The account's monthly SMS spend limit in ${facts.region} is ${current} USD (AWS's default for new accounts): SMS stop for the rest of the month once that is spent${maximum}.`,
      next: `${QUOTA_HINT.charAt(0).toUpperCase()}${QUOTA_HINT.slice(1)}, then raise the limit: in one stack per account and region set smsPreferencesEnabled: true and smsMonthlySpendLimitUsd, or set it in the console.`,
    };
  }
  return { id, status: "pass", reason: `The account's monthly SMS spend limit in ${facts.region} is ${current} USD${maximum}.`, next: "" };
}

function parseUsd(text: string | undefined): number | undefined {
  if (text === undefined || text.trim() === "") return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

export async function spendLimitCheck(context: AwsCheckContext): Promise<DoctorCheck> {
  const [sns, sms] = await Promise.all([
    callAws("sns:GetSMSAttributes", () => context.clients.sns.send(new GetSMSAttributesCommand({ attributes: ["MonthlySpendLimit"] }))),
    callAws("sms-voice:DescribeSpendLimits", () => context.clients.sms.send(new DescribeSpendLimitsCommand({}))),
  ]);
  if (!sns.ok && !sms.ok) return notRunCheck("aws.spend-limit", sns.problem, "the monthly SMS spend limit");
  const text: SpendLimit | undefined = sms.ok
    ? sms.value.SpendLimits?.find((limit) => limit.Name === "TEXT_MESSAGE_MONTHLY_SPEND_LIMIT")
    : undefined;
  return spendLimitVerdict({
    region: context.config.region,
    snsLimitUsd: sns.ok ? parseUsd(sns.value.attributes?.MonthlySpendLimit) : undefined,
    enforcedUsd: text?.EnforcedLimit,
    maxUsd: text?.MaxLimit,
    expectedUsd: context.config.smsPreferences?.monthlySpendLimitUsd,
  });
}

export async function optOutCheck(context: AwsCheckContext): Promise<DoctorCheck> {
  const id = "aws.opt-out";
  const to = context.to;
  if (to === undefined) return { id, status: "pass", reason: NO_TO, next: "" };
  const result = await callAws("sns:CheckIfPhoneNumberIsOptedOut", () =>
    context.clients.sns.send(new CheckIfPhoneNumberIsOptedOutCommand({ phoneNumber: to })),
  );
  if (!result.ok) return notRunCheck(id, result.problem, `whether ${maskPhoneNumber(to)} opted out`);
  if (result.value.isOptedOut === true) {
    return {
      id,
      status: "fail",
      reason: `${maskPhoneNumber(to)} has opted out of SMS from this account (it replied STOP): SNS delivers nothing to it.`,
      next: "If the phone's owner agrees, opt it back in (`aws sns opt-in-phone-number --phone-number <number>`; possible once every 30 days).",
    };
  }
  return { id, status: "pass", reason: `${maskPhoneNumber(to)} has not opted out.`, next: "" };
}
