/**
 * The preflight's unit of output: one finding about the AWS account or the Auth0 tenant, with what to
 * do next. Every check, AWS or Auth0, returns these; the command prints them and derives its exit code.
 */

/** `pass`: fine. `warn`: worth a look, or the check could not run. `fail`: MFA SMS will not work. */
export type CheckStatus = "pass" | "warn" | "fail";

export interface DoctorCheck {
  /** Stable identifier: `stack.`, `aws.` or `auth0.` then kebab-case, e.g. `aws.sms-sandbox`. */
  id: string;
  status: CheckStatus;
  /** What was found, in one sentence; never a secret, a code or a whole phone number. */
  reason: string;
  /** What the operator does next; empty for a pass with nothing to do. */
  next: string;
}

/** What the deployed stack told the doctor (`pulumi stack output`), when it was deployed. */
export interface DeployedStack {
  senderUserName?: string;
  accessKeyId?: string;
  actionId?: string;
  actionName?: string;
  /** The account-default protect configuration the stack manages (protectConfigurationEnabled). */
  protectConfigurationId?: string;
  /** The partner event source the monitoring bus is named after (monitoringEnabled). */
  logEventSourceName?: string;
  /** Console URL of the monitoring dashboard (monitoringEnabled). */
  dashboardUrl?: string;
}
