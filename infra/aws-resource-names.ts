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

/**
 * Every way the stack's IAM names break AWS's rules (empty when IAM accepts them). Source: AWS IAM
 * API Reference, CreateUser (https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateUser.html):
 * UserName 1-64 characters of `[\w+=,.@-]`; Path 1-512 characters, `/` or `/…/` of `\u0021-\u007E`.
 */
export function iamNameProblems(stack: string): string[] {
  const problems: string[] = [];
  const user = senderUserName(stack);
  if (user.length > 64 || !/^[\w+=,.@-]+$/.test(user)) {
    problems.push(`IAM user name "${user}" (from the stack name): at most 64 letters, digits and _ + = , . @ -; use a shorter stack name`);
  }
  const path = iamPath(stack);
  if (path.length > 512 || !/^\/([\u0021-\u007E]+\/)?$/.test(path)) {
    problems.push(`IAM path "${path}" (from the stack name): at most 512 printable ASCII characters between slashes`);
  }
  return problems;
}
