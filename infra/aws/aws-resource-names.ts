/**
 * The names of the AWS resources the program creates, in one place: the components name their
 * resources with these, and the deploy role's policy (deploy-role-policy.ts) and the doctor scope
 * their permissions and checks to exactly these names. `deploymentName` is SmsMfa's
 * `deploymentName` (the stack name in this project's program). Resources without an explicit name
 * get Pulumi's autoname: the logical name, "-", and 7 random characters.
 */

/** IAM path of the sender user and the delivery-status role of a deployment. */
export function iamPath(deploymentName: string): string {
  return `/auth0-sns-mfa/${deploymentName}/`;
}

/** The sender IAM user's name (explicit, so the user is easy to find in the console and CloudTrail). */
export function senderUserName(deploymentName: string): string {
  return `auth0-sms-sender-${deploymentName}`;
}

/**
 * The monitoring resources by role, named as the opt-ins are; but the bus is named after the partner
 * event source, the dashboard exactly `<instance>-sms-mfa-dashboard`, the policy LOG_RESOURCE_POLICY_NAME.
 */
export const MONITORING_RESOURCE_NAMES = {
  eventBus: "auth0-log-events-bus",
  eventRule: "sms-mfa-log-events",
  eventTarget: "sms-mfa-log-events-to-logs",
  logGroup: "sms-mfa-log-events",
  /** Each filter's logical name (and AWS name's start) adds `-<log type>`. */
  metricFilter: "sms-mfa-count",
  failedInAuth0Alarm: "sms-failures-in-auth0",
  rateLimitedAlarm: "sms-rate-limited-by-auth0",
  dashboard: "sms-mfa-dashboard",
  /** No AWS name: the Auth0 log stream (named `auth0-sns-mfa-<deploymentName>` in the tenant). */
  logStream: "auth0-log-stream",
  logsResourcePolicy: "eventbridge-to-logs-policy",
} as const;

/** The logical name of an opt-in or monitoring resource of instance `instanceName`: `<instance>-<name>`, autonamed `<instance>-<name>-<7 characters>`. */
export function childLogicalName(
  instanceName: string,
  role: keyof typeof OPT_IN_RESOURCE_NAMES | keyof typeof MONITORING_RESOURCE_NAMES,
): string {
  return `${instanceName}-${{ ...OPT_IN_RESOURCE_NAMES, ...MONITORING_RESOURCE_NAMES }[role]}`;
}

/** The account's one CloudWatch Logs resource policy for EventBridge (at most 10 per account and region: stacks share it). */
export const LOG_RESOURCE_POLICY_NAME = "auth0-sns-mfa-eventbridge-to-logs";

/** The opt-in resources' roles (sms-account-opt-ins.ts). */
export const OPT_IN_RESOURCE_NAMES = {
  deliveryStatusRole: "sms-delivery-status-logging",
  alarmTopic: "sms-alarms",
  alarmEmailSubscription: "sms-alarms-email",
  failedSmsAlarm: "sms-failures",
  spendAlarm: "sms-month-to-date-spend",
  /** No AWS name: the account's SMS attributes in the region. */
  smsPreferences: "sms-preferences",
  /** No AWS name (AWS gives the protect configuration an id). */
  protectConfiguration: "sms-protect-configuration",
} as const;

/**
 * Every way the stack's IAM names break AWS's rules (https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateUser.html):
 * UserName 1-64 characters of `[\w+=,.@-]`; Path 1-512 characters, `/` or `/…/` of `\u0021-\u007E`.
 */
export function iamNameProblems(deploymentName: string, source = "the stack name"): string[] {
  const problems: string[] = [];
  const user = senderUserName(deploymentName);
  if (user.length > 64 || !/^[\w+=,.@-]+$/.test(user)) {
    problems.push(`IAM user name "${user}" (from ${source}): at most 64 letters, digits and _ + = , . @ -; use a shorter name`);
  }
  const path = iamPath(deploymentName);
  if (path.length > 512 || !/^\/([\u0021-\u007E]+\/)?$/.test(path)) {
    problems.push(`IAM path "${path}" (from ${source}): at most 512 printable ASCII characters between slashes`);
  }
  return problems;
}
