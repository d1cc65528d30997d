/**
 * The table of AWS calls behind the deploy role: every resource type the program can create, per
 * operation and per input that changes them, each row citing the provider source it was read from
 * (one file per concern below). infra/aws/deploy-role-policy.ts generates the role from it;
 * test/infra/deploy-role-completeness.test.ts judges every row against the role for every planned
 * resource of every stack variant.
 */
import { PROTECT_CONFIGURATION_TYPE } from "../account-protect-configuration";
import { DELIVERY_STATUS_ROLE_CALLS } from "./delivery-status-role-calls";
import { DOCTOR_CALLS, DOCTOR_MONITORING_TYPE, DOCTOR_TYPE } from "./doctor-calls";
import { MONITORING_CALLS, MONITORING_TYPES } from "./monitoring-calls";
import { PROTECT_CONFIGURATION_CALLS } from "./protect-configuration-calls-table";
import type { Operation, ProviderCallRow } from "./provider-call-row";
import { SENDER_USER_CALLS } from "./sender-user-calls";
import { SMS_OPT_IN_CALLS } from "./sms-opt-in-calls";

export type { ArnFamily, Operation, ProviderCallRow } from "./provider-call-row";
export { OPERATIONS } from "./provider-call-row";
export { DOCTOR_MONITORING_TYPE, DOCTOR_READ_ACTIONS, DOCTOR_TYPE } from "./doctor-calls";
export { MONITORING_TYPES } from "./monitoring-calls";

export const PROVIDER_CALLS: readonly ProviderCallRow[] = [
  ...SENDER_USER_CALLS,
  ...DOCTOR_CALLS,
  ...DELIVERY_STATUS_ROLE_CALLS,
  ...SMS_OPT_IN_CALLS,
  ...PROTECT_CONFIGURATION_CALLS,
  ...MONITORING_CALLS,
];

/**
 * The inputs named in the rows' `when` that the program sets (truthy), per resource type; every other
 * such input is unset. Checked against the inputs of every planned resource by the completeness test.
 */
export const INPUTS_THE_PROGRAM_SETS: Readonly<Record<string, readonly string[]>> = {
  "aws:iam/user:User": ["forceDestroy"],
  "aws:sns/smsPreferences:SmsPreferences": ["deliveryStatusIamRoleArn"],
  "aws:cloudwatch/logGroup:LogGroup": ["retentionInDays"],
};

/** Whether a row applies to a resource whose inputs the program sets as `isSet` says. */
export function rowApplies(row: ProviderCallRow, isSet: (input: string) => boolean): boolean {
  return row.when === undefined || isSet(row.when.input) === row.when.set;
}

/** Which opt-ins a stack's configuration turns on (undefined or disabled: off). */
export interface ResourceTypeSwitches {
  smsPreferences: unknown;
  alarms: unknown;
  protectConfiguration?: unknown;
  monitoring?: boolean;
}

/** The resource types a stack with these opt-ins creates, plus the doctor's pseudo type unless `withDoctor` is false. */
export function resourceTypesFor(config: ResourceTypeSwitches, withDoctor = true): string[] {
  return [
    "aws:iam/user:User",
    "aws:iam/userPolicy:UserPolicy",
    "aws:iam/accessKey:AccessKey",
    ...(withDoctor ? [DOCTOR_TYPE] : []),
    ...(withDoctor && config.monitoring === true ? [DOCTOR_MONITORING_TYPE] : []),
    ...(config.smsPreferences === undefined
      ? []
      : ["aws:iam/role:Role", "aws:iam/rolePolicy:RolePolicy", "aws:sns/smsPreferences:SmsPreferences"]),
    ...(config.alarms === undefined
      ? []
      : ["aws:sns/topic:Topic", "aws:sns/topicSubscription:TopicSubscription", "aws:cloudwatch/metricAlarm:MetricAlarm"]),
    ...(config.protectConfiguration === undefined ? [] : [PROTECT_CONFIGURATION_TYPE]),
    ...(config.monitoring === true ? MONITORING_TYPES : []),
  ];
}

/** The rows for these resource types and operations, as the program sets its inputs. */
export function providerCallsFor(types: readonly string[], operations: readonly Operation[]): ProviderCallRow[] {
  return PROVIDER_CALLS.filter(
    (row) =>
      types.includes(row.type) &&
      row.operations.some((operation) => operations.includes(operation)) &&
      rowApplies(row, (input) => INPUTS_THE_PROGRAM_SETS[row.type]?.includes(input) === true),
  );
}
