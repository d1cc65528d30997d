/**
 * Entry of the Pulumi program (Pulumi.yaml `main: infra/`): validate the stack's configuration,
 * then compose the AWS side and the Auth0 side. The exports are the stack outputs.
 */
import { defineSmsMfaStack } from "./sms-mfa-stack";
import { readStackConfig } from "./stack-config";

const stack = defineSmsMfaStack(readStackConfig());

export const senderUserArn = stack.senderUserArn;
export const accessKeyId = stack.accessKeyId;
export const accessKeyGeneration = stack.accessKeyGeneration;
export const senderSecretAccessKey = stack.senderSecretAccessKey;
export const actionId = stack.actionId;
export const actionName = stack.actionName;
export const phoneExperience = stack.phoneExperience;
export const region = stack.region;
export const allowedCountries = stack.allowedCountries;
