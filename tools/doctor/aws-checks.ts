/**
 * The doctor's AWS checks, in the stack's region with the standard credential chain. Read-only: every
 * call is a Get, List, Describe or Check (docs/doctor.md lists the IAM actions). Each check that
 * cannot run is a `warn` saying why; refused credentials stop the others.
 */
import { createAwsClients, destroyAwsClients, type AwsClients } from "./aws-clients";
import type { AwsCheckContext, AwsDoctorInput } from "./aws-doctor-input";
import { callerIdentityCheck, senderAccessKeysCheck } from "./aws-identity-checks";
import { originationChecks, protectConfigurationCheck } from "./aws-origination-checks";
import { optOutCheck, sandboxCheck, sandboxDestinationCheck, sandboxStatus, spendLimitCheck } from "./aws-sms-account-checks";
import type { DoctorCheck } from "./doctor-check";

/** Every AWS check, in output order, with what it looks at (the command's --help lists these). */
export const AWS_CHECKS = [
  { id: "aws.caller-identity", about: "who the doctor calls AWS as (sts:GetCallerIdentity)" },
  { id: "aws.sms-sandbox", about: "the account is out of the SMS sandbox in the stack's region" },
  { id: "aws.sandbox-destination", about: "with --to, in the sandbox: the number is a verified destination" },
  {
    id: "aws.spend-limit",
    about: "the monthly SMS spend limit against the stack's smsMonthlySpendLimitUsd, the default 1 USD and the account's maximum",
  },
  { id: "aws.origination-identity", about: "each allowed country that requires one (US) has an active, SMS-capable registered number" },
  {
    id: "aws.origination-number",
    about: "the configured originationNumber is the account's, active, SMS-capable and of an allowed country",
  },
  { id: "aws.sender-id", about: "the configured senderId is registered and usable in the allowed countries" },
  { id: "aws.opt-out", about: "with --to: the number has not opted out of SMS" },
  { id: "aws.sender-access-keys", about: "the sender IAM user holds only the stack's own access key" },
  {
    id: "aws.protect-configuration",
    about: "the account-default protect configuration blocks no allowed country; with protectConfigurationEnabled, it is the stack's own",
  },
] as const;

export interface AwsChecksResult {
  checks: DoctorCheck[];
  /** AWS refused the credentials, none were found, or the account could not be reached (the command exits 2). */
  accountUnusable: boolean;
}

/** Runs every AWS check; `clients` is for tests that bring their own (default: made for the stack's region). */
export async function awsChecks(input: AwsDoctorInput, clients?: AwsClients): Promise<AwsChecksResult> {
  const owned = clients === undefined;
  const context: AwsCheckContext = { ...input, clients: clients ?? createAwsClients(input.config.region) };
  try {
    const identity = await callerIdentityCheck(context);
    if (identity.accountUnusable) {
      const skipped = AWS_CHECKS.slice(1).map(({ id }): DoctorCheck => ({
        id,
        status: "warn",
        reason: "Not checked: the doctor could not use the AWS account (see aws.caller-identity).",
        next: "Fix what aws.caller-identity names, then run the doctor again.",
      }));
      return { checks: [identity.check, ...skipped], accountUnusable: true };
    }
    const sandbox = await sandboxStatus(context);
    const [destination, spend, origination, optOut, keys, protect] = await Promise.all([
      sandboxDestinationCheck(context, sandbox),
      spendLimitCheck(context),
      originationChecks(context),
      optOutCheck(context),
      senderAccessKeysCheck(context),
      protectConfigurationCheck(context),
    ]);
    const checks = [identity.check, sandboxCheck(input.config.region, sandbox), destination, spend, ...origination, optOut, keys, protect];
    return { checks, accountUnusable: false };
  } finally {
    if (owned) destroyAwsClients(context.clients);
  }
}
