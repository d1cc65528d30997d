/**
 * The shape of the deploy role's source of truth: one row per group of AWS calls a resource type's
 * provider makes in one or more operations, where IAM authorizes them, and the provider source each
 * row was read from. The deploy role (and its read-only variant) is generated from these rows
 * (infra/aws/deploy-role-policy.ts); nothing else lists AWS actions.
 */

/**
 * What the engine asks the provider to do. A replacement is a create of the new resource and a delete
 * of the old one; `pulumi refresh` and `pulumi preview --refresh` are reads; the update `pulumi up`
 * makes to undo a change made by hand (drift) is an update.
 */
export type Operation = "create" | "read" | "update" | "delete";

export const OPERATIONS: readonly Operation[] = ["create", "read", "update", "delete"];

/**
 * Where IAM authorizes a call, as a family of ARNs the deploy role scopes to one stack
 * (deploy-role-arns.ts): the stack's own resources, or `"*"` where the action has no resource type.
 */
export type ArnFamily =
  /** The stack's sender user (`user/auth0-sns-mfa/<stack>/auth0-sms-sender-<stack>`). */
  | "senderUser"
  /** IAM groups under the stack's path: the only groups the delete takes the user out of. */
  | "stackGroups"
  /** Virtual MFA devices under the stack's path: the only ones the delete may remove. */
  | "stackVirtualMfaDevices"
  /** The delivery-status logging role (`role/auth0-sns-mfa/<stack>/<stack>-sms-delivery-status-logging-???????`). */
  | "deliveryStatusRole"
  /** Instance profiles under the stack's path: the only ones the role's delete takes it out of. */
  | "stackInstanceProfiles"
  /** The alarm topic (`<stack>-sms-alarms-???????`) and the subscriptions under it. */
  | "alarmTopic"
  /** The stack's alarms (`<stack>-sms-failures-???????`, `<stack>-sms-month-to-date-spend-???????`; with monitoring `<stack>-sms-failures-in-auth0-???????`, `<stack>-sms-rate-limited-by-auth0-???????`). */
  | "smsAlarms"
  /** Protect configurations in the stack's region tagged `Stack: <stack>` (AWS picks their ids, so the tag scopes them). */
  | "protectConfigurations"
  /** A new protect configuration (no resource type): in the stack's region, and only tagged `Stack: <stack>`. */
  | "newProtectConfiguration"
  /** The event bus named after the Auth0 partner event source (`aws.partner/auth0.com/...`). */
  | "partnerEventBus"
  /** That partner event source (`event-source/aws.partner/auth0.com/...`, no account in the ARN). */
  | "partnerEventSource"
  /** The monitoring rule on that bus (`<stack>-sms-mfa-log-events-???????`). */
  | "monitoringRule"
  /** The monitoring log group (`<stack>-sms-mfa-log-events-???????`) and its metric filters. */
  | "monitoringLogGroup"
  /** The monitoring dashboard (global: exactly `dashboard/<stack>-sms-mfa-dashboard`). */
  | "monitoringDashboard"
  /** No resource type, regional service: `"*"` in the stack's region only (`aws:RequestedRegion`). */
  | "inStackRegion"
  /** No resource type, global service (IAM answers in us-east-1 whatever the stack's region): `"*"`. */
  | "global";

export interface ProviderCallRow {
  /** The Pulumi resource type whose provider makes the calls (a dynamic resource: its Pulumi type). */
  type: string;
  /** The operations that make them. */
  operations: readonly Operation[];
  /** The IAM actions of the calls. */
  actions: readonly string[];
  /** Where IAM authorizes them. */
  on: ArnFamily;
  /** Only when this input of the resource is set (`set: true`) or unset (`set: false`); default: always. */
  when?: { input: string; set: boolean };
  /** A condition the role adds to these actions (e.g. iam:PassedToService), with the statement's Sid suffix. */
  condition?: { sid: string; test: Record<string, Record<string, string>> };
  /** Why the provider makes these calls, in a few words. */
  why: string;
  /** The provider source read: repository file and function. */
  source: string;
}
