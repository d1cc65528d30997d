/**
 * What the plan's resource monitor answers for a registration, like Pulumi's mocks: the outputs
 * echo the inputs, plus a plausible id and, for the AWS types this project uses, the ARN, auto-name
 * and unique id the provider would report. Everything is derived from the type and name, so two
 * runs give the same plan. Nothing here looks like a real credential.
 */
import { createHash } from "node:crypto";
import { PROTECT_CONFIGURATION_TYPE } from "../infra/aws/account-protect-configuration";
import { SECRET_PLACEHOLDER_PREFIX } from "../infra/config/validate-config";
import { wireString, type WireObject } from "./property-values";

/** The AWS account every placeholder ARN uses (AWS's documentation account). */
export const PLACEHOLDER_ACCOUNT_ID = "123456789012";

/** The tenant's phone_consolidated_experience flag the plan assumes (`--tenant-phone-consolidated-experience`). */
export type PlanTenantFlag = "on" | "off" | "unset";

export interface MockContext {
  /** aws:region from the stack configuration (or the default the plan assumes). */
  region: string;
  /** The Auth0 tenant auth0.getTenant describes; default a new tenant's: flag unset. */
  tenant?: { phoneConsolidatedExperience: PlanTenantFlag; friendlyName: string };
}

/** The friendly name the plan's stand-in tenant reports. */
export const PLACEHOLDER_TENANT_FRIENDLY_NAME = "Example Tenant";

export interface MockAnswer {
  id: string;
  /** Outputs a provider computes, added to the echoed inputs. */
  computed: WireObject;
}

function digest(...parts: string[]): string {
  return createHash("sha256").update(parts.join("\u0000")).digest("hex");
}

/** 16 upper-case letters and digits, as in IAM unique ids. */
function iamSuffix(seed: string, name: string): string {
  return digest("iam", seed, name).slice(0, 16).toUpperCase();
}

