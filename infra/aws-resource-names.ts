/**
 * The names of the AWS resources the program creates, in one place: the components name their
 * resources with these, and the deploy role's policy (deploy-role-policy.ts) scopes its permissions
 * to exactly these names. Resources without an explicit name get Pulumi's autoname: the logical name,
 * "-", and 7 random characters.
 */

/** IAM path of the sender user and the delivery-status role of a stack. */
export function iamPath(stack: string): string {
  return `/auth0-sns-mfa/${stack}/`;
}

/** The sender IAM user's name (explicit, so the user is easy to find in the console and CloudTrail). */
export function senderUserName(stack: string): string {
  return `auth0-sms-sender-${stack}`;
}

/** Logical names of the opt-in resources (autonamed in AWS: `<logical name>-<7 characters>`). */
export const OPT_IN_RESOURCE_NAMES = {
  deliveryStatusRole: "sms-delivery-status-logging",
  alarmTopic: "sms-alarms",
  alarmEmailSubscription: "sms-alarms-email",
  failedSmsAlarm: "sms-failures",
  spendAlarm: "sms-month-to-date-spend",
} as const;
