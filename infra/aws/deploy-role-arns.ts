/**
 * Where the deploy role may act, per ARN family of the provider-call table: the IAM resource patterns
 * of one stack's resources, built from the names the program gives them (aws-resource-names.ts).
 * Every pattern names that stack exactly (its IAM path, or its autoname prefix followed by exactly 7
 * characters), so a stack's role never reaches another stack's resources in the same account. Pure.
 */
import { iamPath, MONITORING_RESOURCE_NAMES, OPT_IN_RESOURCE_NAMES, senderUserName } from "./aws-resource-names";
import { STACK_TAG } from "./iam-tag-rules";
import type { ArnFamily } from "./provider-calls";

/**
 * The IAM resource pattern of the AWS name an autonamed resource of stack `stack` gets (Pulumi's
 * autoname: the logical name `<stack>-<role>`, "-", 7 random characters; IAM's `?` is one character).
 * Exact, so no other stack's names match: stack `dev` never reaches stack `dev-sms-alarms`'s
 * `dev-sms-alarms-sms-alarms-1a2b3c4`.
 */
export function autonamePattern(stack: string, role: string): string {
  return `${stack}-${role}-???????`;
}

/** The Auth0 partner event sources, as an IAM pattern: the monitoring bus is named after its source (`aws.partner/auth0.com/<tenant>-<id>/auth0.logs`). */
export const AUTH0_PARTNER_EVENT_SOURCES = "aws.partner/auth0.com/*";

/** The stack the patterns are for. */
export interface StackArnScope {
  stack: string;
  region: string;
  accountId: string;
  /** The monitoring bus's partner event source, when known; default: any Auth0 partner source. */
  eventSourceName?: string | undefined;
  /** monitoringEnabled: the Auth0-side alarms join the stack's alarms. */
  monitoring?: boolean | undefined;
}

/** The ARN partition of a region: China and AWS GovCloud have their own. */
export function partitionOf(region: string): string {
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  return "aws";
}

/** The resource patterns of an ARN family for one stack; `"*"` for actions without a resource type. */
export function arnPatterns(family: ArnFamily, scope: StackArnScope): string[] {
  const { stack, region, accountId } = scope;
  const partition = partitionOf(region);
  const iam = (kind: string, name: string) => `arn:${partition}:iam::${accountId}:${kind}${iamPath(stack)}${name}`;
  const inRegion = (service: string, resource: string) => `arn:${partition}:${service}:${region}:${accountId}:${resource}`;
  const optIn = (role: keyof typeof OPT_IN_RESOURCE_NAMES) => autonamePattern(stack, OPT_IN_RESOURCE_NAMES[role]);
  const bus = scope.eventSourceName ?? AUTH0_PARTNER_EVENT_SOURCES;
  switch (family) {
    case "senderUser":
      return [iam("user", senderUserName(stack))];
    case "stackGroups":
      return [iam("group", "*")];
    case "stackVirtualMfaDevices":
      return [iam("mfa", "*")];
    case "stackInstanceProfiles":
      return [iam("instance-profile", "*")];
    case "deliveryStatusRole":
      return [iam("role", optIn("deliveryStatusRole"))];
    case "alarmTopic": {
      const topic = inRegion("sns", optIn("alarmTopic"));
      // Subscription calls are authorized on the topic; its subscriptions' ARNs are `<topic ARN>:<id>`.
      return [topic, `${topic}:*`];
    }
    case "smsAlarms": {
      const monitoring =
        scope.monitoring === true ? [MONITORING_RESOURCE_NAMES.failedInAuth0Alarm, MONITORING_RESOURCE_NAMES.rateLimitedAlarm] : [];
      const names = [optIn("failedSmsAlarm"), optIn("spendAlarm"), ...monitoring.map((role) => autonamePattern(stack, role))];
      return names.map((name) => inRegion("cloudwatch", `alarm:${name}`));
    }
    case "protectConfigurations":
      return [inRegion("sms-voice", "protect-configuration/*")];
    case "partnerEventBus":
      return [inRegion("events", `event-bus/${bus}`)];
    case "partnerEventSource":
      return [`arn:${partition}:events:${region}::event-source/${bus}`];
    case "monitoringRule":
      return [inRegion("events", `rule/${bus}/${autonamePattern(stack, MONITORING_RESOURCE_NAMES.eventRule)}`)];
    case "monitoringLogGroup": {
      const group = inRegion("logs", `log-group:${autonamePattern(stack, MONITORING_RESOURCE_NAMES.logGroup)}`);
      return [group, `${group}:*`];
    }
    case "monitoringDashboard":
      return [`arn:${partition}:cloudwatch::${accountId}:dashboard/${stack}-${MONITORING_RESOURCE_NAMES.dashboard}`];
    case "newProtectConfiguration":
    case "inStackRegion":
    case "global":
      return ["*"];
  }
}

/** The condition the role puts on an ARN family for one stack: the region where the ARN cannot say it, the stack's tag where AWS picks the name. */
export function arnConditions(family: ArnFamily, scope: StackArnScope): Record<string, Record<string, string>> | undefined {
  const inRegion = { "aws:RequestedRegion": scope.region };
  switch (family) {
    case "inStackRegion":
      return { StringEquals: inRegion };
    case "protectConfigurations":
      return { StringEquals: { [`aws:ResourceTag/${STACK_TAG}`]: scope.stack } };
    case "newProtectConfiguration":
      return { StringEquals: { ...inRegion, [`aws:RequestTag/${STACK_TAG}`]: scope.stack } };
    default:
      return undefined;
  }
}