/** A UUID-shaped id (Auth0 actions, provider references). */
export function placeholderUuid(seed: string, name: string): string {
  const hex = digest("uuid", seed, name);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** The stand-in for a secret a provider would return; tests search the plan's output for it. */
export function secretOutputPlaceholder(seed: string, name: string): string {
  return `${SECRET_PLACEHOLDER_PREFIX}output-${digest("secret", seed, name).slice(0, 16)}`;
}

/** Pulumi's auto-name: the logical name plus 7 hex characters. */
export function autoName(seed: string, name: string): string {
  return `${name}-${digest("autoname", seed, name).slice(0, 7)}`;
}

function iamPath(inputs: WireObject): string {
  return wireString(inputs["path"]) ?? "/";
}

/** `seed` is the resource URN: every derived value differs between stacks and parents. */
type Answerer = (name: string, inputs: WireObject, context: MockContext, seed: string) => MockAnswer;

const arnPrefix = `arn:aws:iam::${PLACEHOLDER_ACCOUNT_ID}:`;

/** Resource name input, or the auto-name the AWS provider would choose. */
function awsName(inputs: WireObject, seed: string, name: string): string {
  return wireString(inputs["name"]) ?? autoName(seed, name);
}

const ANSWERERS: Record<string, Answerer> = {
  "aws:iam/user:User": (name, inputs, _context, seed) => {
    const userName = awsName(inputs, seed, name);
    return {
      id: userName,
      computed: { name: userName, arn: `${arnPrefix}user${iamPath(inputs)}${userName}`, uniqueId: `AIDA${iamSuffix(seed, name)}` },
    };
  },
  "aws:iam/role:Role": (name, inputs, _context, seed) => {
    const roleName = awsName(inputs, seed, name);
    return {
      id: roleName,
      computed: { name: roleName, arn: `${arnPrefix}role${iamPath(inputs)}${roleName}`, uniqueId: `AROA${iamSuffix(seed, name)}` },
    };
  },
  "aws:iam/policy:Policy": (name, inputs, _context, seed) => {
    const policyName = awsName(inputs, seed, name);
    const arn = `${arnPrefix}policy${iamPath(inputs)}${policyName}`;
    return { id: arn, computed: { name: policyName, arn, policyId: `ANPA${iamSuffix(seed, name)}` } };
  },
  "aws:iam/userPolicy:UserPolicy": (name, inputs, _context, seed) => {
    const policyName = awsName(inputs, seed, name);
    return { id: `${wireString(inputs["user"]) ?? "user"}:${policyName}`, computed: { name: policyName } };
  },
  "aws:iam/rolePolicy:RolePolicy": (name, inputs, _context, seed) => {
    const policyName = awsName(inputs, seed, name);
    return { id: `${wireString(inputs["role"]) ?? "role"}:${policyName}`, computed: { name: policyName } };
  },
  "aws:iam/userPolicyAttachment:UserPolicyAttachment": (name, inputs, _context, seed) => ({
    id: `${wireString(inputs["user"]) ?? "user"}-${digest(seed, name).slice(0, 20)}`,
    computed: {},
  }),
  "aws:iam/accessKey:AccessKey": (name, _inputs, _context, seed) => ({
    id: `AKIA${iamSuffix(seed, name)}`,
    // A stand-in secret (the monitor marks it secret, as the engine does for additionalSecretOutputs),
    // so the plan shows whether the program keeps it secret wherever it flows.
    computed: { status: "Active", secret: secretOutputPlaceholder(seed, name) },
  }),
  "aws:sns/topic:Topic": (name, inputs, context, seed) => {
    const topicName = awsName(inputs, seed, name);
    const arn = `arn:aws:sns:${context.region}:${PLACEHOLDER_ACCOUNT_ID}:${topicName}`;
    return { id: arn, computed: { name: topicName, arn } };
  },
  "aws:sns/topicSubscription:TopicSubscription": (name, inputs, context, seed) => {
    const topic = wireString(inputs["topic"]) ?? `arn:aws:sns:${context.region}:${PLACEHOLDER_ACCOUNT_ID}:topic`;
    const arn = `${topic}:${placeholderUuid(seed, name)}`;
    return { id: arn, computed: { arn } };
  },
  "aws:sns/smsPreferences:SmsPreferences": (_name, _inputs, context) => ({ id: `aws-sns-sms-preferences-${context.region}`, computed: {} }),
  "aws:cloudwatch/metricAlarm:MetricAlarm": (name, inputs, context, seed) => {
    const alarmName = awsName(inputs, seed, name);
    return {
      id: alarmName,
      computed: { name: alarmName, arn: `arn:aws:cloudwatch:${context.region}:${PLACEHOLDER_ACCOUNT_ID}:alarm:${alarmName}` },
    };
  },
  // The stack's account-default protect configuration (a dynamic resource): AWS names it `protect-` and 32 hex characters.
  [PROTECT_CONFIGURATION_TYPE]: (name, inputs, context, seed) => {
    const id = `protect-${digest("protect", seed, name).slice(0, 32)}`;
    const region = wireString(inputs["region"]) ?? context.region;
    return {
      id,
      computed: {
        protectConfigurationId: id,
        protectConfigurationArn: `arn:aws:sms-voice:${region}:${PLACEHOLDER_ACCOUNT_ID}:protect-configuration/${id}`,
        accountDefault: true,
      },
    };
  },
  // The partner event source Auth0 creates for an EventBridge log stream (`sink.awsPartnerEventSource`).
  "auth0:index/logStream:LogStream": (name, inputs, _context, seed) => {
    const sink = typeof inputs["sink"] === "object" && inputs["sink"] !== null && !Array.isArray(inputs["sink"]) ? inputs["sink"] : {};
    const source = `aws.partner/auth0.com/plan-tenant-${placeholderUuid(seed, name)}/auth0.logs`;
    return {
      id: `lst_${digest(seed, name).slice(0, 16)}`,
      computed: { status: "active", sink: { ...sink, awsPartnerEventSource: source } },
    };
  },
  "aws:cloudwatch/eventBus:EventBus": (name, inputs, context, seed) => {
    const busName = awsName(inputs, seed, name);
    return {
      id: busName,
      computed: { name: busName, arn: `arn:aws:events:${context.region}:${PLACEHOLDER_ACCOUNT_ID}:event-bus/${busName}` },
    };
  },
  "aws:cloudwatch/eventRule:EventRule": (name, inputs, context, seed) => {
    const ruleName = awsName(inputs, seed, name);
    const bus = wireString(inputs["eventBusName"]) ?? "default";
    return {
      id: `${bus}|${ruleName}`,
      computed: { name: ruleName, arn: `arn:aws:events:${context.region}:${PLACEHOLDER_ACCOUNT_ID}:rule/${bus}/${ruleName}` },
    };
  },
  "aws:cloudwatch/dashboard:Dashboard": (_name, inputs) => {
    const dashboardName = wireString(inputs["dashboardName"]) ?? "dashboard";
    return { id: dashboardName, computed: { dashboardArn: `arn:aws:cloudwatch::${PLACEHOLDER_ACCOUNT_ID}:dashboard/${dashboardName}` } };
  },
  "aws:cloudwatch/logGroup:LogGroup": (name, inputs, context, seed) => {
    const groupName = awsName(inputs, seed, name);
    return {
      id: groupName,
      computed: { name: groupName, arn: `arn:aws:logs:${context.region}:${PLACEHOLDER_ACCOUNT_ID}:log-group:${groupName}` },
    };
  },
};

/** The monitor's answer for one custom resource, identified by type, logical name and URN. */
export function mockAnswer(type: string, name: string, urn: string, inputs: WireObject, context: MockContext): MockAnswer {
  const answerer = ANSWERERS[type];
  if (answerer !== undefined) return answerer(name, inputs, context, urn);
  if (type.startsWith("pulumi:providers:") || type.startsWith("auth0:")) return { id: placeholderUuid(urn, name), computed: {} };
  return { id: `${name}-${digest(urn, name).slice(0, 8)}`, computed: {} };
}
