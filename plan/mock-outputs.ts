/**
 * What the plan's resource monitor answers for a registration, like Pulumi's mocks: the outputs
 * echo the inputs, plus a plausible id and, for the AWS types this project uses, the ARN, auto-name
 * and unique id the provider would report. Everything is derived from the type and name, so two
 * runs give the same plan. Nothing here looks like a real credential.
 */
import { createHash } from "node:crypto";
import { SECRET_PLACEHOLDER_PREFIX } from "./plaintext-secrets";
import { wireString, type WireObject } from "./property-values";

/** The AWS account every placeholder ARN uses (AWS's documentation account). */
export const PLACEHOLDER_ACCOUNT_ID = "123456789012";

export interface MockContext {
  /** aws:region from the stack configuration (or the default the plan assumes). */
  region: string;
}

export interface MockAnswer {
  id: string;
  /** Outputs a provider computes, added to the echoed inputs. */
  computed: WireObject;
}

function digest(...parts: string[]): string {
  return createHash("sha256").update(parts.join("\u0000")).digest("hex");
}

/** 16 upper-case letters and digits, as in IAM unique ids. */
function iamSuffix(type: string, name: string): string {
  return digest("iam", type, name).slice(0, 16).toUpperCase();
}

/** A UUID-shaped id (Auth0 actions, provider references). */
export function placeholderUuid(type: string, name: string): string {
  const hex = digest("uuid", type, name);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** The stand-in for a secret a provider would return; tests search the plan's output for it. */
export function secretOutputPlaceholder(type: string, name: string): string {
  return `${SECRET_PLACEHOLDER_PREFIX}output-${digest("secret", type, name).slice(0, 16)}`;
}

/** Pulumi's auto-name: the logical name plus 7 hex characters. */
export function autoName(type: string, name: string): string {
  return `${name}-${digest("autoname", type, name).slice(0, 7)}`;
}

function iamPath(inputs: WireObject): string {
  return wireString(inputs["path"]) ?? "/";
}

type Answerer = (name: string, inputs: WireObject, context: MockContext, type: string) => MockAnswer;

const arnPrefix = `arn:aws:iam::${PLACEHOLDER_ACCOUNT_ID}:`;

/** Resource name input, or the auto-name the AWS provider would choose. */
function awsName(inputs: WireObject, type: string, name: string): string {
  return wireString(inputs["name"]) ?? autoName(type, name);
}

const ANSWERERS: Record<string, Answerer> = {
  "aws:iam/user:User": (name, inputs, _context, type) => {
    const userName = awsName(inputs, type, name);
    return {
      id: userName,
      computed: { name: userName, arn: `${arnPrefix}user${iamPath(inputs)}${userName}`, uniqueId: `AIDA${iamSuffix(type, name)}` },
    };
  },
  "aws:iam/role:Role": (name, inputs, _context, type) => {
    const roleName = awsName(inputs, type, name);
    return {
      id: roleName,
      computed: { name: roleName, arn: `${arnPrefix}role${iamPath(inputs)}${roleName}`, uniqueId: `AROA${iamSuffix(type, name)}` },
    };
  },
  "aws:iam/policy:Policy": (name, inputs, _context, type) => {
    const policyName = awsName(inputs, type, name);
    const arn = `${arnPrefix}policy${iamPath(inputs)}${policyName}`;
    return { id: arn, computed: { name: policyName, arn, policyId: `ANPA${iamSuffix(type, name)}` } };
  },
  "aws:iam/userPolicy:UserPolicy": (name, inputs, _context, type) => {
    const policyName = awsName(inputs, type, name);
    return { id: `${wireString(inputs["user"]) ?? "user"}:${policyName}`, computed: { name: policyName } };
  },
  "aws:iam/userPolicyAttachment:UserPolicyAttachment": (name, inputs, _context, type) => ({
    id: `${wireString(inputs["user"]) ?? "user"}-${digest(type, name).slice(0, 20)}`,
    computed: {},
  }),
  "aws:iam/accessKey:AccessKey": (name, _inputs, _context, type) => ({
    id: `AKIA${iamSuffix(type, name)}`,
    // A stand-in secret (the monitor marks it secret, as the engine does for additionalSecretOutputs),
    // so the plan shows whether the program keeps it secret wherever it flows.
    computed: { status: "Active", secret: secretOutputPlaceholder(type, name) },
  }),
  "aws:sns/topic:Topic": (name, inputs, context, type) => {
    const topicName = awsName(inputs, type, name);
    const arn = `arn:aws:sns:${context.region}:${PLACEHOLDER_ACCOUNT_ID}:${topicName}`;
    return { id: arn, computed: { name: topicName, arn } };
  },
  "aws:sns/smsPreferences:SmsPreferences": (_name, _inputs, context) => ({ id: `aws-sns-sms-preferences-${context.region}`, computed: {} }),
  "aws:cloudwatch/metricAlarm:MetricAlarm": (name, inputs, context, type) => {
    const alarmName = awsName(inputs, type, name);
    return {
      id: alarmName,
      computed: { name: alarmName, arn: `arn:aws:cloudwatch:${context.region}:${PLACEHOLDER_ACCOUNT_ID}:alarm:${alarmName}` },
    };
  },
  "aws:cloudwatch/logGroup:LogGroup": (name, inputs, context, type) => {
    const groupName = awsName(inputs, type, name);
    return {
      id: groupName,
      computed: { name: groupName, arn: `arn:aws:logs:${context.region}:${PLACEHOLDER_ACCOUNT_ID}:log-group:${groupName}` },
    };
  },
};

/** The monitor's answer for one custom resource. */
export function mockAnswer(type: string, name: string, inputs: WireObject, context: MockContext): MockAnswer {
  const answerer = ANSWERERS[type];
  if (answerer !== undefined) return answerer(name, inputs, context, type);
  if (type.startsWith("pulumi:providers:")) return { id: placeholderUuid(type, name), computed: {} };
  if (type.startsWith("auth0:")) return { id: placeholderUuid(type, name), computed: {} };
  return { id: `${name}-${digest(type, name).slice(0, 8)}`, computed: {} };
}
