/**
 * What `npm run doctor` (run with the deploy role before `pulumi up`) reads in the stack's region
 * (tools/doctor/aws-*-checks.ts): SNS and End User Messaging SMS read actions, none with a resource
 * type except the protect configuration (allowed in the stack's region only), and iam:ListAccessKeys
 * on the sender user; with monitoringEnabled, the partner event source's state. Not part of the read-only role: previews and drift detection do not run it.
 */
import type { ProviderCallRow } from "./provider-call-row";

/** The pseudo resource type of the doctor's rows. */
export const DOCTOR_TYPE = "tools/doctor";
/** The pseudo resource type of the doctor's reads for monitoringEnabled. */
export const DOCTOR_MONITORING_TYPE = "tools/doctor (monitoringEnabled)";

/** The doctor's reads in the stack's region (access level Read or List in the Service Authorization Reference). */
export const DOCTOR_READ_ACTIONS = [
  "sns:GetSMSSandboxAccountStatus",
  "sns:ListSMSSandboxPhoneNumbers",
  "sns:GetSMSAttributes",
  "sns:CheckIfPhoneNumberIsOptedOut",
  "sms-voice:DescribeSpendLimits",
  "sms-voice:DescribePhoneNumbers",
  "sms-voice:DescribeSenderIds",
  "sms-voice:DescribeProtectConfigurations",
  "sms-voice:GetProtectConfigurationCountryRuleSet",
] as const;

export const DOCTOR_CALLS: readonly ProviderCallRow[] = [
  {
    type: DOCTOR_TYPE,
    operations: ["read"],
    actions: DOCTOR_READ_ACTIONS,
    on: "inStackRegion",
    why: "the preflight reads the account's SMS state",
    source: "tools/doctor/aws-sms-account-checks.ts, aws-origination-checks.ts (this project)",
  },
  {
    type: DOCTOR_TYPE,
    operations: ["read"],
    actions: ["iam:ListAccessKeys"],
    on: "senderUser",
    why: "the preflight lists the sender user's keys",
    source: "tools/doctor/aws-identity-checks.ts (this project)",
  },
  {
    type: DOCTOR_MONITORING_TYPE,
    operations: ["read"],
    actions: ["events:DescribeEventSource"],
    on: "partnerEventSource",
    why: "the preflight reads the state (ACTIVE, PENDING) of the partner event source the bus is named after",
    source: "tools/doctor/monitoring-checks.ts, aws.log-event-source (this project)",
  },
];
